// A Laurent polynomial Σ_k c_k z^k with exact rational coefficients (CLN, the number
// layer under GiNaC): the 1-D impulse response of part of a VC-2 filter bank, indexed by
// sample position.  Stored densely from lowest() to highest(); all operations are exact.
#pragma once
#include <cln/rational.h>

#include <vector>

namespace rigor::symbolic::vc2 {

class LaurentPolynomial {
public:
    LaurentPolynomial() = default;
    static LaurentPolynomial monomial(long k, const cln::cl_RA& c = 1);

    bool empty() const { return coeffs_.empty(); }
    long lowest() const { return lo_; }
    long highest() const { return lo_ + static_cast<long>(coeffs_.size()) - 1; }
    // Coefficient of z^k (zero outside the stored range).
    cln::cl_RA operator[](long k) const;
    // this[k] += c.
    void add(long k, const cln::cl_RA& c);
    // Drops zero coefficients at both ends.
    void trim();

    // Sums over the coefficients (parity: -1 all, 0 even k only, 1 odd k only).
    cln::cl_RA sum(int parity = -1) const;
    cln::cl_RA abs_sum(int parity = -1) const;
    cln::cl_RA positive_sum() const;  // Σ of c_k > 0
    cln::cl_RA negative_sum() const;  // Σ of c_k < 0

    template <class F>
    void for_each_nonzero(F&& f) const {
        for (std::size_t i = 0; i < coeffs_.size(); ++i)
            if (!cln::zerop(coeffs_[i])) f(lo_ + static_cast<long>(i), coeffs_[i]);
    }

private:
    long lo_ = 0;
    std::vector<cln::cl_RA> coeffs_;
};

// 2^k as an exact rational (k may be negative).
cln::cl_RA power_of_two(int k);

}  // namespace rigor::symbolic::vc2
