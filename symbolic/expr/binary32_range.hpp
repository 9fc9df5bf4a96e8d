// Sets of binary32 values — what one node of an Expr program takes on the engine over a
// box of inputs — and the operations of ir.hpp on them, as the engine computes them.
//
// Every operation ir.hpp rounds once (+ − × ÷ sqrt) is correctly rounded and therefore
// non-decreasing in each argument where the exact operation is: its binary32 results over
// a box lie between the binary32 results at the corners, computed here with the same
// IEEE operations (this file is built without contraction, like the engine).  min, max,
// abs, clamp, rounding, comparisons, bit operations and order statistics are exact.
// exp, log, sin, cos (and pow = exp(b·log|a|), as vector_math.hpp computes it) are not
// the engine's own code here: their sets are the real function's range widened by the
// engine's certified error (engine_probe.hpp: FunctionAccuracy) over the slices of
// arguments the set covers, with the ±inf and NaN the table flags.  On single points
// every operation is the engine's exactly (its own functions via EngineProbe::function),
// so an evaluation at a point box is the engine's value.
// +0 and -0 are one value here; division by a set holding 0 gives both infinities.
#pragma once
#include <cmath>
#include <span>

#include "filters/expr/engine_probe.hpp"
#include "filters/expr/ir.hpp"
#include "symbolic/expr/outward_interval.hpp"

namespace rigor::symbolic::expr {

struct Binary32Range {
    float lo = 1, hi = 0;  // the non-NaN values lie in [lo, hi] (ends may be ±inf); lo > hi: none
    bool nan = false;

    static Binary32Range point(float v) { return std::isnan(v) ? Binary32Range{1, 0, true} : Binary32Range{v, v, false}; }
    static Binary32Range between(float lo, float hi) { return {lo, hi, false}; }
    static Binary32Range everything() { return {-INFINITY, INFINITY, true}; }
    bool has_values() const { return lo <= hi; }
    // One value (a number, or NaN alone); [-0, +0] is two values (1/x tells them apart).
    bool is_point() const { return has_values() ? lo == hi && !nan && std::signbit(lo) == std::signbit(hi) : nan; }
    float value() const { return has_values() ? lo : NAN; }
    bool contains(float v) const { return lo <= v && v <= hi; }
    bool finite() const { return !nan && std::isfinite(lo) && std::isfinite(hi); }
    bool may_be_infinite() const { return has_values() && (std::isinf(lo) || std::isinf(hi)); }
    OutwardInterval as_reals() const { return has_values() ? OutwardInterval{lo, hi} : OutwardInterval::empty(); }
};

Binary32Range hull(const Binary32Range& a, const Binary32Range& b);

// The set of node n's binary32 results when its arguments range over `args` (n is not a
// leaf).  grids[i]: every finite value of argument i is a multiple of 2^grids[i]
// (binary32_enclosure.hpp), used by % on integers.
Binary32Range binary32_range(const rigor::expr::Node& n, std::span<const Binary32Range> args,
                             std::span<const int> grids, const rigor::expr::EngineProbe& engine);

// The certified bound on |engine f(x) − f(x)| for every x in `args` (f = Exp, Log, Sin,
// Cos, Tan, Asin, Acos, Atan), given max_f >= max |f(x)| there: the largest over the
// slices of the arguments of min(abs_error, rel_error · max_f).  Infinite when not
// bounded (or when the evaluator states no accuracy for f).
double function_error(rigor::expr::Op f, const Binary32Range& args, double max_f,
                      const rigor::expr::FunctionAccuracy& accuracy);

// The truth of a value (> 0, NaN false) over a set: surely true, surely false, or either.
enum class Truth { False, True, Either };
Truth truth(const Binary32Range& a);

// The largest binary32 <= v and the smallest >= v (±inf beyond the finite range).
float float_down(double v);
float float_up(double v);

}  // namespace rigor::symbolic::expr
