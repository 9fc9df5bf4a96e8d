// vc2-bit-width-test-pictures: every packed test picture, decoded with the integer
// transform, reaches at each test point exactly the value the bit-width table states
// (test_pattern_max for maximising points, test_pattern_min for minimising ones).
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "filters/formats/vc2_static_analysis_reader.hpp"
#include "pixel/io/picture.hpp"
#include "pixel/vc2_bit_widths/bit_width_table.hpp"
#include "pixel/vc2_bit_widths/pattern_output.hpp"
#include "pixel/vc2_bit_widths/rectangle_packer.hpp"
#include "pixel/vc2_bit_widths/test_pictures.hpp"
#include "tests/vc2_integer/tool_helpers.hpp"


using namespace rigor::vc2;
using namespace rigor::pixel::vc2;
using namespace rigor::pixel::vc2_bit_widths;
using namespace rigor::formats;

namespace {

using Arrays = std::map<std::pair<int, std::string>, SampleArray>;

ArrayVisitor keep_all(Arrays& arrays) {
    return [&arrays](int level, std::string_view name, const SampleArray& p) {
        arrays[{level, std::string(name)}] = p;
    };
}

std::int64_t value_at(const Arrays& arrays, const TestPoint& t) {
    const SampleArray& p = arrays.at({t.where.level, t.where.array_name});
    REQUIRE(t.tx >= 0);
    REQUIRE(t.ty >= 0);
    REQUIRE(t.tx < p.width);
    REQUIRE(t.ty < p.height);
    return p.at(t.tx, t.ty);
}

struct Checked {
    std::size_t points = 0, analysis_pictures = 0, synthesis_pictures = 0;
};

// Decodes every picture and compares every point with the table.
Checked check_pictures_against_table(const std::string& path, int bits, long width, long height) {
    const StaticAnalysis a = read_static_analysis(path);
    const QuantisationMatrix matrix = quantisation_matrix(a.config, {});
    const BitWidthTable table = bit_width_table(a, bits, matrix, 2);
    std::map<std::pair<bool, ArrayPhase>, TableRow> rows;
    for (const TableRow& r : table.rows) rows[{r.synthesis, r.where}] = r;
    const TestPictures pictures = make_test_pictures(a, width, height, bits, matrix, 2);

    Checked out{0, pictures.analysis.size(), pictures.synthesis.size()};
    std::set<std::tuple<bool, ArrayPhase, bool>> seen;
    std::map<std::pair<bool, ArrayPhase>, std::vector<std::int64_t>> reached;  // both polarities
    for (bool synthesis : {false, true}) {
        for (const TestPicture& t : synthesis ? pictures.synthesis : pictures.analysis) {
            REQUIRE(t.picture.width == width);
            REQUIRE(t.picture.height == height);
            for (std::int64_t v : t.picture.samples)
                REQUIRE((v == 0 || v == table.bounds.picture.lower || v == table.bounds.picture.upper));
            Arrays arrays;
            Coefficients c = analyse(a.config, t.picture, synthesis ? ArrayVisitor{} : keep_all(arrays));
            if (synthesis) {
                REQUIRE(t.quantisation_index >= 0);
                REQUIRE(t.quantisation_index <= table.bounds.maximum_quantisation_index);
                quantise_in_place(c, matrix, t.quantisation_index);
                synthesise(a.config, c, keep_all(arrays));
            }
            for (const TestPoint& p : t.points) {
                INFO((synthesis ? "synthesis " : "analysis ")
                     << "(" << p.where.level << ", " << p.where.array_name << ") phase (" << p.where.x << ", "
                     << p.where.y << ") " << (p.maximise ? "max" : "min") << " at (" << p.tx << ", " << p.ty
                     << "), qi " << t.quantisation_index);
                const TableRow& row = rows.at({synthesis, p.where});
                const std::int64_t v = value_at(arrays, p);
                if (!synthesis) CHECK(v == (p.maximise ? row.pattern_max : row.pattern_min));
                reached[{synthesis, p.where}].push_back(v);
                CHECK(seen.insert({synthesis, p.where, p.maximise}).second);
                ++out.points;
            }
        }
    }
    // A synthesis picture is coded at the index where its polarity went furthest from
    // zero, and quantisation can flip the sign (the maximising version of LeGall's
    // (2, DC) decodes to −1135 at qi 50): together the two polarities reach exactly the
    // table's minimum and maximum.
    for (const auto& [key, values] : reached) {
        INFO((key.first ? "synthesis " : "analysis ") << "(" << key.second.level << ", " << key.second.array_name
                                                      << ") phase (" << key.second.x << ", " << key.second.y << ")");
        REQUIRE(values.size() == 2);
        const TableRow& row = rows.at(key);
        CHECK(std::min(values[0], values[1]) == row.pattern_min);
        CHECK(std::max(values[0], values[1]) == row.pattern_max);
    }
    // Every pattern appears once in each polarity.
    CHECK(out.points == 2 * (a.analysis_patterns.size() + a.synthesis_patterns.size()));
    return out;
}

}  // namespace

