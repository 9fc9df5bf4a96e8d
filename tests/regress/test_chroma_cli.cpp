// rigor chroma-reconstruct end to end: siting tags read and written, --chromaloc and
// --range, every output mode's size and format, --frames, --diagnostics, the errors (one
// line, nothing written).
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace std::string_literals;
namespace fs = std::filesystem;

namespace {

const std::string kRigor = std::string(RIGOR_BIN_DIR) + "/rigor";

struct Run {
    int code;
    std::string err;
};

Run run(const std::string& args, const fs::path& dir) {
    const std::string err = (dir / "stderr.txt").string();
    const int status = std::system((kRigor + " chroma-reconstruct -q " + args + " 2>" + err).c_str());
    std::ifstream in(err);
    std::stringstream s;
    s << in.rdbuf();
    return {WEXITSTATUS(status), s.str()};
}

std::string header_of(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::string line;
    std::getline(in, line);
    return line;
}

int frames_of(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    const std::string all = s.str();
    int n = 0;
    for (std::size_t at = all.find("FRAME"); at != std::string::npos; at = all.find("FRAME", at + 5)) ++n;
    return n;
}

// `frames` 64x48 8-bit 4:2:0 frames of smooth luma with chroma that follows it.
void write_y4m(const fs::path& path, const std::string& tag, int frames) {
    std::ofstream out(path, std::ios::binary);
    out << "YUV4MPEG2 W64 H48 F25:1 Ip A1:1 " << tag << "\n";
    for (int f = 0; f < frames; ++f) {
        out << "FRAME\n";
        for (int y = 0; y < 48; ++y)
            for (int x = 0; x < 64; ++x) out.put(char(40 + (x * 3 + y * 2 + f * 7) % 180));
        for (int p = 0; p < 2; ++p)
            for (int y = 0; y < 24; ++y)
                for (int x = 0; x < 32; ++x) out.put(char(100 + (x * 5 + y + p * 9 + f) % 50));
    }
}

const char* const kRecipe = R"({"name": "small", "radius": 1, "recon_radius": 1,
  "mangle_luma": [{"kernel": "point", "width": 32, "height": 24, "src_left": -1}],
  "demangle": [{"kernel": "catrom", "width": 64, "height": 48, "src_left": "to_full", "src_top": "to_full"}]})";

}  // namespace

