// Sets of real numbers enclosed by double intervals rounded outward: the fast real
// arithmetic of the binary32 analysis (binary32_enclosure.hpp), where the exact
// rationals of interval.hpp would cost too much per box.
//
// Every operation returns an interval containing the exact result for every real in its
// arguments.  + − × ÷ and sqrt round to nearest and then detect the direction of their
// own rounding error exactly (two-sum, fused multiply-add residuals), moving an end one
// double outward only when it was rounded inward — so integer and dyadic results stay
// exact points.  exp, log, sin, cos and pow use the C library (glibc: within 1 ulp on
// x86-64, its manual says) and move 4 doubles outward; their exact values at 0 and 1 are
// kept.  Ends may be ±inf (unbounded); an empty interval (lo > hi) means no value.
#pragma once
#include <algorithm>
#include <cmath>
#include <limits>

namespace rigor::symbolic::expr {

struct OutwardInterval {
    double lo = 0, hi = 0;

    static OutwardInterval point(double v) { return {v, v}; }
    static OutwardInterval everything() {
        return {-std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity()};
    }
    static OutwardInterval empty() { return {1, 0}; }
    bool is_empty() const { return !(lo <= hi); }
    bool is_point() const { return lo == hi; }
    bool bounded() const { return std::isfinite(lo) && std::isfinite(hi); }
    bool contains(double v) const { return lo <= v && v <= hi; }
    double magnitude() const { return std::max(std::fabs(lo), std::fabs(hi)); }  // max |v|
    bool is_zero() const { return lo == 0 && hi == 0; }
};

OutwardInterval hull(const OutwardInterval& a, const OutwardInterval& b);
OutwardInterval intersect(const OutwardInterval& a, const OutwardInterval& b);
OutwardInterval operator+(const OutwardInterval& a, const OutwardInterval& b);
OutwardInterval operator-(const OutwardInterval& a);
OutwardInterval operator-(const OutwardInterval& a, const OutwardInterval& b);
OutwardInterval operator*(const OutwardInterval& a, const OutwardInterval& b);
// b must not contain 0 (callers decide what division by a range holding 0 means).
OutwardInterval operator/(const OutwardInterval& a, const OutwardInterval& b);

// Real functions over a set: sqrt of max(a, 0); log of the positive part (lo -inf when
// the set reaches 0); pow for a > 0 (any b), or b a single integer (any a, 0 excluded
// when the integer is negative).
OutwardInterval sqrt_of(const OutwardInterval& a);
OutwardInterval exp_of(const OutwardInterval& a);
OutwardInterval log_of(const OutwardInterval& a);
OutwardInterval sin_of(const OutwardInterval& a);
OutwardInterval cos_of(const OutwardInterval& a);
OutwardInterval pow_of(const OutwardInterval& a, const OutwardInterval& b);
OutwardInterval abs_of(const OutwardInterval& a);
// tan (everything when a pole may lie inside), asin and acos of the part in [-1, 1]
// (empty when none), atan, and atan2(y, x) (in [-pi, pi]; 0 at the origin, as atan2f(+0, +0)).
OutwardInterval tan_of(const OutwardInterval& a);
OutwardInterval asin_of(const OutwardInterval& a);
OutwardInterval acos_of(const OutwardInterval& a);
OutwardInterval atan_of(const OutwardInterval& a);
OutwardInterval atan2_of(const OutwardInterval& y, const OutwardInterval& x);

// The enclosure of one real given as a double and a bound on its error.
OutwardInterval around(double v, double error);

}  // namespace rigor::symbolic::expr
