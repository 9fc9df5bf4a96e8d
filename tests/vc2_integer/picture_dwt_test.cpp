// vc2-dwt / vc2-idwt on picture files: PNG, TIFF and y4m planes through the transform
// and back give the same samples; a picture gives exactly the coefficients of its JSON
// rows (code value - 2^(B-1)); bad input is one clear error, exit 1, no output file.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <random>

#include "pixel/io/picture.hpp"
#include "pixel/io/y4m.hpp"
#include "tool_helpers.hpp"

using namespace vc2_test;
namespace fs = std::filesystem;
namespace pixel = rigor::pixel;

namespace {

pixel::VideoFormat integer_format(pixel::ColorFamily family, int bits, int ss = 0) {
    pixel::VideoFormat f;
    f.family = family;
    f.bits = bits;
    f.ss_w = f.ss_h = ss;
    return f;
}

unsigned sample(const pixel::Frame& f, int p, int x, int y) {
    return f.plane(p).bytes_per_sample() == 1 ? f.plane(p).row_as<std::uint8_t>(y)[x]
                                              : f.plane(p).row_as<std::uint16_t>(y)[x];
}

// Random code values with the extremes 0 and 2^B - 1 in the first row of every plane.
void fill_random(pixel::Frame& f, std::mt19937& rng) {
    const unsigned top = (1u << f.format().bits) - 1;
    std::uniform_int_distribution<unsigned> code(0, top);
    for (int p = 0; p < f.planes(); ++p)
        for (int y = 0; y < f.plane(p).height(); ++y)
            for (int x = 0; x < f.plane(p).width(); ++x) {
                const unsigned v = y == 0 ? (x % 2 ? top : 0) : code(rng);
                if (f.plane(p).bytes_per_sample() == 1) f.plane(p).row_as<std::uint8_t>(y)[x] = std::uint8_t(v);
                else f.plane(p).row_as<std::uint16_t>(y)[x] = std::uint16_t(v);
            }
}

bool same_plane(const pixel::Frame& a, int pa, const pixel::Frame& b, int pb) {
    if (a.plane(pa).width() != b.plane(pb).width() || a.plane(pa).height() != b.plane(pb).height()) return false;
    for (int y = 0; y < a.plane(pa).height(); ++y)
        for (int x = 0; x < a.plane(pa).width(); ++x)
            if (sample(a, pa, x, y) != sample(b, pb, x, y)) return false;
    return true;
}

void write_picture_file(const std::string& path, const pixel::Frame& frame) {
    std::ofstream out(path, std::ios::binary);
    pixel::write_picture(out, path, frame);
}

void write_y4m(const std::string& path, const std::vector<pixel::Frame>& frames) {
    std::ofstream out(path, std::ios::binary);
    pixel::Y4mHeader h;
    h.format = frames.front().format();
    h.width = frames.front().width();
    h.height = frames.front().height();
    pixel::Y4mWriter writer(out, h);
    for (const auto& f : frames) writer.write_frame(f);
}

pixel::Frame read_y4m_frame(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    pixel::Y4mReader reader(in, path);
    pixel::Frame f;
    REQUIRE(reader.read_frame(f));
    return f;
}

// The JSON document of plane p of a frame as signed rows: code value - 2^(B-1).
std::string signed_rows_json(const pixel::Frame& f, int p) {
    nlohmann::json rows = nlohmann::json::array();
    const long offset = 1L << (f.format().bits - 1);
    for (int y = 0; y < f.plane(p).height(); ++y) {
        nlohmann::json row = nlohmann::json::array();
        for (int x = 0; x < f.plane(p).width(); ++x) row.push_back(long(sample(f, p, x, y)) - offset);
        rows.push_back(row);
    }
    return rows.dump();
}

struct Config {
    std::string w, W, d, D;
};
std::vector<std::string> with_config(std::vector<std::string> args, const Config& c) {
    args.insert(args.end(), {"-w", c.w, "-W", c.W, "-d", c.d, "-D", c.D});
    return args;
}

}  // namespace

