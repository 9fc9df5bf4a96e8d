#include "pixel/vc2/lifting.hpp"

#include <algorithm>

namespace rigor::pixel::vc2 {

void lift_line(std::int64_t* line, long n, long stride, const rigor::vc2::LiftingStage& stage) noexcept {
    const bool even = stage.updates_even();
    const bool add = stage.adds();
    // Spec 15.4.4.1: even samples read odd taps clamped to [1, n−1]; odd samples read
    // even taps clamped to [0, n−2].
    const long lo = even ? 1 : 0;
    const long hi = even ? n - 1 : n - 2;
    const std::int64_t offset = stage.shift > 0 ? std::int64_t{1} << (stage.shift - 1) : 0;
    const int taps = static_cast<int>(stage.taps.size());
    for (long k = even ? 0 : 1; k < n; k += 2) {
        std::int64_t t = offset;
        for (int i = 0; i < taps; ++i) {
            const long pos = std::clamp(stage.tap_index(k, i), lo, hi);
            t += stage.taps[static_cast<std::size_t>(i)] * line[pos * stride];
        }
        t >>= stage.shift;  // arithmetic: floor division by 2^S
        line[k * stride] += add ? t : -t;
    }
}

}  // namespace rigor::pixel::vc2
