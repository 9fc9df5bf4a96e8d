// Progress of the long VC-2 tools (issue 16 "Progress"): with -v each tool reports its
// counted work on stderr from the start ("<tool>: 12/12 test patterns in 0:01"), with
// --quiet nothing, and what it writes is byte for byte the same in all three cases.
// (Run quickly, without -v the display stays silent: it waits 5 s before a first line
// when stderr is not a terminal, cli/common/progress_display.hpp.)
#include <catch2/catch.hpp>

#include <filesystem>

#include "tool_helpers.hpp"

using namespace vc2_test;

namespace {

struct Runs {
    std::string verbose, quiet, plain;  // stderr of each run
    std::string output;                 // what every run wrote (checked equal)
};

// Runs `main` with `args` three times (-v, --quiet, neither), each writing `out` (a file,
// or a folder whose files are concatenated in name order).
Runs three_runs(const char* name, int (*main)(rigor::cli::CommandArguments), const std::vector<std::string>& args,
                const std::filesystem::path& out, int expected_exit = 0) {
    namespace fs = std::filesystem;
    const auto written = [&] {
        if (!fs::is_directory(out)) return read_file(out.string());
        std::vector<std::string> names;
        for (const auto& e : fs::directory_iterator(out)) names.push_back(e.path().string());
        std::sort(names.begin(), names.end());
        std::string all;
        for (const auto& n : names) all += n + "\n" + read_file(n);
        return all;
    };
    Runs r;
    std::string* errs[] = {&r.verbose, &r.quiet, &r.plain};
    const char* flags[] = {"-v", "--quiet", nullptr};
    for (int k = 0; k < 3; ++k) {
        std::vector<std::string> a = args;
        if (flags[k]) a.push_back(flags[k]);
        INFO(name << " " << (flags[k] ? flags[k] : "(no progress flag)"));
        REQUIRE(run(name, main, a) == expected_exit);
        *errs[k] = last_error;
        const std::string w = written();
        if (k == 0) r.output = w;
        CHECK(w == r.output);
    }
    CHECK(!r.output.empty());
    return r;
}

}  // namespace

TEST_CASE("VC-2 tools: -v shows progress on stderr, --quiet none, the output is the same", "[vc2_integer][progress]") {
    const auto dir = scratch("progress");
    const std::string legall = analysis("w1_W1_d1_D0");
    const std::string table = (dir / "table.csv").string();

    SECTION("vc2-bit-widths-table") {
        const Runs r = three_runs("vc2-bit-widths-table", rigor::cli::vc2_bit_widths_table_main,
                                  {legall, "-b", "10", "-p", "-o", table}, table);
        CHECK_THAT(r.verbose, Catch::Contains("vc2-bit-widths-table: ") && Catch::Contains(" test patterns in "));
        CHECK(r.quiet.empty());
        CHECK(r.output == read_file(data("tables/w1_W1_d1_D0_b10_table.csv")));  // the reference's, unchanged
    }
    SECTION("vc2-bit-widths-table --tight: patterns, bound steps, witness candidates and searches") {
        const Runs r = three_runs("vc2-bit-widths-table", rigor::cli::vc2_bit_widths_table_main,
                                  {legall, "-b", "10", "--tight", "-o", table}, table);
        for (const char* task : {" test patterns in ", "5/5 tight bound steps in ", " witness candidates in "})
            CHECK_THAT(r.verbose, Catch::Contains(task));
        // --quiet keeps only the statement of the sizes the bounds hold for.
        CHECK_THAT(r.quiet, Catch::StartsWith("vc2-bit-widths-table: tight bounds (edges included) for "));
        CHECK(r.quiet.find(" in ") == std::string::npos);
    }
    SECTION("vc2-verify") {
        const std::string report = (dir / "verify.txt").string();
        const Runs r = three_runs("vc2-verify", rigor::cli::vc2_verify_main, {legall, "-b", "10", "-r", "1", "-o", report},
                                  report);
        CHECK_THAT(r.verbose, Catch::Contains("rigor vc2-verify: ") && Catch::Contains(" pictures in "));
        CHECK(r.quiet.empty());
    }
    SECTION("vc2-bit-width-test-pictures") {
        const auto folder = dir / "pictures";
        const Runs r = three_runs("vc2-bit-width-test-pictures", rigor::cli::vc2_bit_width_test_pictures_main,
                                  {legall, "64", "32", "-b", "10", "-o", folder.string()}, folder);
        CHECK_THAT(r.verbose, Catch::Contains("vc2-bit-width-test-pictures: ") &&
                                  Catch::Contains(" synthesis patterns in ") && Catch::Contains("wrote "));
        CHECK(r.quiet.empty());
    }
    SECTION("vc2-optimise-synthesis-test-patterns") {
        const std::string out = (dir / "optimised.json").string();
        const Runs r = three_runs("vc2-optimise-synthesis-test-patterns",
                                  rigor::cli::vc2_optimise_synthesis_test_patterns_main,
                                  {legall, "-b", "10", "-N", "1", "-i", "4", "-I", "0", "-o", out}, out);
        CHECK_THAT(r.verbose, Catch::Contains("vc2-optimise-synthesis-test-patterns: ") &&
                                  Catch::Contains(" synthesis patterns in ") && Catch::Contains("pattern 1 of "));
        CHECK(r.quiet.empty());
    }
}
