// The symbolic side: the reference's Expr strings for the default parameters, the
// formulas over window means (compared with GiNaC, never as strings), exact ranges.
#include <catch2/catch.hpp>
#include <ginac/ginac.h>

#include "filters/regress/expr_string.hpp"
#include "filters/regress/model.hpp"
#include "filters/regress/weights.hpp"
#include "symbolic/regress/ginac_model.hpp"
#include "symbolic/regress/ranges.hpp"

using namespace rigor::regress;
using namespace rigor::symbolic::regress;
using GiNaC::ex;
using GiNaC::numeric;

TEST_CASE("python_float_repr matches Python's repr", "[symbolic][expr]") {
    CHECK(python_float_repr(1e-7) == "1e-07");
    CHECK(python_float_repr(0.5284113412690119) == "0.5284113412690119");
    CHECK(python_float_repr(1 - 0.5284113412690119) == "0.4715886587309881");
    CHECK(python_float_repr(1e16) == "1e+16");
    CHECK(python_float_repr(0.0001) == "0.0001");
    CHECK(python_float_repr(1e-5) == "1e-05");
    CHECK(python_float_repr(123456789.0) == "123456789.0");
    CHECK(python_float_repr(-2.5) == "-2.5");
}

TEST_CASE("Expr strings for the default parameters are the reference's", "[symbolic][expr]") {
    RegressParams p;  // radius 1, alpha 0.2, threshold
    p.intercept = 1;
    const double w = reliability_weight(p.radius, p.alpha, p.weight_method);
    const Model m = regression_model(p, w);
    CHECK(expr_string(m.step("xx")) == "src0 dup *");
    CHECK(expr_string(m.step("xy")) == "src0 src1 *");
    CHECK(expr_string(m.step("var_x")) == "src0 src1 dup * - 0 max");
    CHECK(expr_string(m.step("cov")) == "src0 src1 src2 * -");
    CHECK(expr_string(m.step("slope")) == "src0 src1 1e-07 + /");
    CHECK(expr_string(m.step("intercept")) == "src0 src1 src2 * - 1 /");
    CHECK(expr_string(m.step("correlation")) ==
          "src0 dup * src1 src2 * 1e-07 + / sqrt 0.4715886587309881 - 0.5284113412690119 / 0 max");
    p.alpha = 1;  // w = 1: the rescale is skipped
    CHECK(expr_string(regression_model(p, 1.0).step("correlation")) == "src0 dup * src1 src2 * 1e-07 + / sqrt");
    const Model rm = reconstruct_model(ReconstructParams{}, true);
    CHECK(expr_string(rm.step("ac")) == "x y *");
    CHECK(expr_string(rm.step("reconstructed")) == "x y * z + a 1e-07 + /");
    CHECK_THROWS(expr_string(rm.step("M_c")));
}

TEST_CASE("the derived formulas over window means are the spec's", "[symbolic][formula]") {
    RegressParams p;
    p.intercept = 2;
    const SymbolicModel s = symbolic_model(regression_model(p, 0.5));
    const ex mx = s.symbols.at("mu_x"), my = s.symbols.at("mu_y"), sxx = s.symbols.at("S_xx"),
             sxy = s.symbols.at("S_xy"), syy = s.symbols.at("S_yy");
    const ex eps = numeric(1, 10000000);
    const ex var_x = rmax(sxx - mx * mx, 0), var_y = rmax(syy - my * my, 0), cov = sxy - mx * my;
    const ex slope = cov / (var_x + eps);
    CHECK((s.planes.at("slope") - slope).expand().is_zero());
    CHECK((s.planes.at("intercept") - (my - slope * mx) / 2).expand().is_zero());
    const ex rho = GiNaC::sqrt(cov * cov / (var_x * var_y + eps));
    CHECK((s.planes.at("correlation") - rmax((rho - numeric(1, 2)) / numeric(1, 2), 0)).expand().is_zero());
    // rmax evaluates on numbers
    CHECK(rmax(numeric(1, 3), numeric(1, 4)).is_equal(numeric(1, 3)));
    CHECK(exact_decimal(1e-7).is_equal(numeric(1, 10000000)));
}

TEST_CASE("exact ranges for luma 0..1 and chroma -0.5..0.5", "[symbolic][ranges]") {
    RegressParams p;  // r = 1, n = 9: k(n−k)/n² = 20/81
    p.intercept = 1;
    const double w = reliability_weight(1, 0.2, WeightMethod::threshold);
    const auto r = regression_ranges(p, w, InputRanges{});
    auto is = [](const ex& a, const ex& b) { return (a - b).expand().is_zero(); };
    CHECK(is(find_range(r, "xx").lo, 0));
    CHECK(is(find_range(r, "xx").hi, 1));
    CHECK(is(find_range(r, "xy").lo, numeric(-1, 2)));
    CHECK(is(find_range(r, "yy").hi, numeric(1, 4)));
    CHECK(is(find_range(r, "var_x").lo, 0));
    CHECK(is(find_range(r, "var_x").hi, numeric(20, 81)));
    CHECK(is(find_range(r, "var_y").hi, numeric(20, 81)));
    CHECK(is(find_range(r, "cov").hi, numeric(20, 81)));
    CHECK(is(find_range(r, "cov").lo, numeric(-20, 81)));
    // slope ≤ √(20/81)·√ε/(2ε) = √(20/81)/(2√ε)
    const ex eps = numeric(1, 10000000);
    const ex slope_hi = find_range(r, "slope").hi;
    CHECK(is(slope_hi * slope_hi, numeric(20, 81) / (4 * eps)));  // squares: radicals normalise
    CHECK(GiNaC::ex_to<numeric>(GiNaC::evalf(slope_hi)).to_double() == Approx(785.674201318386));
    CHECK_FALSE(find_range(r, "intercept").exact);
    const ex v2 = numeric(400, 6561);
    const ex expect = (GiNaC::sqrt(v2 / (v2 + eps)) - (1 - exact_decimal(w))) / exact_decimal(w);
    GiNaC::Digits = 60;
    INFO("got " << find_range(r, "correlation").hi << " expected " << expect);
    const numeric diff = GiNaC::ex_to<numeric>(GiNaC::evalf(find_range(r, "correlation").hi - expect));
    CHECK(GiNaC::abs(diff) < numeric(1, 1000000) * numeric(1, 1000000) * numeric(1, 1000000) * numeric(1, 1000000));
    GiNaC::Digits = 17;
    // Large windows approach Popoviciu's Δ²/4: r = 6, n = 169 → 84·85/169².
    p.radius = 6;
    const auto r6 = regression_ranges(p, reliability_weight(6, 0.2, WeightMethod::threshold), InputRanges{});
    CHECK(is(find_range(r6, "var_x").hi, numeric(84 * 85, 169 * 169)));
}
