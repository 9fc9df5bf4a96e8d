#include "pixel/vc2/lifting.hpp"

#include <algorithm>
#include <vector>

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

namespace {

// t = offset + Σ taps[i]·in[i·step] with the tap count known at compile time (the
// standard wavelets have 1, 2, 4 or 8 taps), in the order of lift_line_reference.
template <int Taps>
inline std::int64_t tap_sum(const std::int64_t* in, long step, const int* taps, std::int64_t offset) noexcept {
    std::int64_t t = offset;
    for (int i = 0; i < Taps; ++i) t += taps[i] * in[i * step];
    return t;
}

// The interior samples k … end (k < n) of lift_line; returns the first k after them.
template <int Taps>  // Taps = 0: any count, p.taps
long lift_interior(std::int64_t* line, long k, long end, long n, long stride, long reach, const Plan& p, int shift,
                   const int* taps) noexcept {
    const long step = 2 * stride;
    for (; k <= end && k < n; k += 2) {
        const std::int64_t* in = line + (k + reach) * stride;
        std::int64_t t;
        if constexpr (Taps > 0) {
            t = tap_sum<Taps>(in, step, taps, p.offset);
        } else {
            t = p.offset;
            for (int i = 0; i < p.taps; ++i) t += taps[i] * in[i * step];
        }
        t >>= shift;
        line[k * stride] += p.add ? t : -t;
    }
    return k;
}

}  // namespace

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
    switch (p.taps) {
        case 1: k = lift_interior<1>(line, k, end, n, stride, reach, p, stage.shift, taps); break;
        case 2: k = lift_interior<2>(line, k, end, n, stride, reach, p, stage.shift, taps); break;
        case 4: k = lift_interior<4>(line, k, end, n, stride, reach, p, stage.shift, taps); break;
        case 8: k = lift_interior<8>(line, k, end, n, stride, reach, p, stage.shift, taps); break;
        default: k = lift_interior<0>(line, k, end, n, stride, reach, p, stage.shift, taps); break;
    }
    for (; k < n; k += 2) clamped(k);
}

// Every line at once, one sample index k at a time: the rows of the taps (clamped once
// per k, not per line) are read along the lines' contiguous axis.  Each line gets the
// operations of lift_line_reference in the same order, so the same values.
void lift_lines(std::int64_t* first, long n, long stride, long count, const rigor::vc2::LiftingStage& stage) {
    const Plan p(stage);
    std::vector<const std::int64_t*> rows(static_cast<std::size_t>(p.taps));
    std::vector<std::int64_t> t(static_cast<std::size_t>(count));
    const int* taps = stage.taps.data();
    for (long k = p.even ? 0 : 1; k < n; k += 2) {
        for (int i = 0; i < p.taps; ++i)
            rows[static_cast<std::size_t>(i)] = first + rigor::vc2::clamped_tap_index(stage, k, i, n) * stride;
        std::int64_t* __restrict sum = t.data();
        for (long j = 0; j < count; ++j) sum[j] = p.offset;
        for (int i = 0; i < p.taps; ++i) {
            const std::int64_t* __restrict in = rows[static_cast<std::size_t>(i)];
            const std::int64_t tap = taps[i];
            for (long j = 0; j < count; ++j) sum[j] += tap * in[j];
        }
        std::int64_t* __restrict out = first + k * stride;
        const int shift = stage.shift;
        if (p.add)
            for (long j = 0; j < count; ++j) out[j] += sum[j] >> shift;
        else
            for (long j = 0; j < count; ++j) out[j] -= sum[j] >> shift;
    }
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
