// Rows of binary32 samples held by someone else — a Plane, or a host's frame — that the
// fused kernels read and write in place, so a host (the VapourSynth plugin) hands its
// frames over without copying them into Planes and back.
#pragma once
#include <cstddef>

#include "pixel/regress/float_plane.hpp"

namespace rigor::pixel::regress {

struct FloatRows {
    const std::byte* data = nullptr;  // null: no plane (an absent intercept)
    std::ptrdiff_t stride = 0;        // bytes from one row to the next
    int width = 0, height = 0;
    const float* row(int y) const { return reinterpret_cast<const float*>(data + std::ptrdiff_t(y) * stride); }
};

struct MutableFloatRows {
    std::byte* data = nullptr;
    std::ptrdiff_t stride = 0;
    int width = 0, height = 0;
    float* row(int y) const { return reinterpret_cast<float*>(data + std::ptrdiff_t(y) * stride); }
    operator FloatRows() const { return {data, stride, width, height}; }  // read what was written
};

inline FloatRows rows_of(const Plane& p) { return {p.row(0), p.stride(), p.width(), p.height()}; }
inline MutableFloatRows rows_of(Plane& p) { return {p.row(0), p.stride(), p.width(), p.height()}; }

}  // namespace rigor::pixel::regress
