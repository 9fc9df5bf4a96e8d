// Custom wavelets in the integer transform and the numeric commands: the shipped files are
// the standard wavelets, bad files are refused naming the field, every lifting filter
// reconstructs perfectly (brute force on small pictures, random filters on random
// pictures), the 64-bit range bound holds on every value, and vc2-dwt/idwt and vc2-bundle
// carry a custom wavelet through their documents.
#include <catch2/catch.hpp>

#include <filesystem>
#include <random>

#include "filters/formats/json_file.hpp"
#include "filters/formats/vc2_wavelet_json.hpp"
#include "filters/vc2/integer_range.hpp"
#include "pixel/vc2/integer_transform.hpp"
#include "pixel/vc2/lifting.hpp"
#include "tests/support/random_wavelet.hpp"
#include "tests/vc2_integer/tool_helpers.hpp"

using rigor::UserError;
using rigor::vc2::Coefficients;
using rigor::vc2::SampleArray;
using rigor::vc2::TransformConfig;
using rigor::vc2::Wavelet;
namespace formats = rigor::formats;
namespace vc2 = rigor::vc2;
namespace pixel = rigor::pixel::vc2;

namespace {

const char* const kNames[] = {"deslauriers_dubuc_9_7", "le_gall_5_3",   "deslauriers_dubuc_13_7", "haar_no_shift",
                              "haar_with_shift",       "fidelity",      "daubechies_9_7"};

std::string wavelet_file(int index) { return vc2_test::data("wavelets/" + std::string(kNames[index]) + ".json"); }

std::string write(const std::filesystem::path& dir, const std::string& name, const std::string& text) {
    const std::string path = (dir / name).string();
    std::ofstream(path) << text;
    return path;
}

// A LeGall whose first stage is written (2a + 2b + 4) >> 3 instead of (a + b + 2) >> 2:
// the same integers, but not the standard filter's definition.
const char* const kScaledLeGall = R"({"name": "le_gall_scaled", "filter_bit_shift": 1, "synthesis_stages": [
    {"update": "even", "operation": "subtract", "shift": 3, "tap_offset": 0, "taps": [2, 2]},
    {"update": "odd", "operation": "add", "shift": 1, "tap_offset": 0, "taps": [1, 1]}]})";

// Fidelity's stages with the stage-1 taps made symmetric and a third stage: a filter no
// standard wavelet has.
const char* const kThreeStages = R"({"name": "three_stages", "filter_bit_shift": 1, "synthesis_stages": [
    {"update": "odd", "operation": "add", "shift": 8, "tap_offset": -3, "taps": [-2, 10, -25, 81, 81, -25, 10, -2]},
    {"update": "even", "operation": "subtract", "shift": 8, "tap_offset": -3, "taps": [-8, 21, -46, 161, 161, -46, 21, -8]},
    {"update": "odd", "operation": "subtract", "shift": 0, "tap_offset": 0, "taps": [1]}]})";

Wavelet parse(const std::string& text) { return formats::parse_wavelet(nlohmann::json::parse(text), "w.json"); }

SampleArray random_picture(std::mt19937& rng, long w, long h, int lo, int hi) {
    SampleArray p(w, h);
    std::uniform_int_distribution<int> d(lo, hi);
    for (auto& s : p.samples) s = d(rng);
    return p;
}

}  // namespace

TEST_CASE("the seven wavelet files of data/vc2/wavelets are the standard wavelets", "[vc2][wavelet]") {
    for (int i = 0; i < vc2::kWaveletCount; ++i) {
        INFO(kNames[i]);
        const Wavelet w = formats::read_wavelet_file(wavelet_file(i));
        CHECK(w.index == i);
        CHECK(w.name == kNames[i]);
        CHECK(vc2::same_filter(w, vc2::wavelet(i)));
        // The canonical JSON of each standard wavelet reads back as that wavelet.
        const Wavelet back = parse(formats::wavelet_json(vc2::wavelet(i)).dump());
        CHECK(back.index == i);
    }
}

