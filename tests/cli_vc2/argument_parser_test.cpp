// cli/common/arguments.hpp: the argparse conventions the reference tools' command lines rely on,
// above all the one-or-more option (nargs='+') behind `-q LEVEL ORIENT VALUE …` and
// vc2-bundle's file lists, and the positional matching of `A [B] C D`.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "cli/common/arguments.hpp"

namespace {

using rigor::cli::ArgumentParser;
using rigor::cli::Arguments;
using rigor::cli::UsageError;
using Words = std::vector<std::string>;

// A parser shaped like the VC-2 companion tools: FILE, -b BITS, -q … (one or more),
// a two-value option, a counting flag.
ArgumentParser tool_parser() {
    ArgumentParser p("tool", "a test tool");
    p.positional("FILE", "the input")
        .option("-b", "--bits", "BITS", "a single value")
        .option("-q", "--quant", "Q", "one or more values", ArgumentParser::kOneOrMore)
        .option("", "--pair", "A B", "two values", 2)
        .flag("-v", "--verbose", "a switch");
    return p;
}

Arguments parse(const ArgumentParser& p, const Words& args) {
    auto a = p.parse(args);
    REQUIRE(a.has_value());
    return *a;
}

std::string usage_error(const ArgumentParser& p, const Words& args) {
    try {
        (void)p.parse(args);
    } catch (const UsageError& e) {
        return e.what();
    }
    FAIL("no UsageError for the arguments");
    return "";
}

}  // namespace

TEST_CASE("one-or-more option: takes the words up to the next option", "[cli][arguments]") {
    const ArgumentParser p = tool_parser();
    const Arguments a = parse(p, {"in.json", "-q", "0", "L", "3", "1", "H", "4", "-b", "10"});
    CHECK(a.all("--quant") == Words{"0", "L", "3", "1", "H", "4"});
    CHECK(a.get("--bits") == "10");
    CHECK(a.positional("FILE") == Words{"in.json"});
    CHECK(a.count("--quant") == 1);

    // Before the positional: the positional must then come after another option (argparse).
    const Arguments b = parse(p, {"-q", "0", "L", "3", "-v", "in.json"});
    CHECK(b.all("--quant") == Words{"0", "L", "3"});
    CHECK(b.count("--verbose") == 1);
    CHECK(b.positional("FILE") == Words{"in.json"});

    // To the end of the arguments.
    CHECK(parse(p, {"in.json", "-b", "8", "--quant", "a", "b"}).all("--quant") == Words{"a", "b"});
}

TEST_CASE("one-or-more option: negative numbers, '-' and '--'", "[cli][arguments]") {
    const ArgumentParser p = tool_parser();
    // "-3" is a number (no option is named like one) and "-" a value, as in argparse.
    CHECK(parse(p, {"in.json", "-q", "-3", "-", "x"}).all("--quant") == Words{"-3", "-", "x"});
    // "--" ends the values; what follows is positional.
    const Arguments a = parse(p, {"-q", "a", "b", "--", "in.json"});
    CHECK(a.all("--quant") == Words{"a", "b"});
    CHECK(a.positional("FILE") == Words{"in.json"});
    // An attached value (--long=V, -xV) is exactly one value; the next word is positional.
    const Arguments c = parse(p, {"--quant=a", "in.json"});
    CHECK(c.all("--quant") == Words{"a"});
    CHECK(c.positional("FILE") == Words{"in.json"});
    const Arguments d = parse(p, {"-qa", "in.json"});
    CHECK(d.all("--quant") == Words{"a"});
    CHECK(d.positional("FILE") == Words{"in.json"});
}

TEST_CASE("one-or-more option: a missing value is a usage error naming the option", "[cli][arguments]") {
    const ArgumentParser p = tool_parser();
    const std::string expected = "argument --quant expects at least one value";
    CHECK(usage_error(p, {"in.json", "-q"}) == expected);
    CHECK(usage_error(p, {"in.json", "-q", "-b", "10"}) == expected);
    CHECK(usage_error(p, {"in.json", "--quant", "--", "x"}) == expected);
    // The values swallow a positional written after them: then the positional is missing.
    CHECK(usage_error(p, {"-q", "0", "L", "3", "in.json"}) == "missing argument FILE (see --help)");
}

