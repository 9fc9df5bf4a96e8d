// Common-subexpression elimination: nodes equal in operation, fields and (already
// merged) arguments become one node.  Arguments of commutative two-argument operations
// are put in id order first, since a+b and b+a are bitwise equal in IEEE arithmetic.
// Constants are compared by bit pattern (so 0 and -0, and NaNs, stay apart).
#pragma once
#include "filters/expr/ir.hpp"

namespace rigor::expr {

Expr eliminate_common_subexpressions(const Expr& e);

}  // namespace rigor::expr
