// `rigor expr` end to end through the binary: files, stdin/stdout streaming, pictures,
// and bad input (exit 1, 2 for argument mistakes; a one-line message, no output file
// left behind).
#include <catch2/catch.hpp>

#include "tests/support/cli_scratch.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "pixel/io/y4m.hpp"
#include "tests/expr/expr_test_util.hpp"

using namespace rigor;
using namespace rigor::test_expr;
namespace fs = std::filesystem;

namespace {

const std::string kRigor = std::string(RIGOR_BIN_DIR) + "/rigor";

using Dir = rigor::test::ScratchDir;
using rigor::test::run;

void write_y4m(const std::string& path, const std::vector<Frame>& frames) {
    std::ofstream out(path, std::ios::binary);
    pixel::Y4mHeader h;
    h.format = frames[0].format();
    h.width = frames[0].width();
    h.height = frames[0].height();
    pixel::Y4mWriter w(out, h);
    for (const Frame& f : frames) w.write_frame(f);
}

std::vector<Frame> read_y4m(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    pixel::Y4mReader r(in, path);
    std::vector<Frame> frames;
    Frame f;
    while (r.read_frame(f)) frames.push_back(f);
    return frames;
}

std::vector<Frame> three_frames(const std::string& format, int width = 6) {
    std::vector<Frame> v;
    for (int n = 0; n < 3; ++n)
        v.push_back(make_frame(format, width, 4, [n](int p, int x, int y) { return 10 * n + 3 * p + x + y; }));
    return v;
}

}  // namespace

TEST_CASE("rigor expr: files, frames, properties, pictures", "[cli]") {
    REQUIRE(fs::exists(kRigor));
    Dir d;
    write_y4m(d / "a.y4m", three_frames("yuv420p8"));
    write_y4m(d / "b.y4m", three_frames("yuv420p10"));
    const std::string r = kRigor + " expr ";
    REQUIRE(run(r + "-e 'x y + N +' -e '' --format yuv420p16 -o " + (d / "o.y4m") + " " + (d / "a.y4m") + " " + (d / "b.y4m"), d) == 1);
    REQUIRE(run(r + "-e 'x y + N +' -e 'x' --format yuv420p16 -o " + (d / "o.y4m") + " " + (d / "a.y4m") + " " + (d / "b.y4m"), d) == 0);
    std::vector<Frame> out = read_y4m(d / "o.y4m");
    REQUIRE(out.size() == 3);
    CHECK(out[2].format().name() == "yuv420p16");
    CHECK(sample(out[2], 0, 5, 3) == 2 * (20 + 8) + 2);
    CHECK(sample(out[1], 2, 1, 1) == 10 + 6 + 2);
    REQUIRE(run(r + "--frames 1:2 --prop x.Gain=4 -e 'x x.Gain *' -o " + (d / "p.y4m") + " " + (d / "a.y4m"), d) == 0);
    out = read_y4m(d / "p.y4m");
    REQUIRE(out.size() == 1);
    CHECK(sample(out[0], 0, 1, 1) == 4 * 12);
    // A missing property reads its default (by name, else --missing-props); a string its
    // first byte (akarin's rule): "I" is 73.
    REQUIRE(run(r + "--frames 0:1 --prop-default Gain=2 -e 'x x.Gain * x.Other +' --missing-props zero --format yuv420p16 -o " +
                    (d / "q.y4m") + " " + (d / "a.y4m"),
                d) == 0);
    CHECK(sample(read_y4m(d / "q.y4m").at(0), 0, 1, 1) == 2 * 2);
    REQUIRE(run(r + "--frames 0:1 --missing-props nan -e 'x.Gain 7 = 9 x.Gain ?' -o " + (d / "n.y4m") + " " + (d / "a.y4m"),
                d) == 0);
    CHECK(sample(read_y4m(d / "n.y4m").at(0), 0, 1, 1) == 0);  // NaN, stored as 0
    REQUIRE(run(r + "--frames 0:1 --prop x._PictType=I -e 'x._PictType' -o " + (d / "s.y4m") + " " + (d / "a.y4m"), d) == 0);
    CHECK(sample(read_y4m(d / "s.y4m").at(0), 0, 3, 2) == 73);
    // a picture output
    write_y4m(d / "g.y4m", three_frames("gray8"));
    CHECK(run(r + "--frames 1: -e 'x 2 *' --format grays -o " + (d / "o.pfm") + " " + (d / "g.y4m"), d) == 1);
    CHECK_FALSE(fs::exists(d / "o.pfm"));  // two frames do not fit a picture
    REQUIRE(run(r + "--frames 2:3 -e 'x 2 *' --format grays -o " + (d / "o.pfm") + " " + (d / "g.y4m"), d) == 0);
    CHECK(fs::exists(d / "o.pfm"));
    CHECK(run(r + "--help >" + (d / "help.txt"), d) == 0);
    CHECK(fs::file_size(d / "help.txt") > 100);
    // An expression with a leading minus is a value, not an option (no `--` needed).
    std::string out_text;
    REQUIRE(run(kRigor + " postfix '-x + 1' > " + (d / "pf.txt"), d) == 0);
    std::getline(std::ifstream(d / "pf.txt"), out_text);
    CHECK(out_text == "0 x - 1 +");
    REQUIRE(run(kRigor + " postfix '-(x*2) || !y' > " + (d / "pf.txt"), d) == 0);
    std::getline(std::ifstream(d / "pf.txt"), out_text);
    CHECK(out_text == "0 x 2 * - y not or");
    REQUIRE(run(kRigor + " infix '-5 x *' > " + (d / "if.txt"), d) == 0);
    std::getline(std::ifstream(d / "if.txt"), out_text);
    CHECK(out_text == "(-5) * x");
    // ceil and sgn through the analysis (lowered to floor and comparisons): exact ranges
    // from every 8-bit input run through the engine.
    REQUIRE(run(kRigor + " analyse 'x 10 / ceil' --range x=0:255 --format gray8 > " + (d / "an.txt"), d) == 0);
    std::stringstream an;
    an << std::ifstream(d / "an.txt").rdbuf();
    CHECK_THAT(an.str(), Catch::Contains("range:      [0, 26]  (min exact, max exact: all 256 inputs"));
    CHECK_THAT(an.str(), Catch::Contains("maximum at: x=251  ->  26"));
    CHECK_THAT(an.str(), Catch::Contains("postfix:    x 10 / ceil"));
    REQUIRE(run(kRigor + " analyse 'x 128 - sgn 5 *' --range x=0:255 --format grays > " + (d / "an.txt"), d) == 0);
    an.str("");
    an << std::ifstream(d / "an.txt").rdbuf();
    CHECK_THAT(an.str(), Catch::Contains("range:      [-5, 5]  (min exact, max exact"));
}

