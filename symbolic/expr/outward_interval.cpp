#include "symbolic/expr/outward_interval.hpp"

#include <array>

namespace rigor::symbolic::expr {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kMax = std::numeric_limits<double>::max();
// Below this magnitude a residual (two-sum is fine, fma residuals are not) may underflow.
constexpr double kResidualFloor = 0x1p-960;

double down(double x) { return std::nextafter(x, -kInf); }
double up(double x) { return std::nextafter(x, kInf); }
double down_by(double x, int ulps) {
    for (int i = 0; i < ulps; ++i) x = down(x);
    return x;
}
double up_by(double x, int ulps) {
    for (int i = 0; i < ulps; ++i) x = up(x);
    return x;
}
constexpr int kLibmUlps = 4;  // glibc's <= 1 ulp with room to spare

// x + y rounded toward -inf (low) or +inf (high).
double add_low(double x, double y) {
    if (x == -kInf || y == -kInf) return -kInf;
    const double s = x + y;
    if (std::isnan(s)) return -kInf;
    if (std::isinf(s)) return s > 0 && std::isfinite(x) && std::isfinite(y) ? kMax : s;
    const double b = s - x, err = (x - (s - b)) + (y - b);  // two-sum: x + y = s + err exactly
    return err < 0 ? down(s) : s;
}
double add_high(double x, double y) { return -add_low(-x, -y); }

// x * y rounded toward -inf or +inf; 0 * inf is taken as 0 (the limit of the products
// of the finite values the unbounded end stands for, as interval.hpp does).
double mul_dir(double x, double y, bool high) {
    if (x == 0 || y == 0) return 0;
    const double p = x * y;
    if (std::isinf(p)) return std::isfinite(x) && std::isfinite(y) ? (p > 0 ? (high ? p : kMax) : (high ? -kMax : p)) : p;
    if (std::fabs(p) < kResidualFloor) return high ? up(p) : down(p);
    const double err = std::fma(x, y, -p);  // x y = p + err exactly
    if (high) return err > 0 ? up(p) : p;
    return err < 0 ? down(p) : p;
}

// x / y rounded toward -inf or +inf (y != 0); NaN for inf / inf.
double div_dir(double x, double y, bool high) {
    if (std::isinf(x) && std::isinf(y)) return std::numeric_limits<double>::quiet_NaN();
    const double q = x / y;
    if (std::isinf(q) || q == 0 || std::isinf(y)) {
        if (std::isinf(q) && std::isfinite(x) && std::isfinite(y)) return q > 0 ? (high ? q : kMax) : (high ? -kMax : q);
        if (q == 0 && std::isfinite(y) && x != 0) return high ? up(q) : down(q);  // underflow
        return q;
    }
    if (std::fabs(q) < kResidualFloor || std::fabs(x) < kResidualFloor) return high ? up(q) : down(q);
    const double r = std::fma(-q, y, x);  // x = q y + r exactly: x/y - q = r / y
    const bool above = (r > 0) == (y > 0) && r != 0;  // the true quotient is above q
    const bool below = r != 0 && !above;
    if (high) return above ? up(q) : q;
    return below ? down(q) : q;
}

double sqrt_dir(double x, bool high) {
    if (x <= 0) return 0;
    if (std::isinf(x)) return x;
    const double s = std::sqrt(x);
    if (x < kResidualFloor) return high ? up(s) : down(s);
    const double r = std::fma(-s, s, x);  // x - s^2: the root is above s when r > 0
    if (high) return r > 0 ? up(s) : s;
    return r < 0 ? down(s) : s;
}

// The C library's value of f widened outward, with the exact values kept.
double libm_low(double v, bool exact) { return exact ? v : down_by(v, kLibmUlps); }
double libm_high(double v, bool exact) { return exact ? v : up_by(v, kLibmUlps); }

constexpr double kPiLow = 3.141592653589793;  // the double nearest pi is below it
const double kPiHigh = up(kPiLow);

// Whether some point (offset/2 + 2k) pi, k an integer, may lie in [lo, hi] (finite):
// counted inside when unsure (the bound 1 is then merely not tight, never wrong).
bool may_hold_peak(double lo, double hi, double offset_halves) {
    double kmin = kInf, kmax = -kInf;
    for (double pi : {kPiLow, kPiHigh}) {
        const double a = (lo / pi - offset_halves / 2) / 2, b = (hi / pi - offset_halves / 2) / 2;
        kmin = std::min(kmin, a - (std::fabs(a) + 1) * 1e-12);
        kmax = std::max(kmax, b + (std::fabs(b) + 1) * 1e-12);
    }
    return std::ceil(kmin) <= std::floor(kmax);
}

OutwardInterval periodic(const OutwardInterval& a, bool cosine) {
    if (a.is_empty()) return a;
    if (!a.bounded() || a.hi - a.lo > 8) return {-1, 1};
    auto f = [&](double x) { return cosine ? std::cos(x) : std::sin(x); };
    auto exact = [&](double x) { return x == 0; };
    const double at_lo = f(a.lo), at_hi = f(a.hi);
    OutwardInterval r{std::min(libm_low(at_lo, exact(a.lo)), libm_low(at_hi, exact(a.hi))),
                      std::max(libm_high(at_lo, exact(a.lo)), libm_high(at_hi, exact(a.hi)))};
    if (may_hold_peak(a.lo, a.hi, cosine ? 0 : 1)) r.hi = 1;
    if (may_hold_peak(a.lo, a.hi, cosine ? 2 : -1)) r.lo = -1;
    return {std::max(r.lo, -1.0), std::min(r.hi, 1.0)};
}

// x^n, n >= 1, by repeated outward multiplication of the end (x >= 0).
OutwardInterval power_of_nonnegative(const OutwardInterval& a, long n) {
    if (n <= 64) {
        OutwardInterval r = a;
        for (long i = 1; i < n; ++i) r = r * a;
        return r;
    }
    return {a.lo == 0 ? 0 : down_by(std::pow(a.lo, double(n)), kLibmUlps),
            std::isinf(a.hi) ? kInf : up_by(std::pow(a.hi, double(n)), kLibmUlps)};
}

}  // namespace

