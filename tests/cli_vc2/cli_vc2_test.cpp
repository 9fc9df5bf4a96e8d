// The VC-2 analysis commands end to end: the reference's arguments, batching through
// files, exit codes and messages for bad input, and no output file after a failure.
#include <catch2/catch.hpp>

#include "tests/support/cli_scratch.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace fs = std::filesystem;

namespace {

using rigor::test::slurp;

// A scratch folder whose commands return their exit code, stdout and stderr.
class Scratch : public rigor::test::ScratchDir {
public:
    rigor::test::Captured run(const std::string& line) const { return rigor::test::run_capture(line, *this); }
};
using Result = rigor::test::Captured;

const std::string bin = RIGOR_BIN_DIR;
const std::string analysis = bin + "/vc2-static-filter-analysis";
const std::string combine = bin + "/vc2-static-filter-analysis-combine";
const fs::path golden = fs::path(RIGOR_DATA_DIR) / "vc2" / "static-analysis";

nlohmann::json parse(const std::string& text) { return nlohmann::json::parse(text); }

// Whether some line of `text` has exactly these white-space separated words.
bool has_row(const std::string& text, const std::string& words) {
    auto normal = [](const std::string& line) {
        std::istringstream in(line);
        std::string w, out;
        while (in >> w) out += (out.empty() ? "" : " ") + w;
        return out;
    };
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);)
        if (normal(line) == words) return true;
    return false;
}

}  // namespace

TEST_CASE("the reference's arguments give the reference's document", "[cli][vc2]") {
    Scratch s;
    const Result r = s.run(analysis + " --wavelet-index le_gall_5_3 --dwt-depth 1 -o " + (s / "a.json"));
    REQUIRE(r.code == 0);
    const auto got = parse(slurp(s / "a.json"));
    const auto want = parse(slurp(golden / "w1_W1_d1_D0.json"));
    CHECK(got["analysis_test_patterns"] == want["analysis_test_patterns"]);
    CHECK(got["synthesis_test_patterns"] == want["synthesis_test_patterns"]);
    CHECK(got["synthesis_signal_bounds"].size() == want["synthesis_signal_bounds"].size());

    // By index, -W and -D, to stdout; and through `rigor <command>`.
    const Result mixed = s.run(analysis + " -w 4 -W 1 -d 1 -D 2");
    REQUIRE(mixed.code == 0);
    CHECK(parse(mixed.out)["synthesis_test_patterns"] ==
          parse(slurp(golden / "w4_W1_d1_D2.json"))["synthesis_test_patterns"]);
    const Result via_rigor = s.run(bin + "/rigor vc2-static-filter-analysis -w 4 -W 1 -d 1 -D 2");
    CHECK(via_rigor.code == 0);
    CHECK(via_rigor.out == mixed.out);
}

TEST_CASE("batches combine into exactly the unbatched document", "[cli][vc2][batch]") {
    Scratch s;
    REQUIRE(s.run(analysis + " -w fidelity -d 1 -o " + (s / "whole.json")).code == 0);
    std::string files;
    for (int k = 0; k < 3; ++k) {
        const std::string f = (s / ("b" + std::to_string(k) + ".json"));
        REQUIRE(s.run(analysis + " -w fidelity -d 1 -B 3 -b " + std::to_string(k) + " -o " + f).code == 0);
        files += " " + f;
    }
    REQUIRE(s.run(combine + files + " -o " + (s / "combined.json")).code == 0);
    CHECK(slurp(s / "combined.json") == slurp(s / "whole.json"));

    SECTION("combine refuses bad sets with the reference's exit codes") {
        const std::size_t before = s.entries();
        CHECK(s.run(combine + " " + (s / "whole.json") + " -o " + (s / "x.json")).code == 1);
        CHECK(s.run(combine + " " + (s / "b0.json") + " " + (s / "b1.json") + " -o " +
                    (s / "x.json"))
                  .code == 4);
        CHECK(s.run(combine + " " + (s / "b0.json") + " " + (s / "b0.json") + " " +
                    (s / "b1.json") + " -o " + (s / "x.json"))
                  .code == 3);
        const std::string other = (s / "other.json");
        REQUIRE(s.run(analysis + " -w le_gall_5_3 -d 1 -B 3 -b 2 -o " + other).code == 0);
        CHECK(s.run(combine + " " + (s / "b0.json") + " " + (s / "b1.json") + " " + other +
                    " -o " + (s / "x.json"))
                  .code == 2);
        CHECK(!fs::exists(s / "x.json"));
        CHECK(s.entries() == before + 1);  // only other.json was added
    }
}

