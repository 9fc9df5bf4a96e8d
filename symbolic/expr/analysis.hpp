// `rigor analyse`: everything the symbolic side knows about one Expr program for given
// input ranges — algebra, printed forms, output range, extreme inputs, clipping for the
// output format, partial derivatives — and its JSON.
//
// Two models, both stated.  The program as it runs (running_range.hpp: binary32 and the
// store, evaluated on the engine) gives the report's "range"; a bound is called exact
// only when an input run through the engine gives it.  The algebra — the program in real
// arithmetic, constants at their decimal values — gives the "real range" below, for
// derivations; it can differ from what runs (`x 0.1 * 10 * x = 255 *` is 255 in real
// arithmetic, 0 at x = 13 in binary32).
//
// Real range: for programs affine in their variables (affine_form.hpp: blends, convolutions
// with x[dx,dy]) the exact range c + Σ max/min(kᵢ·loᵢ, kᵢ·hiᵢ), reached by the test pattern
// "each variable at its minimum or maximum by the sign of its coefficient" (as the VC-2
// analysis does).  Programs that are piecewise affine (+ − and × ÷ by constants, min max
// abs clip ?, comparisons, logic) get exact rational ranges from piecewise.hpp: the box
// split into cells where the program is affine, extremes at the cells' vertices, each
// bound labelled exact only when an exact evaluation at the reported inputs gives it.
// Otherwise interval arithmetic over the IR (interval_evaluation.hpp): exact rational ends for
// rational operations, certified enclosures for transcendental ones; a bounded search
// (every corner, or a grid, or random corners) finds inputs reaching a value, and a bound
// is reported exact when the found value equals it, else with its gap (the enclosure's
// stated width).
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "filters/expr/ir.hpp"
#include "symbolic/expr/input_ranges.hpp"
#include "symbolic/expr/running_range.hpp"

namespace rigor::symbolic::expr {

struct OutputFormat {
    std::string name = "float";
    bool is_float = true;
    int bits = 32;
};

struct Extreme {
    std::map<std::string, cln::cl_RA> inputs;  // by variable
    std::optional<cln::cl_RA> value;           // nullopt: NaN or infinite there
    bool exact = true;                          // value exact (no transcendental rounding)
    bool attains_bound = false;                 // value equals the reported bound
};

struct Clipping {
    bool applies = false;      // integer output
    cln::cl_RA low = 0, high = 0;
    std::string below, above;  // "no", "yes", "possibly" (the enclosure crosses, no input found)
    std::string below_when, above_when;  // a condition on the inputs (affine programs)
    std::string below_at, above_at;      // an input that clips on the engine
};

struct Analysis {
    std::string postfix, infix, algebra, optimised_postfix;
    std::vector<std::string> variables;
    RunningRange running;        // the program as it runs
    // The algebra's range and extremes (real arithmetic):
    Interval range;
    std::string method;          // "affine", "piecewise" or "interval"
    long evaluations = 0;        // exact evaluations of the program at points (search)
    bool transcendental = false;
    std::vector<std::string> notes;
    std::string search;          // how the extremes were found
    Extreme minimum, maximum;
    Clipping clipping;
    std::map<std::string, std::string> derivatives;  // variable -> infix
};

// Without an engine (setup.probe null) only the algebra is analysed.
Analysis analyse(const rigor::expr::Expr& e, const InputRanges& ranges, const OutputFormat& format,
                 const EngineSetup& setup = {});

nlohmann::ordered_json to_json(const Analysis& a);
std::string to_text(const Analysis& a);

}  // namespace rigor::symbolic::expr
