// Parses a postfix Expr program (spec: expr-language.md) into the IR of ir.hpp.
//
// The stack is simulated with node ids, so dup/swap/drop/sort and variables disappear
// into the graph.  Errors are rigor::UserError with the peers' message followed by the
// token's position, e.g. "insufficient values on stack: + (token 2, column 3)".
#pragma once
#include <climits>
#include <string_view>

#include "filters/expr/ir.hpp"

namespace rigor::expr {

struct ParseOptions {
    int clips = INT_MAX;   // number of input clips; a reference beyond is an error
    bool pixels = true;    // false for Select: only properties, N and constants
    // Refuse what akarin does not have (ceil, sgn, tan, asin, acos, atan, atan2;
    // argminN/argmaxN/argsortN outside
    // Select), for scripts that must also run on akarin.Expr / akarin.Select.
    bool akarin = false;
};

// Throws rigor::UserError; an empty (all white space) program is an error too: callers
// that give empty expressions a meaning (copy the plane) check first.
Expr parse(std::string_view program, const ParseOptions& options = {});

// Whether a program has no tokens.
bool is_blank(std::string_view program);

}  // namespace rigor::expr
