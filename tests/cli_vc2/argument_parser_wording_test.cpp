// cli/common/arguments.hpp for commands whose help and messages predate the parser
// (rigor expr): the help text as written, and their wording of the two mistakes the
// parser itself finds, byte for byte; every other message and behaviour as usual.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "cli/common/arguments.hpp"

namespace {

using rigor::cli::ArgumentParser;
using rigor::cli::UsageError;
using Words = std::vector<std::string>;

ArgumentParser worded_parser() {
    ArgumentParser p("rigor tool", "");
    p.option("-e", "--expr", "EXPR", "an expression")
        .option("", "--pair", "A B", "two values", 2)
        .flag("", "--quiet", "a switch")
        .positional("INPUT", "inputs", true, true)
        .help_text("usage: rigor tool [-e EXPR]... INPUT...\n\nas written by hand\n")
        .wording("unknown option '{}' (see rigor tool --help)", "{} needs a value");
    return p;
}

std::string usage_error(const ArgumentParser& p, const Words& args) {
    try {
        (void)p.parse(args);
    } catch (const UsageError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("a hand-written help text and wording replace the parser's", "[cli][arguments]") {
    const ArgumentParser p = worded_parser();
    CHECK(p.help() == "usage: rigor tool [-e EXPR]... INPUT...\n\nas written by hand\n");
    CHECK(usage_error(p, {"--bogus"}) == "unknown option '--bogus' (see rigor tool --help)");
    CHECK(usage_error(p, {"a", "-e"}) == "-e needs a value");
    CHECK(usage_error(p, {"--expr"}) == "--expr needs a value");
    CHECK(usage_error(p, {"--pair", "1"}) == "--pair needs a value");
    // The parser's other messages stay its own.
    CHECK(usage_error(p, {"--quiet=1"}) == "--quiet takes no value");
    // Parsing itself is unchanged: repeated options in order, inputs around options.
    const auto a = p.parse(Words{"in1", "-e", "x", "--expr", "-1", "in2", "-ey"});
    REQUIRE(a.has_value());
    CHECK(a->all("--expr") == Words{"x", "-1", "y"});
    CHECK(a->positional("INPUT") == Words{"in1", "in2"});
}
