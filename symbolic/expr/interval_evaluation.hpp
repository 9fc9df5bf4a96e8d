// Output ranges of an Expr graph for given input ranges: interval arithmetic
// (interval.hpp) node by node over the IR, in real arithmetic on the exact constants of
// number_text.hpp (the numeric engine differs by binary32 rounding).  Rational
// operations give exact rational ends, transcendental ones certified enclosures.  A
// leaf's range is its variable's when one is given, else its source's
// (input_ranges.hpp).  The ranges are sound but need not be tight: the arithmetic does
// not know that two operands are the same input (x − x of x in [0, 255] gives
// [−255, 255]), and a `?` whose condition is undecided gives the hull of both branches;
// analysis.hpp tightens them.
#pragma once
#include <cln/rational.h>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "filters/expr/ir.hpp"
#include "symbolic/expr/enclosure_memo.hpp"
#include "symbolic/expr/input_ranges.hpp"
#include "symbolic/expr/interval.hpp"

namespace rigor::symbolic::expr {

struct IntervalResult {
    std::vector<Interval> nodes;      // per node of the graph
    std::vector<std::string> notes;   // why a bound is infinite or NaN possible
    bool transcendental = false;      // a certified (rounded) enclosure took part
    const Interval& root(const rigor::expr::Expr& e) const { return nodes[e.root()]; }
};
// Throws UserError naming the first used source without a range (check_ranges).
IntervalResult interval_ranges(const rigor::expr::Expr& e, const InputRanges& ranges);
// The same, its transcendental enclosures kept in (and taken from) memo.
IntervalResult interval_ranges(const rigor::expr::Expr& e, const InputRanges& ranges, EnclosureMemo& memo);

// Value of e at a point (variable name -> value) in real arithmetic: the interval
// evaluation on point ranges, so exact rationals for rational operations and CLN's
// high-precision value otherwise (`exact` false then); nullopt for NaN or an infinite
// value.
struct PointValue {
    std::optional<cln::cl_RA> value;
    bool exact = true;
};
PointValue evaluate_at(const rigor::expr::Expr& e, const std::map<std::string, cln::cl_RA>& point);
PointValue evaluate_at(const rigor::expr::Expr& e, const std::map<std::string, cln::cl_RA>& point, EnclosureMemo& memo);

}  // namespace rigor::symbolic::expr
