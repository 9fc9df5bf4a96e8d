// Exact output range of a piecewise-affine Expr program over a box of inputs.
//
// The rational operations + − (× ÷ by constants), min, max, abs, clamp, comparisons,
// logic and `?` make a program affine on each cell of a partition of the box by
// hyperplanes L(v) = 0, where each L is the (affine) difference a comparison, min/max,
// abs or select tests on that cell.  The search walks the program over a region (the box
// cut by such half-spaces): when a test is decided on the whole region it follows that
// branch; when not, it splits the region on L (L > 0 | L <= 0 for truth tests; L >= 0 |
// L <= 0 for min/max/abs, which agree on L = 0) and walks both halves.  On a finished
// region the program is one affine form f, and the extremes of f over the region's
// closure are attained at its vertices.
//
// Vertices: each region carries a finite point set containing every vertex of its
// closure and lying inside it (the box corners; after a cut, the points on the kept side
// plus the crossing point of every segment between a kept and a dropped point — every new
// vertex lies on an edge of the old polytope, whose ends are old vertices).  Extra points
// only cost time; the extremes over the set are those over the closure.
//
// Soundness: the bounds are max/min of f over every region's closure, a superset of the
// region.  Exactness: a bound is exact only when the program, evaluated exactly at a
// point (evaluate_at), gives it; at a discontinuity (a `?` jump) the closure's vertex
// may belong to the neighbouring cell, and the bound is then an enclosure with a gap.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "filters/expr/ir.hpp"
#include "symbolic/expr/interval.hpp"

namespace rigor::symbolic::expr {

using Point = std::map<std::string, cln::cl_RA>;

struct PiecewiseExtremes {
    Bound lo, hi;                        // sound bounds over the box (finite)
    Point min_at, max_at;                // inputs of the best values reached
    cln::cl_RA min_value = 0, max_value = 0;  // exact program values there
    long regions = 0;                    // affine cells found
    long evaluations = 0;                // exact evaluations of the program at points
    bool exact_min() const { return lo.finite() && lo.value == min_value; }
    bool exact_max() const { return hi.finite() && hi.value == max_value; }
};

// box: a finite range for every variable of e (used_variables).  nullopt when e is not
// piecewise affine (×/÷ of two inputs, %, pow, sqrt, exp, log, sin, cos, rounding, bit
// ops, order statistics, non-finite constants) or when `budget` (points handled) runs out.
std::optional<PiecewiseExtremes> piecewise_extremes(const rigor::expr::Expr& e,
                                                    const std::map<std::string, Interval>& box, long budget = 200000);

}  // namespace rigor::symbolic::expr
