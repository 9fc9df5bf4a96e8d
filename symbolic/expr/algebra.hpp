// The Expr IR as a GiNaC expression: the algebra behind a program.
//
// Every variable of variables.hpp (x, x[1,0]:m, X, x.Name ...) is a real GiNaC symbol of that
// name; constants are the exact rationals of number_text.hpp.  + − × ÷, pow, sqrt, exp,
// log, sin, cos, abs map to GiNaC's own operations, so GiNaC's canonical form collects
// terms (`x 2 * t! t@ t@ * 512 /` is x²/128).  The rest are GiNaC functions named as the
// infix calls (max, min, select, gt, nth_smallest, ...), with derivatives where they
// exist almost everywhere (max'/min'/select' as comparisons, abs' as sgn(a), 0 for
// comparisons, rounding and argmin/argmax/argsort_nth).  The k-th smallest carries the
// derivative of the argument it selects: d nth_smallest(k, a) = Σ_i (argsort_nth(k, a) == i)
// · d a_i, the stable sort's choice at ties (ir.hpp).
// The algebra is over the reals: sqrt is the real square root (Expr's sqrt of a negative
// is 0) and GiNaC may cancel x/x to 1; ranges are computed on the IR, not on this form.
#pragma once
#include <ginac/ginac.h>
#include <map>
#include <string>

#include "filters/expr/ir.hpp"

namespace rigor::symbolic::expr {

struct Algebra {
    GiNaC::ex value;
    std::map<std::string, GiNaC::symbol> symbols;  // by variable name
};

Algebra to_algebra(const rigor::expr::Expr& e);

// ∂e/∂v for every variable, in the order of `symbols`.
std::map<std::string, GiNaC::ex> partial_derivatives(const Algebra& a);

}  // namespace rigor::symbolic::expr