OutwardInterval hull(const OutwardInterval& a, const OutwardInterval& b) {
    if (a.is_empty()) return b;
    if (b.is_empty()) return a;
    return {std::min(a.lo, b.lo), std::max(a.hi, b.hi)};
}
OutwardInterval intersect(const OutwardInterval& a, const OutwardInterval& b) {
    return {std::max(a.lo, b.lo), std::min(a.hi, b.hi)};
}
OutwardInterval operator+(const OutwardInterval& a, const OutwardInterval& b) {
    if (a.is_empty() || b.is_empty()) return OutwardInterval::empty();
    return {add_low(a.lo, b.lo), add_high(a.hi, b.hi)};
}
OutwardInterval operator-(const OutwardInterval& a) { return {-a.hi, -a.lo}; }
OutwardInterval operator-(const OutwardInterval& a, const OutwardInterval& b) { return a + (-b); }
OutwardInterval operator*(const OutwardInterval& a, const OutwardInterval& b) {
    if (a.is_empty() || b.is_empty()) return OutwardInterval::empty();
    if (a.is_point() && b.is_point() && std::isfinite(a.lo) && std::isfinite(b.lo))
        return {mul_dir(a.lo, b.lo, false), mul_dir(a.lo, b.lo, true)};
    const std::array<double, 2> x{a.lo, a.hi}, y{b.lo, b.hi};
    OutwardInterval r{kInf, -kInf};
    for (double p : x)
        for (double q : y) r.lo = std::min(r.lo, mul_dir(p, q, false)), r.hi = std::max(r.hi, mul_dir(p, q, true));
    return r;
}
OutwardInterval operator/(const OutwardInterval& a, const OutwardInterval& b) {
    if (a.is_empty() || b.is_empty()) return OutwardInterval::empty();
    if (b.contains(0)) return OutwardInterval::everything();
    const std::array<double, 2> x{a.lo, a.hi}, y{b.lo, b.hi};
    OutwardInterval r{kInf, -kInf};
    for (double p : x)
        for (double q : y) {
            const double l = div_dir(p, q, false), h = div_dir(p, q, true);
            if (std::isnan(l) || std::isnan(h)) continue;  // inf / inf: the other corners bound it
            r.lo = std::min(r.lo, l), r.hi = std::max(r.hi, h);
        }
    return r.is_empty() ? OutwardInterval::everything() : r;
}

OutwardInterval sqrt_of(const OutwardInterval& a) {
    if (a.is_empty()) return a;
    return {sqrt_dir(a.lo, false), sqrt_dir(a.hi, true)};
}
OutwardInterval exp_of(const OutwardInterval& a) {
    if (a.is_empty()) return a;
    auto lo = [](double x) { return x == -kInf ? 0.0 : std::max(0.0, libm_low(std::exp(x), x == 0)); };
    auto hi = [](double x) { return x == -kInf ? 0.0 : std::isinf(x) ? x : libm_high(std::exp(x), x == 0); };
    return {lo(a.lo), hi(a.hi)};
}
OutwardInterval log_of(const OutwardInterval& a) {
    if (a.is_empty() || a.hi <= 0) return OutwardInterval::empty();
    auto lo = [](double x) { return x <= 0 ? -kInf : std::isinf(x) ? x : libm_low(std::log(x), x == 1); };
    auto hi = [](double x) { return std::isinf(x) ? x : libm_high(std::log(x), x == 1); };
    return {lo(a.lo), hi(a.hi)};
}
OutwardInterval sin_of(const OutwardInterval& a) { return periodic(a, false); }
OutwardInterval cos_of(const OutwardInterval& a) { return periodic(a, true); }

