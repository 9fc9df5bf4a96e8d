// A Laurent polynomial Σ_k c_k z^k with exact coefficients: the 1-D impulse response of
// part of a VC-2 filter bank, indexed by sample position, stored densely from lowest()
// to highest().  The coefficient type is the interpreter's (the symbolic engine's CLN
// rationals, the tools' fixed-point GMP integers); it provides +=, −, × by an integer and
// the few operations of ResponseArithmetic<T> below.  All operations are exact.
#pragma once
#include <cstddef>
#include <vector>

namespace rigor::vc2 {

// Specialised by each coefficient type T:
//   static bool is_zero(const T&);
//   static int sign(const T&);                    // −1, 0, +1
//   static F factor(int k, bool negate);          // ±2^k in a form times() applies
//   static T times(const T& c, const F& f);       // c·f, exact (for k < 0 the responses'
//                                                 // representation keeps it exact)
template <class T>
struct ResponseArithmetic;

template <class T>
class LaurentPolynomial {
public:
    using Arithmetic = ResponseArithmetic<T>;

    LaurentPolynomial() = default;
    static LaurentPolynomial monomial(long k, const T& c) {
        LaurentPolynomial p;
        p.add(k, c);
        return p;
    }

    bool empty() const { return coeffs_.empty(); }
    long lowest() const { return lo_; }
    long highest() const { return lo_ + static_cast<long>(coeffs_.size()) - 1; }
    // Coefficient of z^k (zero outside the stored range).
    T operator[](long k) const {
        if (coeffs_.empty() || k < lo_ || k > highest()) return T(0);
        return coeffs_[static_cast<std::size_t>(k - lo_)];
    }
    // this[k] += c.
    void add(long k, const T& c) {
        if (Arithmetic::is_zero(c)) return;
        if (coeffs_.empty()) {
            lo_ = k;
            coeffs_.assign(1, c);
            return;
        }
        if (k < lo_) {
            coeffs_.insert(coeffs_.begin(), static_cast<std::size_t>(lo_ - k), T(0));
            lo_ = k;
        } else if (k > highest()) {
            coeffs_.resize(static_cast<std::size_t>(k - lo_ + 1), T(0));
        }
        coeffs_[static_cast<std::size_t>(k - lo_)] += c;
    }
    // Drops zero coefficients at both ends.
    void trim() {
        std::size_t first = 0;
        while (first < coeffs_.size() && Arithmetic::is_zero(coeffs_[first])) ++first;
        std::size_t last = coeffs_.size();
        while (last > first && Arithmetic::is_zero(coeffs_[last - 1])) --last;
        if (first == last) {
            coeffs_.clear();
            lo_ = 0;
            return;
        }
        coeffs_.erase(coeffs_.begin() + static_cast<long>(last), coeffs_.end());
        coeffs_.erase(coeffs_.begin(), coeffs_.begin() + static_cast<long>(first));
        lo_ += static_cast<long>(first);
    }

    // Sums over the coefficients (parity: -1 all, 0 even k only, 1 odd k only).
    T sum(int parity = -1) const {
        return fold(parity, [](const T&) { return true; }, false);
    }
    T abs_sum(int parity = -1) const {
        return fold(parity, [](const T&) { return true; }, true);
    }
    T positive_sum(int parity = -1) const {
        return fold(parity, [](const T& c) { return Arithmetic::sign(c) > 0; }, false);
    }
    T negative_sum(int parity = -1) const {
        return fold(parity, [](const T& c) { return Arithmetic::sign(c) < 0; }, false);
    }

    template <class F>
    void for_each_nonzero(F&& f) const {
        for (std::size_t i = 0; i < coeffs_.size(); ++i)
            if (!Arithmetic::is_zero(coeffs_[i])) f(lo_ + static_cast<long>(i), coeffs_[i]);
    }

private:
    template <class Keep>
    T fold(int parity, Keep keep, bool absolute) const {
        T s(0);
        for_each_nonzero([&](long k, const T& c) {
            if (parity >= 0 && (k & 1) != parity) return;
            if (!keep(c)) return;
            if (absolute && Arithmetic::sign(c) < 0)
                s -= c;
            else
                s += c;
        });
        return s;
    }

    long lo_ = 0;
    std::vector<T> coeffs_;
};

}  // namespace rigor::vc2
