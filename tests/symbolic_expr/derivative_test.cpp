// Partial derivatives of programs with order statistics, min, max, abs and select
// (symbolic/expr/algebra.hpp): the printed derivative, parsed back by the infix parser and
// evaluated exactly (interval_evaluation.hpp's evaluate_at, rationals), equals the
// program's exact central difference quotient at random rational points off the kinks.
// The programs are polynomials of degree <= 2 on each piece, so the central quotient
// (f(p + h e_v) - f(p - h e_v)) / 2h is the derivative exactly there; a point is off
// the kinks when both one-sided quotients agree with it.
#include <catch2/catch.hpp>

#include <cln/rational.h>
#include <random>

#include "filters/expr/infix_parser.hpp"
#include "filters/expr/lower_extensions.hpp"
#include "filters/expr/parser.hpp"
#include "symbolic/expr/algebra.hpp"
#include "symbolic/expr/algebra_text.hpp"
#include "symbolic/expr/interval_evaluation.hpp"
#include "symbolic/expr/number_text.hpp"

using namespace rigor;

namespace {

using Point = std::map<std::string, cln::cl_RA>;

cln::cl_RA value_at(const expr::Expr& e, const Point& p) {
    const symbolic::expr::PointValue v = symbolic::expr::evaluate_at(e, p);
    REQUIRE(v.value.has_value());
    REQUIRE(v.exact);
    return *v.value;
}

// Random rationals n/7 in [-40, 40]: not binary32-looking, so ties are rare.
Point random_point(std::mt19937& rng) {
    std::uniform_int_distribution<int> n(-280, 280);
    return {{"x", cln::cl_RA(n(rng)) / 7}, {"y", cln::cl_RA(n(rng)) / 7}, {"z", cln::cl_RA(n(rng)) / 7}};
}

}  // namespace

TEST_CASE("derivatives through sort, min, max, abs and select equal the difference quotient", "[symbolic_expr][derivative]") {
    const std::vector<std::string> programs = {
        "x y z sort3 drop2 x *",              // the largest of three, times x
        "x y z sort3 x * + +",                 // smallest * x + the other two
        "x y z sort3 drop y * -",              // middle - largest * y
        "x y * z x 3 * sort2 swap y * + *",    // sort of derived arguments
        "x x y * x z + y 2 - sort4 drop3 x *", // four arguments, one a product
        "x y z sort3 drop abs swap abs *",
        "x y z sort3 drop2 z y sort2 drop * x -",
        "x y z argmin3 x * y +",               // argmin: piecewise constant
        "x y z argmax3 y * x z * -",
        "x y max x *",
        "x y min y * x y * +",
        "x y - abs x *",
        "x y - abs y z - abs max",
        "x y < x y * y 3 * ?",
        "x -10 10 clamp y *",
        "x y z sort3 drop2 dup *",             // square of the largest
    };
    const cln::cl_RA h = cln::cl_RA(1) / 1000000;
    std::mt19937 rng(13);
    for (const std::string& program : programs) {
        INFO(program);
        const expr::Expr e = expr::parse(program);
        const symbolic::expr::Algebra alg = symbolic::expr::to_algebra(e);
        const std::map<std::string, GiNaC::ex> d = symbolic::expr::partial_derivatives(alg);
        int compared = 0;
        for (const std::string v : {"x", "y", "z"}) {
            if (!d.count(v)) continue;
            const std::string text = symbolic::expr::algebra_infix(d.at(v));
            INFO("d/d" << v << ": " << text);
            const expr::Expr derivative = expr::lower_extensions(expr::parse_infix(text));  // sgn as comparisons
            for (int trial = 0; trial < 40; ++trial) {
                Point p = random_point(rng), lo = p, hi = p;
                lo[v] -= h;
                hi[v] += h;
                const cln::cl_RA f = value_at(e, p), left = (f - value_at(e, lo)) / h, right = (value_at(e, hi) - f) / h;
                const cln::cl_RA central = (left + right) / 2;
                if (cln::abs(left - central) > cln::cl_RA(1) / 1000) continue;  // a kink within h
                using symbolic::expr::rational_text;
                INFO("at x=" << rational_text(p["x"]) << " y=" << rational_text(p["y"]) << " z=" << rational_text(p["z"]));
                CHECK(rational_text(value_at(derivative, p)) == rational_text(central));
                ++compared;
            }
        }
        CHECK(compared >= 40);  // at least one variable's points mostly off the kinks
    }
}

TEST_CASE("order statistics fold at numbers and keep the stable sort's rule at ties", "[symbolic_expr][derivative]") {
    const symbolic::expr::Algebra alg = symbolic::expr::to_algebra(expr::parse("x y z sort3 drop2 x *"));
    const GiNaC::ex x = alg.symbols.at("x"), y = alg.symbols.at("y"), z = alg.symbols.at("z");
    const GiNaC::ex dx = symbolic::expr::partial_derivatives(alg).at("x");
    // x the largest: d/dx (x * x) = 2x; x not the largest: the largest.
    CHECK(dx.subs(GiNaC::lst{x == 5, y == 1, z == 2}).eval().is_equal(10));
    CHECK(dx.subs(GiNaC::lst{x == 1, y == 5, z == 2}).eval().is_equal(5));
    // A tie x = y = 5: the stable sort puts y after x, so y is the largest (rank 2).
    CHECK(dx.subs(GiNaC::lst{x == 5, y == 5, z == 2}).eval().is_equal(5));
    CHECK(alg.value.subs(GiNaC::lst{x == 5, y == 5, z == 2}).eval().is_equal(25));
}