TEST_CASE("one-or-more option: repeated use adds every occurrence's values in order", "[cli][arguments]") {
    const ArgumentParser p = tool_parser();
    const Arguments a = parse(p, {"in.json", "-q", "0", "L", "3", "-b", "9", "-q", "1", "H", "4", "-b", "10"});
    CHECK(a.all("--quant") == Words{"0", "L", "3", "1", "H", "4"});
    CHECK(a.count("--quant") == 2);
    CHECK(a.get("--quant") == "4");  // the last value, as for any option
    CHECK(a.get("--bits") == "10");  // a single-value option keeps the last
    CHECK(a.positional("FILE") == Words{"in.json"});
    CHECK_FALSE(parse(p, {"in.json"}).has("--quant"));
}

TEST_CASE("one-or-more option: help shows the metavariable repeated", "[cli][arguments]") {
    const std::string help = tool_parser().help();
    CHECK(help.find("  -q, --quant Q [Q …]\n") != std::string::npos);
    CHECK(help.find("  -b, --bits BITS\n") != std::string::npos);
}

TEST_CASE("existing option kinds keep their behaviour and messages", "[cli][arguments]") {
    const ArgumentParser p = tool_parser();
    // A fixed count takes the next words whatever they look like.
    CHECK(parse(p, {"in.json", "--pair", "-v", "x"}).all("--pair") == Words{"-v", "x"});
    CHECK(usage_error(p, {"in.json", "--pair", "x"}) == "argument --pair expects 2 values");
    CHECK(usage_error(p, {"in.json", "--pair=x"}) == "--pair takes 2 values");
    CHECK(usage_error(p, {"in.json", "-b"}) == "argument --bits expects 1 value");
    CHECK(usage_error(p, {"in.json", "--frobnicate"}) == "unrecognised argument '--frobnicate' (see --help)");
    CHECK(usage_error(p, {"in.json", "--verbose=1"}) == "--verbose takes no value");
    CHECK(usage_error(p, {"in.json", "other"}) == "unexpected argument 'other' (see --help)");
    CHECK(usage_error(p, {}) == "missing argument FILE (see --help)");
    CHECK(parse(p, {"in.json", "-vv", "-v"}).count("--verbose") == 3);
    CHECK(parse(p, {"in.json", "-b12"}).get_int("--bits") == 12);
}

TEST_CASE("positionals: an optional one before required ones leaves them their words", "[cli][arguments]") {
    ArgumentParser p("tool", "argparse's matching of A [B] C D");
    p.positional("A", "first").positional("B", "optional", false, true).positional("C", "c").positional("D", "d");
    const Arguments three = parse(p, {"a", "c", "d"});
    CHECK(three.positional("A") == Words{"a"});
    CHECK(three.positional("B").empty());
    CHECK(three.positional("C") == Words{"c"});
    CHECK(three.positional("D") == Words{"d"});
    const Arguments four = parse(p, {"a", "b", "c", "d"});
    CHECK(four.positional("B") == Words{"b"});
    CHECK(four.positional("D") == Words{"d"});
    CHECK(usage_error(p, {"a", "c"}) == "missing argument D (see --help)");
    CHECK(usage_error(p, {"a", "b", "c", "d", "e"}) == "unexpected argument 'e' (see --help)");

    // A list before a required positional: `FILE… OUT`.
    ArgumentParser q("tool", "files then one more");
    q.positional("FILE", "inputs", true).positional("OUT", "output");
    const Arguments r = parse(q, {"x", "y", "z"});
    CHECK(r.positional("FILE") == Words{"x", "y"});
    CHECK(r.positional("OUT") == Words{"z"});
    CHECK(usage_error(q, {"x"}) == "missing argument OUT (see --help)");
}
