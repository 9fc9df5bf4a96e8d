// The real model of a point program — the algebra: constants at their decimal rationals
// (number_text.hpp), every operation exact, sqrt of x <= 0 is 0, undefined (NaN here)
// for division by 0, log of x <= 0, pow outside its domain — at many points:
//   - RealEvaluator in long double (64-bit significand): fast and approximate, to rank
//     candidates (largest error, closest decision) in searches and exhaustive sweeps;
//   - exact_real exactly (interval_evaluation.hpp's evaluate_at: rationals for rational
//     operations, certified 40-digit values for the others), for what a report states.
#pragma once
#include <span>
#include <vector>

#include "filters/expr/ir.hpp"
#include "symbolic/expr/interval_evaluation.hpp"
#include "symbolic/expr/point_set.hpp"

namespace rigor::symbolic::expr {

class RealEvaluator {
public:
    explicit RealEvaluator(const rigor::expr::Expr& point_program);
    // values[node][i]: node's real value at point i (NaN where undefined).
    void evaluate(const PointSet& points, std::vector<std::vector<long double>>& values) const;

private:
    const rigor::expr::Expr* program_;
    std::vector<long double> constants_;
};

PointValue exact_real(const rigor::expr::Expr& point_program, rigor::expr::NodeId node, std::span<const float> point);

}  // namespace rigor::symbolic::expr