TEST_CASE("a wavelet argument (-w, -W) is an index, a name or a wavelet file", "[vc2][wavelet]") {
    CHECK(formats::wavelet_from_argument("5").index == 5);
    CHECK(formats::wavelet_from_argument("daubechies_9_7").index == 6);
    CHECK(formats::wavelet_from_argument(wavelet_file(1)).index == 1);
    const auto dir = vc2_test::scratch("wavelet_argument");
    const Wavelet custom = formats::wavelet_from_argument(write(dir, "scaled.json", kScaledLeGall));
    CHECK(custom.custom());
    CHECK(custom.name == "le_gall_scaled");
    CHECK(vc2::wavelet_label(custom) == "le_gall_scaled (custom)");
    CHECK_THROWS_WITH(formats::wavelet_from_argument("le_gall_9_9"),
                      Catch::Contains("unknown wavelet 'le_gall_9_9'") && Catch::Contains("or a wavelet file"));
    CHECK_THROWS_WITH(formats::wavelet_from_argument("9"), Catch::Contains("wavelet index 9 is out of range"));
    CHECK_THROWS_AS(formats::wavelet_from_argument((dir / "missing.json").string()), rigor::IoError);
    CHECK_THROWS_WITH(formats::wavelet_from_argument((dir / "missing.json").string()),
                      Catch::Contains("cannot read '") && Catch::Contains("missing.json': No such file"));
}

TEST_CASE("analysis stages alone, or both lists when they are inverses, give the same wavelet", "[vc2][wavelet]") {
    const Wavelet synthesis = parse(kThreeStages);
    CHECK(synthesis.custom());
    // The encoder's form: the stages backwards, add and subtract swapped.
    const char* const analysis = R"({"name": "three_stages", "filter_bit_shift": 1, "analysis_stages": [
        {"update": "odd", "operation": "add", "shift": 0, "tap_offset": 0, "taps": [1]},
        {"update": "even", "operation": "add", "shift": 8, "tap_offset": -3, "taps": [-8, 21, -46, 161, 161, -46, 21, -8]},
        {"update": "odd", "operation": "subtract", "shift": 8, "tap_offset": -3, "taps": [-2, 10, -25, 81, 81, -25, 10, -2]}]})";
    CHECK(vc2::same_filter(parse(analysis), synthesis));
    auto both = nlohmann::json::parse(kThreeStages);
    both["analysis_stages"] = nlohmann::json::parse(analysis)["analysis_stages"];
    CHECK(vc2::same_filter(formats::parse_wavelet(both, "w.json"), synthesis));
    // The LeGall file given as the encoder's stages is LeGall.
    const char* const le_gall = R"({"name": "x", "filter_bit_shift": 1, "analysis_stages": [
        {"update": "odd", "operation": "subtract", "shift": 1, "tap_offset": 0, "taps": [1, 1]},
        {"update": "even", "operation": "add", "shift": 2, "tap_offset": 0, "taps": [1, 1]}]})";
    CHECK(parse(le_gall).index == 1);
}

