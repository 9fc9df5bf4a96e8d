#include "symbolic/expr/double_rounding.hpp"

#include <cfloat>
#include <cln/integer.h>
#include <cln/rational.h>
#include <cln/real.h>
#include <cmath>
#include <cstdint>

#include "symbolic/expr/binary32_range.hpp"
#include "symbolic/expr/bound_size.hpp"

namespace rigor::symbolic::expr {

cln::cl_RA double_rational(double d) {
    if (d == 0) return 0;
    int e = 0;
    const double m = std::frexp(d, &e);  // d = m 2^e, 0.5 <= |m| < 1, m of at most 53 bits
    return cln::cl_RA(cln::cl_I(static_cast<long>(std::ldexp(m, 53)))) * two_to(long(e) - 53);
}

double double_at_most(const cln::cl_RA& r) {
    static const cln::cl_RA largest = double_rational(DBL_MAX), smallest_normal = double_rational(DBL_MIN);
    if (r > largest) return DBL_MAX;
    if (r < -largest) return -INFINITY;
    if (cln::abs(r) < smallest_normal) {
        // A multiple of 2^-1074 (the subnormal step) below 2^-1022: floor(r 2^1074) has at
        // most 52 bits, so the double below is exact.
        const double d = std::ldexp(double(cln::cl_I_to_long(cln::floor1(r * two_to(1074)))), -1074);
        return d == 0 ? 0.0 : d;
    }
    // Normal range: double_approx is within an ulp, then settled exactly.
    double d = cln::double_approx(r);
    while (double_rational(d) > r) d = std::nextafter(d, -INFINITY);
    while (std::nextafter(d, INFINITY) <= DBL_MAX && double_rational(std::nextafter(d, INFINITY)) <= r) d = std::nextafter(d, INFINITY);
    return d == 0 ? 0.0 : d;
}

double double_at_least(const cln::cl_RA& r) {
    const double d = -double_at_most(-r);
    return d == 0 ? 0.0 : d;
}

// The smallest float >= r is float_up of the smallest double >= r: every float >= r is a
// double >= r, so it is >= double_at_least(r), and float_up gives the smallest float
// >= that double.  Only the sign of a zero result differs: double_at_least gives +0 for r
// in (-2^-1074, 0), where IEEE's rounding up (and the stepping this replaced, which input
// domains of properties rely on: -1e-400:1 holds -0, as -1e-40:1 does) gives -0.
float float_at_least(const cln::cl_RA& r) {
    const float f = float_up(double_at_least(r));
    return f == 0 && cln::minusp(r) ? -0.0f : f;
}
// Likewise down; double_at_most's +0 for r in [0, 2^-1074) is IEEE's as well.
float float_at_most(const cln::cl_RA& r) { return float_down(double_at_most(r)); }

}  // namespace rigor::symbolic::expr
