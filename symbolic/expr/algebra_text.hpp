// A GiNaC expression of the algebra (algebra.hpp) as infix text in the notation of the
// infix parser (filters/expr/infix_parser.hpp), so the text reads as ordinary algebra
// and parses back to the same expression:
//   -(x + 1) / ((y - 128) ** 2 + (x + 1) ** 2),  sgn(x - y),  x / 3 + 0.3 * y
// Rationals exact (0.3, 1/3); a product prints as coefficient, numerator / denominator;
// positive terms of a sum first; parentheses only where the grammar's precedence needs
// them (ternary < comparison < + - < * / % < unary < **, right associative); comparisons
// are printed in parentheses (x > y) so they sit in sums unambiguously; select as
// c ? t : f; order statistics as nth_smallest(k, a, b, ...).
#pragma once
#include <ginac/ginac.h>
#include <string>

namespace rigor::symbolic::expr {

std::string algebra_infix(const GiNaC::ex& e);

}  // namespace rigor::symbolic::expr
