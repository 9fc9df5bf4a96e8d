// The input ranges an analysis is asked about: an interval per source (variables.hpp),
// and — where a search narrows single pixels (bisection.hpp) — per variable, which then
// takes precedence over its source's.  On the command line a range is the text
// NAME=MIN:MAX with exact ends (decimals such as -0.5 or 1e-3, or p/q).
#pragma once
#include <map>
#include <string>
#include <utility>

#include "filters/expr/ir.hpp"
#include "symbolic/expr/interval.hpp"

namespace rigor::symbolic::expr {

using InputRanges = std::map<std::string, Interval>;

// "x=0:255" -> ("x", [0, 255]); throws UserError for a malformed text or min > max.
std::pair<std::string, Interval> parse_range(const std::string& text);

// Throws UserError naming the first used source without a range.
void check_ranges(const rigor::expr::Expr& e, const InputRanges& ranges);

}  // namespace rigor::symbolic::expr
