// Wavelet files through the analysis and the companion tools, end to end: the shipped
// files give byte for byte what the indices give, and a custom wavelet's static analysis
// carries its definition, so the tables and vc2-verify work from the document alone (with
// -q: a custom wavelet has no default quantisation matrix).
#include <catch2/catch.hpp>

#include "tests/support/cli_scratch.hpp"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

namespace {

using rigor::test::slurp;

class Scratch : public rigor::test::ScratchDir {
public:
    rigor::test::Captured run(const std::string& line) const { return rigor::test::run_capture(line, *this); }
};

const std::string bin = std::string(RIGOR_BIN_DIR) + "/";
const std::string wavelets = std::string(RIGOR_DATA_DIR) + "/vc2/wavelets/";
const char* const kFiles[] = {"deslauriers_dubuc_9_7", "le_gall_5_3", "deslauriers_dubuc_13_7", "haar_no_shift",
                              "haar_with_shift",       "fidelity",    "daubechies_9_7"};

}  // namespace

TEST_CASE("the seven wavelet files give the indices' static analyses byte for byte", "[cli][vc2][wavelet]") {
    Scratch s;
    for (int w = 0; w < 7; ++w) {
        INFO(kFiles[w]);
        const std::string by_file = s / ("file" + std::to_string(w) + ".json");
        const std::string by_index = s / ("index" + std::to_string(w) + ".json");
        REQUIRE(s.run(bin + "vc2-static-filter-analysis -w " + wavelets + kFiles[w] + ".json -W 1 -d 1 -D 1 -o " +
                      by_file).code == 0);
        REQUIRE(s.run(bin + "vc2-static-filter-analysis -w " + std::to_string(w) + " -W " + wavelets +
                      "le_gall_5_3.json -d 1 -D 1 -o " + by_index).code == 0);
        CHECK(slurp(by_file) == slurp(by_index));
    }
    // And the tables made from them (LeGall depth 2, the reference's default matrix).
    REQUIRE(s.run(bin + "vc2-static-filter-analysis -w " + wavelets + "le_gall_5_3.json -d 2 -o " + (s / "f.json"))
                .code == 0);
    REQUIRE(s.run(bin + "vc2-static-filter-analysis -w 1 -d 2 -o " + (s / "i.json")).code == 0);
    CHECK(slurp(s / "f.json") == slurp(s / "i.json"));
    const auto table_f = s.run(bin + "vc2-bit-widths-table " + (s / "f.json") + " -b 10 -p");
    REQUIRE(table_f.code == 0);
    CHECK(table_f.out == s.run(bin + "vc2-bit-widths-table " + (s / "i.json") + " -b 10 -p").out);
    // The tight tables (bounds and witnesses) too, depth 1.
    REQUIRE(s.run(bin + "vc2-static-filter-analysis -w " + wavelets + "le_gall_5_3.json -d 1 -o " + (s / "f1.json"))
                .code == 0);
    REQUIRE(s.run(bin + "vc2-static-filter-analysis -w 1 -d 1 -o " + (s / "i1.json")).code == 0);
    const auto tight_f = s.run(bin + "vc2-bit-widths-table " + (s / "f1.json") + " -b 10 -p --tight");
    REQUIRE(tight_f.code == 0);
    CHECK(tight_f.out == s.run(bin + "vc2-bit-widths-table " + (s / "i1.json") + " -b 10 -p --tight").out);
}

TEST_CASE("a custom wavelet's static analysis drives the tables and vc2-verify by itself", "[cli][vc2][wavelet]") {
    Scratch s;
    std::ofstream(s / "three.json") << R"({"name": "three_stages", "filter_bit_shift": 1, "synthesis_stages": [
        {"update": "odd", "operation": "add", "shift": 8, "tap_offset": -3, "taps": [-2, 10, -25, 81, 81, -25, 10, -2]},
        {"update": "even", "operation": "subtract", "shift": 8, "tap_offset": -3, "taps": [-8, 21, -46, 161, 161, -46, 21, -8]},
        {"update": "odd", "operation": "subtract", "shift": 0, "tap_offset": 0, "taps": [1]}]})";
    const std::string sa = s / "sa.json";
    REQUIRE(s.run(bin + "vc2-static-filter-analysis -w " + (s / "three.json") + " -W 1 -d 1 -D 1 -o " + sa).code == 0);
    const auto doc = nlohmann::json::parse(slurp(sa));
    CHECK(doc["wavelet_index"]["name"] == "three_stages");
    CHECK(doc["wavelet_index"]["synthesis_stages"].size() == 3);
    CHECK(doc["wavelet_index_ho"] == 1);
    std::filesystem::remove(s / "three.json");  // from here on the document alone

    const auto no_matrix = s.run(bin + "vc2-bit-widths-table " + sa + " -b 10");
    CHECK(no_matrix.code == 1);
    CHECK_THAT(no_matrix.err, Catch::Contains("no default quantisation matrix for wavelet three_stages (custom)"));
    const std::string q = " -q 0 L 0 1 H 0 2 HL 0 2 LH 0 2 HH 0";
    const auto table = s.run(bin + "vc2-bit-widths-table " + sa + " -b 10" + q);
    REQUIRE(table.code == 0);
    CHECK_THAT(table.out, Catch::Contains("analysis,2,Input,-512,-512,511,511,10"));
    CHECK_THAT(table.out, Catch::Contains("synthesis,2,Output,"));
    // Every test pattern and random picture through the integer transform of the custom
    // filter stays within the document's bounds.
    CHECK(s.run(bin + "rigor vc2-verify " + sa + " -b 10" + q).code == 0);
    CHECK(s.run(bin + "vc2-maximum-quantisation-index " + sa + " -b 10" + q).code == 0);
}
