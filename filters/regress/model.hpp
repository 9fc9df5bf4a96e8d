// regression() and reconstruct() defined once, as the reference builds them: a list of
// named steps, each either a window mean of one plane (the box mean, or the params'
// MeanMode) or a per-pixel formula over earlier
// planes (spec: local-regression.md, the tables of "regression" and "reconstruct").
// expr_string.hpp prints a step as the reference's Expr text; symbolic/regress derives
// formulas over window means and exact ranges from these steps; pixel/regress runs them
// one full-plane pass per step (the "reference way") and checks its fused kernels
// against them.
#pragma once
#include <string>
#include <vector>

#include "filters/regress/formula.hpp"
#include "filters/regress/params.hpp"

namespace rigor::regress {

struct Step {
    enum class Kind { box_mean, pointwise };
    std::string name;                 // the plane this step makes
    Kind kind;
    std::vector<std::string> inputs;  // names of earlier planes (or model inputs), in order
    Formula formula = Formula::input(0);  // pointwise: over inputs by position
    int radius = 0;                   // box_mean: window radius
    MeanMode mean;                    // box_mean: the window mean (box unless the params say)
    bool letter_names = false;        // Expr names inputs x y z a … instead of src0 src1 …
    std::string meaning;              // one line for people
};

struct Model {
    std::vector<std::string> inputs;   // e.g. {"x", "y"}
    std::vector<Step> steps;
    std::vector<std::string> outputs;  // names of the planes the model returns
    const Step& step(const std::string& name) const;  // throws InternalError if absent
};

// regression(x, y): outputs slope, [intercept], correlation.  Validates params.
// w is the reliability weight (weights.hpp); w = 1 skips the correlation's rescale.
Model regression_model(const RegressParams& params, double w);

// reconstruct(x, slope, correlation[, intercept]): output "reconstructed".
Model reconstruct_model(const ReconstructParams& params, bool with_intercept);

}  // namespace rigor::regress
