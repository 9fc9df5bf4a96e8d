// Small helpers shared by the regress tests: planes from functions, random planes.
#pragma once
#include <cstdint>
#include <functional>
#include <random>

#include "pixel/regress/float_plane.hpp"

namespace rigor::pixel::regress::test {

inline Plane plane_from(int w, int h, const std::function<double(int, int)>& f) {
    Plane p = make_float_plane(w, h);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) p.row_as<float>(y)[x] = float(f(x, y));
    return p;
}

inline Plane random_plane(int w, int h, std::uint32_t seed, double lo, double hi) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> d(lo, hi);
    return plane_from(w, h, [&](int, int) { return d(rng); });
}

inline float at(const Plane& p, int x, int y) { return p.row_as<float>(y)[x]; }

}  // namespace rigor::pixel::regress::test
