// `rigor vc2-filter` end to end: text and JSON from the same numbers, the same bytes on
// every run, a wavelet file that is a standard wavelet gives exactly that wavelet's
// output, a custom one is recorded by its definition, and bad input fails with one line
// and no output file.
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

const std::string filter = std::string(RIGOR_BIN_DIR) + "/rigor vc2-filter";
const std::string wavelets = std::string(RIGOR_DATA_DIR) + "/vc2/wavelets/";

}  // namespace

TEST_CASE("vc2-filter: JSON and text, deterministic", "[cli][vc2][filter]") {
    Scratch s;
    const auto first = s.run(filter + " -w fidelity -W 1 -d 2 -D 1 --json");
    REQUIRE(first.code == 0);
    CHECK(first.err.empty());
    // The same bytes again, and through -o.
    CHECK(s.run(filter + " -w fidelity -W 1 -d 2 -D 1 --json").out == first.out);
    REQUIRE(s.run(filter + " -w 5 -W le_gall_5_3 -d 2 -D 1 --json -o " + (s / "f.json")).code == 0);
    CHECK(slurp(s / "f.json") == first.out);

    const auto doc = nlohmann::json::parse(first.out);
    CHECK(doc["wavelet_index"] == 5);
    CHECK(doc["wavelet_index_ho"] == 1);
    CHECK(doc["dwt_depth"] == 2);
    CHECK(doc["dwt_depth_ho"] == 1);
    // DC band, then per level: H (horizontal-only), HL LH HH.
    REQUIRE(doc["subbands"].size() == 1 + 1 + 3 + 3);
    CHECK(doc["subbands"][0]["orient"] == "L");
    CHECK(doc["subbands"][1]["orient"] == "H");
    CHECK(doc["subbands"][2]["orient"] == "HL");
    // Steps: the coarsest bands (the DC band, level 1's H) 8 x 4, level 3 (the finest) 2 x 2.
    CHECK(doc["subbands"][1]["step"] == nlohmann::json::array({8, 4}));
    CHECK(doc["subbands"][1]["synthesis"]["x"]["phase_l1_norms"].size() == 8);
    CHECK(doc["subbands"][1]["synthesis"]["y"]["phase_l1_norms"].size() == 4);
    const auto& hh = doc["subbands"][7];
    CHECK(hh["level"] == 3);
    CHECK(hh["step"] == nlohmann::json::array({2, 2}));
    CHECK_FALSE(hh["analysis"]["x"].contains("phase_l1_norms"));
    for (const auto& t : hh["analysis"]["y"]["taps"]) CHECK(t.is_string());

    const auto text = s.run(filter + " -w 1 -d 1");
    REQUIRE(text.code == 0);
    CHECK_THAT(text.out, Catch::Contains("level 1 HH, step 2 x 2"));
    CHECK_THAT(text.out, Catch::Contains("analysis y    n = 0 … 2: -1/2 1 -1/2"));
    CHECK_THAT(text.out, Catch::Contains("synthesis 2-D DC 0, Nyquist 1/2, L1 9/8, largest phase L1 1/2"));
}

TEST_CASE("vc2-filter: wavelet files, standard and custom", "[cli][vc2][filter]") {
    Scratch s;
    const auto by_index = s.run(filter + " -w 6 -d 1 --json");
    REQUIRE(by_index.code == 0);
    CHECK(s.run(filter + " -w " + wavelets + "daubechies_9_7.json -d 1 --json").out == by_index.out);
    // (2a + 2b + 4) >> 3 has the linear part of LeGall's (a + b + 2) >> 2: the same filters,
    // recorded as the custom wavelet they are.
    std::ofstream(s / "scaled.json") << R"({"name": "le_gall_scaled", "filter_bit_shift": 1, "synthesis_stages": [
        {"update": "even", "operation": "subtract", "shift": 3, "tap_offset": 0, "taps": [2, 2]},
        {"update": "odd", "operation": "add", "shift": 1, "tap_offset": 0, "taps": [1, 1]}]})";
    const auto custom = s.run(filter + " -w " + (s / "scaled.json") + " -W 1 -d 1 --json");
    REQUIRE(custom.code == 0);
    auto doc = nlohmann::json::parse(custom.out);
    CHECK(doc["wavelet_index"]["name"] == "le_gall_scaled");
    CHECK(doc["wavelet_index_ho"] == 1);
    const auto le_gall = nlohmann::json::parse(s.run(filter + " -w 1 -d 1 --json").out);
    CHECK(doc["subbands"] == le_gall["subbands"]);
    CHECK_THAT(s.run(filter + " -w " + (s / "scaled.json") + " -d 1").out,
               Catch::Contains("VC-2 equivalent filters: le_gall_scaled (custom)"));
}

TEST_CASE("vc2-filter: bad input, one line, nothing written", "[cli][vc2][filter][errors]") {
    Scratch s;
    std::ofstream(s / "bad.json") << R"({"name": "w", "filter_bit_shift": 0, "synthesis_stages": [
        {"update": "even", "operation": "add", "shift": 1, "tap_offset": 0, "taps": [1], "tap": 2}]})";
    const std::pair<std::string, int> cases[] = {
        {" -w " + (s / "bad.json") + " -d 1", 1},  // the file, naming the field
        {" -w le_gall_9_9 -d 1", 1},
        {" -w 1 -d 99", 2},
        {" -w 1 -d 1 --bogus", 2},
    };
    for (const auto& [args, code] : cases) {
        INFO(args);
        const auto r = s.run(filter + args + " -o " + (s / "out.txt"));
        CHECK(r.code == code);
        CHECK(r.err.find('\n') == r.err.size() - 1);  // one line
        CHECK_FALSE(std::filesystem::exists(s / "out.txt"));
    }
    CHECK_THAT(s.run(filter + " -w " + (s / "bad.json")).err,
               Catch::Contains("bad.json: synthesis_stages[0].tap: unknown field"));
    const auto unwritable = s.run(filter + " -w 1 -d 1 -o " + (s / "no/such/dir/f.txt"));
    CHECK(unwritable.code == 1);
    CHECK_THAT(unwritable.err, Catch::Contains("cannot write"));
}
