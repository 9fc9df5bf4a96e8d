// Rationals rounded to doubles and to binary32 in both directions
// (symbolic/expr/double_rounding.hpp), over the whole binary64 range: the subnormals
// CLN's double-floats lack, below the smallest subnormal, past DBL_MAX.  Each rounding brackets the rational and is the nearest double
// on its side; and `rigor analyse` of the program whose rounding error is about 1e-427
// (fuzz_analyse: CLN's floating_point_underflow_exception ended the process) reports it.
#include <catch2/catch.hpp>

#include <cfloat>
#include <cln/integer.h>
#include <cln/rational.h>
#include <cln/rational_io.h>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

#include "filters/expr/parser.hpp"
#include "pixel/expr/probe.hpp"
#include "symbolic/expr/analysis.hpp"
#include "symbolic/expr/binary32_range.hpp"
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

namespace {

// Order-preserving keys of binary32 numbers, ±inf included (-0 just below +0).
std::int64_t key_of(float v) {
    std::uint32_t b;
    std::memcpy(&b, &v, 4);
    return b >> 31 ? -1 - std::int64_t(b & 0x7fffffffu) : std::int64_t(b);
}
float float_of(std::int64_t k) {
    const std::uint32_t b = k >= 0 ? std::uint32_t(k) : 0x80000000u | std::uint32_t(-1 - k);
    float v;
    std::memcpy(&v, &b, 4);
    return v;
}
// v >= r (or v > r) exactly, ±inf beyond every rational.
bool above(float v, const cl_RA& r, bool or_equal) {
    if (std::isinf(v)) return v > 0;
    return or_equal ? double_rational(v) >= r : double_rational(v) > r;
}
// The first key from -inf to +inf whose float is >= r (or > r), by bisection with exact
// comparisons (no double on the way); +inf's key when none.
std::int64_t first_key_above(const cl_RA& r, bool or_equal) {
    std::int64_t lo = key_of(-INFINITY), hi = key_of(INFINITY);  // below: lo; above: hi
    if (above(float_of(lo), r, or_equal)) return lo;
    while (hi - lo > 1) {
        const std::int64_t mid = lo + (hi - lo) / 2;
        (above(float_of(mid), r, or_equal) ? hi : lo) = mid;
    }
    return hi;
}
// The smallest binary32 >= r and the largest <= r, a zero result signed as IEEE 754's
// directed roundings sign it: -0 when r < 0 rounds up to 0, +0 otherwise.
float reference_at_least(const cl_RA& r) {
    const float f = float_of(first_key_above(r, true));
    return f == 0 ? (cln::minusp(r) ? -0.0f : 0.0f) : f;
}
float reference_at_most(const cl_RA& r) {
    const float f = float_of(first_key_above(r, false) - 1);
    return f == 0 ? 0.0f : f;
}
bool same(float a, float b) { return a == b && std::signbit(a) == std::signbit(b); }

// Rationals at and around binary32 numbers: exact floats, midpoints, a hair either side,
// subnormals, the normal boundary, FLT_MAX and beyond, tiny values of both signs.
std::vector<cl_RA> rationals_around_floats() {
    const cl_RA hair = two_to(-300), sub = two_to(-149);
    std::vector<cl_RA> v = {0, hair, sub / 2, sub / 3, sub, sub * 3 / 2, sub + hair, sub - hair, two_to(-126),
                            two_to(-126) - sub / 2, two_to(-126) + hair, two_to(-126) - hair, cl_RA(1) / 3, cl_RA(1) / 10,
                            1, 1 + two_to(-24), 1 + two_to(-24) + hair, 1 - two_to(-25), 1 - two_to(-25) - hair,
                            cln::expt(cl_RA(10), -50), cln::expt(cl_RA(10), -400), two_to(-1074), two_to(-1075)};
    const cl_RA fmax = double_rational(FLT_MAX);
    for (const cl_RA& r : {fmax, fmax - hair, fmax + hair, fmax + two_to(103), fmax + two_to(104), cln::expt(cl_RA(10), 39),
                           cln::expt(cl_RA(10), 400), double_rational(DBL_MAX), double_rational(DBL_MAX) + 1})
        v.push_back(r);
    std::mt19937_64 rng(13);
    for (int i = 0; i < 3000; ++i) {
        float f;
        do {
            const std::uint32_t b = std::uint32_t(rng());
            std::memcpy(&f, &b, 4);
        } while (!std::isfinite(f));
        const cl_RA a = double_rational(f), b = double_rational(std::nextafter(f, INFINITY));
        const cl_RA ulp = b - a;
        for (const cl_RA& r : {a, (a + b) / 2, (a + b) / 2 + hair, (a + b) / 2 - hair, a + hair, a - hair, a + ulp / 3})
            v.push_back(r);
        v.push_back(cl_RA(cln::cl_I(long(rng() >> 20))) / cln::cl_I(long(rng() >> 30) + 1) * two_to(long(rng() % 300) - 150));
    }
    const std::size_t n = v.size();
    for (std::size_t i = 0; i < n; ++i) v.push_back(-v[i]);
    return v;
}

}  // namespace

// float_at_least is float_up(double_at_least(r)) with the sign of a zero restored: the
// plain composition gave +0 for r in (-2^-1074, 0) (-1e-400, -2^-1075), which the
// nextafter stepping it replaced (and IEEE's rounding up) gives as -0; it agreed with the
// bisection everywhere else, as the stepping did within ±FLT_MAX (the stepping itself
// was not defined beyond).
TEST_CASE("directed rounding to binary32 is the nearest float on its side", "[symbolic_expr][double_rounding]") {
    std::size_t checked = 0;
    for (const cl_RA& r : rationals_around_floats()) {
        INFO("r = " << r);
        const float up = symbolic::expr::float_at_least(r), down = symbolic::expr::float_at_most(r);
        const float ref_up = reference_at_least(r), ref_down = reference_at_most(r);
        CHECK(same(up, ref_up));
        CHECK(same(down, ref_down));
        checked += 2;
    }
    CHECK(checked > 40000);
    CHECK(std::signbit(symbolic::expr::float_at_least(-cln::expt(cl_RA(10), -400))));
    CHECK(!std::signbit(symbolic::expr::float_at_least(0)));
    CHECK(symbolic::expr::float_at_least(cln::expt(cl_RA(10), 39)) == INFINITY);
    CHECK(symbolic::expr::float_at_least(-cln::expt(cl_RA(10), 39)) == -FLT_MAX);
}
