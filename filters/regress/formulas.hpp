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
#include <cmath>

namespace rigor::regress::formulas {

inline double max(double a, double b) { return a > b ? a : b; }
inline float max(float a, float b) { return a > b ? a : b; }
inline double sqrt(double a) { return std::sqrt(a); }
inline float sqrt(float a) { return std::sqrt(a); }

// The products whose window means the regression needs (x², x·y, y²) and reconstruct's
// a·c and b·c.
template <class T>
T product(const T& a, const T& b) { return a * b; }

// var = max(M[z²] − M[z]², 0)
template <class T>
T variance(const T& mean_square, const T& mean, const T& zero) { return max(mean_square - mean * mean, zero); }

// cov = M[xy] − M[x]·M[y]
template <class T>
T covariance(const T& mean_xy, const T& mean_x, const T& mean_y) { return mean_xy - mean_x * mean_y; }

// a = cov / (var_x + ε)
template <class T>
T slope(const T& cov, const T& var_x, const T& eps) { return cov / (var_x + eps); }

// b = (M[y] − a·M[x]) / intercept (intercept is a divisor ≠ 0)
template <class T>
T intercept(const T& mean_y, const T& slope, const T& mean_x, const T& divisor) {
    return (mean_y - slope * mean_x) / divisor;
}

// ρ = √(cov² / (var_x·var_y + ε))
template <class T>
T rho(const T& cov, const T& var_x, const T& var_y, const T& eps) { return sqrt(cov * cov / (var_x * var_y + eps)); }

// c = max((ρ − (1 − w)) / w, 0), used when w ≠ 1 (else c = ρ)
template <class T>
T weighted_correlation(const T& rho, const T& one_minus_w, const T& w, const T& zero) {
    return max((rho - one_minus_w) / w, zero);
}

// out = (x·M[a·c] + M[b·c]) / (M[c] + ε), and without intercept x·M[a·c] / (M[c] + ε)
template <class T>
T reconstructed(const T& x, const T& mean_ac, const T& mean_bc, const T& mean_c, const T& eps) {
    return (x * mean_ac + mean_bc) / (mean_c + eps);
}
template <class T>
T reconstructed(const T& x, const T& mean_ac, const T& mean_c, const T& eps) {
    return (x * mean_ac) / (mean_c + eps);
}

}  // namespace rigor::regress::formulas
