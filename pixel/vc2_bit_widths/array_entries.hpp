// Every array of a transform at every phase of its period, each with the reported entry
// of the static analysis that holds its value.  The arrays, their periods and how an
// unreported array's value is found are those of filters/vc2/transform_graph.hpp.
#pragma once
#include <vector>

#include "filters/formats/vc2_static_analysis.hpp"
#include "filters/vc2/transform_graph.hpp"

namespace rigor::pixel::vc2_bit_widths {

struct ArrayEntry {
    formats::ArrayPhase where;     // an array at one phase of its period
    formats::ArrayPhase reported;  // the reported array and phase holding the same value
};

// Arrays in creation order (the order of the static analysis and of the table), phases
// x-major (for x: for y:).
std::vector<ArrayEntry> all_array_phases(const rigor::vc2::TransformGraph& graph);
std::vector<ArrayEntry> all_array_phases(const rigor::vc2::TransformConfig& config, bool synthesis);

}  // namespace rigor::pixel::vc2_bit_widths