TEST_CASE("bad wavelet files: one line naming the field", "[vc2][wavelet][errors]") {
    const std::string stage = R"({"update": "even", "operation": "add", "shift": 1, "tap_offset": 0, "taps": [1]})";
    const auto with = [](const std::string& fields) { return "{\"name\": \"w\", " + fields + "}"; };
    const auto stages = [&](const std::string& list) {
        return with("\"filter_bit_shift\": 0, \"synthesis_stages\": [" + list + "]");
    };
    const auto one = [&](const std::string& s) { return stages(s); };
    std::string many_stages, many_taps = "1", huge_gains;
    for (int i = 0; i < 17; ++i) many_stages += (i ? ", " : "") + stage;
    for (int i = 1; i < 33; ++i) many_taps += ", 1";
    for (int i = 0; i < 8; ++i)
        huge_gains += std::string(i ? ", " : "") + R"({"update": ")" + (i % 2 ? "odd" : "even") +
                      R"(", "operation": "add", "shift": 0, "tap_offset": 0, "taps": [16777216, 16777216]})";
    const std::pair<std::string, std::string> cases[] = {
        {"[1, 2]", "w.json: expected a wavelet"},
        {R"({"filter_bit_shift": 0, "synthesis_stages": []})", "w.json: name: missing"},
        {R"({"name": 5})", "w.json: name: expected a string"},
        {R"({"name": "a b", "filter_bit_shift": 0, "synthesis_stages": [)" + stage + "]}", "name: 'a b' may hold only"},
        {R"({"name": "", "filter_bit_shift": 0, "synthesis_stages": [)" + stage + "]}", "name: must not be empty"},
        {"{\"name\": \"" + std::string(65, 'a') + "\", \"filter_bit_shift\": 0, \"synthesis_stages\": [" + stage + "]}",
         "name: longer than 64"},
        {R"({"name": "le_gall_5_3", "filter_bit_shift": 0, "synthesis_stages": [)" + stage + "]}",
         "is the name of standard wavelet 1"},
        {with(R"("synthesis_stages": [])"), "w.json: filter_bit_shift: missing"},
        {with(R"("filter_bit_shift": 9)"), "filter_bit_shift: 9 is out of range (0 to 8)"},
        {with(R"("filter_bit_shift": 1.5)"), "filter_bit_shift: expected an integer"},
        {with(R"("filter_bit_shift": 0)"), "synthesis_stages: missing (or give analysis_stages)"},
        {with(R"("filter_bit_shift": 0, "synthesis_stages": {})"), "synthesis_stages: expected a list"},
        {stages(""), "synthesis_stages: a wavelet needs at least one lifting stage"},
        {stages(many_stages), "synthesis_stages: 17 stages are too many (at most 16)"},
        {with(R"("filter_bit_shift": 0, "synthesis_stages": [)" + stage + R"(], "lenght": 2)"),
         "w.json: lenght: unknown field (expected name, filter_bit_shift, synthesis_stages, analysis_stages)"},
        {one("3"), "synthesis_stages[0]: expected an object"},
        {one(R"({"update": "even", "operation": "add", "shift": 1, "tap_offset": 0, "taps": [1], "length": 1})"),
         "synthesis_stages[0].length: unknown field"},
        {one(R"({"update": "middle", "operation": "add", "shift": 1, "tap_offset": 0, "taps": [1]})"),
         R"(synthesis_stages[0].update: expected "even" or "odd")"},
        {one(R"({"update": "even", "shift": 1, "tap_offset": 0, "taps": [1]})"), "synthesis_stages[0].operation: missing"},
        {one(R"({"update": "even", "operation": "add", "shift": 31, "tap_offset": 0, "taps": [1]})"),
         "synthesis_stages[0].shift: 31 is out of range (0 to 30)"},
        {one(R"({"update": "even", "operation": "add", "shift": -1, "tap_offset": 0, "taps": [1]})"),
         "shift: -1 is out of range"},
        {one(R"({"update": "even", "operation": "add", "shift": 1, "tap_offset": 65, "taps": [1]})"),
         "tap_offset: 65 is out of range (-64 to 64)"},
        {one(R"({"update": "even", "operation": "add", "shift": 1, "tap_offset": 0, "taps": []})"),
         "synthesis_stages[0].taps: a stage needs at least one tap"},
        {one(R"({"update": "even", "operation": "add", "shift": 1, "tap_offset": 0, "taps": [)" + many_taps + "]}"),
         "taps: 33 taps are too many (at most 32)"},
        {one(R"({"update": "even", "operation": "add", "shift": 1, "tap_offset": 0, "taps": [1, 16777217]})"),
         "synthesis_stages[0].taps[1]: 16777217 is out of range (-16777216 to 16777216)"},
        {one(R"({"update": "even", "operation": "add", "shift": 1, "tap_offset": 0, "taps": [18446744073709551615]})"),
         "taps[0]: 18446744073709551615 is out of range"},
        {one(R"({"update": "even", "operation": "add", "shift": 1, "tap_offset": 0, "taps": [-9223372036854775808]})"),
         "taps[0]: -9223372036854775808 is out of range"},
        {one(R"({"update": "even", "operation": "add", "shift": 1, "tap_offset": 0, "taps": [1e400]})"), "not valid JSON"},
        {one(R"({"update": "even", "operation": "add", "shift": 1, "tap_offset": 0, "taps": [99999999999999999999]})"),
         "taps[0]: expected an integer"},
        {one(R"({"update": "even", "operation": "add", "shift": 1, "tap_offset": 0, "taps": ["1"]})"),
         "taps[0]: expected an integer"},
        {stages(huge_gains), "the gains are too large: one level of a 32-bit picture could exceed 64-bit integers"},
        {with(R"("filter_bit_shift": 0, "synthesis_stages": [)" + stage + R"(], "analysis_stages": [)" + stage + "]"),
         "synthesis_stages[0]: does not undo analysis_stages[0] (update even, add, shift 1, tap_offset 0, taps [1]): "
         "it must be update even, subtract, shift 1, tap_offset 0, taps [1], so the filter would not reconstruct "
         "perfectly"},
        {with(R"("filter_bit_shift": 0, "synthesis_stages": [)" + stage + ", " + stage + R"(], "analysis_stages": [)" +
              stage + "]"),
         "analysis_stages: has 1 stages and synthesis_stages 2"},
        {"{\"name\": ", "not valid JSON"},
    };
    const auto dir = vc2_test::scratch("bad_wavelets");
    for (const auto& [text, message] : cases) {
        INFO(text);
        const std::string path = write(dir, "w.json", text);
        try {
            (void)formats::read_wavelet_file(path);
            FAIL("accepted");
        } catch (const UserError& e) {
            const std::string what = e.what();
            CHECK_THAT(what, Catch::Contains(message));
            CHECK(what.find('\n') == std::string::npos);
        }
    }
}

