#include "symbolic/vc2/laurent_polynomial.hpp"

#include <cln/integer.h>

namespace rigor::symbolic::vc2 {

LaurentPolynomial LaurentPolynomial::monomial(long k, const cln::cl_RA& c) {
    LaurentPolynomial p;
    p.add(k, c);
    return p;
}

cln::cl_RA LaurentPolynomial::operator[](long k) const {
    if (coeffs_.empty() || k < lo_ || k > highest()) return 0;
    return coeffs_[static_cast<std::size_t>(k - lo_)];
}

void LaurentPolynomial::add(long k, const cln::cl_RA& c) {
    if (cln::zerop(c)) return;
    if (coeffs_.empty()) {
        lo_ = k;
        coeffs_.assign(1, c);
        return;
    }
    if (k < lo_) {
        coeffs_.insert(coeffs_.begin(), static_cast<std::size_t>(lo_ - k), cln::cl_RA(0));
        lo_ = k;
    } else if (k > highest()) {
        coeffs_.resize(static_cast<std::size_t>(k - lo_ + 1), cln::cl_RA(0));
    }
    coeffs_[static_cast<std::size_t>(k - lo_)] += c;
}

void LaurentPolynomial::trim() {
    std::size_t first = 0;
    while (first < coeffs_.size() && cln::zerop(coeffs_[first])) ++first;
    std::size_t last = coeffs_.size();
    while (last > first && cln::zerop(coeffs_[last - 1])) --last;
    if (first == last) {
        coeffs_.clear();
        lo_ = 0;
        return;
    }
    coeffs_.erase(coeffs_.begin() + static_cast<long>(last), coeffs_.end());
    coeffs_.erase(coeffs_.begin(), coeffs_.begin() + static_cast<long>(first));
    lo_ += static_cast<long>(first);
}

namespace {
bool parity_matches(long k, int parity) { return parity < 0 || ((k & 1) == parity); }
}  // namespace

cln::cl_RA LaurentPolynomial::sum(int parity) const {
    cln::cl_RA s = 0;
    for_each_nonzero([&](long k, const cln::cl_RA& c) {
        if (parity_matches(k, parity)) s += c;
    });
    return s;
}

cln::cl_RA LaurentPolynomial::abs_sum(int parity) const {
    cln::cl_RA s = 0;
    for_each_nonzero([&](long k, const cln::cl_RA& c) {
        if (parity_matches(k, parity)) s += cln::abs(c);
    });
    return s;
}

cln::cl_RA LaurentPolynomial::positive_sum() const {
    cln::cl_RA s = 0;
    for_each_nonzero([&](long, const cln::cl_RA& c) {
        if (cln::plusp(c)) s += c;
    });
    return s;
}

cln::cl_RA LaurentPolynomial::negative_sum() const {
    cln::cl_RA s = 0;
    for_each_nonzero([&](long, const cln::cl_RA& c) {
        if (cln::minusp(c)) s += c;
    });
    return s;
}

cln::cl_RA power_of_two(int k) {
    if (k >= 0) return cln::ash(cln::cl_I(1), k);
    return cln::cl_RA(1) / cln::ash(cln::cl_I(1), -k);
}

}  // namespace rigor::symbolic::vc2
