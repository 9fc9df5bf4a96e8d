// The pass pipeline every evaluator runs after parsing, in order.
#pragma once
#include "filters/expr/constant_fold.hpp"
#include "filters/expr/cse.hpp"
#include "filters/expr/ir.hpp"

namespace rigor::expr {

inline Expr optimize(const Expr& parsed) {
    Expr e = eliminate_common_subexpressions(parsed);  // merge first so folding sees shared nodes once
    e = fold_constants(e);
    e = eliminate_common_subexpressions(e);            // folding can make new duplicates (1 x * vs x)
    return e;
}

}  // namespace rigor::expr
