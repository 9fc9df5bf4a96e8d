// Exact ranges of piecewise-affine programs (symbolic/expr/piecewise.hpp): hand-computed
// cases, exactness claims checked by exact evaluation at the reported inputs, and random
// programs whose values on a grid never leave the reported range.
#include <catch2/catch.hpp>

#include <functional>
#include <random>

#include "filters/expr/parser.hpp"
#include "symbolic/expr/analysis.hpp"
#include "symbolic/expr/interval_evaluation.hpp"
#include "symbolic/expr/number_text.hpp"
#include "symbolic/expr/piecewise.hpp"
#include "symbolic/expr/variables.hpp"

using namespace rigor;
using symbolic::expr::Bound;
using symbolic::expr::Interval;

namespace {

Interval span(const std::string& lo, const std::string& hi) {
    return {Bound::of(symbolic::expr::parse_rational(lo)), Bound::of(symbolic::expr::parse_rational(hi))};
}

symbolic::expr::Analysis analyse(const std::string& program, const std::string& lo = "0", const std::string& hi = "255") {
    expr::Expr e = expr::parse(program);
    symbolic::expr::InputRanges r;
    for (const std::string& s : symbolic::expr::used_sources(e)) r[s] = span(lo, hi);
    return symbolic::expr::analyse(e, r, {"gray8", false, 8});
}

bool is(const Bound& b, const std::string& v) { return b.finite() && b.value == symbolic::expr::parse_rational(v); }

// An exact bound must be reached: the program evaluated exactly at the reported inputs.
void check_claims(const std::string& program, const symbolic::expr::Analysis& a) {
    INFO(program);
    for (const auto* x : {&a.minimum, &a.maximum}) {
        symbolic::expr::PointValue v = symbolic::expr::evaluate_at(expr::parse(program), x->inputs);
        REQUIRE(v.value);
        CHECK(*v.value == *x->value);
    }
    if (a.minimum.attains_bound) CHECK(a.range.lo == Bound::of(*a.minimum.value));
    if (a.maximum.attains_bound) CHECK(a.range.hi == Bound::of(*a.maximum.value));
}

void check_exact(const std::string& program, const std::string& lo, const std::string& hi) {
    symbolic::expr::Analysis a = analyse(program);
    INFO(program << " -> [" << symbolic::expr::to_string(a.range.lo) << ", " << symbolic::expr::to_string(a.range.hi)
                 << "] by " << a.method);
    CHECK(a.method == "piecewise");
    CHECK(is(a.range.lo, lo));
    CHECK(is(a.range.hi, hi));
    CHECK(a.minimum.attains_bound);
    CHECK(a.maximum.attains_bound);
    CHECK(a.minimum.exact);
    CHECK(a.maximum.exact);
    check_claims(program, a);
}

}  // namespace

TEST_CASE("piecewise-affine programs get exact ranges reached by their inputs", "[symbolic_expr][piecewise]") {
    // x > y ? 3(x − y) : x — the branch x − y runs only where it is positive.
    check_exact("x y > x y - 3 * x ?", "0", "765");
    symbolic::expr::Analysis sel = analyse("x y > x y - 3 * x ?");
    CHECK(sel.maximum.inputs.at("x") == 255);
    CHECK(sel.maximum.inputs.at("y") == 0);
    CHECK(sel.clipping.below == "no");  // was "possibly" with the interval enclosure [-765, 765]
    CHECK(sel.clipping.above == "yes");
    check_exact("x y max x y min -", "0", "255");  // |x − y|
    check_exact("x 128 - abs", "0", "128");        // 128 at x = 0, 127 at x = 255
    symbolic::expr::Analysis a = analyse("x 128 - abs");
    CHECK(a.maximum.inputs.at("x") == 0);
    CHECK(a.minimum.inputs.at("x") == 128);
    check_exact("x y - abs x y + -", "-510", "0");  // |x − y| − (x + y) = −2 min(x, y)
    // t − clip(t, 0, 100) with t = x − y ∈ [−255, 255]: t below 0, 0 inside, t − 100 above.
    check_exact("x y - dup 0 100 clamp -", "-255", "155");
    check_exact("x y = 1000 x ?", "0", "1000");  // equality holds on the diagonal only
    check_exact("x y < y z < and x z ?", "0", "255");
    check_exact("x 100 - abs y 100 - abs max 2 /", "0", "155/2");  // L∞ distance from (100, 100)
    check_exact("x y min z max x y max min", "0", "255");          // median of three
    check_exact("x 0.5 * y 0.25 * + 64 > x y ?", "0", "255");
}

TEST_CASE("a bound no input reaches stays an enclosure, and says so", "[symbolic_expr][piecewise]") {
    // x < 128 ? x : 0 — the supremum 128 is approached but never reached (x = 128 gives 0).
    symbolic::expr::Analysis a = analyse("x 128 < x 0 ?");
    CHECK(a.method == "piecewise");
    CHECK(is(a.range.hi, "128"));
    CHECK(!a.maximum.attains_bound);
    CHECK(symbolic::expr::to_json(a)["algebra_range"]["attained_max"] == false);
    CHECK(symbolic::expr::to_text(a).find("max enclosure") != std::string::npos);
    check_claims("x 128 < x 0 ?", a);
    CHECK(is(a.range.lo, "0"));
    CHECK(a.minimum.attains_bound);
}

