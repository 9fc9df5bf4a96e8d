// rigor vc2-verify --tight (issue 12 §4): every value of every array, edges included, of
// random, saturated, flat and witness pictures stays within the tight bounds at the given
// size and at the minimum size; a bound narrowed through the test hook (cli/vc2/
// vc2_verify.hpp, not a command-line flag) makes the command exit 3 with a line naming
// the array, the position, the value and the bound.
#include <catch2/catch.hpp>

#include <filesystem>

#include "cli/vc2/vc2_verify.hpp"
#include "tool_helpers.hpp"

using namespace vc2_test;

namespace {

// The bounds of the decoder's level-1 Output (the decoded picture) divided by `d`, at both sizes.
int verify_with_output_bounds_divided(rigor::cli::CommandArguments args, std::int64_t d) {
    return rigor::cli::vc2_verify_with(args, [d](rigor::pixel::vc2_bit_widths::ReplacementBounds& b) {
        for (auto& [where, r] : b.synthesis)
            if (where.level == 1 && where.array_name == "Output") r = {r.lower / d, r.upper / d};
    });
}
int verify_with_output_bounds_halved(rigor::cli::CommandArguments args) {
    return verify_with_output_bounds_divided(args, 2);
}
int verify_with_output_bounds_eighths(rigor::cli::CommandArguments args) {
    return verify_with_output_bounds_divided(args, 8);
}

std::size_t occurrences(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("vc2-verify --tight: no value of LeGall depth 1 leaves its tight bound, at a given size and the minimum",
          "[vc2_integer][tight_verify]") {
    const auto dir = scratch("tight_verify_legall");
    const std::string out = (dir / "report.txt").string();
    const std::vector<std::string> args = {analysis("w1_W1_d1_D0"), "-b", "10", "-r", "1", "--tight", "--width",
                                           "64",  "--height", "32", "-o", out};
    REQUIRE(run("vc2-verify", rigor::cli::vc2_verify_main, args) == 0);
    const std::string report = read_file(out);
    CHECK(report.find("tight bounds of pictures of exactly 64x32:\npictures: 4 of 64x32 (seed 1)") == 0);
    CHECK(occurrences(report, ", violations: 0\n") == 2);
    CHECK(occurrences(report, "(counted as violations)") == 2);
    // The minimum size runs the witness pictures too: more pictures than random + flat.
    const std::size_t at = report.find("tight bounds of every picture of at least ");
    REQUIRE(at != std::string::npos);
    const std::size_t open = report.find(" (", at), witnesses = std::stoul(report.substr(open + 2));
    CHECK(witnesses > 0);
    const std::size_t pictures = report.find("pictures: ", at);
    CHECK(std::stoul(report.substr(pictures + 10)) >= 4 + witnesses);

    // The same picture counts, the same report, whatever the threads.
    const std::string two = (dir / "two.txt").string();
    auto on_two = args;
    on_two.back() = two;
    on_two.insert(on_two.end(), {"-j", "2"});
    REQUIRE(run("vc2-verify", rigor::cli::vc2_verify_main, on_two) == 0);
    CHECK(read_file(two) == report);
}

TEST_CASE("vc2-verify --tight: a narrowed bound exits 3 naming array, position, value and bound",
          "[vc2_integer][tight_verify]") {
    const auto dir = scratch("tight_verify_narrowed");
    const std::string out = (dir / "report.txt").string();
    const std::vector<std::string> args = {analysis("w1_W1_d1_D0"), "-b", "10", "-r", "1", "--tight",
                                           "--width", "64", "--height", "32", "-o", out};
    // An eighth of the bound: the flat and random pictures of the given size leave it.
    REQUIRE(run("vc2-verify", verify_with_output_bounds_eighths, args) == 3);
    INFO(last_error);
    CHECK_THAT(last_error, Catch::StartsWith("rigor vc2-verify: ") &&
                               Catch::Contains(" values outside their tight bounds; the first: synthesis (1, Output) at (") &&
                               Catch::Contains(" outside [") && Catch::Contains("(at 64x32)"));
    const std::string report = read_file(out);  // the report is still written, violations listed
    CHECK(report.find("violation: synthesis (1, Output) at (") != std::string::npos);
    CHECK(report.find(", violations: 0\n") == std::string::npos);

    // Half the bound: only the witness pictures (at the minimum size) come close enough.
    REQUIRE(run("vc2-verify", verify_with_output_bounds_halved, args) == 3);
    CHECK_THAT(last_error, Catch::Contains("the first: synthesis (1, Output) at (") &&
                               Catch::Contains(" for witness picture "));
    const std::string halved = read_file(out);
    const std::size_t second = halved.find("tight bounds of every picture of at least ");
    REQUIRE(second != std::string::npos);
    CHECK(halved.find(", violations: 0\n") < second);                       // the given size: none
    CHECK(halved.find(", violations: 0\n", second) == std::string::npos);  // the minimum: some
}
