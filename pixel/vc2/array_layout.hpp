// Every array of the analysis and synthesis transforms (spec §2) with its period, and
// where its value is reported.  The static analysis lists only "novel" arrays; a
// subsample, an interleave, a shift by 0 or the repeated synthesis LL holds the same
// values as an earlier array at another phase, and this says which.
//
// Periods (spec §2): lifting along an axis makes that axis's period lcm(2, p);
// subsampling by 2 gives lcm(p, 2)/2; interleaving gives the lcm of both inputs,
// doubled on that axis.  Hence analysis arrays have periods ≤ 2 and the synthesis
// Output of level ℓ has (2^ℓ, 2^(number of 2-D levels ≤ ℓ)).
#pragma once
#include <string>
#include <vector>

#include "filters/vc2/transform_graph.hpp"
#include "pixel/vc2/static_analysis.hpp"

namespace rigor::vc2 {

struct ArrayLayout {
    int level = 0;
    std::string name;
    long period_x = 1, period_y = 1;
    bool reported = false;
};

struct ArrayEntry {
    ArrayPhase where;     // an array at one phase of its period
    ArrayPhase reported;  // the reported array and phase holding the same value
};

// The arrays in creation order (the order of the static analysis and of the table).
std::vector<ArrayLayout> analysis_arrays(const TransformConfig& config);
std::vector<ArrayLayout> synthesis_arrays(const TransformConfig& config);

// Every array at every phase (x-major), each with its reported source.
std::vector<ArrayEntry> all_array_phases(const TransformConfig& config, bool synthesis);

}  // namespace rigor::vc2
