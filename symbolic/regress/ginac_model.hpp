// The regression model as GiNaC expressions over window means: each step of
// filters/regress/model.hpp substituted into the next, so every output is a formula in
// the symbols of the box means (μx, μy, Sxx, Sxy, Syy for regression; x, M[a·c], M[b·c],
// M[c] for reconstruct).  Numbers become exact rationals (the decimal the reference
// prints), max stays an unevaluated function rmax(a, b).
#pragma once
#include <ginac/ginac.h>
#include <map>
#include <string>

#include "filters/regress/model.hpp"

namespace rigor::symbolic::regress {

// The exact rational a double's shortest decimal (Python repr) denotes: 1e-07 → 1/10⁷.
GiNaC::numeric exact_decimal(double value);

GiNaC::ex rmax(const GiNaC::ex& a, const GiNaC::ex& b);

struct SymbolicModel {
    std::map<std::string, GiNaC::symbol> symbols;  // model inputs and box means, by step name
    std::map<std::string, GiNaC::ex> planes;       // every step's plane as a formula
};

// Box means become symbols named after their step ("mu_x", "S_xy", "M_c"); model
// inputs that are read only through box means need no symbol of their own.
SymbolicModel symbolic_model(const rigor::regress::Model& model);

// A formula of the model over given argument expressions.
GiNaC::ex to_ginac(const rigor::regress::Formula& f, const std::vector<GiNaC::ex>& args);

}  // namespace rigor::symbolic::regress
