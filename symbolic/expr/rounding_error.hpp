// The rounding error of a program as it runs, certified: a bound on |binary32 result −
// real result| over every input (the value before the store), from the binary32
// enclosure's error term (binary32_enclosure.hpp: a rounding term per operation, the
// engine's certified function error, the errors carried through each operation)
// tightened by branch and bound, and the input that comes closest to it (as FPTaylor and
// Herbie report it): searched on the engine against the real model in long double
// (real_evaluator.hpp), then certified at that input by the enclosure of the point.
#pragma once
#include <cmath>
#include <vector>

#include "symbolic/expr/engine_runner.hpp"
#include "symbolic/expr/input_domain.hpp"

namespace rigor::symbolic::expr {

struct RoundingError {
    bool bounded = false;      // false: the real model is undefined, or the engine infinite or NaN, somewhere
    double bound = INFINITY;   // certified: |engine − real| <= bound at every input
    double reached = 0;        // certified: |engine − real| >= reached at `at`
    std::vector<float> at;     // the input closest to the bound found
    long boxes = 0;
};

RoundingError rounding_error(EngineRunner& engine, const rigor::expr::Expr& point_program,
                             const std::vector<InputDomain>& domains);

}  // namespace rigor::symbolic::expr