TEST_CASE("bad arguments: one clear line, a non-zero exit, no output file", "[cli][vc2][errors]") {
    Scratch s;
    const std::string out = " -o " + (s / "out.json");
    const std::pair<std::string, std::string> cases[] = {
        {"-w le_gall_9_9 -d 1", "unknown wavelet 'le_gall_9_9'"},
        {"-w 7 -d 1", "out of range"},
        {"-w 1 -d -1", "must not be negative"},
        {"-w 1 -d 1 -D -2", "must not be negative"},
        {"-w 1 -d 1 -b 0", "--batch-num/-b is only meaningful with --num-batches/-B"},
        {"-w 1 -d 1 -B 3", "--batch-num/-b must be given"},
        {"-w 1 -d 1 -B 3 -b 3", "less than --num-batches"},
        {"-d 1", "--wavelet-index/-w is required"},
        {"-w 1 -d one", "is not an integer"},
        {"-w 1 --frobnicate", "unrecognised argument"},
    };
    for (const auto& [args, message] : cases) {
        INFO(args);
        const Result r = s.run(analysis + " " + args + out);
        CHECK(r.code != 0);
        CHECK(r.err.find(message) != std::string::npos);
        CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
        CHECK(!fs::exists(s / "out.json"));
    }
    const Result unwritable = s.run(analysis + " -w 1 -d 1 -o /nonexistent-folder/out.json");
    CHECK(unwritable.code != 0);
    CHECK(unwritable.err.find("cannot write '/nonexistent-folder/out.json'") != std::string::npos);
    CHECK(s.entries() == 0);
}

TEST_CASE("verbose progress goes to stderr, the document to stdout", "[cli][vc2]") {
    Scratch s;
    const Result r = s.run(analysis + " -w 1 -d 2 -v");
    REQUIRE(r.code == 0);
    CHECK(r.err.find("synthesis patterns 99/99") != std::string::npos);
    CHECK(parse(r.out)["synthesis_test_patterns"].size() == 99);
}

TEST_CASE("the main job writes the analysis and a readable summary", "[cli][vc2]") {
    Scratch s;
    const Result r = s.run(bin + "/rigor vc2-report -w le_gall_5_3 -d 2 -b 10 -o " + (s / "r.json"));
    REQUIRE(r.code == 0);
    CHECK(parse(slurp(s / "r.json"))["synthesis_signal_bounds"].size() == 99);
    // LeGall depth 2 at 10 bits (spec §7 and the golden table): analysis level 1 H''
    // is bounded by ±12801, its test patterns reach −12788…12786, 15 bits; the decoder's
    // level 2 Output needs 13 bits for the patterns and 15 for the bounds.
    CHECK(has_row(r.out, "1 H'' -12801 -12788 12786 12801 15"));
    CHECK(has_row(r.out, "2 Output -15136 -2444 2444 15136 13-15"));
    // Then the tight table (issue 12): edges included, the decoder's Output through the
    // quantiser chain is within ±7346 (pixel/vc2_tight/decoder_bounds.hpp: lines of
    // several slopes around the quantiser, coupled through one exact linear form,
    // coupled_bands.hpp; ±8567 with each band's line alone, ±10648 with the error model).
    CHECK(r.out.find("every picture of at least 28x28") != std::string::npos);
    CHECK(has_row(r.out, "2 Output -7346 -2444 2444 7346 13-14"));
    CHECK(has_row(r.out, "2 H -5946 -4345 4345 5945 14"));

    // ./dev.sh run builds the command alone as build/bin/vc2-report (no Expr or regression
    // code): the same document and the same rows (stdout also holds timings).
    const Result alone = s.run(bin + "/vc2-report -w le_gall_5_3 -d 2 -b 10 -o " + (s / "alone.json"));
    REQUIRE(alone.code == 0);
    CHECK(slurp(s / "alone.json") == slurp(s / "r.json"));
    CHECK(has_row(alone.out, "1 H'' -12801 -12788 12786 12801 15"));
    CHECK(has_row(alone.out, "2 Output -7346 -2444 2444 7346 13-14"));
}