TEST_CASE("test pictures: LeGall depth 2, 10 bits, every test point reaches the table's value",
          "[vc2_integer][test_pictures]") {
    const Checked c = check_pictures_against_table(vc2_test::analysis("w1_W1_d2_D0"), 10, 96, 64);
    CHECK(c.points == 2 * (27 + 99));
    CHECK(c.analysis_pictures >= 1);
    CHECK(c.synthesis_pictures >= 2);
}

TEST_CASE("test pictures: haar_with_shift depth 1, 10 bits", "[vc2_integer][test_pictures]") {
    const Checked c =
        check_pictures_against_table(std::string(RIGOR_TEST_DIR) + "/w4_W4_d1_D0.json", 10, 16, 16);
    CHECK(c.points > 0);
}

TEST_CASE("test pictures: Fidelity depth 1 and LeGall horizontal-only depth 2, 8 bits",
          "[vc2_integer][test_pictures]") {
    check_pictures_against_table(vc2_test::analysis("w1_W1_d0_D2"), 8, 64, 8);
    check_pictures_against_table(vc2_test::analysis("w5_W5_d1_D0"), 8, 128, 128);
}

TEST_CASE("rectangle packer: aligned corners, no overlap, smallest free region first", "[vc2_integer][test_pictures]") {
    RectanglePacker packer(10, 10);
    const auto a = packer.allocate(4, 4, 1, 1, 0, 0);
    REQUIRE(a);
    CHECK(a->x == 0);
    CHECK(a->y == 0);
    // Corner must be ≡ (1, 1) mod (3, 2): the first free place is (4, 1)… but the
    // smallest free region holding it is chosen; either way aligned and disjoint.
    const auto b = packer.allocate(3, 3, 3, 2, 1, 1);
    REQUIRE(b);
    CHECK(b->x % 3 == 1);
    CHECK(b->y % 2 == 1);
    CHECK((b->x >= 4 || b->y >= 4));
    CHECK_FALSE(packer.allocate(11, 1, 1, 1, 0, 0));
    // Fill the rest with 1x1 cells: exactly 100 − 16 − 9 fit.
    int n = 0;
    while (packer.allocate(1, 1, 1, 1, 0, 0)) ++n;
    CHECK(n == 100 - 16 - 9);
}

TEST_CASE("vc2-bit-width-test-pictures: files as the reference names them, PNG levels, JSON points",
          "[vc2_integer][test_pictures]") {
    const auto dir = vc2_test::scratch("test_pictures");
    const std::string analysis = vc2_test::analysis("w1_W1_d1_D0");
    REQUIRE(vc2_test::run("vc2-bit-width-test-pictures", rigor::cli::vc2_bit_width_test_pictures_main,
                          {analysis, "32", "16", "-b", "10", "-o", dir.string()}) == 0);
    const StaticAnalysis a = read_static_analysis(analysis);
    const TestPictures expected = make_test_pictures(a, 32, 16, 10, quantisation_matrix(a.config, {}));
    std::size_t files = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
        (void)e;
        ++files;
    }
    CHECK(files == 2 * (expected.analysis.size() + expected.synthesis.size()));
    const auto check = [&](const TestPicture& t, const std::string& stem) {
        const auto frame = rigor::pixel::read_picture((dir / (stem + ".png")).string());
        REQUIRE(frame.width() == 32);
        REQUIRE(frame.height() == 16);
        for (int y = 0; y < 16; ++y)
            for (int x = 0; x < 32; ++x) {
                const int v = frame.plane(0).row_as<std::uint8_t>(y)[x];
                const std::int64_t s = t.picture.at(x, y);
                CHECK(v == (s == 511 ? 255 : s == -512 ? 0 : 128));
            }
        const std::string text = vc2_test::read_file((dir / (stem + ".json")).string());
        REQUIRE(!text.empty());
        CHECK(text.back() == ']');
        CHECK(text.rfind("[{\"level\": ", 0) == 0);
        const auto json = nlohmann::json::parse(text);
        REQUIRE(json.size() == t.points.size());
        for (std::size_t i = 0; i < t.points.size(); ++i) {
            CHECK(json[i]["array_name"] == t.points[i].where.array_name);
            CHECK(json[i]["maximise"] == t.points[i].maximise);
            CHECK(json[i]["tx"] == t.points[i].tx);
            CHECK(json[i]["ty"] == t.points[i].ty);
        }
    };
    for (std::size_t i = 0; i < expected.analysis.size(); ++i)
        check(expected.analysis[i], "analysis_" + std::to_string(i));
    for (std::size_t i = 0; i < expected.synthesis.size(); ++i)
        check(expected.synthesis[i], "synthesis_" + std::to_string(i) + "_qi" +
                                         std::to_string(expected.synthesis[i].quantisation_index));
}

