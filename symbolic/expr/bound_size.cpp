#include "symbolic/expr/bound_size.hpp"

#include <algorithm>
#include <cln/real.h>
#include <cmath>

namespace rigor::symbolic::expr {

using cln::cl_I;
using cln::cl_RA;

namespace {

long bits(const cl_RA& v) { return long(cln::integer_length(cln::numerator(v))) + long(cln::integer_length(cln::denominator(v))); }

// floor (up: ceiling) of v 2^s, s of either sign.
cl_I scaled(const cl_RA& v, long s, bool up) {
    const cl_I num = cln::numerator(v), den = cln::denominator(v);
    const cl_I n = s >= 0 ? cln::ash(num, s) : num, d = s >= 0 ? den : cln::ash(den, -s);
    return up ? cln::ceiling1(n, d) : cln::floor1(n, d);
}
// The dyadic of about kKeptBits significant bits next to v on its lower (upper) side.
cl_RA dyadic(const cl_RA& v, bool up) {
    if (cln::zerop(v)) return 0;
    const long s = kKeptBits - binary_exponent(v);
    return cl_RA(scaled(v, s, up)) * two_to(-s);
}

// log2 of a positive integer from its top 53 bits, relative error about 2^-52.
double log2_integer(const cl_I& n) {
    const long length = long(cln::integer_length(n)), shift = std::max(0L, length - 53);
    return std::log2(cln::double_approx(cln::ash(n, -shift))) + double(shift);
}
// An estimate of log2 |x^y| (x != 0), off by far less than the margin below allows.
double log2_power(const cl_RA& x, double y) {
    const cl_RA a = cln::abs(x);
    return y * (log2_integer(cln::numerator(a)) - log2_integer(cln::denominator(a)));
}
// Beyond 2^±kHugeBits by more than the estimate's error (2^-40 of it) and 64 bits.
constexpr double kMarginBits = 64;
// (An infinite estimate, from an exponent past DBL_MAX, is past them; NaN is neither.)
bool surely_huge(double l) { return std::isinf(l) ? l > 0 : l - std::abs(l) * 0x1p-40 > double(kHugeBits) + kMarginBits; }
bool surely_tiny(double l) { return std::isinf(l) ? l < 0 : l + std::abs(l) * 0x1p-40 < -double(kHugeBits) - kMarginBits; }

Bound shortened(const Bound& b, bool up) {
    if (!b.finite() || bits(b.value) <= kLongBits) return b;
    const cl_RA& v = b.value;
    const long e = binary_exponent(v);
    const bool positive = cln::plusp(v);
    if (e > kHugeBits + 1) {  // |v| >= 2^(e-1) > 2^K
        if (positive) return up ? Bound::plus_infinity() : Bound::of(two_to(kHugeBits));
        return up ? Bound::of(-two_to(kHugeBits)) : Bound::minus_infinity();
    }
    if (e < -kHugeBits) {  // 0 < |v| < 2^(e+1) <= 2^-K
        if (positive) return Bound::of(up ? two_to(-kHugeBits) : cl_RA(0));
        return Bound::of(up ? cl_RA(0) : -two_to(-kHugeBits));
    }
    return Bound::of(dyadic(v, up));
}

// a^n (a > 0, n >= 1) between dyadics: square-and-multiply, every product rounded down
// (up).  Each partial power lies between 1 and a^n, so its size is bounded by a^n's.
cl_RA rounded_power(const cl_RA& a, cl_I n, bool up) {
    cl_RA result = 1, square = dyadic(a, up);
    while (cln::plusp(n)) {
        if (cln::oddp(n)) result = dyadic(result * square, up);
        n = cln::ash(n, -1);
        if (cln::plusp(n)) square = dyadic(square * square, up);
    }
    return result;
}

}  // namespace

Bound shortened_lower(const Bound& b) { return shortened(b, false); }
Bound shortened_upper(const Bound& b) { return shortened(b, true); }
Interval shortened(const Interval& a) { return {shortened_lower(a.lo), shortened_upper(a.hi), a.may_be_nan}; }

std::optional<Interval> power_past_limits(const cl_RA& x, double y) {
    const double l = log2_power(x, y);
    if (surely_huge(l)) return Interval{Bound::of(two_to(kHugeBits)), Bound::plus_infinity()};
    if (surely_tiny(l)) return Interval{Bound::of(0), Bound::of(two_to(-kHugeBits))};
    return std::nullopt;
}

Interval power_of(const cl_RA& x, const cl_I& n) {
    if (cln::zerop(x) || x == 1) return Interval::point(x);
    const bool negative = cln::minusp(x) && cln::oddp(n);
    auto with_sign = [&](const Interval& m) { return negative ? Interval{-m.hi, -m.lo} : m; };
    if (const auto past = power_past_limits(x, cln::double_approx(n))) return with_sign(*past);
    if (cln::integer_length(n) + cln::integer_length(cl_I(bits(x))) <= cln::integer_length(cl_I(kLongBits)))
        return Interval::point(cln::expt_pos(x, n));  // bits(x) n < 2 kLongBits
    const cl_RA a = cln::abs(x);
    return with_sign({Bound::of(rounded_power(a, n, false)), Bound::of(rounded_power(a, n, true))});
}

}  // namespace rigor::symbolic::expr
