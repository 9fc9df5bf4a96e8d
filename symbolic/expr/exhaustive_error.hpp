// The input closest to the rounding error for a program with few integer inputs (at
// most kExhaustiveErrorLimit points, all integer samples), decisions included: every
// point run through the engine and the real model in long double (real_evaluator.hpp),
// then exactly (exact_real) at every point where long double may decide a comparison,
// a rounding or a % the other way, and at the largest long-double errors.  So
// `x 0.1 * 10 * x = 255 *` over 8-bit x is reported at x = 13 (0 instead of 255), which a
// search scored in long double alone (where 13 * 0.1 * 10 is not 13 either) never sees.
// What it returns is exact at its input (a certified "at least"); it is not a bound.
// Only for programs whose real values are rational at the points checked; otherwise,
// or for a larger domain, nullopt.
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
    cln::cl_RA largest;     // the largest |engine − real| of the points checked, exact
    double below;           // largest rounded down to a double
    std::vector<float> at;  // the first input reaching it (the first input varying fastest)
};

// nullopt also when the engine gives NaN or ±inf, or the real model is undefined, somewhere.
std::optional<ExhaustiveError> exhaustive_error(EngineRunner& engine, const rigor::expr::Expr& point_program,
                                                const std::vector<InputDomain>& domains);

}  // namespace rigor::symbolic::expr