TEST_CASE("vc2-bit-width-test-pictures: bad input names the problem and writes nothing",
          "[vc2_integer][test_pictures]") {
    const auto dir = vc2_test::scratch("test_pictures_bad");
    const std::string analysis = vc2_test::analysis("w1_W1_d2_D0");
    const auto run = [&](std::vector<std::string> args) {
        return vc2_test::run("vc2-bit-width-test-pictures", rigor::cli::vc2_bit_width_test_pictures_main, args);
    };
    CHECK(run({analysis, "8", "8", "-b", "10", "-o", dir.string()}) == 1);
    CHECK_THAT(vc2_test::last_error, Catch::Contains("too small for the analysis test pattern of (1, L'') phase (0, 0)"));
    CHECK(run({analysis, "0", "8", "-b", "10", "-o", dir.string()}) == 1);
    CHECK_THAT(vc2_test::last_error, Catch::Contains("WIDTH '0'"));
    CHECK(run({analysis, "64", "x", "-b", "10", "-o", dir.string()}) == 1);
    CHECK(run({analysis, "64", "-b", "10", "-o", dir.string()}) == 2);  // HEIGHT missing: an argument mistake
    CHECK(run({analysis, "64", "64", "-b", "99", "-o", dir.string()}) == 1);
    CHECK(run({analysis, "64", "64", "-b", "10", "-q", "1", "LL", "-o", dir.string()}) == 1);
    CHECK(std::filesystem::is_empty(dir));
}

TEST_CASE("vc2-bit-width-test-pictures makes a missing folder and a second run replaces the first run's set",
          "[vc2_integer][test_pictures]") {
    namespace fs = std::filesystem;
    const auto root = vc2_test::scratch("test_pictures_rerun");
    const fs::path dir = root / "new" / "pictures";
    const std::string analysis = vc2_test::analysis("w1_W1_d1_D0");
    const auto run = [&](const std::string& w, const std::string& h) {
        return vc2_test::run("vc2-bit-width-test-pictures", rigor::cli::vc2_bit_width_test_pictures_main,
                             {analysis, w, h, "-b", "10", "-o", dir.string()});
    };
    const auto names = [&] {
        std::set<std::string> s;
        for (const auto& e : fs::directory_iterator(dir)) s.insert(e.path().filename().string());
        return s;
    };
    const auto expected_names = [&](long w, long h) {
        const StaticAnalysis a = read_static_analysis(analysis);
        const TestPictures t = make_test_pictures(a, w, h, 10, quantisation_matrix(a.config, {}));
        std::set<std::string> s;
        for (std::size_t i = 0; i < t.analysis.size(); ++i)
            for (const char* ext : {".png", ".json"}) s.insert("analysis_" + std::to_string(i) + ext);
        for (std::size_t i = 0; i < t.synthesis.size(); ++i)
            for (const char* ext : {".png", ".json"})
                s.insert("synthesis_" + std::to_string(i) + "_qi" + std::to_string(t.synthesis[i].quantisation_index) + ext);
        return s;
    };
    const auto write_file = [](const fs::path& path, const char* text) { std::ofstream(path) << text; };
    REQUIRE(run("16", "8") == 0);  // small pictures: many of them
    const auto first = names();
    CHECK(first == expected_names(16, 8));
    // A user's own files in the folder stay, even with names close to the tool's.
    write_file(dir / "notes.txt", "mine");
    write_file(dir / "analysis_final.png", "mine");
    REQUIRE(run("64", "32") == 0);  // larger pictures: fewer, so some names of the first run go
    auto second = names();
    CHECK(second.erase("notes.txt") == 1);
    CHECK(second.erase("analysis_final.png") == 1);
    CHECK(second == expected_names(64, 32));
    CHECK(second.size() < first.size());
    // An output "folder" that is a file: one line, nothing written.
    const fs::path file = root / "file";
    write_file(file, "x");
    CHECK(vc2_test::run("vc2-bit-width-test-pictures", rigor::cli::vc2_bit_width_test_pictures_main,
                        {analysis, "16", "8", "-b", "10", "-o", file.string()}) == 1);
    CHECK_THAT(vc2_test::last_error, Catch::Contains("not a directory"));
}
