// Which picture pixels a value of the transform depends on, so that values whose
// dependencies cross a picture edge can be told apart.  The static analysis (like the
// reference) models arrays without edges; the specification clamps lifting taps at the
// edges (15.4.4.1), so only values whose whole dependency region lies inside the picture
// (the interior) are covered by its bounds.
//
// Per axis: the value at sample i of a node of step s = 2^log2_step sits at pixel i·s
// and depends on pixels [i·s + lo, i·s + hi].  A lift reading taps at offsets
// o ∈ [2D − 1, 2(D + L − 1) − 1] (samples of its node) widens that by o·s on both
// parities; an odd subsample moves it by the input step; an interleave joins its inputs
// (the odd input sits one output step left of its output).  Synthesis sources
// (coefficient bands) start from the analysis region of the same band.
#pragma once
#include <vector>

#include "filters/vc2/transform_graph.hpp"

namespace rigor::pixel::vc2 {

struct AxisRegion {
    long lo = 0, hi = 0;
};

// The region of every array of `graph` along x and y (indexed like graph.arrays).
struct ArrayRegions {
    std::vector<AxisRegion> x, y;
    std::vector<int> log2_step_x, log2_step_y;

    // True when the value at (x, y) of array `index` depends on pixels of a
    // picture_width × picture_height picture only, no edge clamping involved.
    bool interior(std::size_t index, long x, long y, long picture_width, long picture_height) const;
};

ArrayRegions analysis_regions(const rigor::vc2::TransformConfig& config);
ArrayRegions synthesis_regions(const rigor::vc2::TransformConfig& config);

}  // namespace rigor::pixel::vc2
