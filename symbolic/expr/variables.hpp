// The inputs of an Expr program, as the symbolic side names them.
//
// Every leaf that is not a constant is an input.  A *source* is what a range is given
// for: a clip ("x", "src30", covering x, x[dx,dy] and x[](…)), "X", "Y", "N", "width",
// "height", or a property "x.Name".  Each distinct leaf (x[-1,0], x[1,0], …) is its own
// *variable*: a different pixel, free within its clip's range (pixels away from the
// edges), named by its text in the language (filters/expr/ir_text.hpp).
#pragma once
#include <string>
#include <vector>

#include "filters/expr/ir.hpp"

namespace rigor::symbolic::expr {

// The source name a leaf's range is given under (empty for constants and non-leaves).
std::string source_name(const rigor::expr::Node& n);
// The variable a leaf is: its text (x, x[1,0]:m, x.Name, X, x[] for absolute pixels);
// empty for constants and non-leaves.
std::string variable_name(const rigor::expr::Node& n);

// The sources used by e, in order of first use; and the variables.
std::vector<std::string> used_sources(const rigor::expr::Expr& e);
std::vector<std::string> used_variables(const rigor::expr::Expr& e);

}  // namespace rigor::symbolic::expr
