// The per-pixel formulas of the fused kernels on the columns [begin, end) of one row,
// the window sums read through `sums(k, x)` (window_sums.hpp: DirectWindowSums,
// PrefixWindowSums, EdgeWindowSums).  Each is filters/regress/formulas.hpp's templates
// (the same model.cpp builds its steps from) instantiated for double and float, lane by
// lane: the plain form of span_kernels.hpp's vector kernels, which follow it operation
// for operation and must equal it bit for bit.
//
// Regression, channels Σx, Σy, Σx², Σxy, Σy²: the moments in double (var = E[x²] − E[x]²
// cancels in flat areas), the quotients and the root in binary32 (the outputs are
// binary32), the intercept (when icpt is not null) in double.
// Reconstruct, channels Σa·c, Σc (and Σb·c when K = 3): in double, rounded once to binary32.
#pragma once
#include "filters/regress/formulas.hpp"

namespace rigor::pixel::regress {

// The constants of one regression call (model.cpp's): 1/n, ε, the reliability weight w
// and the intercept divisor (0: no intercept).
struct RegressionConstants {
    double inv_n, eps, wt, intercept_divisor;
};

template <class Sums>
[[gnu::always_inline]] inline void regression_span_of(const Sums& sums, int begin, int end,
                                                      const RegressionConstants& k, float* __restrict slope,
                                                      float* __restrict corr, float* __restrict icpt) noexcept {
    namespace f = rigor::regress::formulas;
    const double inv_n = k.inv_n;
    const bool rescale = k.wt != 1.0;
    const float feps = float(k.eps), fzero = 0.0f, one_minus_w = float(1.0 - k.wt), fw = float(k.wt);
    for (int i = begin; i < end; ++i) {
        const double mx = sums(0, i) * inv_n, my = sums(1, i) * inv_n;
        const double var_x = f::variance(sums(2, i) * inv_n, mx, 0.0);
        const double var_y = f::variance(sums(4, i) * inv_n, my, 0.0);
        const double cov = f::covariance(sums(3, i) * inv_n, mx, my);
        slope[i] = f::slope(float(cov), float(var_x), feps);
        const float rho = f::rho(float(cov), float(var_x), float(var_y), feps);
        // Computed unconditionally, then selected: a division under the condition keeps
        // the loop from vectorising.
        const float c = f::weighted_correlation(rho, one_minus_w, fw, fzero);
        corr[i] = rescale ? c : rho;
    }
    if (icpt)
        for (int i = begin; i < end; ++i) {
            const double mx = sums(0, i) * inv_n, my = sums(1, i) * inv_n;
            const double var_x = f::variance(sums(2, i) * inv_n, mx, 0.0);
            const double a = f::slope(f::covariance(sums(3, i) * inv_n, mx, my), var_x, k.eps);
            icpt[i] = float(f::intercept(my, a, mx, k.intercept_divisor));
        }
}

// out[i] from x[i] and the window sums; K = 3: with an intercept.
template <int K, class Sums>
[[gnu::always_inline]] inline void reconstruct_span_of(const Sums& s, int begin, int end, const float* __restrict x,
                                                       double inv_n, double eps, float* __restrict out) noexcept {
    namespace f = rigor::regress::formulas;
    for (int i = begin; i < end; ++i) {
        if constexpr (K == 3)
            out[i] = float(f::reconstructed(double(x[i]), s(0, i) * inv_n, s(2, i) * inv_n, s(1, i) * inv_n, eps));
        else
            out[i] = float(f::reconstructed(double(x[i]), s(0, i) * inv_n, s(1, i) * inv_n, eps));
    }
}

}  // namespace rigor::pixel::regress
