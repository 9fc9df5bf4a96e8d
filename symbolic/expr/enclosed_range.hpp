// The range of a program as it runs where its inputs take too many values to run them
// all: a sound enclosure of the binary32 result (binary32_enclosure.hpp), tightened by
// branch and bound on boxes of inputs (box_search.hpp), and a search on the engine for
// inputs reaching its ends (witness_search.hpp).  An end is exact when the engine, run at
// the input found, gives it; otherwise the report shows the enclosure's end and the value
// the engine reaches, the gap between them unknown territory.
#pragma once
#include <cstdint>
#include <vector>

#include "filters/expr/engine_probe.hpp"
#include "symbolic/expr/binary32_enclosure.hpp"
#include "symbolic/expr/engine_runner.hpp"
#include "symbolic/expr/input_domain.hpp"

namespace rigor::symbolic::expr {

struct EnclosedEnd {
    float bound = 0;       // sound: no input gives a value beyond it
    float reached = 0;     // what the engine gives at `at`
    std::vector<float> at;  // the best input found (empty: none with a value)
    bool exact() const { return !at.empty() && reached == bound; }
};

struct EnclosedSide {
    bool has_values = true;  // false: every input gives NaN (the enclosure holds no number)
    EnclosedEnd lo, hi;
    bool nan_possible = false;    // the enclosure does not rule NaN out
    std::vector<float> nan_at;    // an input giving NaN on the engine, when one was found
};

struct EnclosedRange {
    EnclosedSide binary32;  // before the store
    EnclosedSide stored;    // after the output format's rounding and clamping
    long boxes = 0;         // enclosure evaluations (branch and bound)
    long engine_points = 0; // inputs run through the engine (witness search)
};

// Budgets per end: engine points of the witness search and boxes of branch and bound.
inline constexpr std::size_t kWitnessBudget = 4096;
inline constexpr long kBoxBudget = 2000;

EnclosedRange enclosed_range(EngineRunner& engine, const rigor::expr::Expr& point_program,
                             const std::vector<InputDomain>& domains, rigor::expr::SampleStorage store);

// What the store makes of a binary32 value (convert.hpp: clamp to [0, top], NaN -> 0,
// round half to even; binary16 rounding for half floats; float outputs keep it).
float stored_value(float v, rigor::expr::SampleStorage store);

}  // namespace rigor::symbolic::expr
