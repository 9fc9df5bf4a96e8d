// The extremes of every phase of an array of samples, where a witness search records what a
// picture reaches (witness.hpp): per phase (px, py) of periods (period_x, period_y) — the
// positions x ≡ px, y ≡ py — its largest and smallest value and where each first occurs in
// row-major order.  One row-major scan of the whole array: each phase sees its own
// positions in row-major order and keeps a new extreme only when strictly beyond the old,
// so it keeps the first (a scan phase by phase gives the same; the tests compare the two).
#pragma once
#include <algorithm>
#include <cstdint>
#include <vector>

#include "filters/vc2/sample_array.hpp"

namespace rigor::pixel::vc2_tight {

struct PhaseExtremes {
    bool seen = false;  // false: the phase has no position in the array
    std::int64_t hi = 0, lo = 0;
    long hx = 0, hy = 0, lx = 0, ly = 0;
};

// Phases x-major (px·period_y + py), as PhaseBound.
inline std::vector<PhaseExtremes> phase_extremes_of(const rigor::vc2::SampleArray& p, long period_x, long period_y) {
    std::vector<PhaseExtremes> e(static_cast<std::size_t>(period_x * period_y));
    const auto next_px = static_cast<std::size_t>(period_y);
    for (long y = 0; y < p.height; ++y) {
        const std::int64_t* row = &p.samples[static_cast<std::size_t>(y * p.width)];
        PhaseExtremes* phase_row = &e[static_cast<std::size_t>(y % period_y)];  // phase (0, y mod period_y)
        for (long x0 = 0; x0 < p.width; x0 += period_x)
            for (long x = x0, px = 0; x < std::min(p.width, x0 + period_x); ++x, ++px) {
                PhaseExtremes& m = phase_row[static_cast<std::size_t>(px) * next_px];
                const std::int64_t v = row[x];
                if (!m.seen) {
                    m = {true, v, v, x, y, x, y};
                    continue;
                }
                if (v > m.hi) m.hi = v, m.hx = x, m.hy = y;
                if (v < m.lo) m.lo = v, m.lx = x, m.ly = y;
            }
    }
    return e;
}

}  // namespace rigor::pixel::vc2_tight