TEST_CASE("vc2-dwt with a bad wavelet file: exit 1, the field named, nothing written", "[vc2][wavelet][errors]") {
    const auto dir = vc2_test::scratch("dwt_bad_wavelet");
    const std::string bad = write(dir, "bad.json", R"({"name": "w", "filter_bit_shift": 0, "synthesis_stages": [
        {"update": "even", "operation": "add", "shift": 40, "tap_offset": 0, "taps": [1]}]})");
    const std::string picture = write(dir, "p.json", "[[1, 2], [3, 4]]");
    const std::string out = (dir / "out.json").string();
    CHECK(vc2_test::run("vc2-dwt", rigor::cli::vc2_dwt_main, {picture, "-w", bad, "-d", "1", "-o", out}) == 1);
    CHECK_THAT(vc2_test::last_error, Catch::Contains("bad.json: synthesis_stages[0].shift: 40 is out of range"));
    CHECK(!std::filesystem::exists(out));
}

TEST_CASE("perfect reconstruction: every 4x2 picture of 2-bit samples, custom and standard filters",
          "[vc2][wavelet][property]") {
    std::mt19937 rng(12);
    const Wavelet filters[] = {parse(kThreeStages), vc2::wavelet(5), rigor::test::random_wavelet(rng)};
    for (const Wavelet& w : filters)
        for (const auto& [depth, depth_ho] : {std::pair{1, 0}, std::pair{0, 2}}) {
            const TransformConfig c = rigor::test::config_of(w, w, depth, depth_ho);
            INFO(formats::wavelet_json(w).dump() << " d=" << depth << " D=" << depth_ho);
            long wrong = 0;
            SampleArray p(4, 2);
            for (int code = 0; code < (1 << 16); ++code) {
                for (int i = 0; i < 8; ++i) p.samples[static_cast<std::size_t>(i)] = ((code >> (2 * i)) & 3) - 2;
                if (pixel::synthesise(c, pixel::analyse(c, p)) != p) ++wrong;
            }
            CHECK(wrong == 0);
        }
}

