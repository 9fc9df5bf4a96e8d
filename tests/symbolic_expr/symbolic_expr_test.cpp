// Infix <-> postfix round trips, hand-computed ranges, and soundness of the reported
// ranges and extreme inputs on the numeric engine (pixel/expr).
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>

#include "filters/base/error.hpp"
#include "filters/expr/infix_parser.hpp"
#include "filters/expr/ir_text.hpp"
#include "filters/expr/parser.hpp"
#include "numeric_probe.hpp"
#include "symbolic/expr/analysis.hpp"
#include "symbolic/expr/number_text.hpp"
#include "symbolic/expr/variables.hpp"

using namespace rigor;
using symbolic::expr::Interval;

namespace {

std::vector<std::string> golden_expressions() {
    std::ifstream in(std::string(RIGOR_DATA_DIR) + "/expr/manifest.json");
    REQUIRE(in.good());
    nlohmann::json m = nlohmann::json::parse(in);
    std::vector<std::string> out;
    for (const auto& c : m["cases"])
        for (const auto& e : c["expr"])
            if (!expr::is_blank(e.get<std::string>())) out.push_back(e.get<std::string>());
    return out;
}

Interval range(const std::string& lo, const std::string& hi) {
    return {symbolic::expr::Bound::of(symbolic::expr::parse_rational(lo)),
            symbolic::expr::Bound::of(symbolic::expr::parse_rational(hi))};
}

// Ranges for every source of e: clips 0:255 (integer samples), the probe's geometry.
symbolic::expr::InputRanges ranges_for(const expr::Expr& e, int size, const std::string& clip_hi = "255") {
    symbolic::expr::InputRanges r;
    for (const std::string& s : symbolic::expr::used_sources(e)) r[s] = range("0", clip_hi);
    r["X"] = r["Y"] = range("0", std::to_string(size - 1));
    r["width"] = r["height"] = range(std::to_string(size), std::to_string(size));
    r["N"] = range("0", "2");
    return r;
}

// A random binary32 input for variable v (integer ranges: integers).
float random_value(std::mt19937& rng, const Interval& r) {
    double lo = symbolic::expr::to_double(r.lo), hi = symbolic::expr::to_double(r.hi);
    if (lo == std::floor(lo) && hi == std::floor(hi)) return float(std::uniform_int_distribution<long>(long(lo), long(hi))(rng));
    return float(std::uniform_real_distribution<double>(lo, hi)(rng));
}

const Interval& variable_range(const expr::Expr& e, const symbolic::expr::InputRanges& r, const std::string& v) {
    for (const auto& n : e.nodes())
        if (symbolic::expr::variable_name(n) == v) return r.at(symbolic::expr::source_name(n));
    throw std::logic_error("no variable " + v);
}

bool same_float(float a, float b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

double tolerance(const symbolic::expr::Analysis& a, double bound) {
    return (a.transcendental ? 2e-4 : 2e-6) * std::max(1.0, std::fabs(bound));
}

// Random inputs never leave the reported range; the reported extremes reproduce.
void check_soundness(const expr::Expr& e, const symbolic::expr::InputRanges& ranges, unsigned seed, int trials = 300) {
    test::Probe probe(e);
    symbolic::expr::Analysis a = symbolic::expr::analyse(e, ranges, {});
    INFO("expression " << expr::to_postfix(e) << ", range [" << symbolic::expr::to_string(a.range.lo) << ", "
                       << symbolic::expr::to_string(a.range.hi) << "], seed " << seed);
    std::mt19937 rng(seed);
    double lo = symbolic::expr::to_double(a.range.lo), hi = symbolic::expr::to_double(a.range.hi);
    for (int t = 0; t < trials; ++t) {
        std::map<std::string, float> values;
        for (const std::string& v : a.variables) values[v] = random_value(rng, variable_range(e, ranges, v));
        float frame = values.count("N") ? values["N"] : 0;
        float got = probe(values, frame);
        if (std::isinf(got) && std::fabs(got > 0 ? hi : lo) > 3.4028234663852886e38) continue;  // binary32 overflow
        if (std::isnan(got)) {
            CHECK(a.range.may_be_nan);
            continue;
        }
        CHECK(got >= lo - tolerance(a, lo));
        CHECK(got <= hi + tolerance(a, hi));
    }
    for (const symbolic::expr::Extreme* x : {&a.minimum, &a.maximum}) {
        if (!x->value || x->inputs.count("X") || x->inputs.count("Y") || x->inputs.count("N") || x->inputs.count("width") ||
            x->inputs.count("height"))
            continue;  // geometry is fixed by the probe
        std::map<std::string, float> values;
        for (const auto& [k, v] : x->inputs) values[k] = float(symbolic::expr::to_double(v));
        double want = symbolic::expr::to_double(*x->value);
        if (std::fabs(want) > 3.4028234663852886e38) continue;  // beyond binary32: inf there
        CHECK(probe(values) == Approx(want).margin(tolerance(a, want)).epsilon(a.transcendental ? 2e-4 : 2e-6));
    }
}

}  // namespace

TEST_CASE("spec examples print as in expr-language.md", "[symbolic_expr]") {
    CHECK(expr::to_infix(expr::parse("x 0.3 * y 0.7 * +")) == "(x * 0.3) + (y * 0.7)");
    CHECK(expr::to_infix(expr::parse("x 40 - dup * 32 *")) == "((x - 40) * (x - 40)) * 32");
    CHECK(expr::to_infix(expr::parse("x y z ?")) == "x ? y : z");
    CHECK(expr::to_postfix(expr::parse_infix("(x - 128) * 1.1 + 128")) == "x 128 - 1.1 * 128 +");
    CHECK(expr::to_postfix(expr::parse_infix("(x * 0.3) + (y * 0.7)")) == "x 0.3 * y 0.7 * +");
    CHECK(expr::to_postfix(expr::parse_infix("x > 3 ? -x : max(x, 2) ** 2")) == "x 3 > 0 x - x 2 max 2 pow ?");
    CHECK(expr::to_postfix(expr::parse_infix("clip(x[-1,1]:m, -5, y.Prop)")) == "x[-1,1]:m -5 y.Prop clamp");
    CHECK(expr::to_postfix_stored(expr::parse("x 40 - dup * 32 *")) == "x 40 - t0! t0@ t0@ * 32 *");
}

TEST_CASE("infix nesting is bounded: deep parentheses are an error, not a stack overflow", "[symbolic_expr]") {
    // Regression (fuzz_infix): 1872 nested parentheses overflowed the recursive parser.
    const auto nested = [](int n) { return std::string(std::size_t(n), '(') + "x" + std::string(std::size_t(n), ')'); };
    CHECK(expr::to_postfix(expr::parse_infix(nested(900))) == "x");
    CHECK_NOTHROW(expr::parse_infix(std::string(900, '-') + "x"));
    for (const std::string& deep : {nested(5000), std::string(5000, '-') + "x", std::string(3000, '+') + "x"}) {
        try {
            (void)expr::parse_infix(deep);
            FAIL("accepted");
        } catch (const rigor::UserError& e) {
            const std::string message = e.what();
            CHECK(message.find("nested deeper than 1000 levels") != std::string::npos);
            CHECK(message.size() < 200);  // an excerpt, not the whole text
        }
    }
}

TEST_CASE("every golden expression survives postfix -> infix -> postfix", "[symbolic_expr]") {
    std::vector<std::string> all = golden_expressions();
    REQUIRE(all.size() >= 45);
    const unsigned seed = 12345;
    std::mt19937 rng(seed);
    for (const std::string& text : all) {
        expr::Expr e1 = expr::parse(text);
        std::string infix = expr::to_infix(e1);
        expr::Expr e2 = expr::parse_infix(infix);
        std::string postfix = expr::to_postfix(e2);
        expr::Expr e3 = expr::parse(postfix);
        expr::Expr e4 = expr::parse(expr::to_postfix_stored(expr::optimize(e1)));
        INFO(text << " -> " << infix << " -> " << postfix << " (seed " << seed << ")");
        test::Probe p1(e1), p2(e2), p3(e3), p4(e4);
        symbolic::expr::InputRanges r = ranges_for(e1, p1.size());
        for (int t = 0; t < 50; ++t) {
            std::map<std::string, float> values;
            for (const std::string& v : symbolic::expr::used_variables(e1))
                values[v] = random_value(rng, variable_range(e1, r, v));
            float a = p1(values), b = p2(values), c = p3(values), d = p4(values);
            CHECK(same_float(a, b));
            CHECK(same_float(a, c));
            CHECK(same_float(a, d));
        }
        CHECK(expr::to_infix(e3) == infix);  // printing is a fixed point after one trip
    }
}

TEST_CASE("hand-computed exact ranges", "[symbolic_expr]") {
    auto analyse = [](const std::string& p, std::map<std::string, std::pair<std::string, std::string>> in) {
        symbolic::expr::InputRanges r;
        for (const auto& [k, v] : in) r[k] = range(v.first, v.second);
        return symbolic::expr::analyse(expr::parse(p), r, {"gray8", false, 8});
    };
    auto is = [](const symbolic::expr::Bound& b, const std::string& v) {
        return b.finite() && b.value == symbolic::expr::parse_rational(v);
    };
    symbolic::expr::Analysis blend = analyse("x 0.3 * y 0.7 *  +", {{"x", {"0", "255"}}, {"y", {"0", "255"}}});
    CHECK(is(blend.range.lo, "0"));
    CHECK(is(blend.range.hi, "255"));
    CHECK(blend.method == "affine");
    CHECK(blend.clipping.below == "no");
    CHECK(blend.clipping.above == "no");
    symbolic::expr::Analysis diff = analyse("x y -", {{"x", {"0", "255"}}, {"y", {"0", "255"}}});
    CHECK(is(diff.range.lo, "-255"));
    CHECK(is(diff.range.hi, "255"));
    CHECK(diff.minimum.inputs.at("x") == 0);
    CHECK(diff.minimum.inputs.at("y") == 255);
    CHECK(diff.clipping.below == "yes");
    symbolic::expr::Analysis same = analyse("x x -", {{"x", {"0", "255"}}});
    CHECK(is(same.range.lo, "0"));
    CHECK(is(same.range.hi, "0"));
    symbolic::expr::Analysis scale = analyse("x 128 - 224 / 1023 *", {{"x", {"0", "255"}}});
    CHECK(is(scale.range.lo, "-4092/7"));  // -128 * 1023 / 224
    CHECK(is(scale.range.hi, "129921/224"));
    symbolic::expr::Analysis clamp = analyse("x 2 * 10 200 clamp", {{"x", {"0", "255"}}});
    CHECK(is(clamp.range.lo, "10"));
    CHECK(is(clamp.range.hi, "200"));
    CHECK(clamp.minimum.attains_bound);
    CHECK(clamp.maximum.attains_bound);
    symbolic::expr::Analysis sel = analyse("x y > x y - 3 * x ?", {{"x", {"0", "255"}}, {"y", {"0", "255"}}});
    // The true minimum is 0 (the branch x - y runs only when x > y); interval arithmetic
    // does not use the condition, so it reports an enclosure and the search finds 0.
    CHECK(sel.range.lo <= symbolic::expr::Bound::of(0));
    CHECK(*sel.minimum.value == 0);
    CHECK(is(sel.range.hi, "765"));
    CHECK(sel.maximum.attains_bound);  // x=255, y=0
    symbolic::expr::Analysis half = analyse("x 0.5 *", {{"x", {"-1/3", "1"}}});
    CHECK(is(half.range.lo, "-1/6"));
    symbolic::expr::Analysis division = analyse("x y /", {{"x", {"0", "1"}}, {"y", {"-1", "1"}}});
    CHECK(!division.range.lo.finite());
    CHECK(!division.notes.empty());
    symbolic::expr::Analysis root = analyse("x 255 / sqrt 255 *", {{"x", {"0", "255"}}});
    CHECK(root.transcendental);
    CHECK(symbolic::expr::to_double(root.range.hi) == Approx(255).epsilon(1e-25));
    CHECK(symbolic::expr::to_double(root.range.lo) == Approx(0).margin(1e-25));
}

TEST_CASE("ranges and extreme inputs are sound on the numeric engine", "[symbolic_expr]") {
    std::vector<std::string> all = golden_expressions();
    for (const char* extra : {"x[-1,-1] x[0,-1] 2 * + x[1,-1] + x[-1,1] - x[0,1] 2 * - x[1,1] - 4 /",
                              "x y * z -", "x 2 pow y 3 pow -", "x 1 + log y exp +", "x y max z min 0.5 *",
                              "x 3 % y 0.25 - abs sqrt *", "x y - dup * sqrt", "x sin y cos + 2 *", "x y < x y 2 / ?",
                              "x y > x y - 3 * x ?", "x y max x y min -", "x 128 - abs", "x y - abs x y + -",
                              "x y - dup 0 100 clamp -", "x y = 1000 x ?", "x 3 / y 7 / - abs z 0.3 * min"})
        all.push_back(extra);
    unsigned seed = 777;
    for (const std::string& text : all) {
        expr::Expr e = expr::parse(text);
        test::Probe probe(e);
        check_soundness(e, ranges_for(e, probe.size()), seed++);
    }
    // Float-range clips (luma 0:1, chroma -0.5:0.5).
    for (const char* text : {"x 0.5 - y 1.402 * +", "x y * 4 *", "x y + exp"}) {
        expr::Expr e = expr::parse(text);
        symbolic::expr::InputRanges r;
        r["x"] = range("0", "1");
        r["y"] = range("-0.5", "0.5");
        check_soundness(e, r, seed++);
    }
}

TEST_CASE("bad input gives a clear error", "[symbolic_expr]") {
    CHECK_THROWS_WITH(expr::parse_infix("(x - 1"), Catch::Contains("column 7"));
    CHECK_THROWS_WITH(expr::parse_infix("x + * y"), Catch::Contains("column 5"));
    CHECK_THROWS_WITH(expr::parse_infix("foo(x)"), Catch::Contains("unknown name 'foo'"));
    CHECK_THROWS_WITH(expr::parse_infix("max(x)"), Catch::Contains("takes 2"));
    CHECK_THROWS_WITH(symbolic::expr::parse_range("x=3:1"), Catch::Contains("larger than the maximum"));
    CHECK_THROWS_AS(symbolic::expr::parse_range("x=a:1"), UserError);
    // fuzz_analyse: 'y=-1/0:2' escaped as CLN's division_by_0_exception (tests/fuzz/corpus/analyse/range_over_zero.txt).
    CHECK_THROWS_AS(symbolic::expr::parse_range("y=-1/0:2"), UserError);
    CHECK_THROWS_WITH(symbolic::expr::parse_rational("1/0"), Catch::Contains("division by zero"));
    symbolic::expr::InputRanges r;
    r["x"] = range("0", "1");
    CHECK_THROWS_WITH(symbolic::expr::analyse(expr::parse("x y +"), r, {}),
                      Catch::Contains("no range given for the input y"));
    const std::string rigor = std::string(RIGOR_BIN_DIR) + "/rigor";
    auto run = [&](const std::string& args) { return std::system((rigor + " " + args + " >/dev/null 2>&1").c_str()); };
    CHECK(run("analyse x --range x=0:1 --format foo") != 0);
    CHECK(run("analyse 'x y +' --range x=0:1") != 0);
    CHECK(run("analyse x --range x=2:1") != 0);
    CHECK(run("postfix '(x - 1'") != 0);
    CHECK(run("analyse '(x - 1) * 2' --infix --range x=0:255 --format gray8 --json") == 0);
    // fuzz_analyse: a property range 0:0 was the domain [+0, -0] of count 0 (SIGFPE in joint_count).
    CHECK(run("analyse 'N X + Y - x.PlaneStatsAverage *' --range N=0:1000 --range X=0:1919 --range Y=8:1079 "
              "--range x.PlaneStatsAverage=0:0 --range x=0:255 --format gray8") == 0);
    CHECK(run("infix 'x 0.3 * y 0.7 * +'") == 0);
}
