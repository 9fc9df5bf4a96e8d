// The fused kernels' per-pixel work on the interior of a row (every window inside it) for
// radii up to kLargestDirectRadius (window_sums.hpp): the window sums summed directly
// from the column sums where they are read (c[k][x − r] … c[k][x + r] in
// direct_window_sum's order), and the formulas of span_formulas.hpp.  Each has a plain reference loop
// (span_formulas.hpp on DirectWindowSums) that its AVX2 version must equal bit for bit:
// the same IEEE operations in the same order, four doubles or eight floats per vector
// (no fused multiply-add, no reciprocal estimates).  The dispatched name takes AVX2 where
// the CPU has it.
//
// c[k] is channel k's column sums, read at columns [begin − r, end + r); 0 ≤ r ≤
// kLargestDirectRadius (regression: r ≥ 1).
#pragma once
#include <array>

#include "pixel/regress/span_formulas.hpp"

namespace rigor::pixel::regress {

// Channels Σx, Σy, Σx², Σxy, Σy²; writes slope[x], corr[x] and, when icpt is not null, icpt[x].
void regression_span(const std::array<const double*, 5>& c, int r, int begin, int end, const RegressionConstants& k,
                     float* slope, float* corr, float* icpt) noexcept;
void regression_span_plain(const std::array<const double*, 5>& c, int r, int begin, int end,
                           const RegressionConstants& k, float* slope, float* corr, float* icpt) noexcept;

// Channels Σa·c, Σc and, when with_intercept, Σb·c (c[2]); writes out[x].
void reconstruct_span(const std::array<const double*, 3>& c, bool with_intercept, int r, int begin, int end,
                      const float* x, double inv_n, double eps, float* out) noexcept;
void reconstruct_span_plain(const std::array<const double*, 3>& c, bool with_intercept, int r, int begin, int end,
                            const float* x, double inv_n, double eps, float* out) noexcept;

}  // namespace rigor::pixel::regress