TEST_CASE("perfect reconstruction and the 64-bit bound: random filters, depths and pictures",
          "[vc2][wavelet][property]") {
    const unsigned seed = 2024;
    INFO("seed " << seed);
    std::mt19937 rng(seed);
    int proven = 0;  // runs both bounds cover (the others ran checked)
    for (int trial = 0; trial < 120; ++trial) {
        const int depth = std::uniform_int_distribution<int>(0, 2)(rng);
        const int depth_ho = std::uniform_int_distribution<int>(0, 2)(rng);
        const TransformConfig c = rigor::test::config_of(rigor::test::random_wavelet(rng, "v"),
                                                         rigor::test::random_wavelet(rng, "h"), depth, depth_ho);
        const long w = (1L << (depth + depth_ho)) * std::uniform_int_distribution<long>(1, 4)(rng);
        const long h = (1L << depth) * std::uniform_int_distribution<long>(1, 4)(rng);
        // Saturated pictures drive the magnitudes furthest; random ones everything else.
        const bool saturated = trial % 3 == 0;
        SampleArray p = random_picture(rng, w, h, saturated ? 0 : -512, saturated ? 1 : 511);
        if (saturated)
            for (auto& s : p.samples) s = s ? 511 : -512;
        INFO("trial " << trial << " " << w << "x" << h << " d=" << depth << " D=" << depth_ho << " v="
                      << formats::wavelet_json(c.vertical_wavelet()).dump()
                      << " h=" << formats::wavelet_json(c.horizontal_wavelet()).dump());
        std::uint64_t largest = 0;
        const auto track = [&](int, std::string_view, const SampleArray& a) {
            for (std::int64_t v : a.samples) largest = std::max<std::uint64_t>(largest, v < 0 ? -v : v);
        };
        const Coefficients coefficients = pixel::analyse(c, p, track);
        const auto bound = vc2::analysis_magnitude_bound(c, 512);
        if (bound) CHECK(largest <= *bound);
        largest = 0;
        CHECK(pixel::synthesise(c, coefficients, track) == p);
        std::uint64_t coefficient_magnitude = 0;
        for (const auto& [level, bands] : coefficients)
            for (const auto& [orient, band] : bands)
                for (std::int64_t v : band.samples)
                    coefficient_magnitude = std::max<std::uint64_t>(coefficient_magnitude, v < 0 ? -v : v);
        const auto synthesis_bound = vc2::synthesis_magnitude_bound(c, coefficient_magnitude);
        if (synthesis_bound) CHECK(largest <= *synthesis_bound);
        if (bound && synthesis_bound) ++proven;
    }
    CHECK(proven >= 80);
}