TEST_CASE("vc2-dwt/vc2-idwt: PNG and TIFF planes come back sample for sample") {
    const unsigned seed = Catch::rngSeed() ? Catch::rngSeed() : 20250214u;
    INFO("seed " << seed);
    std::mt19937 rng(seed);
    const auto dir = scratch("picture_round_trip");
    struct Case {
        Config config;
        int bits;
        pixel::ColorFamily family;
        int plane;
        std::string extension;
    };
    const std::vector<Case> cases = {
        {{"le_gall_5_3", "le_gall_5_3", "2", "0"}, 8, pixel::ColorFamily::Gray, 0, "png"},
        {{"1", "1", "3", "0"}, 16, pixel::ColorFamily::Gray, 0, "png"},
        {{"5", "4", "1", "2"}, 16, pixel::ColorFamily::Gray, 0, "png"},
        {{"6", "6", "2", "1"}, 8, pixel::ColorFamily::RGB, 2, "png"},
        {{"0", "3", "0", "3"}, 8, pixel::ColorFamily::Gray, 0, "tif"},
        {{"2", "2", "2", "0"}, 16, pixel::ColorFamily::RGB, 1, "tiff"},
    };
    int n = 0;
    for (const Case& c : cases) {
        const std::string tag = std::to_string(n++);
        INFO("case " << tag << ": -w " << c.config.w << " -W " << c.config.W << " -d " << c.config.d << " -D "
                     << c.config.D << ", " << c.bits << " bits, plane " << c.plane << ", ." << c.extension);
        pixel::Frame picture(integer_format(c.family, c.bits), 32, 16);
        fill_random(picture, rng);
        const std::string in = (dir / ("in" + tag + "." + c.extension)).string();
        const std::string coeffs = (dir / ("coeffs" + tag + ".json")).string();
        const std::string back = (dir / ("back" + tag + "." + c.extension)).string();
        write_picture_file(in, picture);
        REQUIRE(run("vc2-dwt", rigor::cli::vc2_dwt_main,
                    with_config({in, "--plane", std::to_string(c.plane), "-o", coeffs}, c.config)) == 0);
        const auto doc = nlohmann::json::parse(read_file(coeffs));
        CHECK(doc["picture_bits"] == c.bits);
        REQUIRE(run("vc2-idwt", rigor::cli::vc2_idwt_main, {coeffs, "-o", back}) == 0);
        const pixel::Frame got = pixel::read_picture(back);
        CHECK(got.format() == integer_format(pixel::ColorFamily::Gray, c.bits));
        CHECK(same_plane(got, 0, picture, c.plane));
    }
}

TEST_CASE("vc2-dwt/vc2-idwt: plane 1 of a 10-bit 4:2:0 y4m frame comes back, --frame picks the frame") {
    const unsigned seed = Catch::rngSeed() ? Catch::rngSeed() : 20250215u;
    INFO("seed " << seed);
    std::mt19937 rng(seed);
    const auto dir = scratch("y4m_round_trip");
    std::vector<pixel::Frame> frames;
    for (int i = 0; i < 2; ++i) {
        frames.emplace_back(integer_format(pixel::ColorFamily::YUV, 10, 1), 32, 16);
        fill_random(frames.back(), rng);
    }
    const std::string in = (dir / "in.y4m").string();
    write_y4m(in, frames);
    for (const Config& c : {Config{"1", "1", "2", "0"}, Config{"5", "5", "1", "1"}, Config{"4", "0", "3", "0"}}) {
        INFO("-w " << c.w << " -W " << c.W << " -d " << c.d << " -D " << c.D);
        const std::string coeffs = (dir / "coeffs.json").string(), back = (dir / "back.y4m").string();
        REQUIRE(run("vc2-dwt", rigor::cli::vc2_dwt_main, with_config({in, "--plane", "1", "--frame", "1", "-o", coeffs}, c)) == 0);
        REQUIRE(run("vc2-idwt", rigor::cli::vc2_idwt_main, {coeffs, "-o", back}) == 0);
        const pixel::Frame got = read_y4m_frame(back);
        CHECK(got.format() == integer_format(pixel::ColorFamily::Gray, 10));
        CHECK(got.width() == 16);
        CHECK(got.height() == 8);
        CHECK(same_plane(got, 0, frames[1], 1));
        CHECK_FALSE(same_plane(got, 0, frames[0], 1));
        // The same coefficients as the plane's signed rows given as JSON with -b 10.
        const std::string rows = (dir / "rows.json").string(), from_rows = (dir / "from_rows.json").string();
        std::ofstream(rows) << signed_rows_json(frames[1], 1);
        REQUIRE(run("vc2-dwt", rigor::cli::vc2_dwt_main, with_config({rows, "-b", "10", "-o", from_rows}, c)) == 0);
        CHECK(read_file(from_rows) == read_file(coeffs));
    }
}

