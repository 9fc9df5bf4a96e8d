// The model run the way the reference builds it (filters/regress/model.hpp): every step
// a separate full-plane pass — box means with box_mean(), per-pixel formulas evaluated
// in binary32 one operation at a time over a whole row (like an Expr engine), each
// result stored as a float plane.  Used by the benchmark as the baseline and by the
// tests as a second, independent path.
#pragma once
#include <functional>
#include <map>
#include <string>

#include "filters/regress/model.hpp"
#include "pixel/regress/float_plane.hpp"

namespace rigor::pixel::regress {

using NamedPlanes = std::map<std::string, Plane, std::less<>>;

// `inputs` holds the model's inputs by name; returns every plane the steps made
// (outputs included).  Throws UserError for missing inputs or different sizes.
NamedPlanes run_reference_way(const rigor::regress::Model& model, const NamedPlanes& inputs,
                              rigor::regress::BorderMode border, int threads = 1);

// The same, with every pointwise step run through rigor's Expr engine (pixel/expr) on
// the Expr text `expr_text(step)` gives (filters/regress/expr_string.hpp): exactly
// the reference's chain of Expr and BoxBlur calls.
NamedPlanes run_reference_way_expr(const rigor::regress::Model& model, const NamedPlanes& inputs,
                                   rigor::regress::BorderMode border, int threads,
                                   const std::function<std::string(const rigor::regress::Step&)>& expr_text);

}  // namespace rigor::pixel::regress
