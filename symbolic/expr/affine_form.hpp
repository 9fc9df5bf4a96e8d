// The affine form c + Σ coefficient·variable of an Expr program, when it is affine in
// its variables (variables.hpp): only + and −, × and ÷ by constants, and finite
// constants, taken at their exact rationals (number_text.hpp).  Blends and
// convolutions with x[dx,dy] are affine; their exact range is then c + Σ of each term at
// the end of its variable's range that its coefficient's sign favours (analysis.hpp).
#pragma once
#include <cln/rational.h>
#include <map>
#include <optional>
#include <string>

#include "filters/expr/ir.hpp"

namespace rigor::symbolic::expr {

struct AffineForm {
    cln::cl_RA constant = 0;
    std::map<std::string, cln::cl_RA> coefficients;  // by variable name; zero ones dropped
};

// nullopt when e is not affine (a product of two inputs, min/max, a comparison, ...).
std::optional<AffineForm> affine_form(const rigor::expr::Expr& e);

}  // namespace rigor::symbolic::expr
