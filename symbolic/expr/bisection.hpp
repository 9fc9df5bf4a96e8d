// Tightening an interval enclosure of an Expr program's range by branch and bound over
// the input box (for programs outside piecewise.hpp: products of inputs, %, rounding,
// sqrt/exp/log/sin/cos/pow).
//
// For the maximum: boxes are kept by their interval upper bound (interval_ranges on the
// box, interval_evaluation.hpp); the box with the largest bound is split in half along the input of largest
// width relative to its full range, and each half's centre is evaluated exactly
// (evaluate_at).  A box whose bound is <= the best exact value reached is dropped.  The
// bound reported is max(best reached, largest bound left): sound at every step, exact
// once no box is left above the best reached.  The minimum is the same with signs
// swapped.  Transcendental values are not exact rationals and never prune.
#pragma once
#include <optional>

#include "filters/expr/ir.hpp"
#include "symbolic/expr/enclosure_memo.hpp"
#include "symbolic/expr/input_ranges.hpp"

namespace rigor::symbolic::expr {

struct BisectedBound {
    Bound bound;                         // sound
    std::optional<cln::cl_RA> reached;   // best exact value reached (at `at`)
    std::map<std::string, cln::cl_RA> at;
    long evaluations = 0;                // interval + exact point evaluations
};

// ranges: as for interval_ranges; box: the range of every variable of e.  seed: an
// exact value already reached (and where), or nullopt.
BisectedBound bisect_bound(const rigor::expr::Expr& e, const InputRanges& ranges,
                           const std::map<std::string, Interval>& box, bool maximum, std::optional<cln::cl_RA> seed,
                           std::map<std::string, cln::cl_RA> seed_at, long budget = 4096);
// The same with the transcendental enclosures kept in memo (enclosure_memo.hpp).
BisectedBound bisect_bound(const rigor::expr::Expr& e, const InputRanges& ranges,
                           const std::map<std::string, Interval>& box, bool maximum, std::optional<cln::cl_RA> seed,
                           std::map<std::string, cln::cl_RA> seed_at, long budget, EnclosureMemo& memo);

}  // namespace rigor::symbolic::expr