TEST_CASE("vc2-dwt: a PNG gives exactly the coefficients of its signed JSON rows") {
    const unsigned seed = Catch::rngSeed() ? Catch::rngSeed() : 20250216u;
    INFO("seed " << seed);
    std::mt19937 rng(seed);
    const auto dir = scratch("picture_vs_json");
    for (int bits : {8, 16}) {
        INFO(bits << " bits");
        pixel::Frame picture(integer_format(pixel::ColorFamily::Gray, bits), 24, 8);
        fill_random(picture, rng);
        const std::string png = (dir / "in.png").string(), rows = (dir / "rows.json").string();
        const std::string a = (dir / "a.json").string(), b = (dir / "b.json").string();
        write_picture_file(png, picture);
        std::ofstream(rows) << signed_rows_json(picture, 0);
        const Config c{"daubechies_9_7", "fidelity", "2", "1"};
        REQUIRE(run("vc2-dwt", rigor::cli::vc2_dwt_main, with_config({png, "-b", std::to_string(bits), "-o", a}, c)) == 0);
        REQUIRE(run("vc2-dwt", rigor::cli::vc2_dwt_main, with_config({rows, "-b", std::to_string(bits), "-o", b}, c)) == 0);
        CHECK(read_file(a) == read_file(b));
        CHECK(nlohmann::json::parse(read_file(a))["coefficients"].size() == 4);  // DC + 3 levels
    }
}

TEST_CASE("vc2-idwt to a picture clamps to the depth and says so, JSON keeps the values") {
    const auto dir = scratch("idwt_clamp");
    const std::string rows = (dir / "rows.json").string(), coeffs = (dir / "coeffs.json").string();
    std::ofstream(rows) << "[[-300, -129, -128, 0], [127, 128, 1000, 5]]";
    REQUIRE(run("vc2-dwt", rigor::cli::vc2_dwt_main, {rows, "-d", "1", "-o", coeffs}) == 0);
    const std::string png = (dir / "out.png").string();
    REQUIRE(run("vc2-idwt", rigor::cli::vc2_idwt_main, {coeffs, "-b", "8", "-o", png}) == 0);
    const pixel::Frame got = pixel::read_picture(png);
    const std::vector<unsigned> expected = {0, 0, 0, 128, 255, 255, 255, 133};
    for (int i = 0; i < 8; ++i) CHECK(sample(got, 0, i % 4, i / 4) == expected[std::size_t(i)]);
    const std::string json = (dir / "out.json").string();
    REQUIRE(run("vc2-idwt", rigor::cli::vc2_idwt_main, {coeffs, "-b", "8", "-o", json}) == 0);
    const auto doc = nlohmann::json::parse(read_file(json));
    CHECK(doc["picture"] == nlohmann::json::parse(read_file(rows)));
    CHECK(doc["picture_bits"] == 8);
}

