// The VC-2 edge rule (SMPTE ST 2042-1 15.4.4.1), defined once for the integer transform
// (pixel/vc2/lifting.cpp) and the exact responses of finite lines (axis_response.hpp):
// a lifting stage updating even samples reads odd taps clamped to [1, n−1]; one updating
// odd samples reads even taps clamped to [0, n−2], n being the (even) line length.  A tap
// is clamped exactly when it would read outside [0, n−1], and then it reads the sample of
// its parity nearest that end.
#pragma once
#include <algorithm>

#include "filters/vc2/wavelet.hpp"

namespace rigor::vc2 {

// The sample tap i of `stage` reads when updating sample k of a line of n samples.
inline long clamped_tap_index(const LiftingStage& stage, long k, int i, long n) {
    const bool even = stage.updates_even();
    return std::clamp(stage.tap_index(k, i), even ? 1L : 0L, even ? n - 1 : n - 2);
}

}  // namespace rigor::vc2
