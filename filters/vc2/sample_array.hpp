// A 2-D array of 64-bit signed samples, row-major: the value type of the integer VC-2
// transform (pictures, coefficient bands and every intermediate array), and the
// coefficients of a transformed picture.  Defined here, with the transform, because both
// the transform (pixel/vc2) and its documents (filters/formats) hold them.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace rigor::vc2 {

struct SampleArray {
    long width = 0;
    long height = 0;
    std::vector<std::int64_t> samples;

    SampleArray() = default;
    SampleArray(long w, long h, std::int64_t fill = 0)
        : width(w), height(h), samples(static_cast<std::size_t>(w * h), fill) {}

    std::int64_t& at(long x, long y) { return samples[static_cast<std::size_t>(y * width + x)]; }
    std::int64_t at(long x, long y) const { return samples[static_cast<std::size_t>(y * width + x)]; }
    bool operator==(const SampleArray&) const = default;
};

// level → orientation → band.  Level 0 is the DC band ("LL", or "L" with
// horizontal-only levels); 2-D levels hold LH, HL, HH; horizontal-only levels hold H.
using Coefficients = std::map<int, std::map<std::string, SampleArray>>;

}  // namespace rigor::vc2
