// Clips for the video tests: frames of deterministic pseudo-random samples (every
// sample of every plane differs from frame to frame), compared plane by plane.
#pragma once
#include <cstdint>
#include <cstring>
#include <string>

#include "pixel/io/format.hpp"
#include "pixel/io/frame.hpp"

namespace rigor::test {

// Frame `n` of a clip: samples from a xorshift seeded by n, over the format's whole
// integer range (or [-1, 2) for floats: values outside [0, 1] must survive too).
inline pixel::Frame noise_frame(const pixel::VideoFormat& f, int width, int height, int n) {
    pixel::Frame frame(f, width, height);
    std::uint64_t s = 0x9E3779B97F4A7C15ull * std::uint64_t(n + 1);
    auto next = [&s] {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        return s;
    };
    for (int p = 0; p < frame.planes(); ++p) {
        pixel::Plane& plane = frame.plane(p);
        for (int y = 0; y < plane.height(); ++y)
            for (int x = 0; x < plane.width(); ++x) {
                const std::uint64_t r = next();
                if (f.is_float()) plane.row_as<float>(y)[x] = float(double(r % 3000000) / 1000000.0 - 1.0);
                else if (f.bits == 8) plane.row_as<std::uint8_t>(y)[x] = std::uint8_t(r);
                else plane.row_as<std::uint16_t>(y)[x] = std::uint16_t(r & ((1u << f.bits) - 1u));
            }
    }
    return frame;
}

inline bool same_samples(const pixel::Frame& a, const pixel::Frame& b) {
    if (!(a.format() == b.format()) || a.width() != b.width() || a.height() != b.height()) return false;
    for (int p = 0; p < a.planes(); ++p)
        for (int y = 0; y < a.plane(p).height(); ++y)
            if (std::memcmp(a.plane(p).row(y), b.plane(p).row(y), a.plane(p).row_bytes()) != 0) return false;
    return true;
}

// The frame's planes packed one after the other (what ffmpeg -f rawvideo writes for
// the little-endian planar formats; FFmpeg keeps planar RGB as G, B, R).
inline std::string packed_planes(const pixel::Frame& f) {
    std::string out;
    const int order_rgb[3] = {1, 2, 0};
    for (int i = 0; i < f.planes(); ++i) {
        const int p = f.format().is_rgb() ? order_rgb[i] : i;
        for (int y = 0; y < f.plane(p).height(); ++y)
            out.append(reinterpret_cast<const char*>(f.plane(p).row(y)), f.plane(p).row_bytes());
    }
    return out;
}

}  // namespace rigor::test