// The inverse functions are monotone, tan between its poles ±pi/2 + 2k pi (the peaks
// of sin at offsets 1 and -1 half turns): values at the ends, outward by the C library's error.
OutwardInterval tan_of(const OutwardInterval& a) {
    if (a.is_empty()) return a;
    if (!a.bounded() || a.hi - a.lo > 3 || may_hold_peak(a.lo, a.hi, 1) || may_hold_peak(a.lo, a.hi, -1))
        return OutwardInterval::everything();
    return {libm_low(std::tan(a.lo), a.lo == 0), libm_high(std::tan(a.hi), a.hi == 0)};
}
OutwardInterval atan_of(const OutwardInterval& a) {
    if (a.is_empty()) return a;
    const double half_pi = kPiHigh / 2;
    return {std::max(-half_pi, libm_low(std::atan(a.lo), a.lo == 0)), std::min(half_pi, libm_high(std::atan(a.hi), a.hi == 0))};
}
OutwardInterval asin_of(const OutwardInterval& a) {
    const OutwardInterval d = intersect(a, {-1, 1});
    if (d.is_empty()) return d;
    const double half_pi = kPiHigh / 2;
    return {std::max(-half_pi, libm_low(std::asin(d.lo), d.lo == 0)), std::min(half_pi, libm_high(std::asin(d.hi), d.hi == 0))};
}
OutwardInterval acos_of(const OutwardInterval& a) {
    const OutwardInterval d = intersect(a, {-1, 1});
    if (d.is_empty()) return d;
    return {std::max(0.0, libm_low(std::acos(d.hi), d.hi == 1)), std::min(kPiHigh, libm_high(std::acos(d.lo), d.lo == 1))};
}
OutwardInterval atan2_of(const OutwardInterval& y, const OutwardInterval& x) {
    if (y.is_empty() || x.is_empty()) return OutwardInterval::empty();
    // Away from the origin and the cut (x < 0, y = 0) atan2 has no critical point and is
    // monotone along every edge of a box: the corners bound it.
    if (!y.bounded() || !x.bounded() || !(x.lo > 0 || y.lo > 0 || y.hi < 0)) return {-kPiHigh, kPiHigh};
    double lo = kInf, hi = -kInf;
    for (double yy : {y.lo, y.hi})
        for (double xx : {x.lo, x.hi}) {
            const double v = std::atan2(yy, xx);
            const bool exact = yy == 0 && xx > 0;
            lo = std::min(lo, libm_low(v, exact)), hi = std::max(hi, libm_high(v, exact));
        }
    return {std::max(lo, -kPiHigh), std::min(hi, kPiHigh)};
}

OutwardInterval abs_of(const OutwardInterval& a) {
    if (a.is_empty()) return a;
    if (a.lo >= 0) return a;
    if (a.hi <= 0) return -a;
    return {0, std::max(-a.lo, a.hi)};
}

OutwardInterval pow_of(const OutwardInterval& a, const OutwardInterval& b) {
    if (a.is_empty() || b.is_empty()) return OutwardInterval::empty();
    if (b.is_point() && std::isfinite(b.lo) && b.lo == std::trunc(b.lo) && std::fabs(b.lo) < 0x1p62) {
        const long n = long(b.lo);
        if (n == 0) return {1, 1};
        if (n < 0) return OutwardInterval{1, 1} / pow_of(a, OutwardInterval::point(double(-n)));
        // Odd powers are increasing; even powers are |a|^n.
        if (n % 2) {
            OutwardInterval pos = a.hi >= 0 ? power_of_nonnegative({std::max(a.lo, 0.0), a.hi}, n) : OutwardInterval::empty();
            OutwardInterval neg = a.lo < 0 ? -power_of_nonnegative({std::max(-a.hi, 0.0), -a.lo}, n) : OutwardInterval::empty();
            return hull(pos, neg);
        }
        return power_of_nonnegative(abs_of(a), n);
    }
    // a^b = exp(b ln a) on a > 0 is monotone in each argument: its extremes are corners.
    OutwardInterval r = OutwardInterval::empty();
    if (a.hi > 0) {
        const std::array<double, 2> x{std::max(a.lo, 0.0), a.hi}, y{b.lo, b.hi};
        r = {kInf, -kInf};
        for (double p : x)
            for (double q : y) {
                const double v = std::pow(p, q);
                const bool exact = p == 1 || q == 0 || p == 0 || std::isinf(v);
                r.lo = std::min(r.lo, std::max(0.0, libm_low(v, exact)));
                r.hi = std::max(r.hi, libm_high(v, exact));
            }
    }
    if (a.contains(0)) {  // 0^b: 0 for b > 0, 1 for b = 0, unbounded for b < 0
        if (b.hi > 0) r = hull(r, {0, 0});
        if (b.contains(0)) r = hull(r, {1, 1});
        if (b.lo < 0) r = hull(r, {0, kInf});
    }
    return r;
}

OutwardInterval around(double v, double error) { return {add_low(v, -error), add_high(v, error)}; }

}  // namespace rigor::symbolic::expr
