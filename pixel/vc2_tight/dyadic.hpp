// Exact dyadic rationals m·2^−e (m a GMP integer): every gain of a VC-2 filter bank is
// one (taps are integers, every division is a shift), so the tight bounds are computed
// exactly in these.  GMP integers are plain values that several threads may read at
// once (unlike CLN's reference-counted numbers).
//
// The 1-D responses themselves are fixed point: a response computed with
// `one` = 2^E holds every gain g as the integer g·2^E, exactly, when E is at least the
// network's fraction_bits() — every path from a target back to a source divides by
// 2^S at most once per lift (and 2^b per right shift), and a path visits a node once.
#pragma once
#include <gmpxx.h>

#include <compare>
#include <cstdint>

#include "filters/vc2/laurent_polynomial.hpp"
#include "filters/vc2/transform_graph.hpp"

namespace rigor::vc2 {

// Fixed-point responses (dyadic.hpp): a factor ±2^k is a shift.
template <>
struct ResponseArithmetic<mpz_class> {
    struct Factor {
        int shift;
        bool negate;
    };
    static bool is_zero(const mpz_class& c) { return sgn(c) == 0; }
    static int sign(const mpz_class& c) { return sgn(c); }
    static Factor factor(int k, bool negate) { return {k, negate}; }
    static mpz_class times(const mpz_class& c, const Factor& f) {
        mpz_class r;
        if (f.shift >= 0)
            mpz_mul_2exp(r.get_mpz_t(), c.get_mpz_t(), static_cast<mp_bitcnt_t>(f.shift));
        else  // exact when the fixed point has enough fraction bits (see above)
            mpz_tdiv_q_2exp(r.get_mpz_t(), c.get_mpz_t(), static_cast<mp_bitcnt_t>(-f.shift));
        if (f.negate) r = -r;
        return r;
    }
};

}  // namespace rigor::vc2

namespace rigor::pixel::vc2_tight {

using FixedPolynomial = rigor::vc2::LaurentPolynomial<mpz_class>;

// Σ of the lifts' shifts and the right shifts of a network: fixed-point responses with
// this many fraction bits are exact.
int fraction_bits(const rigor::vc2::AxisNetwork& network);

class Dyadic {
public:
    Dyadic() = default;
    Dyadic(long v) : m_(v) {}  // NOLINT: integers are dyadic
    Dyadic(mpz_class m, long e) : m_(std::move(m)), e_(e) { normalise(); }

    const mpz_class& mantissa() const { return m_; }
    long exponent() const { return e_; }
    int sign() const { return sgn(m_); }

    Dyadic operator+(const Dyadic& o) const;
    Dyadic operator-(const Dyadic& o) const;
    Dyadic operator*(const Dyadic& o) const;
    Dyadic operator-() const { return Dyadic(-m_, e_); }
    Dyadic& operator+=(const Dyadic& o) { return *this = *this + o; }
    Dyadic& operator-=(const Dyadic& o) { return *this = *this - o; }
    std::strong_ordering operator<=>(const Dyadic& o) const;
    bool operator==(const Dyadic& o) const { return (*this <=> o) == 0; }

    // ⌊v⌋ and ⌈v⌉; throw rigor::UserError when they do not fit 63 bits.
    std::int64_t floor() const;
    std::int64_t ceil() const;
    double to_double() const;

private:
    void normalise();
    mpz_class m_ = 0;
    long e_ = 0;  // value m·2^−e, e ≥ 0, m odd unless e = 0
};

// A fixed-point gain g·2^E (E = fraction bits) as a dyadic.
inline Dyadic fixed_value(const mpz_class& g, long fraction_bits) { return Dyadic(g, fraction_bits); }

}  // namespace rigor::pixel::vc2_tight
