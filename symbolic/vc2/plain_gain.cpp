#include "symbolic/vc2/plain_gain.hpp"

#include <cln/integer.h>
#include <cln/integer_io.h>
#include <cln/rational.h>
#include <cln/real.h>

#include <sstream>

#include "filters/base/error.hpp"

namespace rigor::symbolic::vc2 {

namespace {

// log2 of the denominator of a dyadic rational.
long denominator_exponent(const cln::cl_RA& v) {
    const cln::cl_I d = cln::denominator(v);
    const long e = static_cast<long>(cln::integer_length(d)) - 1;
    if (d != cln::ash(cln::cl_I(1), e)) throw InternalError("VC-2 gain with a non-dyadic denominator");
    return e;
}

mpz_class to_mpz(const cln::cl_I& v) {
    std::ostringstream s;
    cln::print_integer(s, 10, v);
    return mpz_class(s.str(), 10);
}

PlainGain signs_of(const LaurentPolynomial& p) {
    PlainGain g;
    if (p.empty()) return g;
    g.lowest = p.lowest();
    g.sign.assign(static_cast<std::size_t>(p.highest() - p.lowest() + 1), 0);
    p.for_each_nonzero([&](long k, const cln::cl_RA& c) {
        g.sign[static_cast<std::size_t>(k - g.lowest)] = cln::minusp(c) ? -1 : 1;
        g.nonzero.push_back(k);
        g.magnitude.push_back(cln::double_approx(cln::abs(c)));
    });
    return g;
}

}  // namespace

PlainGain plain_signs(const LaurentPolynomial& p) { return signs_of(p); }

std::vector<PlainGain> plain_gains(const AxisResponse& r) {
    long exponent = 0;
    for (const LaurentPolynomial& p : r.gain)
        p.for_each_nonzero([&](long, const cln::cl_RA& c) { exponent = std::max(exponent, denominator_exponent(c)); });
    std::vector<PlainGain> out;
    out.reserve(r.gain.size());
    for (const LaurentPolynomial& p : r.gain) {
        PlainGain g = signs_of(p);
        p.for_each_nonzero([&](long, const cln::cl_RA& c) {
            const cln::cl_RA a = cln::abs(c);
            const cln::cl_I scaled = cln::numerator(a) * cln::ash(cln::cl_I(1), exponent - denominator_exponent(a));
            g.numerator.push_back(to_mpz(scaled));
        });
        out.push_back(std::move(g));
    }
    return out;
}

}  // namespace rigor::symbolic::vc2