TEST_CASE("rigor expr streams stdin to stdout, and gives the same frames with 2 threads and with --no-jit", "[cli]") {
    REQUIRE(fs::exists(kRigor));
    Dir d;
    write_y4m(d / "a.y4m", three_frames("yuv444p16", 70));  // wide enough for generated code
    const std::string e = " -e 'x 3 * X + x[1,-1]:m -' ";
    REQUIRE(run("cat " + (d / "a.y4m") + " | " + kRigor + " expr" + e + "-o - - | cat > " + (d / "s.y4m"), d) == 0);
    REQUIRE(run(kRigor + " expr --threads 2" + e + "-o " + (d / "t.y4m") + " " + (d / "a.y4m"), d) == 0);
    REQUIRE(run(kRigor + " expr --no-jit" + e + "-o " + (d / "i.y4m") + " " + (d / "a.y4m"), d) == 0);
    std::ifstream s(d / "s.y4m", std::ios::binary), t(d / "t.y4m", std::ios::binary), i(d / "i.y4m", std::ios::binary);
    std::stringstream ss, ts, is;
    ss << s.rdbuf();
    ts << t.rdbuf();
    is << i.rdbuf();
    CHECK(ss.str().size() > 3 * 70 * 4 * 3 * 2);
    CHECK(ss.str() == ts.str());
    CHECK(ss.str() == is.str());  // the interpreter alone: the same bytes
    std::vector<Frame> out = read_y4m(d / "s.y4m");
    REQUIRE(out.size() == 3);
    CHECK(sample(out[1], 1, 2, 0) == 3 * (10 + 3 + 2) + 2 - (10 + 3 + 3 + 0));  // row -1 mirrors to 0
}

