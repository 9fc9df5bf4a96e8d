#include "symbolic/expr/interval.hpp"

#include <algorithm>
#include <cmath>
#include <cln/float.h>
#include <cln/integer.h>
#include <cln/lfloat.h>
#include <cln/real.h>
#include <cln/rational.h>
#include <cln/rational_ring.h>

#include "symbolic/expr/number_text.hpp"

namespace rigor::symbolic::expr {

bool operator<(const Bound& a, const Bound& b) {
    if (a.infinity != b.infinity) return a.infinity < b.infinity;
    return a.infinity == 0 && a.value < b.value;
}
bool operator==(const Bound& a, const Bound& b) { return a.infinity == b.infinity && (a.infinity != 0 || a.value == b.value); }
Bound operator+(const Bound& a, const Bound& b) {
    if (!a.finite()) return a;
    if (!b.finite()) return b;
    return Bound::of(a.value + b.value);
}
Bound operator-(const Bound& a) { return a.finite() ? Bound::of(-a.value) : Bound{-a.infinity, 0}; }
Bound operator*(const Bound& a, const Bound& b) {
    if (a.finite() && b.finite()) return Bound::of(a.value * b.value);
    auto sign = [](const Bound& x) { return x.finite() ? cln::signum(x.value) == 0 ? 0 : (cln::minusp(x.value) ? -1 : 1) : x.infinity; };
    int s = sign(a) * sign(b);
    if (s == 0) return Bound::of(0);
    return {s, 0};
}
std::string to_string(const Bound& b) {
    if (b.infinity) return b.infinity > 0 ? "+inf" : "-inf";
    return rational_text(b.value);
}
double to_double(const Bound& b) {
    if (b.infinity) return b.infinity > 0 ? HUGE_VAL : -HUGE_VAL;
    return cln::double_approx(b.value);
}

Interval hull(const Interval& a, const Interval& b) {
    return {a.lo < b.lo ? a.lo : b.lo, b.hi < a.hi ? a.hi : b.hi, a.may_be_nan || b.may_be_nan};
}

namespace {

cln::float_format_t format() { return cln::float_format(kDigits); }
cln::cl_F to_float(const cln::cl_RA& x) { return cln::cl_float(x, format()); }

// The float's exact rational widened outward by a slack of at least
// |r| 10^-(kDigits-8) + 10^-(2 kDigits), taken as powers of two — 2^(top - 106) with
// |r| < 2^top, so > |r| 2^-106 > |r| 10^-32, and 2^-266 > 10^-80 — so the ends stay dyadic like the
// float's own rational and adding them costs no big gcd (a decimal slack made widen
// half of every transcendental enclosure's time).
//
// The ends r ∓ (2^-266 + 2^e) are built as integers times a power of two and made
// rationals through exact floats (CLN takes a float to its rational by its binary
// exponent, without the gcd a sum of rationals costs: 8.6 → 1.4 µs a widening).
cln::cl_RA dyadic(const cln::cl_I& n, long exponent) {  // n 2^exponent
    if (cln::zerop(n)) return 0;
    // At least integer_length(n) bits of mantissa: the float is n itself.
    const long digits = long(double(cln::integer_length(cln::abs(n))) * 0.30103) + 3;
    return cln::rational(cln::scale_float(cln::cl_float(n, cln::float_format(digits)), exponent));
}

Enclosure widen(const cln::cl_R& approx) {
    static_assert(kDigits == 40, "the binary exponents below stand for 10^-32 and 10^-80");
    if (cln::instanceof(approx, cln::cl_RA_ring) || cln::zerop(approx)) {  // an exact value
        const cln::cl_RA r = cln::rational(approx);
        cln::cl_RA slack = cln::cl_RA(1) / cln::ash(cln::cl_I(1), 266);
        if (!cln::zerop(r)) {
            // |r| = n/d < 2^len(n) / 2^(len(d)-1) with len the integer length (bits).
            const long top = long(cln::integer_length(cln::numerator(cln::abs(r)))) - long(cln::integer_length(cln::denominator(r))) + 1;
            const long e = top - 106;
            slack = slack + (e >= 0 ? cln::cl_RA(cln::ash(cln::cl_I(1), e)) : cln::cl_RA(1) / cln::ash(cln::cl_I(1), -e));
        }
        return {r - slack, r + slack};
    }
    // r = m 2^q; |r| < 2^top with top = len(m) + q (the same for m with its trailing zeros
    // taken off, as the rational above has them).
    const cln::cl_idecoded_float d = cln::integer_decode_float(The(cln::cl_F)(approx));
    const cln::cl_I m = cln::minusp(d.sign) ? cln::cl_I(-d.mantissa) : d.mantissa;
    const long q = cln::cl_I_to_long(d.exponent);
    const long e = long(cln::integer_length(d.mantissa)) + q - 106;
    const long k = std::min(std::min(q, -266L), e);  // everything a multiple of 2^k
    const cln::cl_I r = cln::ash(m, q - k), slack = cln::ash(cln::cl_I(1), -266 - k) + cln::ash(cln::cl_I(1), e - k);
    return {dyadic(r - slack, k), dyadic(r + slack, k)};
}

}  // namespace

Enclosure enclose_sqrt(const cln::cl_RA& x) {
    cln::cl_RA root;
    if (cln::sqrtp(x, &root)) return {root, root};
    return widen(cln::sqrt(to_float(x)));
}
Enclosure enclose_exp(const cln::cl_RA& x) {
    if (cln::zerop(x)) return {1, 1};
    return widen(cln::exp(to_float(x)));
}
std::optional<Enclosure> enclose_log(const cln::cl_RA& x) {
    if (!cln::plusp(x)) return std::nullopt;
    if (x == 1) return Enclosure{0, 0};
    return widen(cln::ln(to_float(x)));
}
Enclosure enclose_sin(const cln::cl_RA& x) {
    if (cln::zerop(x)) return {0, 0};
    return widen(cln::sin(to_float(x)));
}
Enclosure enclose_cos(const cln::cl_RA& x) {
    if (cln::zerop(x)) return {1, 1};
    return widen(cln::cos(to_float(x)));
}
std::optional<Enclosure> enclose_pow(const cln::cl_RA& base, const cln::cl_RA& exponent) {
    if ((cln::denominator(exponent) == 1)) {
        cln::cl_I n = cln::numerator(exponent);
        if (cln::zerop(base) && cln::minusp(n)) return std::nullopt;
        cln::cl_RA v = cln::expt(base, n);
        return Enclosure{v, v};
    }
    if (cln::zerop(base)) return cln::plusp(exponent) ? std::optional<Enclosure>(Enclosure{0, 0}) : std::nullopt;
    if (cln::minusp(base)) return std::nullopt;
    return widen(cln::exp(to_float(exponent) * cln::ln(to_float(base))));
}
Enclosure enclose_tan(const cln::cl_RA& x) {
    if (cln::zerop(x)) return {0, 0};
    const cln::cl_F f = to_float(x);
    return widen(cln::sin(f) / cln::cos(f));
}
// CLN's atan(x, y) is the angle of the point (x, y).
Enclosure enclose_asin(const cln::cl_RA& x) {
    if (cln::zerop(x)) return {0, 0};
    return widen(cln::atan(cln::sqrt(to_float(1 - x * x)), to_float(x)));
}
Enclosure enclose_acos(const cln::cl_RA& x) {
    if (x == 1) return {0, 0};
    return widen(cln::atan(to_float(x), cln::sqrt(to_float(1 - x * x))));
}
Enclosure enclose_atan(const cln::cl_RA& x) {
    if (cln::zerop(x)) return {0, 0};
    return widen(cln::atan(to_float(x)));
}
Enclosure enclose_atan2(const cln::cl_RA& y, const cln::cl_RA& x) {
    if (cln::zerop(y) && !cln::minusp(x)) return {0, 0};
    return widen(cln::atan(to_float(x), to_float(y)));
}
Enclosure enclose_pi() {
    static const Enclosure pi = widen(cln::pi(format()));  // a constant, computed once
    return pi;
}

}  // namespace rigor::symbolic::expr
