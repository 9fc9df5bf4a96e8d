// Exact ranges of every intermediate of regression() and reconstruct() for inputs in
// given intervals (GiNaC numerics: rationals and their square roots).
//
// Interval arithmetic alone is far too loose here (Sxx − μx² would span [−1, 1] for luma
// 0…1), so the bounds come from the statistics of a window of n = (2r+1)² real samples,
// each attained by some window (exact = true):
//   var ≤ k(n−k)/n²·Δ² with k = ⌊n/2⌋ (Popoviciu, for n samples; → Δ²/4 as n grows),
//   |cov| ≤ √(var_x_max·var_y_max) (Cauchy–Schwarz, both two-point in step),
//   |slope| ≤ √var_y_max·√v/(v + ε) at v = min(ε, var_x_max),
//   ρ ≤ √(VxVy/(VxVy + ε)),  c ≤ max((ρ_max − (1 − w))/w, 0).
// The intercept and the reconstruction use interval arithmetic (exact = false: sound,
// maybe not tight).  Border samples repeat in a mirrored window, which changes the
// weights but only among multiples of 1/n, so the bounds hold at borders too.
#pragma once
#include <ginac/ginac.h>
#include <string>
#include <vector>

#include "filters/regress/params.hpp"

namespace rigor::symbolic::regress {

struct ExactRange {
    std::string name;     // the model step ("var_x", "slope", …)
    GiNaC::ex lo, hi;     // exact numbers (possibly with square roots)
    bool exact = true;    // attained (true) or only sound (false)
};

struct InputRanges {
    GiNaC::numeric x_lo = 0, x_hi = 1;                                 // luma
    GiNaC::numeric y_lo = GiNaC::numeric(-1, 2), y_hi = GiNaC::numeric(1, 2);  // chroma
};

// Every regression step plus the reconstruct output (recon_radius ≥ 0), in model order.
std::vector<ExactRange> regression_ranges(const rigor::regress::RegressParams& params, double w,
                                          const InputRanges& inputs);

const ExactRange& find_range(const std::vector<ExactRange>& ranges, const std::string& name);

// The nearest double of an exact number such as a range's end (evaluated by GiNaC).
double approx(const GiNaC::ex& exact_number);

}  // namespace rigor::symbolic::regress
