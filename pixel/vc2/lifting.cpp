#include "pixel/vc2/lifting.hpp"

#include <algorithm>

#include "filters/vc2/edge_rule.hpp"

namespace rigor::pixel::vc2 {

namespace {

// What both loops need of a stage.  The taps are clamped at the line's ends by the spec's
// edge rule (ST 2042-1 15.4.4.1), defined once in filters/vc2/edge_rule.hpp.
struct Plan {
    bool even, add;
    std::int64_t offset;  // 2^(S−1): rounds t >> S to nearest
    int taps;

    explicit Plan(const rigor::vc2::LiftingStage& s)
        : even(s.updates_even()),
          add(s.adds()),
          offset(s.shift > 0 ? std::int64_t{1} << (s.shift - 1) : 0),
          taps(static_cast<int>(s.taps.size())) {}
};

}  // namespace

void lift_line_reference(std::int64_t* line, long n, long stride, const rigor::vc2::LiftingStage& stage) noexcept {
    const Plan p(stage);
    for (long k = p.even ? 0 : 1; k < n; k += 2) {
        std::int64_t t = p.offset;
        for (int i = 0; i < p.taps; ++i) {
            const long pos = rigor::vc2::clamped_tap_index(stage, k, i, n);
            t += stage.taps[static_cast<std::size_t>(i)] * line[pos * stride];
        }
        t >>= stage.shift;  // arithmetic: floor division by 2^S
        line[k * stride] += p.add ? t : -t;
    }
}

// As lift_line_reference; the samples whose taps all lie inside the clamping range
// (tap positions k + 2D − 1 + 2i, i < L, within [lo, hi] of the edge rule) skip the
// clamp and read their taps at a fixed step.  Only the few samples near the ends clamp.
void lift_line(std::int64_t* line, long n, long stride, const rigor::vc2::LiftingStage& stage) noexcept {
    const Plan p(stage);
    const int* taps = stage.taps.data();
    const long first = p.even ? 0 : 1;
    const long lo = p.even ? 1 : 0, hi = p.even ? n - 1 : n - 2;
    const long reach = 2L * stage.delay - 1;  // the first tap's offset from k
    auto clamped = [&](long k) {
        std::int64_t t = p.offset;
        for (int i = 0; i < p.taps; ++i) t += taps[i] * line[rigor::vc2::clamped_tap_index(stage, k, i, n) * stride];
        t >>= stage.shift;
        line[k * stride] += p.add ? t : -t;
    };
    // Interior: lo ≤ k + reach and k + reach + 2(L − 1) ≤ hi, k of the stage's parity.
    long begin = std::max(first, lo - reach), end = hi - reach - 2L * (p.taps - 1);  // k in [begin, end]
    if ((begin - first) % 2 != 0) ++begin;
    long k = first;
    for (; k < n && k < begin; k += 2) clamped(k);
    const long step = 2 * stride;
    for (; k <= end && k < n; k += 2) {
        const std::int64_t* in = line + (k + reach) * stride;
        std::int64_t t = p.offset;
        for (int i = 0; i < p.taps; ++i) t += taps[i] * in[i * step];
        t >>= stage.shift;
        line[k * stride] += p.add ? t : -t;
    }
    for (; k < n; k += 2) clamped(k);
}

bool lift_line_checked(std::int64_t* line, long n, long stride, const rigor::vc2::LiftingStage& stage) noexcept {
    const Plan p(stage);
    for (long k = p.even ? 0 : 1; k < n; k += 2) {
        std::int64_t t = p.offset;
        for (int i = 0; i < p.taps; ++i) {
            const long pos = rigor::vc2::clamped_tap_index(stage, k, i, n);
            std::int64_t product;
            if (__builtin_mul_overflow(std::int64_t{stage.taps[static_cast<std::size_t>(i)]}, line[pos * stride],
                                       &product) ||
                __builtin_add_overflow(t, product, &t))
                return false;
        }
        t >>= stage.shift;
        std::int64_t& x = line[k * stride];
        if (p.add ? __builtin_add_overflow(x, t, &x) : __builtin_sub_overflow(x, t, &x)) return false;
    }
    return true;
}

}  // namespace rigor::pixel::vc2