TEST_CASE("rigor expr bad input: exit 1 (2 for argument mistakes), a clear message, no output file", "[cli]") {
    REQUIRE(fs::exists(kRigor));
    Dir d;
    write_y4m(d / "a.y4m", three_frames("gray8"));
    write_y4m(d / "c.y4m", three_frames("yuv420p8"));
    {  // frames 0 and 1 are fine, frame 2 is truncated: nothing may be left behind
        std::ifstream in(d / "a.y4m", std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        std::ofstream(d / "trunc.y4m", std::ios::binary) << bytes.substr(0, bytes.size() - 5);
        std::ofstream(d / "bad.y4m", std::ios::binary) << "YUV4MPEG2 W4 H2 Cfoo\n";
        std::ofstream(d / "huge.y4m", std::ios::binary) << "YUV4MPEG2 W2000000000 H2000000000 C444p16\nFRAME\n";
    }
    write_y4m(d / "small.y4m", {make_frame("gray8", 3, 3, [](int, int, int) { return 0; })});
    const std::string o = " -o " + (d / "out.y4m") + " ";
    struct Case {
        std::string args, message;
        int status = 1;
    };
    const std::vector<Case> cases = {
        {"-e 'x +'" + o + (d / "a.y4m"), "insufficient values on stack: +"},
        {"-e 'x x'" + o + (d / "a.y4m"), "2 unconsumed values on stack"},
        {"-e 'x foo'" + o + (d / "a.y4m"), "unknown token 'foo' (token 2, column 3)"},
        {"-e 'x y +'" + o + (d / "a.y4m"), "reference to undefined clip: y"},
        {"-e 'a@'" + o + (d / "a.y4m"), "reference to uninitialized variable: a@"},
        {"-e 'x dupx'" + o + (d / "a.y4m"), "illegal token: dupx"},
        {"-e 'x 1 +'" + o + (d / "trunc.y4m"), "truncated y4m frame 2"},
        {"-e 'x'" + o + (d / "bad.y4m"), "unknown y4m colour tag"},
        {"-e 'x'" + o + (d / "huge.y4m"), "larger than this machine's memory"},
        {"-e 'x'" + o + (d / "missing.y4m"), "missing.y4m"},
        {"-e 'x y +'" + o + (d / "a.y4m") + " " + (d / "small.y4m"), "3x3"},
        {"-e 'x y +'" + o + (d / "a.y4m") + " " + (d / "c.y4m"), "subsampling"},
        {"-e x -e x" + o + (d / "a.y4m"), "2 expressions given"},
        {"-e x -e ''  --format yuv420p16" + o + (d / "c.y4m"), "expression for planes 1, 2: empty, it would copy"},
        // every plane's error at once, each text once with the planes it is given for
        {"-e 'x +' -e 'x foo'" + o + (d / "c.y4m"),
         "expression for plane 0: insufficient values on stack: + (token 2, column 3); expression for planes 1, 2: "
         "unknown token 'foo' (token 2, column 3)"},
        {"-e 'x x.Gain *'" + o + (d / "a.y4m"),
         "frame 0 of clip x has no property 'Gain' (x.Gain, read by the expression of plane 0); give it (--prop"},
        {"-e 'x x.Gain *' --prop-default Other=1" + o + (d / "a.y4m"), "has no property 'Gain'"},
        {"-e 'x x.Gain *' --missing-props none" + o + (d / "a.y4m"), "--missing-props expects error, nan or zero", 2},
        {"-e 'x x.Gain *' --prop x.Gain=2x" + o + (d / "a.y4m"), "--prop expects CLIP.NAME=VALUE", 2},
        {"--akarin -e 'x 2 / ceil'" + o + (d / "a.y4m"),
         "expression for plane 0: 'ceil' is a rigor extension that akarin.Expr does not have"},
        {"--akarin -e 'x 128 - x atan2'" + o + (d / "a.y4m"),
         "'atan2' is a rigor extension that akarin.Expr does not have (refused in akarin mode) (token 5, column 11)"},
        {"-e x --format gray7" + o + (d / "a.y4m"), "unknown format", 2},
        {"-e x --bogus" + o + (d / "a.y4m"), "unknown option", 2},
    };
    for (const Case& c : cases) {
        std::string err;
        INFO(c.args);
        CHECK(run(kRigor + " expr " + c.args, d, &err) == c.status);
        CHECK_THAT(err, Catch::Contains(c.message));
        CHECK(std::count(err.begin(), err.end(), '\n') == 1);
        CHECK_FALSE(fs::exists(d / "out.y4m"));
    }
    // the same through a pipe: non-zero exit
    std::string err;
    CHECK(run("cat " + (d / "trunc.y4m") + " | " + kRigor + " expr -e x -o " + (d / "out.y4m") + " -", d, &err) == 1);
    CHECK_FALSE(fs::exists(d / "out.y4m"));
}
