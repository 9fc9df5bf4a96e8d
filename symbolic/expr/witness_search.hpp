// Searching the engine for inputs that reach a value: candidate points (every corner of
// the input box when there are few, else random ones; the inputs the algebra's extremes
// sit at; a grid; random points — by index, so float inputs are drawn across binades
// too — from a fixed seed, so that a report is reproducible), then a local search that
// moves the best points by ±2^j values of one input at a time, and by random jumps,
// while the score improves.  Scores come from the caller (engine values, errors against
// the real model, hazard closeness); higher is better, NaN never wins.
#pragma once
#include <cmath>
#include <functional>
#include <vector>

#include "symbolic/expr/input_domain.hpp"
#include "symbolic/expr/point_set.hpp"

namespace rigor::symbolic::expr {

PointSet candidate_points(const std::vector<InputDomain>& domains, const std::vector<std::vector<float>>& seeds,
                          std::size_t budget);

using Score = std::function<void(const PointSet& points, std::vector<double>& scores)>;

struct Found {
    std::vector<float> point;
    double score = -INFINITY;
};

// The best point found from `start` (already scored: start_scores) within `budget`
// further points.
Found improve(const std::vector<InputDomain>& domains, const Score& score, const PointSet& start,
              const std::vector<double>& start_scores, std::size_t budget);

}  // namespace rigor::symbolic::expr
