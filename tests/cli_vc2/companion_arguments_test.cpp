// The VC-2 companion tools' command lines as the reference (argparse) reads them, through
// the real executables: -q takes words up to the next option, wherever it stands and
// however often it is given; argument mistakes are usage errors (exit 2, one line).
#include <catch2/catch.hpp>

#include "tests/support/cli_scratch.hpp"

#include <algorithm>
#include <filesystem>
#include <string>

namespace {

const std::string bin = RIGOR_BIN_DIR;
const std::string max_qi = bin + "/vc2-maximum-quantisation-index";
const std::string bundle = bin + "/vc2-bundle";
const std::string legall_d2 = std::string(RIGOR_DATA_DIR) + "/vc2/static-analysis/w1_W1_d2_D0.json";
const std::string legall_d1 = std::string(RIGOR_DATA_DIR) + "/vc2/static-analysis/w1_W1_d1_D0.json";

rigor::test::Captured run(const rigor::test::ScratchDir& s, const std::string& line) {
    return rigor::test::run_capture(line, s);
}

bool one_line(const std::string& err) { return std::count(err.begin(), err.end(), '\n') == 1; }

}  // namespace

TEST_CASE("vc2-maximum-quantisation-index: -q before, after and split around -b", "[cli][vc2][arguments]") {
    rigor::test::ScratchDir s;
    // LeGall depth 2 at 10 bits with its default matrix: 55 (spec §7).
    CHECK(run(s, max_qi + " " + legall_d2 + " -b 10").out == "55\n");
    // The default matrix spelled out with -q changes nothing.
    const std::string defaults = "0 LL 4 1 HL 2 1 LH 2 1 HH 0 2 HL 4 2 LH 4 2 HH 2";
    CHECK(run(s, max_qi + " " + legall_d2 + " -q " + defaults + " -b 10").out == "55\n");
    // LL raised to 100: the answer is at least 100, the same for every spelling.
    const auto answer = [&](const std::string& args) {
        const auto r = run(s, max_qi + " " + args);
        INFO(args << ": " << r.err);
        CHECK(r.code == 0);
        return r.out;
    };
    const std::string first = answer(legall_d2 + " -b 10 -q 0 LL 100");
    CHECK(std::stoi(first) >= 100);
    CHECK(answer("-b 10 -q 0 LL 100 -- " + legall_d2) == first);
    CHECK(answer(legall_d2 + " -q 0 LL 100 -b 10") == first);
    CHECK(answer(legall_d2 + " -q 0 LL 100 1 HL 2 -b 10 -q 2 HH 2") == first);
    CHECK(answer(legall_d2 + " --custom-quantisation-matrix 0 LL 100 --picture-bit-width=10") == first);
}

TEST_CASE("vc2 companion tools: argument mistakes are usage errors, exit 2", "[cli][vc2][arguments]") {
    rigor::test::ScratchDir s;
    const std::string out = " -o " + (s / "out.txt");  // first: a single-value option takes any next word
    struct Case {
        std::string args, message;
        int code;
    };
    const Case cases[] = {
        {legall_d2 + " -b 10 -q", "argument --custom-quantisation-matrix expects at least one value", 2},
        {legall_d2 + " -q -b 10", "argument --custom-quantisation-matrix expects at least one value", 2},
        {legall_d2 + " -q 0 LL 4 -b", "argument --picture-bit-width expects 1 value", 2},
        // The -q words swallow a file written after them, as in argparse.
        {"-q 0 LL 4 " + legall_d2 + " -b 10", "missing argument STATIC_ANALYSIS.json", 2},
        {legall_d2, "the argument -b/--picture-bit-width is required (BITS)", 2},
        {legall_d2 + " -b ten", "picture bit width 'ten' is not an integer", 2},
        {legall_d2 + " -b 10 --frobnicate", "unrecognised argument '--frobnicate'", 2},
        {legall_d2 + " " + legall_d1 + " -b 10", "unexpected argument", 2},
        // Not a usage error: the words are there but do not make triples.
        {legall_d2 + " -b 10 -q 0 LL", "LEVEL ORIENT VALUE triples", 1},
    };
    for (const Case& c : cases) {
        INFO(c.args);
        const auto r = run(s, max_qi + out + " " + c.args);
        CHECK(r.code == c.code);
        CHECK(r.err.find(c.message) != std::string::npos);
        CHECK(one_line(r.err));
        CHECK(s.entries() == 0);
    }
}

TEST_CASE("vc2-bundle create: -s and -o take files up to the next option, each use adds more",
          "[cli][vc2][arguments]") {
    rigor::test::ScratchDir s;
    const std::string zip = s / "b.zip";
    REQUIRE(run(s, bundle + " create " + zip + " -s " + legall_d1 + " -s " + legall_d2).code == 0);
    const auto listing = run(s, bundle + " list " + zip);
    REQUIRE(listing.code == 0);
    CHECK(listing.out.find("0.\n") != std::string::npos);
    CHECK(listing.out.find("1.\n    * wavelet_index: le_gall_5_3 (1)\n") != std::string::npos);
    CHECK(listing.out.find("2.\n") == std::string::npos);
    std::filesystem::remove(zip);

    const std::string missing = "create: argument --static-filter-analysis expects at least one value";
    for (const std::string& args : {std::string(" -s"), " -s -o " + legall_d1, " -s " + legall_d1 + " -o"}) {
        INFO(args);
        const auto r = run(s, bundle + " create " + zip + args);
        CHECK(r.code == 2);
        CHECK(r.err.find(args.ends_with("-o") ? "--optimised-synthesis-test-patterns" : missing) !=
              std::string::npos);
        CHECK(one_line(r.err));
        CHECK(s.entries() == 0);
    }
}

TEST_CASE("vc2-dwt and vc2-idwt: argument mistakes are usage errors, exit 2", "[cli][vc2][arguments]") {
    rigor::test::ScratchDir s;
    const std::string dwt = bin + "/rigor vc2-dwt", idwt = bin + "/rigor vc2-idwt";
    const std::string out = " -o " + (s / "out.json");  // first: a single-value option takes any next word
    struct Case {
        std::string command, args, message;
        int code;
    };
    const Case cases[] = {
        {dwt, "--bogus x", "unknown option '--bogus' (see --help)", 2},  // the wording it always had
        {dwt, "-d one", "--dwt-depth: 'one' is not an integer", 2},
        {dwt, "-d", "-d needs a value", 2},
        {dwt, "a.json b.json", "unexpected argument 'b.json'", 2},
        {idwt, "--plane 0", "vc2-idwt does not take them", 2},
        // Not argument mistakes: a wavelet that does not exist, an input that is not there.
        {dwt, "-w 9", "wavelet index 9 is out of range", 1},
        {dwt, s / "absent.json", "cannot read", 1},
    };
    for (const Case& c : cases) {
        INFO(c.command << " " << c.args);
        const auto r = run(s, c.command + out + " " + c.args);
        CHECK(r.code == c.code);
        CHECK(r.err.find(c.message) != std::string::npos);
        CHECK(one_line(r.err));
        CHECK(s.entries() == 0);
    }
}
