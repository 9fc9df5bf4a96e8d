// Parses infix Expr text into the same IR as the postfix parser (filters/expr/parser).
//
// Grammar, lowest precedence first (precedence climbing):
//   ternary     cond ? a : b                  (right associative; c > 0 picks a)
//   or          a || b                        (or(a, b): 1 when a > 0 or b > 0, else 0)
//   and         a && b                        (and(a, b): 1 when a > 0 and b > 0, else 0)
//   comparison  > < >= <= == (or =) !=         (!= is not(a == b))
//   additive    + -
//   product     * / %
//   unary       -a  (of a constant: the negative constant; else 0 - a), +a,
//               !a  (not(a): 1 when a <= 0; `!x` is not `!=`)
//   power       a ** b                        (right associative)
//   primary     number | pi | nan | inf | N X Y width height
//               | clip (x y z a..w srcN) [ "[dx,dy]" [":c"|":m"] | "[](cx, cy)" | ".Name" ]
//               | function "(" args ")" | "(" expr ")"
// Both sides of && and || are evaluated (the language has no short circuit).
// Functions: max min clip/clamp abs sqrt exp log sin cos tan asin acos atan atan2(y, x) pow
// trunc round floor ceil sgn and or xor
// not bitand bitor bitxor bitnot argmin argmax nth_smallest(k, ...) argsort_nth(k, ...).
// Errors are rigor::UserError naming the column: "infix: expected ')' at column 9 ...".
#pragma once
#include <string_view>

#include "filters/expr/ir.hpp"

namespace rigor::expr {

Expr parse_infix(std::string_view text);

}  // namespace rigor::expr
