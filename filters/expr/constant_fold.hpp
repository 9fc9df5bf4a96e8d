// Constant folding: every operation whose arguments are all constants becomes the
// constant apply_scalar() gives (so folding can never change a result), and the
// identities that are exact in IEEE arithmetic for every value including NaN and -0
// are removed: x*1, 1*x, x/1, x-0.  Returns a graph with unreachable nodes dropped.
#pragma once
#include "filters/expr/ir.hpp"

namespace rigor::expr {

Expr fold_constants(const Expr& e);

}  // namespace rigor::expr
