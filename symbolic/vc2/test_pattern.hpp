// A test pattern (spec §4): pixel polarities that drive one target value towards its
// maximum (+1: the pixel at its maximum, −1: at its minimum; unset pixels don't matter),
// placed so that its top-left set pixel lies in [0, multiple) on each axis.
#pragma once
#include <cstdint>
#include <vector>

#include "filters/formats/vc2_static_analysis.hpp"

namespace rigor::symbolic::vc2 {

// A rectangular window of polarities: 0 unset, +1, −1; row-major.
struct PolarityImage {
    long x0 = 0, y0 = 0;  // picture coordinates of the window's top-left sample
    int width = 0, height = 0;
    std::vector<std::int8_t> polarity;

    std::int8_t at(int col, int row) const { return polarity[static_cast<std::size_t>(row) * width + col]; }
};

// The test pattern of value `where` (an array at a phase): `image` cropped to its set
// pixels and moved by whole multiples of the pattern translation multiple so its minimum
// coordinates lie in [0, multiple); the target (the phase) moves by the same number of
// target multiples.
formats::TestPattern place_pattern(const PolarityImage& image, const formats::ArrayPhase& where,
                                   long pattern_multiple_x, long pattern_multiple_y, long target_multiple_x,
                                   long target_multiple_y);

}  // namespace rigor::symbolic::vc2
