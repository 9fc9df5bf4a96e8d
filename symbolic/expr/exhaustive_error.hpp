// The rounding error of a program with few integer inputs (at most kExhaustiveErrorLimit
// points, all integer samples), exactly: every point run through the engine and through
// the real model exactly (exact_real: rationals), decisions included — so
// `x 0.1 * 10 * x = 255 *` over 8-bit x is seen to be 0 instead of 255 at x = 13, which a
// search scored in long double (where 13 * 0.1 * 10 is not 13 either) never sees.  Every
// point being checked, the largest error is the certified bound itself, reached at the
// first input giving it (rounding_error.hpp reports it so).
// Only for programs whose real values are rational at every point, and finite on the
// engine; otherwise, or for a larger domain, nullopt.
#pragma once
#include <cln/rational.h>
#include <cstdint>
#include <optional>
#include <vector>

#include "symbolic/expr/engine_runner.hpp"
#include "symbolic/expr/input_domain.hpp"

namespace rigor::symbolic::expr {

inline constexpr std::uint64_t kExhaustiveErrorLimit = std::uint64_t(1) << 16;

struct ExhaustiveError {
    cln::cl_RA largest;     // the largest |engine − real| over every point, exact
    double below = 0;       // largest rounded down to a double (reached at `at`)
    double above = 0;       // largest rounded up to a double (a bound at every point)
    std::vector<float> at;  // the first input reaching it (the first input varying fastest)
};

// nullopt also when the engine gives NaN or ±inf, or the real model is undefined, somewhere.
std::optional<ExhaustiveError> exhaustive_error(EngineRunner& engine, const rigor::expr::Expr& point_program,
                                                const std::vector<InputDomain>& domains);

}  // namespace rigor::symbolic::expr
