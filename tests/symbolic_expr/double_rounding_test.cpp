// Rationals rounded to doubles in both directions (symbolic/expr/double_rounding.hpp), over
// the whole binary64 range: the subnormals CLN's double-floats lack, below the smallest
// subnormal, past DBL_MAX.  Each rounding brackets the rational and is the nearest double
// on its side; and `rigor analyse` of the program whose rounding error is about 1e-427
// (fuzz_analyse: CLN's floating_point_underflow_exception ended the process) reports it.
#include <catch2/catch.hpp>

#include <cfloat>
#include <cln/integer.h>
#include <cln/rational.h>
#include <cln/rational_io.h>
#include <cmath>
#include <vector>

#include "filters/expr/parser.hpp"
#include "pixel/expr/probe.hpp"
#include "symbolic/expr/analysis.hpp"
#include "symbolic/expr/double_rounding.hpp"

using namespace rigor;
using cln::cl_RA;
using symbolic::expr::double_at_least;
using symbolic::expr::double_at_most;
using symbolic::expr::double_rational;

namespace {

cl_RA two_to(long k) { return k >= 0 ? cl_RA(cln::ash(cln::cl_I(1), k)) : cl_RA(1) / cln::ash(cln::cl_I(1), -k); }

}  // namespace

TEST_CASE("double_rational is exact on subnormals", "[symbolic_expr][double_rounding]") {
    CHECK(double_rational(std::ldexp(1.0, -1074)) == two_to(-1074));
    CHECK(double_rational(-3 * std::ldexp(1.0, -1074)) == -3 * two_to(-1074));
    CHECK(double_rational(DBL_MIN) == two_to(-1022));
    CHECK(double_rational(DBL_MAX) == two_to(1024) - two_to(1024 - 53));
    CHECK(double_rational(0.1) == cl_RA(3602879701896397) / two_to(55));
}

TEST_CASE("directed rounding to doubles brackets every rational tightly", "[symbolic_expr][double_rounding]") {
    const cl_RA ten = 10, sub = two_to(-1074);
    std::vector<cl_RA> values = {0, 1, cl_RA(1) / 3, cl_RA(1) / 10, cln::expt(ten, -427), cln::expt(ten, -310), sub,
                                 sub * 3 + sub / 3, sub / 2, two_to(-1022) - sub / 7, two_to(-1022), two_to(-1022) + sub / 5,
                                 double_rational(DBL_MAX), double_rational(DBL_MAX) + 1, cln::expt(ten, 400), cl_RA(7) / 5};
    const std::size_t n = values.size();
    for (std::size_t i = 0; i < n; ++i) values.push_back(-values[i]);
    for (const cl_RA& r : values) {
        INFO("r = " << r);
        const double lo = double_at_most(r), hi = double_at_least(r);
        CHECK(!(lo == 0 && std::signbit(lo)));  // +0, not -0
        CHECK(!(hi == 0 && std::signbit(hi)));
        if (std::isfinite(lo)) CHECK(double_rational(lo) <= r);
        if (std::isfinite(hi)) CHECK(r <= double_rational(hi));
        // Nearest on each side: the next double outward is past r.
        const double above_lo = std::nextafter(lo, INFINITY), below_hi = std::nextafter(hi, -INFINITY);
        if (std::isfinite(above_lo)) CHECK(double_rational(above_lo) > r);
        else CHECK(r >= double_rational(DBL_MAX));
        if (std::isfinite(below_hi)) CHECK(double_rational(below_hi) < r);
        else CHECK(r <= -double_rational(DBL_MAX));
        CHECK((lo == hi) == (std::isfinite(lo) && double_rational(lo) == r));
    }
    CHECK(double_at_least(cln::expt(ten, -427)) == std::ldexp(1.0, -1074));
    CHECK(double_at_most(cln::expt(ten, -427)) == 0);
}

TEST_CASE("analyse reports a rounding error below every double", "[symbolic_expr][double_rounding]") {
    // (x/255/10655)^106 · 127 is at most about 1.4e-425 in real arithmetic and 0 in binary32:
    // every input's error is checked exactly, the largest then rounded to doubles.
    static const expr::EngineProbe probe = pixel::expr::engine_probe(1);
    symbolic::expr::InputRanges r;
    r["x"] = {symbolic::expr::Bound::of(0), symbolic::expr::Bound::of(255)};
    symbolic::expr::EngineSetup setup;
    setup.probe = &probe;
    const symbolic::expr::Analysis a =
        symbolic::expr::analyse(expr::parse("x 255 / 10655 / 106 pow 127 *"), r, {"gray8", false, 8}, setup);
    REQUIRE(a.running.evaluated);
    CHECK(a.running.exhaustive);
    CHECK(a.running.range.binary32.lo == 0);
    CHECK(a.running.range.binary32.hi == 0);
    const symbolic::expr::RoundingError& e = a.running.error;
    REQUIRE(e.bounded);
    CHECK(e.exhaustive);
    CHECK(e.bound == std::ldexp(1.0, -1074));  // the largest error, about 6.6e-426, rounded up
    CHECK(e.reached == 0);                     // and rounded down
}
