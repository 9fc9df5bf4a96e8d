#include "symbolic/expr/input_ranges.hpp"

#include <cln/rational.h>

#include "filters/base/error.hpp"
#include "symbolic/expr/number_text.hpp"
#include "symbolic/expr/variables.hpp"

namespace rigor::symbolic::expr {

std::pair<std::string, Interval> parse_range(const std::string& text) {
    std::size_t eq = text.find('='), colon = text.find(':', eq == std::string::npos ? 0 : eq);
    if (eq == std::string::npos || eq == 0 || colon == std::string::npos)
        throw UserError("range '" + text + "' is not NAME=MIN:MAX (e.g. x=0:255, y=-0.5:0.5)");
    std::string name = text.substr(0, eq);
    cln::cl_RA lo = parse_rational(text.substr(eq + 1, colon - eq - 1));
    cln::cl_RA hi = parse_rational(text.substr(colon + 1));
    if (lo > hi)
        throw UserError("range of " + name + ": the minimum " + rational_text(lo) + " is larger than the maximum " +
                        rational_text(hi));
    return {name, {Bound::of(lo), Bound::of(hi)}};
}

void check_ranges(const rigor::expr::Expr& e, const InputRanges& ranges) {
    for (const std::string& s : used_sources(e))
        if (!ranges.count(s)) throw UserError("no range given for the input " + s + ": add --range " + s + "=MIN:MAX");
}

}  // namespace rigor::symbolic::expr