TEST_CASE("a run that leaves 64-bit integers is refused, one the bound cannot prove safe is checked",
          "[vc2][wavelet][errors]") {
    const TransformConfig c{1, 1, 1, 0};
    // x << 1 of 2^62 is 2^63: the filter bit shift already overflows.
    CHECK_THROWS_WITH(pixel::analyse(c, SampleArray(2, 2, std::int64_t{1} << 62)),
                      Catch::Contains("picture samples up to 4611686018427387904 in magnitude") &&
                          Catch::Contains("exceeds 64-bit integers on them at level 1"));
    // (HH + HH' + 2) >> 2 with HH = 2^62: the lifting sum overflows.
    Coefficients huge = pixel::analyse(c, SampleArray(2, 2));
    huge[1]["HH"].samples[0] = std::int64_t{1} << 62;
    CHECK_THROWS_WITH(pixel::synthesise(c, huge), Catch::Contains("coefficients up to 4611686018427387904"));
    // A large constant picture cancels in every high-pass band: its values stay inside
    // although the bound (blind to cancellation) cannot prove it; the checked run is exact.
    REQUIRE_FALSE(vc2::analysis_magnitude_bound(c, std::int64_t{1} << 60));
    const SampleArray flat(4, 4, std::int64_t{1} << 60);
    CHECK(pixel::synthesise(c, pixel::analyse(c, flat)) == flat);
    // Daubechies 9/7 at 6 levels of a 24-bit picture (beyond what the bound proves) runs
    // checked and reconstructs; the standard wavelets at 4 levels of 16-bit pictures are
    // proven safe but Fidelity and Daubechies, whose bounds grow fastest.
    std::mt19937 rng(7);
    const TransformConfig deep{6, 6, 6, 0};
    const int big = 1 << 23;
    CHECK_FALSE(vc2::analysis_magnitude_bound(deep, big).has_value());
    const SampleArray p = random_picture(rng, 128, 64, -big, big - 1);
    const Coefficients coefficients = pixel::analyse(deep, p);
    CHECK(pixel::synthesise(deep, coefficients) == p);
    for (int w = 0; w < 5; ++w) {
        INFO("wavelet " << w);
        const TransformConfig four{w, w, 4, 0};
        const auto a = vc2::analysis_magnitude_bound(four, std::uint64_t{1} << 16);
        REQUIRE(a);
        CHECK(vc2::synthesis_magnitude_bound(four, *a));
    }
}

TEST_CASE("vc2-dwt and vc2-idwt carry a custom wavelet through their documents", "[vc2][wavelet]") {
    const auto dir = vc2_test::scratch("dwt_custom");
    std::mt19937 rng(5);
    const SampleArray picture = random_picture(rng, 16, 8, -512, 511);
    nlohmann::json rows = nlohmann::json::array();
    for (long y = 0; y < picture.height; ++y) {
        rows.push_back(nlohmann::json::array());
        for (long x = 0; x < picture.width; ++x) rows.back().push_back(picture.at(x, y));
    }
    const std::string in = write(dir, "p.json", rows.dump());
    const std::string scaled = write(dir, "scaled.json", kScaledLeGall);
    const std::string three = write(dir, "three.json", kThreeStages);
    const auto run_dwt = [&](std::vector<std::string> args) {
        return vc2_test::run("vc2-dwt", rigor::cli::vc2_dwt_main, std::move(args));
    };
    REQUIRE(run_dwt({in, "-w", scaled, "-d", "2", "-o", (dir / "scaled_c.json").string()}) == 0);
    REQUIRE(run_dwt({in, "-w", "1", "-d", "2", "-o", (dir / "legall_c.json").string()}) == 0);
    const auto custom_doc = rigor::formats::read_json_file((dir / "scaled_c.json").string(), "x");
    const auto standard_doc = rigor::formats::read_json_file((dir / "legall_c.json").string(), "x");
    // The same integers as LeGall, recorded as the custom filter it is.
    CHECK(custom_doc["coefficients"] == standard_doc["coefficients"]);
    CHECK(standard_doc["wavelet_index"] == 1);
    CHECK(custom_doc["wavelet_index"]["name"] == "le_gall_scaled");
    CHECK(custom_doc["wavelet_index_ho"]["synthesis_stages"][0]["shift"] == 3);

    // A different filter, mixed with a standard one; vc2-idwt reads the wavelets from the
    // document alone.
    REQUIRE(run_dwt({in, "-w", three, "-W", "fidelity", "-d", "1", "-D", "1", "-o", (dir / "mixed.json").string()}) == 0);
    REQUIRE(vc2_test::run("vc2-idwt", rigor::cli::vc2_idwt_main,
                          {(dir / "mixed.json").string(), "-o", (dir / "back.json").string()}) == 0);
    const auto back = rigor::formats::read_json_file((dir / "back.json").string(), "x");
    CHECK(back["picture"] == rows);
    CHECK(back["wavelet_index"]["name"] == "three_stages");
    CHECK(back["wavelet_index_ho"] == 5);
    // A definition in a document is checked as a file is.
    auto broken = rigor::formats::read_json_file((dir / "mixed.json").string(), "x");
    broken["wavelet_index"]["synthesis_stages"][0]["taps"] = nlohmann::json::array();
    const std::string broken_path = write(dir, "broken.json", broken.dump());
    CHECK(vc2_test::run("vc2-idwt", rigor::cli::vc2_idwt_main, {broken_path, "-o", (dir / "no.json").string()}) == 1);
    CHECK_THAT(vc2_test::last_error,
               Catch::Contains("broken.json: wavelet_index.synthesis_stages[0].taps: a stage needs at least one tap"));
    CHECK(!std::filesystem::exists(dir / "no.json"));
}

