// The rounding error of a program as it runs, certified: a bound on |binary32 result −
// real result| over every input (the value before the store), from the binary32
// enclosure's error term (binary32_enclosure.hpp: a rounding term per operation, the
// engine's certified function error, the errors carried through each operation)
// tightened by branch and bound, and the input that comes closest to it (as FPTaylor and
// Herbie report it): searched on the engine against the real model in long double
// (real_evaluator.hpp), then certified at that input by the enclosure of the point.
// For a small integer domain with rational real values every input is checked exactly
// instead, and the bound is the largest error (exhaustive_error.hpp).
#pragma once
#include <cmath>
#include <vector>

#include "symbolic/expr/engine_runner.hpp"
#include "symbolic/expr/input_domain.hpp"

namespace rigor::symbolic::expr {

// After a binary16 store (a half-float output): |stored − real| <= the error before the
// store plus half the binary16 spacing at the largest |binary32 result| (no bound when
// that may round to inf: 65520 and beyond), and what the stored value certainly differs
// from the real one at the input of RoundingError::at.
struct StoreError {
    bool applies = false;      // the output is binary16
    bool bounded = false;
    double bound = INFINITY;
    double reached = 0;
    std::vector<float> at;
};

struct RoundingError {
    bool bounded = false;      // false: the real model is undefined, or the engine infinite or NaN, somewhere
    double bound = INFINITY;   // certified: |engine − real| <= bound at every input
    double reached = 0;        // certified: |engine − real| >= reached at `at`
    std::vector<float> at;     // the input closest to the bound found
    long boxes = 0;
    // bound is the largest error itself: every input of a small integer domain checked
    // exactly (exhaustive_error.hpp); then reached == bound up to the doubles' rounding.
    bool exhaustive = false;
    StoreError store;
};

RoundingError rounding_error(EngineRunner& engine, const rigor::expr::Expr& point_program,
                             const std::vector<InputDomain>& domains);

// Half the spacing of binary16 numbers at magnitude <= m (the most a store to binary16
// moves a finite value that does not overflow).
double half_binary16_spacing(double m);

// The store error for a binary16 output, given the rounding error before the store and
// the largest |binary32 result| (max_magnitude, from the range).
StoreError binary16_store_error(EngineRunner& engine, const rigor::expr::Expr& point_program,
                                const std::vector<InputDomain>& domains, const RoundingError& before,
                                double max_magnitude);

}  // namespace rigor::symbolic::expr
