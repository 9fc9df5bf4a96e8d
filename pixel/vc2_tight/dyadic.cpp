#include "pixel/vc2_tight/dyadic.hpp"

#include <cmath>

#include "filters/base/error.hpp"

namespace rigor::pixel::vc2_tight {

using rigor::vc2::AxisNetwork;
using rigor::vc2::AxisNode;
using rigor::vc2::AxisOp;

int fraction_bits(const AxisNetwork& net) {
    int bits = 0;
    for (const AxisNode& n : net.nodes) {
        if (n.op == AxisOp::Lift) bits += net.stages[static_cast<std::size_t>(n.stage)].shift;
        if (n.op == AxisOp::Scale && n.shift < 0) bits -= n.shift;
    }
    return bits;
}

void Dyadic::normalise() {
    if (sgn(m_) == 0) {
        e_ = 0;
        return;
    }
    if (e_ < 0) {
        m_ <<= static_cast<mp_bitcnt_t>(-e_);
        e_ = 0;
        return;
    }
    const long zeros = static_cast<long>(mpz_scan1(m_.get_mpz_t(), 0));
    const long drop = std::min(zeros, e_);
    if (drop > 0) {
        mpz_tdiv_q_2exp(m_.get_mpz_t(), m_.get_mpz_t(), static_cast<mp_bitcnt_t>(drop));
        e_ -= drop;
    }
}

namespace {
// Both mantissas over the larger exponent.
std::pair<mpz_class, mpz_class> aligned(const Dyadic& a, const Dyadic& b, long& e) {
    e = std::max(a.exponent(), b.exponent());
    return {mpz_class(a.mantissa() << static_cast<mp_bitcnt_t>(e - a.exponent())),
            mpz_class(b.mantissa() << static_cast<mp_bitcnt_t>(e - b.exponent()))};
}
}  // namespace

Dyadic Dyadic::operator+(const Dyadic& o) const {
    long e = 0;
    auto [a, b] = aligned(*this, o, e);
    return Dyadic(a + b, e);
}

Dyadic Dyadic::operator-(const Dyadic& o) const {
    long e = 0;
    auto [a, b] = aligned(*this, o, e);
    return Dyadic(a - b, e);
}

Dyadic Dyadic::operator*(const Dyadic& o) const { return Dyadic(m_ * o.m_, e_ + o.e_); }

std::strong_ordering Dyadic::operator<=>(const Dyadic& o) const {
    long e = 0;
    auto [a, b] = aligned(*this, o, e);
    const int c = cmp(a, b);
    return c < 0 ? std::strong_ordering::less : c > 0 ? std::strong_ordering::greater : std::strong_ordering::equal;
}

namespace {
std::int64_t to_int64(const mpz_class& v) {
    if (!mpz_fits_slong_p(v.get_mpz_t()) || v == mpz_class(INT64_MIN))
        throw UserError("a bound does not fit in 64 bits; use a smaller picture bit width");
    return static_cast<std::int64_t>(mpz_get_si(v.get_mpz_t()));
}
}  // namespace

std::int64_t Dyadic::floor() const {
    mpz_class q;
    mpz_fdiv_q_2exp(q.get_mpz_t(), m_.get_mpz_t(), static_cast<mp_bitcnt_t>(e_));
    return to_int64(q);
}

std::int64_t Dyadic::ceil() const {
    mpz_class q;
    mpz_cdiv_q_2exp(q.get_mpz_t(), m_.get_mpz_t(), static_cast<mp_bitcnt_t>(e_));
    return to_int64(q);
}

double Dyadic::to_double() const {
    long exp = 0;
    const double d = mpz_get_d_2exp(&exp, m_.get_mpz_t());
    return std::ldexp(d, static_cast<int>(exp - e_));
}

}  // namespace rigor::pixel::vc2_tight