TEST_CASE("vc2-bundle finds an analysis of a custom wavelet by its file", "[vc2][wavelet][bundle]") {
    const auto dir = vc2_test::scratch("bundle_custom");
    const std::string three = write(dir, "three.json", kThreeStages);
    // A document whose configuration names the custom wavelet (the bundle reads only that).
    auto document = rigor::formats::read_json_file(vc2_test::analysis("w1_W1_d1_D0"), "x");
    document["wavelet_index"] = nlohmann::json::parse(formats::wavelet_json(parse(kThreeStages)).dump());
    const std::string custom = write(dir, "custom.json", document.dump());
    const std::string zip = (dir / "b.zip").string();
    const auto bundle = [&](std::vector<std::string> args) {
        return vc2_test::run("vc2-bundle", rigor::cli::vc2_bundle_main, std::move(args));
    };
    REQUIRE(bundle({"create", zip, "-s", custom, vc2_test::analysis("w1_W1_d1_D0")}) == 0);
    const std::string out = (dir / "out.json").string();
    REQUIRE(bundle({"extract-static-filter-analysis", zip, "-w", three, "-W", "1", "-d", "1", "-o", out}) == 0);
    CHECK(rigor::formats::read_json_file(out, "x") == document);
    REQUIRE(bundle({"extract-static-filter-analysis", zip, "-w", "1", "-d", "1", "-o", out}) == 0);
    CHECK(rigor::formats::read_json_file(out, "x")["wavelet_index"] == 1);
    // The custom filter's horizontal twin is not in the bundle.
    CHECK(bundle({"extract-static-filter-analysis", zip, "-w", three, "-d", "1", "-o", (dir / "none.json").string()}) ==
          1);
    CHECK(!std::filesystem::exists(dir / "none.json"));
}

TEST_CASE("the checked lifting loop computes what the plain one does, and stops at an overflow",
          "[vc2][wavelet]") {
    std::mt19937 rng(31);
    std::uniform_int_distribution<std::int64_t> sample(-(std::int64_t{1} << 40), std::int64_t{1} << 40);
    for (int trial = 0; trial < 200; ++trial) {
        const Wavelet w = rigor::test::random_wavelet(rng);
        const vc2::LiftingStage& stage = w.synthesis_stages[static_cast<std::size_t>(trial) % w.synthesis_stages.size()];
        const long n = 2 * std::uniform_int_distribution<long>(1, 12)(rng);
        std::vector<std::int64_t> plain(static_cast<std::size_t>(2 * n));
        for (auto& s : plain) s = sample(rng);
        std::vector<std::int64_t> checked = plain;
        const long stride = trial % 2 ? 2 : 1;  // every other sample of the line, or all
        pixel::lift_line(plain.data(), n, stride, stage);
        REQUIRE(pixel::lift_line_checked(checked.data(), n, stride, stage));
        CHECK(checked == plain);
    }
    const vc2::LiftingStage le_gall_update = vc2::wavelet(1).synthesis_stages[1];  // odd += (even + even' + 1) >> 1
    std::vector<std::int64_t> line{std::int64_t{1} << 62, 0, std::int64_t{1} << 62, 0};
    CHECK_FALSE(pixel::lift_line_checked(line.data(), 4, 1, le_gall_update));
}
