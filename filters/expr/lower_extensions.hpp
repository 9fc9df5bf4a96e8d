// A pass (one file, as the others): the rigor extensions Ceil and Sign rewritten as the
// core operations they equal bit for bit (ir.hpp): Ceil(a) = -1 * Floor(-1 * a) (negation
// by a product with -1 is exact and keeps signed zeros: ceil(-0.5) = -0) and
// Sign(a) = (a > 0) - (a < 0).  Analyses that model the core operations then cover the
// extensions without rules of their own (symbolic/expr/analysis.cpp).  NaN stays NaN.
#pragma once
#include "filters/expr/ir.hpp"

namespace rigor::expr {

Expr lower_extensions(const Expr& e);

}  // namespace rigor::expr
