// Output ranges of an Expr graph for given input ranges (real arithmetic on the exact
// constants of number_text.hpp; the numeric engine differs by binary32 rounding).
//
// Inputs: every leaf that is not a constant.  A range is given per *source*: a clip
// ("x", "src30", covering x, x[dx,dy] and x[](…)), "X", "Y", "N", "width", "height", or a
// property "x.Name".  Each distinct leaf (x[-1,0], x[1,0], …) is its own *variable*: a
// different pixel, free within its clip's range (pixels away from the edges).
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "filters/expr/ir.hpp"
#include "symbolic/expr/interval.hpp"

namespace rigor::symexpr {

using InputRanges = std::map<std::string, Interval>;

// The source name a leaf's range is given under (empty for constants and non-leaves).
std::string source_name(const expr::Node& n);
// The variable a leaf is: its text (x, x[1,0]:m, x.Name, X, x[] for absolute pixels).
std::string variable_name(const expr::Node& n);

// The sources used by e, in order of first use; and the variables.
std::vector<std::string> used_sources(const expr::Expr& e);
std::vector<std::string> used_variables(const expr::Expr& e);

// "x=0:255" -> ("x", [0, 255]); throws UserError for a malformed text or min > max.
std::pair<std::string, Interval> parse_range(const std::string& text);

// Throws UserError naming the first used source without a range.
void check_ranges(const expr::Expr& e, const InputRanges& ranges);

struct IntervalResult {
    std::vector<Interval> nodes;      // per node of the graph
    std::vector<std::string> notes;   // why a bound is infinite or NaN possible
    bool transcendental = false;      // a certified (rounded) enclosure took part
    const Interval& root(const expr::Expr& e) const { return nodes[e.root()]; }
};
IntervalResult interval_ranges(const expr::Expr& e, const InputRanges& ranges);

// The affine form c + Σ coefficient·variable of e, when e is affine in its variables
// (only + −, × and ÷ by constants, constants); nullopt otherwise.
struct AffineForm {
    cln::cl_RA constant = 0;
    std::map<std::string, cln::cl_RA> coefficients;  // by variable name; zero ones dropped
};
std::optional<AffineForm> affine_form(const expr::Expr& e);

// Value of e at a point (variable name -> value) in real arithmetic: exact rationals for
// rational operations, CLN's high-precision value otherwise (`exact` false then);
// nullopt for NaN or an infinite value.
struct PointValue {
    std::optional<cln::cl_RA> value;
    bool exact = true;
};
PointValue evaluate_at(const expr::Expr& e, const std::map<std::string, cln::cl_RA>& point);

}  // namespace rigor::symexpr
