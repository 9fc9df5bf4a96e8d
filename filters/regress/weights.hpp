// The reliability weight w of a regression window (spec: "Reliability weight w"):
// how far a correlation must be from 0 before it counts, for n = (2r+1)² samples at
// significance level alpha.  The correlation output is max((ρ − (1 − w)) / w, 0).
#pragma once
#include "filters/regress/params.hpp"

namespace rigor::regress {

// threshold: w = clamp(1 − t/√(t² + df), 0, 1), t = Student-t quantile(1 − α/2, df = n − 2)
// fisher:    w = clamp(1 / (1 + 2z/√(n − 3)), 0, 1), z = normal quantile(1 − α/2)
// Both are 0 for n ≤ 3 and 1 for α = 1.  Throws UserError for α outside (0, 1].
double reliability_weight(int radius, double alpha, WeightMethod method);

}  // namespace rigor::regress
