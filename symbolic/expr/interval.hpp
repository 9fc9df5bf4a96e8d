// Interval arithmetic over exact rationals with infinite ends, and certified enclosures
// of the transcendental functions.
//
// A Bound is a rational or ±infinity.  Rational operations (+ − × ÷ min max abs, floor
// ...) are computed exactly.  sqrt, exp, log, sin, cos and pow are evaluated by CLN at
// kDigits decimal digits and the result widened outward by at least a relative 10^-(kDigits-8)
// (far more than CLN's error, which is within a few units of the last digit), then
// taken as an exact rational: the enclosure is certified and its width is stated.
#pragma once
#include <cln/rational.h>
#include <optional>
#include <string>

namespace rigor::symbolic::expr {

struct Bound {
    int infinity = 0;  // -1: -inf, +1: +inf, 0: the rational `value`
    cln::cl_RA value = 0;

    static Bound of(const cln::cl_RA& v) { return {0, v}; }
    static Bound minus_infinity() { return {-1, 0}; }
    static Bound plus_infinity() { return {1, 0}; }
    bool finite() const { return infinity == 0; }
};

bool operator<(const Bound& a, const Bound& b);
bool operator==(const Bound& a, const Bound& b);
inline bool operator<=(const Bound& a, const Bound& b) { return !(b < a); }
Bound operator+(const Bound& a, const Bound& b);  // (+inf) + (-inf) never asked for
Bound operator-(const Bound& a);
// Product with 0 * inf = 0 (the limit; callers note the NaN case themselves).
Bound operator*(const Bound& a, const Bound& b);
std::string to_string(const Bound& b);
double to_double(const Bound& b);

struct Interval {
    Bound lo, hi;
    bool may_be_nan = false;

    static Interval point(const cln::cl_RA& v) { return {Bound::of(v), Bound::of(v)}; }
    static Interval everything() { return {Bound::minus_infinity(), Bound::plus_infinity(), true}; }
    bool is_point() const { return lo.finite() && lo == hi; }
    bool contains(const Bound& b) const { return lo <= b && b <= hi; }
};

Interval hull(const Interval& a, const Interval& b);

// e with |v| in [2^(e-1), 2^(e+1)) for v != 0, from the integer lengths (0 for v = 0).
long binary_exponent(const cln::cl_RA& v);
cln::cl_RA two_to(long k);  // 2^k exactly

// Certified enclosures of transcendental functions at a rational argument; nullopt
// where the function is undefined or infinite there.  Each returns [lower, upper].
// CLN evaluates at the float nearest the argument; where that moves the result by more
// than the slack allows (sin of 10^60 + 1/3 at 133 bits is the sine of 10^60, the log
// of 1 + 10^-30 off by a relative 10^-10), the argument is taken with more bits.
struct Enclosure {
    cln::cl_RA lower, upper;
};
inline constexpr int kDigits = 40;
Enclosure enclose_sqrt(const cln::cl_RA& x);        // x >= 0
Enclosure enclose_exp(const cln::cl_RA& x);
std::optional<Enclosure> enclose_log(const cln::cl_RA& x);   // x > 0
Enclosure enclose_sin(const cln::cl_RA& x);
Enclosure enclose_cos(const cln::cl_RA& x);
std::optional<Enclosure> enclose_pow(const cln::cl_RA& base, const cln::cl_RA& exponent);  // base > 0 or integer exponent
// tan, asin, acos, atan and atan2 (the angle of the point (x, y), in [-π, π]; 0 at the
// origin, as C's atan2(+0, +0)).  asin and acos need |x| <= 1.
Enclosure enclose_tan(const cln::cl_RA& x);
Enclosure enclose_asin(const cln::cl_RA& x);
Enclosure enclose_acos(const cln::cl_RA& x);
Enclosure enclose_atan(const cln::cl_RA& x);
Enclosure enclose_atan2(const cln::cl_RA& y, const cln::cl_RA& x);
// π enclosure.
Enclosure enclose_pi();

}  // namespace rigor::symbolic::expr
