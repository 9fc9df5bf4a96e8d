// What `rigor regress-model` shows: regression() and reconstruct() of
// filters/regress/model.hpp for given parameters, derived from the one model — every
// step as the reference builds it (a BoxBlur, or an Expr with the reference's text,
// filters/regress/expr_string.hpp), the outputs as formulas over window means
// (ginac_model.hpp), and exact ranges of every intermediate for given input ranges
// (ranges.hpp) — as text for people or as one JSON document.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "filters/regress/model.hpp"
#include "filters/regress/params.hpp"
#include "symbolic/regress/ginac_model.hpp"
#include "symbolic/regress/ranges.hpp"

namespace rigor::symbolic::regress {

struct ModelReport {
    rigor::regress::RegressParams regress;
    rigor::regress::ReconstructParams reconstruct;
    InputRanges inputs;
    double weight = 1;  // the reliability weight w of regress
    rigor::regress::Model regression, reconstruction;
    SymbolicModel regression_formulas, reconstruction_formulas;
    std::vector<ExactRange> ranges;  // regression_ranges(regress, weight, inputs)
};

// reconstruct's intercept term is there when regress has one.  Throws UserError for
// parameters the model refuses.
ModelReport model_report(const rigor::regress::RegressParams& regress,
                         const rigor::regress::ReconstructParams& reconstruct, const InputRanges& inputs);

// {"parameters", "weight", "regression_steps", "reconstruct_steps", "formulas", "ranges"}.
nlohmann::ordered_json to_json(const ModelReport& report);
// The parameters, the steps, the formulas and the ranges, one per line.
std::string to_text(const ModelReport& report);

}  // namespace rigor::symbolic::regress