TEST_CASE("chroma-reconstruct: siting tags, output modes, frames, diagnostics", "[cli][chroma]") {
    REQUIRE(fs::exists(kRigor));
    const fs::path dir = fs::temp_directory_path() / ("rigor_chroma_cli_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::string d = dir.string() + "/";
    {
        std::ofstream(dir / "r.json") << kRecipe;
    }
    write_y4m(dir / "mpeg2.y4m", "C420mpeg2", 3);
    write_y4m(dir / "plain.y4m", "C420", 1);
    write_y4m(dir / "jpeg.y4m", "C420jpeg XCOLORRANGE=FULL", 1);
    const std::string recipe = " --recipe " + d + "r.json";

    // The siting comes from the tag and goes back out in it; a plain C420 means left.
    Run r = run("-i " + d + "mpeg2.y4m" + recipe + " -o " + d + "a.y4m", dir);
    CHECK(r.code == 0);
    CHECK_THAT(header_of(dir / "a.y4m"), Catch::Contains(" C420mpeg2"));
    CHECK(frames_of(dir / "a.y4m") == 3);
    r = run("-i " + d + "plain.y4m" + recipe + " -o " + d + "b.y4m", dir);
    CHECK(r.code == 0);
    CHECK_THAT(header_of(dir / "b.y4m"), Catch::Contains(" C420mpeg2"));
    r = run("-i " + d + "jpeg.y4m" + recipe + " -o " + d + "c.y4m", dir);
    CHECK_THAT(header_of(dir / "c.y4m"), Catch::Contains(" C420jpeg") && Catch::Contains("XCOLORRANGE=FULL"));
    r = run("-i " + d + "mpeg2.y4m" + recipe + " --chromaloc top_left --range full -o " + d + "e.y4m", dir);
    CHECK_THAT(header_of(dir / "e.y4m"), Catch::Contains(" C420paldv") && Catch::Contains("XCOLORRANGE=FULL"));
    // A different siting really moves the chroma.
    std::ifstream a(dir / "a.y4m", std::ios::binary), e(dir / "e.y4m", std::ios::binary);
    CHECK(std::string(std::istreambuf_iterator<char>(a), {}) != std::string(std::istreambuf_iterator<char>(e), {}));

    // Output modes: sizes, subsampling, sample type.
    CHECK(run("-i " + d + "mpeg2.y4m" + recipe + " --444 -o " + d + "f.y4m", dir).code == 0);
    CHECK_THAT(header_of(dir / "f.y4m"), Catch::Contains("W64 H48") && Catch::Contains(" C444 "));
    CHECK(run("-i " + d + "mpeg2.y4m" + recipe + " --output-mode native -o " + d + "g.y4m", dir).code == 0);
    CHECK_THAT(header_of(dir / "g.y4m"), Catch::Contains("W64 H48") && Catch::Contains(" C444ps"));
    CHECK(run("-i " + d + "mpeg2.y4m" + recipe + " --float --output-kernel spline36 -o " + d + "h.y4m", dir).code == 0);
    CHECK_THAT(header_of(dir / "h.y4m"), Catch::Contains(" C420ps"));
    // Float video passes through (the float output above as input).
    CHECK(run("-i " + d + "h.y4m" + recipe + " -o " + d + "i.y4m", dir).code == 0);
    CHECK_THAT(header_of(dir / "i.y4m"), Catch::Contains(" C420ps"));
    // Frame ranges.
    CHECK(run("-i " + d + "mpeg2.y4m" + recipe + " --frames 1:3 --threads 2 -o " + d + "j.y4m", dir).code == 0);
    CHECK(frames_of(dir / "j.y4m") == 2);
    // Diagnostics: four PNGs per chroma plane.
    CHECK(run("-i " + d + "mpeg2.y4m" + recipe + " --diagnostics " + d + "diag -o " + d + "k.y4m", dir).code == 0);
    for (const char* p : {"u", "v"})
        for (const char* f : {"_correlation", "_slope", "_before", "_after"})
            CHECK(fs::file_size(dir / "diag" / (std::string(p) + f + ".png")) > 50);
    // Means and borders: each changes the result, and a recipe's keys act as the flags.
    auto bytes_of = [](const fs::path& path) {
        std::ifstream in(path, std::ios::binary);
        return std::string(std::istreambuf_iterator<char>(in), {});
    };
    const std::string native = " --output-mode native -o " + d;
    CHECK(run("-i " + d + "mpeg2.y4m" + recipe + native + "m0.y4m", dir).code == 0);
    CHECK(run("-i " + d + "mpeg2.y4m" + recipe + " --border mirror" + native + "m1.y4m", dir).code == 0);
    CHECK(run("-i " + d + "mpeg2.y4m" + recipe + " --mean median --recon-mean lehmer:3" + native + "m2.y4m", dir).code ==
          0);
    {
        std::string with_means = kRecipe;
        with_means.insert(1, R"("mean": "median", "recon_mean": "lehmer:3", )");
        std::ofstream(dir / "means.json") << with_means;
    }
    CHECK(run("-i " + d + "mpeg2.y4m --recipe " + d + "means.json" + native + "m3.y4m", dir).code == 0);
    CHECK(bytes_of(dir / "m0.y4m") != bytes_of(dir / "m1.y4m"));  // default vszip ≠ mirror
    CHECK(bytes_of(dir / "m0.y4m") != bytes_of(dir / "m2.y4m"));
    CHECK(bytes_of(dir / "m2.y4m") == bytes_of(dir / "m3.y4m"));
    fs::remove_all(dir);
}

TEST_CASE("chroma-reconstruct: bad recipes and options give one line and write nothing", "[cli][chroma][errors]") {
    REQUIRE(fs::exists(kRigor));
    const fs::path dir = fs::temp_directory_path() / ("rigor_chroma_err_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::string d = dir.string() + "/";
    write_y4m(dir / "in.y4m", "C420mpeg2", 1);
    const std::string sirius = std::string(RIGOR_DATA_DIR) + "/regress/sirius-720p-point-chroma.json";
    const std::string astronaut = std::string(RIGOR_DATA_DIR) + "/regress/astronaut-512-point-chroma.json";
    auto recipe_file = [&](const std::string& name, const std::string& text) {
        std::ofstream(dir / name) << text;
        return d + name;
    };
    const struct {
        std::string args;
        int code;
        const char* says;
    } cases[] = {
        {"--recipe " + recipe_file("k.json", R"({"demangle": [{"kernel": "sinc"}]})"), 1,
         "chain demangle (luma) step 1: unknown kernel 'sinc'"},
        {"--recipe " + recipe_file("s.json", R"({"mangle_luma": [{"kernel": "point", "width": 0}]})"), 1,
         "chain mangle_luma step 1: a size must be"},
        {"--recipe " + recipe_file("m.json", R"({"descale": {"kernel": "point", "height": 10}})"), 1,
         "descale: needs \"width\" and \"height\""},
        {"--recipe " + recipe_file("c.json", R"({"demangle_chroma": [{"kernel": "point", "width": 16}]})"), 1,
         "chain demangle_chroma ends at 16x24"},
        {"--recipe " + astronaut, 1, "needs a luma base of the production size: give --descale KERNEL WxH or --luma-base"},
        {"--recipe " + sirius + " --descale lanczos:3 1280x720", 1, "descale to 1280x720 needs a size from 1x1 up to"},
        {"--recipe " + sirius + " --descale-border wrap", 2, "unknown descale border 'wrap'"},
        {"--recipe " + sirius + " --output-mode 420", 2, "unknown output mode '420'"},
        {"--recipe " + sirius + " --output-kernel gauss", 2, "unknown kernel 'gauss'"},
        {"--recipe " + sirius + " --frames 3", 2, "--frames expects A:B"},
        {"--recipe " + sirius + " --eps -1", 2, "eps"},
        {"--recipe " + sirius + " --mean mode", 2, "unknown mean 'mode'"},
        {"--recipe " + sirius + " --recon-mean lehmer:x", 2, "lehmer:P needs a finite exponent"},
        {"--recipe " + sirius + " --border wrap", 2, "unknown border mode 'wrap'"},
        {"--recipe " + recipe_file("b.json", R"({"mean": "gauss"})"), 1, "\"mean\": unknown mean 'gauss'"},
        {"--recipe " + recipe_file("o.json", R"({"recon_border": 3})"), 1, "\"recon_border\" must be a string"},
    };
    for (const auto& c : cases) {
        INFO(c.args);
        const Run r = run("-i " + d + "in.y4m " + c.args + " -o " + d + "out.y4m", dir);
        CHECK(r.code == c.code);
        CHECK_THAT(r.err, Catch::Contains(c.says));
        CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
        CHECK(!fs::exists(dir / "out.y4m"));
    }
    fs::remove_all(dir);
}