TEST_CASE("past the budget the search falls back to an enclosure", "[symbolic_expr][piecewise]") {
    expr::Expr e = expr::parse("x y max x y min - z -");
    std::map<std::string, Interval> box{{"x", span("0", "255")}, {"y", span("0", "255")}, {"z", span("0", "255")}};
    CHECK(!symbolic::expr::piecewise_extremes(e, box, 10));
    CHECK(symbolic::expr::piecewise_extremes(e, box));
    // 17 pixels: t − |t| for their sum t >= 0 is 0, but the 2^17 corners are past the
    // search; interval arithmetic gives [−4335, 4335], branch and bound tightens the
    // minimum without reaching 0 (the dependency of t on itself), and the report says
    // enclosure.
    std::string sum = "x[-8,0]";
    for (int d = -7; d <= 8; ++d) sum += " x[" + std::to_string(d) + ",0] +";
    symbolic::expr::Analysis a = analyse(sum + " dup abs -");
    CHECK(a.method == "interval");
    CHECK(Bound::of(-4335) <= a.range.lo);
    CHECK(a.range.lo < Bound::of(0));
    CHECK(!a.minimum.attains_bound);
    CHECK(symbolic::expr::to_json(a)["algebra_range"]["attained_min"] == false);
    CHECK(symbolic::expr::to_text(a).find("min enclosure") != std::string::npos);
}

TEST_CASE("random piecewise programs: grid values stay inside, exact bounds are reached", "[symbolic_expr][piecewise]") {
    const unsigned seed = 424242;
    std::mt19937 rng(seed);
    const char* leaves[] = {"x", "y", "z", "3", "0.5", "7"};
    const char* binary[] = {"+", "-", "max", "min", ">", "<", "=", ">=", "<="};
    for (int trial = 0; trial < 60; ++trial) {
        // A random postfix program of depth <= 4 over x, y, z ∈ [0, 8].
        std::function<std::string(int)> gen = [&](int depth) -> std::string {
            int pick = depth == 0 ? 0 : int(rng() % 7);
            if (pick <= 1) return leaves[rng() % 6];
            if (pick == 2) return gen(depth - 1) + " abs";
            if (pick == 3) return gen(depth - 1) + " 2 *";
            if (pick == 4) return gen(depth - 1) + " " + gen(depth - 1) + " " + gen(depth - 1) + " ?";
            if (pick == 5) return gen(depth - 1) + " 1 6 clamp";
            return gen(depth - 1) + " " + gen(depth - 1) + " " + binary[rng() % 9];
        };
        std::string program = gen(4) + " x -";
        INFO("seed " << seed << ", trial " << trial << ": " << program);
        expr::Expr e = expr::parse(program);
        std::map<std::string, Interval> box;
        for (const std::string& v : symbolic::expr::used_variables(e)) box[v] = span("0", "8");
        std::optional<symbolic::expr::PiecewiseExtremes> p = symbolic::expr::piecewise_extremes(e, box);
        REQUIRE(p);
        // Every point of a half-integer grid stays inside [lo, hi].
        for (int i = 0; i <= 16; ++i)
            for (int j = 0; j <= 16; ++j)
                for (int k = 0; k <= 16; k += 2) {
                    symbolic::expr::Point pt;
                    int c[] = {i, j, k}, n = 0;
                    for (const auto& [v, r] : box) pt[v] = cln::cl_RA(c[n++]) / 2;
                    symbolic::expr::PointValue v = symbolic::expr::evaluate_at(e, pt);
                    REQUIRE(v.value);
                    CHECK(p->lo <= Bound::of(*v.value));
                    CHECK(Bound::of(*v.value) <= p->hi);
                }
        // The reported values are the program's at the reported inputs.
        CHECK(*symbolic::expr::evaluate_at(e, p->min_at).value == p->min_value);
        CHECK(*symbolic::expr::evaluate_at(e, p->max_at).value == p->max_value);
    }
}

TEST_CASE("branch and bound tightens enclosures outside the piecewise-affine case", "[symbolic_expr][bisection]") {
    // (x − 128)²: interval arithmetic alone gives [−16256, 16384]; the minimum 0 at
    // x = 128 is approached by bisection (centres are dyadic fractions of 255).
    symbolic::expr::Analysis a = analyse("x 128 - dup *");
    CHECK(a.method == "interval");
    CHECK(a.range.lo <= Bound::of(0));
    CHECK(Bound::of(-1) < a.range.lo);
    CHECK(!a.minimum.attains_bound);
    CHECK(symbolic::expr::to_double(*a.minimum.value) < 0.01);
    CHECK(is(a.range.hi, "16384"));
    CHECK(a.maximum.attains_bound);
    CHECK(a.evaluations > 0);
    check_claims("x 128 - dup *", a);
    // x·y − x·y is 0: bisection cannot remove the dependency either, the bound stays
    // an enclosure around the exact 0 reached.
    symbolic::expr::Analysis b = analyse("x y * x y * -", "-1", "1");
    CHECK(*b.minimum.value == 0);
    CHECK(b.range.lo <= Bound::of(0));
    CHECK(!b.minimum.attains_bound);
}
