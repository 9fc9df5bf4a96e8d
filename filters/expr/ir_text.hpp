// The Expr IR (filters/expr/ir.hpp) as text: infix and postfix.
//
// Spec (expr-language.md, "Infix <-> postfix"): postfix is the post-order walk of the
// tree, infix the in-order walk with parentheses.  Every operand that is itself an
// operator application is parenthesised, so no reader needs precedence rules:
// `x 0.3 * y 0.7 * +` -> `(x * 0.3) + (y * 0.7)`.  Shared nodes of the DAG are repeated
// (`x 40 - dup *` -> `(x - 40) * (x - 40)`), except in the stored postfix form, which
// computes each shared non-leaf node once, stores it (`t0!`) and loads it (`t0@`).
// Constants print as the shortest decimal that reads back to the same binary32, so the
// text parses back (postfix with parser.hpp, infix with infix_parser.hpp) to the same
// values.
#pragma once
#include <string>

#include "filters/expr/ir.hpp"

namespace rigor::expr {

// Shortest decimal (C syntax, at most 9 significant digits) that strtof reads back to v;
// "nan", "inf", "-inf" for the specials; integers below 10^9 without exponent (40, not 4e+01).
std::string shortest_decimal(float v);

std::string to_infix(const Expr& e);
// Post-order walk, shared nodes repeated.
std::string to_postfix(const Expr& e);
// Post-order walk, each shared non-leaf node computed once and kept in a variable.
std::string to_postfix_stored(const Expr& e);

// "x" "y" "z" "a" ... "w" for clips 0..25, then "srcN".
std::string clip_name(int clip);
// Leaf text shared by both notations: x, x[1,-1]:m, x.Name, X, N, width ...
std::string leaf_text(const Node& n);
// Infix name of a function-call operation ("max", "clip", "nth_smallest"); empty for
// the infix operators and the ternary.
std::string infix_function_name(Op op);
// Infix symbol of a binary operator ("+", "==", ">="), empty when op is not one.
std::string infix_operator(Op op);

}  // namespace rigor::expr
