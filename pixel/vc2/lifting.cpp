#include "pixel/vc2/lifting.hpp"

#include "filters/vc2/edge_rule.hpp"

namespace rigor::pixel::vc2 {

void lift_line(std::int64_t* line, long n, long stride, const rigor::vc2::LiftingStage& stage) noexcept {
    const bool even = stage.updates_even();
    const bool add = stage.adds();
    const std::int64_t offset = stage.shift > 0 ? std::int64_t{1} << (stage.shift - 1) : 0;
    const int taps = static_cast<int>(stage.taps.size());
    for (long k = even ? 0 : 1; k < n; k += 2) {
        std::int64_t t = offset;
        for (int i = 0; i < taps; ++i) {
            const long pos = rigor::vc2::clamped_tap_index(stage, k, i, n);
            t += stage.taps[static_cast<std::size_t>(i)] * line[pos * stride];
        }
        t >>= stage.shift;  // arithmetic: floor division by 2^S
        line[k * stride] += add ? t : -t;
    }
}

}  // namespace rigor::pixel::vc2