TEST_CASE("vc2-dwt/vc2-idwt pictures: bad input gives one clear error, exit 1 and no output file") {
    const auto dir = scratch("picture_bad");
    const std::string png8 = (dir / "gray8.png").string(), odd = (dir / "odd.png").string();
    const std::string pfm = (dir / "float.pfm").string(), y4m = (dir / "yuv.y4m").string();
    const std::string rows = (dir / "rows.json").string();
    pixel::Frame gray8(integer_format(pixel::ColorFamily::Gray, 8), 8, 4);
    write_picture_file(png8, gray8);
    write_picture_file(odd, pixel::Frame(integer_format(pixel::ColorFamily::Gray, 8), 5, 3));
    write_picture_file(pfm, pixel::Frame(integer_format(pixel::ColorFamily::Gray, 8).with_samples(pixel::SampleType::Float, 32), 8, 4));
    write_y4m(y4m, {pixel::Frame(integer_format(pixel::ColorFamily::YUV, 10, 1), 8, 4)});
    std::ofstream(rows) << "[[1, 2], [3, 4]]";
    // Coefficients with no picture_bits (from JSON rows without -b) and with 8.
    const std::string no_bits = (dir / "no_bits.json").string(), eight = (dir / "eight.json").string();
    REQUIRE(run("vc2-dwt", rigor::cli::vc2_dwt_main, {rows, "-o", no_bits}) == 0);
    REQUIRE(run("vc2-dwt", rigor::cli::vc2_dwt_main, {png8, "-o", eight}) == 0);

    struct Case {
        int (*main)(std::span<const std::string>);
        std::vector<std::string> args;
        std::string output, message;
        int code = 1;  // 2: an argument mistake
    };
    const std::string out_json = (dir / "out.json").string();
    const std::vector<Case> cases = {
        {rigor::cli::vc2_dwt_main, {pfm}, out_json, "float.pfm: PFM holds float samples, which cannot go through the integer VC-2 transform"},
        {rigor::cli::vc2_dwt_main, {png8, "-b", "10"}, out_json, "-b 10 does not match " + png8 + ", which holds 8-bit samples"},
        {rigor::cli::vc2_dwt_main, {png8, "--plane", "1"}, out_json, "gray8.png: no plane 1 (gray8 has plane 0 only)"},
        {rigor::cli::vc2_dwt_main, {y4m, "--plane", "3"}, out_json, "yuv.y4m frame 0: no plane 3 (yuv420p10 has planes 0 to 2)"},
        {rigor::cli::vc2_dwt_main, {y4m, "--frame", "1"}, out_json, "yuv.y4m: no frame 1 (the stream has 1 frame)"},
        {rigor::cli::vc2_dwt_main, {png8, "--frame", "1"}, out_json, "a picture file has only frame 0, not frame 1"},
        {rigor::cli::vc2_dwt_main, {odd, "-d", "1"}, out_json, "odd.png plane 0: picture is 5x3: its width must be a positive multiple of 2"},
        {rigor::cli::vc2_dwt_main, {y4m, "--plane", "1", "-d", "2"}, out_json, "yuv.y4m plane 1: picture is 4x2: its width must be a positive multiple of 4 and its height of 4"},
        {rigor::cli::vc2_dwt_main, {rows, "--plane", "1"}, out_json, "--plane and --frame select from a PNG, TIFF or y4m input, not JSON"},
        {rigor::cli::vc2_dwt_main, {(dir / "absent.png").string()}, out_json, "absent.png"},
        {rigor::cli::vc2_idwt_main, {no_bits}, (dir / "out.png").string(), "needs the picture depth: give -b"},
        {rigor::cli::vc2_idwt_main, {no_bits, "-b", "10"}, (dir / "out.png").string(), "PNG and TIFF hold 8 or 16-bit samples, not 10"},
        {rigor::cli::vc2_idwt_main, {eight, "-b", "16"}, (dir / "out.tif").string(), "-b 16 does not match picture_bits 8"},
        {rigor::cli::vc2_idwt_main, {eight}, (dir / "out.pfm").string(), "PFM holds float samples"},
        {rigor::cli::vc2_idwt_main, {no_bits, "-b", "4"}, (dir / "out.y4m").string(), "y4m holds 8 to 16-bit samples, not 4"},
        {rigor::cli::vc2_idwt_main, {eight, "--plane", "0"}, (dir / "out.png").string(), "vc2-idwt does not take them", 2},
    };
    for (const Case& c : cases) {
        auto args = c.args;
        args.insert(args.end(), {"-o", c.output});
        INFO(c.message);
        CHECK(run("vc2 picture", c.main, args) == c.code);
        CHECK(last_error.find(c.message) != std::string::npos);
        CHECK(last_error.find('\n') == std::string::npos);
        CHECK_FALSE(fs::exists(c.output));
    }
    // Nothing but the inputs and the two coefficient files is left in the folder.
    CHECK(std::distance(fs::directory_iterator(dir), {}) == 7);
}
