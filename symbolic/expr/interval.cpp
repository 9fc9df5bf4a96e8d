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
long binary_exponent(const cln::cl_RA& v) {
    if (cln::zerop(v)) return 0;
    return long(cln::integer_length(cln::numerator(cln::abs(v)))) - long(cln::integer_length(cln::denominator(v)));
}
cln::cl_RA two_to(long k) { return k >= 0 ? cln::cl_RA(cln::ash(cln::cl_I(1), k)) : cln::cl_RA(1) / cln::ash(cln::cl_I(1), -k); }

double to_double(const Bound& b) {
    if (b.infinity) return b.infinity > 0 ? HUGE_VAL : -HUGE_VAL;
    return cln::double_approx(b.value);
}

Interval hull(const Interval& a, const Interval& b) {
    return {a.lo < b.lo ? a.lo : b.lo, b.hi < a.hi ? a.hi : b.hi, a.may_be_nan || b.may_be_nan};
}

namespace {

cln::float_format_t format() { return cln::float_format(kDigits); }
// x as a float of kDigits digits and `extra` more bits.
cln::cl_F to_float(const cln::cl_RA& x, long extra = 0) {
    return cln::cl_float(x, cln::float_format(kDigits + std::max(0L, extra) * 30103 / 100000 + 1));
}
cln::cl_RA rounding(const cln::cl_RA& x, const cln::cl_F& f) { return cln::abs(x - cln::rational(f)); }

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

// f evaluated at the argument's float and how far that can move it from f at the
// argument itself (the exact rounding distance d times a bound on f's slope nearby).
struct Rounded {
    cln::cl_R approx;
    cln::cl_RA move;
};
// at(extra) -> Rounded with `extra` bits more in the argument.  The move is negligible
// within 2^-268 or a relative 2^-107 of the result (the slack is 2^-266 plus a relative
// 2^-106, and CLN's own error far less): then the widened float as before.  Otherwise once
// more with the bits that shrink the move below that, and should it still not be, the
// move added to the slack (sound, only wider).
template <class At>
Enclosure enclose_rounded(At at) {
    long extra = 0;
    for (int attempt = 0;; ++attempt) {
        const Rounded r = at(extra);
        const cln::cl_RA target = std::max(two_to(-268), cln::abs(cln::rational(r.approx)) * two_to(-107));
        if (r.move <= target) return widen(r.approx);
        if (attempt == 1) {
            const Enclosure e = widen(r.approx);
            const cln::cl_RA out = two_to(binary_exponent(r.move) + 1);
            return {e.lower - out, e.upper + out};
        }
        extra = binary_exponent(r.move) - binary_exponent(target) + 8;
    }
}
// |e^x − e^xf| <= e^max(x, xf) d <= |e^xf| e^d d, with e^d <= 4^ceil(d).
cln::cl_RA exp_move(const cln::cl_R& approx, const cln::cl_RA& d) {
    return cln::abs(cln::rational(approx)) * d * two_to(2 * long(cln::cl_I_to_long(cln::ceiling1(d))));
}

}  // namespace

Enclosure enclose_sqrt(const cln::cl_RA& x) {
    cln::cl_RA root;
    if (cln::sqrtp(x, &root)) return {root, root};
    return widen(cln::sqrt(to_float(x)));
}
Enclosure enclose_exp(const cln::cl_RA& x) {
    if (cln::zerop(x)) return {1, 1};
    return enclose_rounded([&](long extra) {
        const cln::cl_F f = to_float(x, extra);
        const cln::cl_R e = cln::exp(f);
        return Rounded{e, exp_move(e, rounding(x, f))};
    });
}
std::optional<Enclosure> enclose_log(const cln::cl_RA& x) {
    if (!cln::plusp(x)) return std::nullopt;
    if (x == 1) return Enclosure{0, 0};
    return enclose_rounded([&](long extra) {  // slope 1/x, and d <= x/2
        const cln::cl_F f = to_float(x, extra);
        return Rounded{cln::ln(f), 2 * rounding(x, f) / x};
    });
}
Enclosure enclose_sin(const cln::cl_RA& x) {
    if (cln::zerop(x)) return {0, 0};
    return enclose_rounded([&](long extra) {  // slope <= 1
        const cln::cl_F f = to_float(x, extra);
        return Rounded{cln::sin(f), rounding(x, f)};
    });
}
Enclosure enclose_cos(const cln::cl_RA& x) {
    if (cln::zerop(x)) return {1, 1};
    return enclose_rounded([&](long extra) {
        const cln::cl_F f = to_float(x, extra);
        return Rounded{cln::cos(f), rounding(x, f)};
    });
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
    // exp(y ln b): y ln b moves by dy |ln b| + |y| 2 db / b, |ln b| < |e_b| + 1 for b in
    // [2^(e_b-1), 2^(e_b+1)); then as exp.
    const cln::cl_RA log_bound = std::abs(binary_exponent(base)) + 1;
    return enclose_rounded([&](long extra) {
        const cln::cl_F y = to_float(exponent, extra), b = to_float(base, extra);
        const cln::cl_R p = cln::exp(y * cln::ln(b));
        return Rounded{p, exp_move(p, rounding(exponent, y) * log_bound + 2 * cln::abs(exponent) * rounding(base, b) / base)};
    });
}
Enclosure enclose_tan(const cln::cl_RA& x) {
    if (cln::zerop(x)) return {0, 0};
    return enclose_rounded([&](long extra) {  // slope 1 + tan^2, and no pole within d
        const cln::cl_F f = to_float(x, extra);
        const cln::cl_R t = cln::sin(f) / cln::cos(f);
        const cln::cl_RA top = cln::abs(cln::rational(t)) + 1;
        return Rounded{t, rounding(x, f) * (1 + top * top)};
    });
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
    return enclose_rounded([&](long extra) {  // slope <= 1
        const cln::cl_F f = to_float(x, extra);
        return Rounded{cln::atan(f), rounding(x, f)};
    });
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
