// A 2-D array of 64-bit signed samples, row-major: the value type of the integer VC-2
// transform (pictures, coefficient bands and every intermediate array).
#pragma once
#include <cstdint>
#include <vector>

namespace rigor::vc2 {

struct Plane {
    long width = 0;
    long height = 0;
    std::vector<std::int64_t> samples;

    Plane() = default;
    Plane(long w, long h, std::int64_t fill = 0) : width(w), height(h), samples(static_cast<std::size_t>(w * h), fill) {}

    std::int64_t& at(long x, long y) { return samples[static_cast<std::size_t>(y * width + x)]; }
    std::int64_t at(long x, long y) const { return samples[static_cast<std::size_t>(y * width + x)]; }
    bool operator==(const Plane&) const = default;
};

}  // namespace rigor::vc2
