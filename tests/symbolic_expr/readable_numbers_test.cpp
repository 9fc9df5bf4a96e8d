// Readable numbers (number_text.hpp's readable_text): short exact rationals as they are,
// long ones as 12 certified (truncated) digits and a power of ten on the screen, the full
// rational in --json.  Expected digits computed independently (Python's exact integers).
// Also the derivative of abs as sign.
#include <catch2/catch.hpp>

#include <cln/integer.h>
#include <cln/rational.h>

#include "filters/expr/parser.hpp"
#include "symbolic/expr/algebra.hpp"
#include "symbolic/expr/algebra_text.hpp"
#include "symbolic/expr/analysis.hpp"
#include "symbolic/expr/number_text.hpp"

using namespace rigor;

TEST_CASE("long rationals print as certified digits, short ones exactly", "[symbolic_expr][numbers]") {
    using symbolic::expr::readable_text;
    CHECK(readable_text(cln::expt_pos(cln::cl_I(3), 500)) == "3.63602917958...e238");
    CHECK(readable_text(cln::cl_RA(1) / cln::expt_pos(cln::cl_I(2), 100)) == "7.88860905221...e-31");
    CHECK(readable_text(-(cln::expt_pos(cln::cl_I(10), 30) + 7) / cln::cl_RA(cln::cl_I(30000000000))) == "-3.33333333333...e19");
    CHECK(readable_text(cln::expt_pos(cln::cl_I(10), 40)) == "1.00000000000...e40");
    CHECK(readable_text(cln::cl_RA(1) / 3) == "1/3");
    CHECK(readable_text(255) == "255");
    CHECK(readable_text(symbolic::expr::parse_rational("0.1")) == "0.1");
    CHECK(readable_text(symbolic::expr::parse_rational("-123456789/1000")) == "-123456.789");

    symbolic::expr::InputRanges r;
    r["x"] = {symbolic::expr::Bound::of(0), symbolic::expr::Bound::of(255)};
    const symbolic::expr::Analysis a = symbolic::expr::analyse(expr::parse("x 1e30 * x *"), r, {});
    const std::string text = symbolic::expr::to_text(a);
    CHECK(text.find("real range: [0, 6.50250000000...e34]") != std::string::npos);
    CHECK(symbolic::expr::to_json(a)["algebra_range"]["max"] == "65025000000000000000000000000000000");
}

TEST_CASE("d/dx of abs is sign(x - y), not a select", "[symbolic_expr][numbers]") {
    const symbolic::expr::Algebra alg = symbolic::expr::to_algebra(expr::parse("x y - abs"));
    const auto d = symbolic::expr::partial_derivatives(alg);
    const GiNaC::ex x = alg.symbols.at("x"), y = alg.symbols.at("y");
    // Compared structurally (GiNaC's printed term order varies from run to run).
    const GiNaC::ex dx = d.at("x");
    REQUIRE(GiNaC::is_a<GiNaC::function>(dx));
    CHECK(GiNaC::ex_to<GiNaC::function>(dx).get_name() == "expr_sgn");
    CHECK((dx.op(0) - (x - y)).expand().is_zero());
    CHECK((d.at("y") + dx).expand().is_zero());
    // The printed form names sign, whatever order the difference prints in.
    CHECK(symbolic::expr::algebra_infix(dx).rfind("sgn(", 0) == 0);
    // At numbers it folds: sign(5 - 8) = -1.
    CHECK(dx.subs(GiNaC::lst{x == 5, y == 8}).eval().is_equal(-1));
}
