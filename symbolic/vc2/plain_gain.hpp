// A thread-safe, allocation-free-to-read copy of the non-zero entries of 1-D responses:
// signs, magnitudes as doubles (for fast ordering) and exact numerators over one common
// power-of-two denominator per response (GMP integers, safe to read from several
// threads, unlike CLN's reference-counted numbers).  All VC-2 gains are dyadic.
#pragma once
#include <gmpxx.h>

#include <cstdint>
#include <vector>

#include "symbolic/vc2/axis_response.hpp"

namespace rigor::symbolic::vc2 {

struct PlainGain {
    long lowest = 0;                   // index of the first entry
    std::vector<std::int8_t> sign;     // −1, 0, +1 per index from `lowest`
    std::vector<long> nonzero;         // indices with sign ≠ 0, ascending
    std::vector<double> magnitude;     // |g| per entry of `nonzero`
    std::vector<mpz_class> numerator;  // |g|·2^exponent per entry of `nonzero` (exact)

    bool empty() const { return nonzero.empty(); }
    long highest() const { return lowest + static_cast<long>(sign.size()) - 1; }
};

// Plain copies of the gains at every node of `response`, sharing one exponent.
std::vector<PlainGain> plain_gains(const AxisResponse& response);
// The signs only (no numerators), for one polynomial.
PlainGain plain_signs(const LaurentPolynomial& p);

}  // namespace rigor::symbolic::vc2
