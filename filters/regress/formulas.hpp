// The per-pixel formulas of regression() and reconstruct() (spec: local-regression.md,
// the tables of "regression" and "reconstruct"), written once over any number type T
// with + − × ÷, max and sqrt.  Both backends instantiate these same templates:
//   T = Formula: model.cpp builds the model's steps from them, and through the model the
//       Expr text (expr_string.hpp), the GiNaC side (symbolic/regress) and the reference
//       way (pixel/regress/reference_way.hpp);
//   T = double / float: the fused kernels (pixel/regress/fused.cpp) call them per pixel.
// So a change here changes every backend; nothing restates a formula by hand.
// max is Expr's (a > b ? a : b), as Formula::evaluate and the reference's Expr define it.
#pragma once
#include <algorithm>
#include <cmath>

namespace rigor::regress::formulas {

inline double max(double a, double b) { return std::max(b, a); }  // b < a ? a : b
inline float max(float a, float b) { return std::max(b, a); }
inline double sqrt(double a) { return std::sqrt(a); }
inline float sqrt(float a) { return std::sqrt(a); }

// The products whose window means the regression needs (x², x·y, y²) and reconstruct's
// a·c and b·c.
template <class T>
T product(T a, T b) { return a * b; }

// var = max(M[z²] − M[z]², 0)
template <class T>
T variance(T mean_square, T mean, T zero) { return max(mean_square - mean * mean, zero); }

// cov = M[xy] − M[x]·M[y]
template <class T>
T covariance(T mean_xy, T mean_x, T mean_y) { return mean_xy - mean_x * mean_y; }

// a = cov / (var_x + ε)
template <class T>
T slope(T cov, T var_x, T eps) { return cov / (var_x + eps); }

// b = (M[y] − a·M[x]) / intercept (intercept is a divisor ≠ 0)
template <class T>
T intercept(T mean_y, T slope, T mean_x, T divisor) {
    return (mean_y - slope * mean_x) / divisor;
}

// ρ = √(cov² / (var_x·var_y + ε))
template <class T>
T rho(T cov, T var_x, T var_y, T eps) { return sqrt(cov * cov / (var_x * var_y + eps)); }

// c = max((ρ − (1 − w)) / w, 0), used when w ≠ 1 (else c = ρ)
template <class T>
T weighted_correlation(T rho, T one_minus_w, T w, T zero) {
    return max((rho - one_minus_w) / w, zero);
}

// out = (x·M[a·c] + M[b·c]) / (M[c] + ε), and without intercept x·M[a·c] / (M[c] + ε)
template <class T>
T reconstructed(T x, T mean_ac, T mean_bc, T mean_c, T eps) {
    return (x * mean_ac + mean_bc) / (mean_c + eps);
}
template <class T>
T reconstructed(T x, T mean_ac, T mean_c, T eps) {
    return (x * mean_ac) / (mean_c + eps);
}

}  // namespace rigor::regress::formulas
