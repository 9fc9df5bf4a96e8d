// `rigor select` end to end through build/bin/rigor: property files and constants,
// ties, NaN, streaming stdin to stdout, and bad input (a one-line message, exit 1 or 2,
// no output file left behind); `rigor stats` (PlaneStats) and its files read by select.
#include <catch2/catch.hpp>

#include "tests/support/cli_scratch.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

#include "pixel/io/format.hpp"
#include "pixel/io/frame.hpp"
#include "pixel/io/picture.hpp"
#include "pixel/io/y4m.hpp"
#include "pixel/select/property_list.hpp"

using rigor::pixel::Frame;
namespace fs = std::filesystem;

namespace {

const std::string kRigor = std::string(RIGOR_BIN_DIR) + "/rigor";

using Dir = rigor::test::ScratchDir;
using rigor::test::run;

// Clip `clip` of `count` frames: sample (x, y) of frame n is 10 clip + n + x + 4 y, so
// every output frame tells which clip and which frame it came from.
void write_clip(const std::string& path, int clip, int count, const std::string& format = "gray8", int w = 4,
                int h = 2) {
    std::ofstream out(path, std::ios::binary);
    rigor::pixel::Y4mHeader header;
    header.format = rigor::pixel::parse_format_name(format);
    header.width = w;
    header.height = h;
    rigor::pixel::Y4mWriter writer(out, header);
    for (int n = 0; n < count; ++n) {
        Frame f(header.format, w, h);
        for (int p = 0; p < f.planes(); ++p)
            for (int y = 0; y < f.plane(p).height(); ++y)
                for (int x = 0; x < f.plane(p).width(); ++x)
                    f.plane(p).row_as<std::uint8_t>(y)[x] = std::uint8_t(10 * clip + n + x + 4 * y);
        writer.write_frame(f);
    }
}

// For each frame of a y4m file: the clip it came from (checking all its samples).
std::vector<int> chosen_clips(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    rigor::pixel::Y4mReader reader(in, path);
    std::vector<int> clips;
    Frame f;
    for (int n = 0; reader.read_frame(f); ++n) {
        const int clip = (f.plane(0).row_as<std::uint8_t>(0)[0] - n) / 10;
        for (int y = 0; y < f.height(); ++y)
            for (int x = 0; x < f.width(); ++x)
                REQUIRE(int(f.plane(0).row_as<std::uint8_t>(y)[x]) == 10 * clip + n + x + 4 * y);
        clips.push_back(clip);
    }
    return clips;
}

void write_text(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

}  // namespace

TEST_CASE("rigor select: property files, constants, ties to the first, the shortest input", "[cli]") {
    REQUIRE(fs::exists(kRigor));
    Dir d;
    write_clip(d / "a.y4m", 0, 5);
    write_clip(d / "b.y4m", 1, 5);
    write_clip(d / "c.y4m", 2, 4);
    // Binary fractions, so that equal distances are equal in binary32 too.
    write_text(d / "a.json", R"([{"P": 0.125}, {"P": 0.625}, {"P": 0.25}, {"P": 0.375}, {"P": 1}])");
    write_text(d / "b.json", R"([{"P": 0.25, "_PictType": "I"}, {"P": 0.25}, {"P": 0.5}, {"P": 0.375}, {"P": 0}])");
    const std::string closest =
        " -e 'x.P 0.5 - abs y.P 0.5 - abs z.P 0.5 - abs argmin3' --prop-file x=" + (d / "a.json") +
        " --prop-file y=" + (d / "b.json") + " --prop z.P=0.75 ";
    const std::string inputs = " " + (d / "a.y4m") + " " + (d / "b.y4m") + " " + (d / "c.y4m");
    // distances a/b/c: .375 .25 .25 | .125 .25 .25 | .25 0 .25 | .125 .125 .25
    REQUIRE(run(kRigor + " select" + closest + "-o " + (d / "o.y4m") + inputs, d) == 0);
    CHECK(chosen_clips(d / "o.y4m") == std::vector<int>{1, 0, 1, 0});  // 4 frames: c is shortest
    // --prop wins over --prop-file: b is always at distance 0.
    REQUIRE(run(kRigor + " select" + closest + "--prop y.P=0.5 -o " + (d / "p.y4m") + inputs, d) == 0);
    CHECK(chosen_clips(d / "p.y4m") == std::vector<int>{1, 1, 1, 1});
    // Rounded half away from zero: 0.5 -> 1.  A missing property is an error unless given
    // a default: NaN (false in ?), or by name.
    REQUIRE(run(kRigor + " select -e x.K --prop x.K=0.5 -o " + (d / "h.y4m") + inputs, d) == 0);
    CHECK(chosen_clips(d / "h.y4m") == std::vector<int>{1, 1, 1, 1});
    REQUIRE(run(kRigor + " select -e 'x.Nope 1 7 ?' --missing-props nan -o " + (d / "n.y4m") + inputs, d) == 0);
    CHECK(chosen_clips(d / "n.y4m") == std::vector<int>{2, 2, 2, 2});  // 7 clamped to the last
    REQUIRE(run(kRigor + " select -e 'x.Nope' --prop-default Nope=1 --missing-props zero -o " + (d / "d.y4m") + inputs,
                d) == 0);
    CHECK(chosen_clips(d / "d.y4m") == std::vector<int>{1, 1, 1, 1});
    REQUIRE(run(kRigor + " select -e 'x.Other' --prop-default Nope=1 --missing-props zero -o " + (d / "z.y4m") + inputs,
                d) == 0);
    CHECK(chosen_clips(d / "z.y4m") == std::vector<int>{0, 0, 0, 0});
    // A string property reads its first byte: b's frame 0 is "I" (73), the others lack it.
    REQUIRE(run(kRigor + " select -e 'y._PictType 73 = 2 *' --prop-file y=" + (d / "b.json") +
                    " --missing-props zero -o " + (d / "s.y4m") + inputs,
                d) == 0);
    CHECK(chosen_clips(d / "s.y4m") == std::vector<int>{2, 0, 0, 0});
    CHECK(run(kRigor + " select --help > " + (d / "help.txt"), d) == 0);
    CHECK(fs::file_size(d / "help.txt") > 300);
}

TEST_CASE("rigor select streams stdin to stdout", "[cli]") {
    REQUIRE(fs::exists(kRigor));
    Dir d;
    write_clip(d / "a.y4m", 0, 5, "yuv420p8", 6, 4);
    write_clip(d / "b.y4m", 1, 5, "yuv420p8", 6, 4);
    REQUIRE(run("cat " + (d / "b.y4m") + " | " + kRigor + " select -e 'N 2 %' -o - " + (d / "a.y4m") + " - | cat > " +
                    (d / "s.y4m"),
                d) == 0);
    CHECK(chosen_clips(d / "s.y4m") == std::vector<int>{0, 1, 0, 1, 0});
}

TEST_CASE("rigor select bad input: a clear message, no output file", "[cli]") {
    REQUIRE(fs::exists(kRigor));
    Dir d;
    write_clip(d / "a.y4m", 0, 3);
    write_clip(d / "b.y4m", 1, 3);
    write_clip(d / "small.y4m", 1, 3, "gray8", 3, 3);
    write_clip(d / "yuv.y4m", 1, 3, "yuv420p8");
    write_text(d / "short.json", R"([{"P": 1}, {"P": 0}])");
    write_text(d / "text.json", R"([{"P": ["one"]}, {"P": 0}, {"P": 0}])");
    const std::string o = " -o " + (d / "out.y4m") + " ";
    const std::string ab = " " + (d / "a.y4m") + " " + (d / "b.y4m");
    struct Case {
        std::string args, message;
        int status;
    };
    const std::vector<Case> cases = {
        {"-e 'x 0.5 >'" + o + ab, "pixel values are not available here: x (token 1", 1},
        {"-e 'x[1,0] x.P +'" + o + ab, "pixel values are not available here: x[1,0]", 1},
        {"-e 'X'" + o + ab, "select reads only frame properties", 1},
        {"-e 'z.P'" + o + ab, "reference to undefined clip: z.P", 1},
        {"-e 'x.P y.P 2 argmin2'" + o + ab, "2 unconsumed values on stack", 1},
        {"-e 'x.P' --prop-file x=" + (d / "short.json") + o + ab,
         "lists properties for 2 frame(s), but input '" + (d / "a.y4m") + "' has a frame 2", 1},
        {"-e 'x.P' --prop-file x=" + (d / "text.json") + o + ab, "property 'P' of frame 0 is an array", 1},
        {"-e 'x.P y.Q +' --prop x.P=1" + o + ab,
         "frame 0 of clip y has no property 'Q' (y.Q, read by the select expression); give it (--prop", 1},
        {"-e 'x.P' --missing-props maybe" + o + ab, "--missing-props expects error, nan or zero, got 'maybe'", 2},
        {"-e 'x.P' --prop-default P" + o + ab, "--prop-default expects NAME=VALUE", 2},
        {"-e 'x.P' --prop x.P=0.5q" + o + ab, "--prop expects CLIP.NAME=VALUE", 2},
        {"-e 'x.P' --prop-file x=" + (d / "none.json") + o + ab, "cannot read '", 1},
        {"-e 'x.P' --prop-file " + (d / "short.json") + o + ab, "--prop-file expects CLIP=FILE.json", 2},
        {"-e 'x.P' --prop-file xy=" + (d / "short.json") + o + ab, "--prop-file: 'xy' is not a clip name", 2},
        {"-e 'x.P' --prop-file q=" + (d / "short.json") + o + ab, "--prop-file names clip 19 but only 2", 1},
        {"-e 'x.P' --prop x.P" + o + ab, "--prop expects CLIP.NAME=VALUE", 2},
        {"-e 'x.P' --prop z.P=1" + o + ab, "--prop names clip 2 but only 2 input(s) are given", 1},
        {"-e 'x.P'" + o + (d / "a.y4m") + " " + (d / "small.y4m"), "select needs one format and size", 1},
        {"-e 'x.P'" + o + (d / "a.y4m") + " " + (d / "yuv.y4m"), "is yuv420p8 4x2 but", 1},
        {"-e 'x.P' -o " + (d / "out.png") + ab, "select writes video", 1},
        {"-o " + (d / "out.y4m") + ab, "the argument -e/--expr is required", 2},
        {"-e 'x.P'" + ab, "the argument -o/--output is required", 2},
    };
    for (const Case& c : cases) {
        std::string err;
        INFO(c.args);
        CHECK(run(kRigor + " select " + c.args, d, &err) == c.status);
        CHECK(err.find(c.message) != std::string::npos);
        CHECK(std::count(err.begin(), err.end(), '\n') == 1);
        INFO(err);
        CHECK_FALSE(fs::exists(d / "out.y4m"));
        CHECK_FALSE(fs::exists(d / "out.png"));
    }
    for (const auto& entry : fs::directory_iterator(d.path))
        CHECK(entry.path().filename().string().find(".tmp-") == std::string::npos);
}

// `rigor stats` (std.PlaneStats) then `rigor select` on its files: no user script.
namespace {

std::vector<rigor::pixel::FrameProperties> read_stats(const std::string& path, const std::string& prefix = "PlaneStats") {
    const std::vector<std::string> wanted = {prefix + "Min", prefix + "Max", prefix + "Average", prefix + "Diff"};
    return rigor::pixel::select::read_property_list_file(path, wanted);
}

}  // namespace

TEST_CASE("rigor stats: PlaneStats per frame, the difference, any input, then select picks by it", "[cli]") {
    REQUIRE(fs::exists(kRigor));
    Dir d;
    write_clip(d / "a.y4m", 0, 5);
    write_clip(d / "b.y4m", 1, 5);
    REQUIRE(run(kRigor + " stats " + (d / "a.y4m") + " -o " + (d / "a.json"), d) == 0);
    REQUIRE(run(kRigor + " stats -q " + (d / "b.y4m") + " " + (d / "a.y4m") + " -o " + (d / "b.json"), d) == 0);
    // Clip c frame n, 4x2: samples 10c + n + x + 4y, so min 10c + n, max 10c + n + 7 and
    // mean 10c + n + 3.5; b differs from a by 10 everywhere.
    const auto a = read_stats(d / "a.json"), b = read_stats(d / "b.json");
    REQUIRE(a.size() == 5);
    REQUIRE(b.size() == 5);
    for (int n = 0; n < 5; ++n) {
        INFO("frame " << n);
        CHECK(a[n].at("PlaneStatsMin") == n);
        CHECK(a[n].at("PlaneStatsMax") == n + 7);
        CHECK(a[n].at("PlaneStatsAverage") == (n + 3.5) * 8 / (8 * 255.0));
        CHECK(a[n].count("PlaneStatsDiff") == 0);
        CHECK(b[n].at("PlaneStatsMin") == 10 + n);
        CHECK(b[n].at("PlaneStatsAverage") == (10 + n + 3.5) * 8 / (8 * 255.0));
        CHECK(b[n].at("PlaneStatsDiff") == 80 / (8 * 255.0));
    }
    // Per frame the clip whose average is closest to 12/255 (code-value distances a: 8.5 7.5
    // 6.5 5.5 4.5, b: 1.5 2.5 3.5 4.5 5.5).
    REQUIRE(run(kRigor + " select -e 'x.PlaneStatsAverage 12 255 / - abs y.PlaneStatsAverage 12 255 / - abs argmin2'" +
                    " --prop-file x=" + (d / "a.json") + " --prop-file y=" + (d / "b.json") + " -o " + (d / "o.y4m") +
                    " " + (d / "a.y4m") + " " + (d / "b.y4m"),
                d) == 0);
    CHECK(chosen_clips(d / "o.y4m") == std::vector<int>{1, 1, 1, 1, 0});

    // The same numbers from an FFmpeg container (FFV1 in mkv; 16x4, as FFmpeg 5.1's FFV1
    // level 3 garbles 4x2 frames) and from standard input.
    write_clip(d / "w.y4m", 0, 3, "gray8", 16, 4);
    REQUIRE(run(kRigor + " stats " + (d / "w.y4m") + " -o " + (d / "w.json"), d) == 0);
    REQUIRE(run(kRigor + " select -q -e 0 -o " + (d / "w.mkv") + " " + (d / "w.y4m"), d) == 0);
    REQUIRE(run(kRigor + " stats " + (d / "w.mkv") + " -o " + (d / "mkv.json"), d) == 0);
    CHECK(rigor::test::slurp(d / "mkv.json") == rigor::test::slurp(d / "w.json"));
    CHECK(read_stats(d / "w.json").at(2).at("PlaneStatsMax") == 2 + 15 + 12);
    REQUIRE(run("cat " + (d / "a.y4m") + " | " + kRigor + " stats - > " + (d / "stdin.json"), d) == 0);
    CHECK(rigor::test::slurp(d / "stdin.json") == rigor::test::slurp(d / "a.json"));

    // --plane and --prop-prefix: plane 2 of a 6x4 4:2:0 clip is 3x2, samples as above.
    write_clip(d / "yuv.y4m", 2, 2, "yuv420p8", 6, 4);
    REQUIRE(run(kRigor + " stats --plane 2 --prop-prefix V " + (d / "yuv.y4m") + " -o " + (d / "v.json"), d) == 0);
    const auto v = read_stats(d / "v.json", "V");
    REQUIRE(v.size() == 2);
    CHECK(v[1].at("VMin") == 21);
    CHECK(v[1].at("VMax") == 21 + 2 + 4);
    CHECK(v[1].at("VAverage") == (21 + 3.0) / 255.0);  // mean of x + 4y over 3x2: 1 + 2

    // 10 bits: the average is divided by 1023, min and max stay code values.
    {
        std::ofstream out(d / "ten.y4m", std::ios::binary);
        rigor::pixel::Y4mHeader header;
        header.format = rigor::pixel::parse_format_name("gray10");
        header.width = 3;
        header.height = 1;
        rigor::pixel::Y4mWriter writer(out, header);
        Frame f(header.format, 3, 1);
        const std::uint16_t values[3] = {0, 1023, 512};
        std::copy(values, values + 3, f.plane(0).row_as<std::uint16_t>(0));
        writer.write_frame(f);
    }
    REQUIRE(run(kRigor + " stats " + (d / "ten.y4m") + " -o " + (d / "ten.json"), d) == 0);
    const auto ten = read_stats(d / "ten.json");
    REQUIRE(ten.size() == 1);
    CHECK(ten[0].at("PlaneStatsMax") == 1023);
    CHECK(ten[0].at("PlaneStatsAverage") == 1535.0 / (3 * 1023.0));

    // A picture is one still frame; as CLIPB it is compared with every frame of INPUT.
    {
        Frame p(rigor::pixel::parse_format_name("gray8"), 4, 2);  // all 0
        std::ofstream out(d / "zero.png", std::ios::binary);
        rigor::pixel::write_picture(out, d / "zero.png", p);
    }
    REQUIRE(run(kRigor + " stats " + (d / "zero.png") + " -o " + (d / "png.json"), d) == 0);
    CHECK(read_stats(d / "png.json").size() == 1);
    REQUIRE(run(kRigor + " stats " + (d / "a.y4m") + " " + (d / "zero.png") + " -o " + (d / "still.json"), d) == 0);
    const auto still = read_stats(d / "still.json");
    REQUIRE(still.size() == 5);
    for (int n = 0; n < 5; ++n) CHECK(still[n].at("PlaneStatsDiff") == still[n].at("PlaneStatsAverage"));
    CHECK(run(kRigor + " stats --help > " + (d / "help.txt"), d) == 0);
    CHECK(fs::file_size(d / "help.txt") > 300);
}

TEST_CASE("rigor stats bad input: a clear message, no output file", "[cli]") {
    REQUIRE(fs::exists(kRigor));
    Dir d;
    write_clip(d / "a.y4m", 0, 3);
    write_clip(d / "short.y4m", 1, 2);
    write_clip(d / "small.y4m", 1, 3, "gray8", 3, 3);
    write_text(d / "bad.y4m", "YUV4MPEG2 nonsense\n");
    const std::string o = " -o " + (d / "out.json") + " ";
    const std::string a = " " + (d / "a.y4m");
    struct Case {
        std::string args, message;
        int status;
    };
    const std::vector<Case> cases = {
        {o + (d / "none.y4m"), "cannot read '" + (d / "none.y4m") + "'", 1},
        {o + (d / "bad.y4m"), "bad.y4m", 1},
        {o + a + " " + (d / "short.y4m"), "ends after 2 frame(s)", 1},
        {o + a + " " + (d / "small.y4m"), "a difference needs one format and size", 1},
        {"--plane 1" + o + a, "--plane 1: '" + (d / "a.y4m") + "' is gray8, which has 1 plane(s)", 1},
        {"--plane 3" + o + a, "--plane must be 0, 1 or 2", 2},
        {"--plane one" + o + a, "--plane", 2},
        {"--prop-prefix ''" + o + a, "--prop-prefix must not be empty", 2},
        {"--frobnicate" + o + a, "--frobnicate", 2},
        {o, "missing argument INPUT", 2},
        {o + " - -", "standard input can be only one of the inputs", 1},
        {"-o " + (d / "nodir/out.json") + a, "cannot write '", 1},
    };
    for (const Case& c : cases) {
        std::string err;
        INFO(c.args);
        CHECK(run(kRigor + " stats " + c.args + " < /dev/null", d, &err) == c.status);
        INFO(err);
        CHECK(err.find(c.message) != std::string::npos);
        CHECK(std::count(err.begin(), err.end(), '\n') == 1);
        CHECK_FALSE(fs::exists(d / "out.json"));
    }
    for (const auto& entry : fs::directory_iterator(d.path))
        CHECK(entry.path().filename().string().find(".tmp-") == std::string::npos);
}
