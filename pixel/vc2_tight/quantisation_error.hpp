// What quantising and dequantising at one index does to a coefficient known to lie in
// [lo, hi] (SMPTE ST 2042-1 13.3; pixel/vc2/quantisation.hpp): Q(c) = inverse(forward(c)).
//
// Q is odd (Q(−c) = −Q(c)) and non-decreasing, constant on each step
// k·qf/4 ≤ |c| < (k+1)·qf/4, with Q = 0 on the dead zone (k = 0).  Beyond the dead zone
// Q(c + qf) = Q(c) + qf exactly (four steps later the numerator k·qf + offset + 2 grows by
// 4·qf), so r(c) = Q(c) − c is periodic there with period qf.  Within a step r falls by 1
// per unit of c, so its extremes over [0, h] are at step ends: the largest at a step's
// first c, the smallest at its last (or at h).  Hence it suffices to try the first five
// and the last five steps of [0, h] (a whole period of four lies among them unless
// there are fewer) — O(1) whatever qf.
#pragma once
#include <cstdint>

namespace rigor::pixel::vc2_tight {

struct QuantisedRange {
    std::int64_t dequantised_lo = 0, dequantised_hi = 0;  // Q(lo), Q(hi): the extremes of Q
    std::int64_t error_lo = 0, error_hi = 0;              // extremes of Q(c) − c over integers c in [lo, hi]
    bool zeroed = false;                                  // Q(c) = 0 on the whole range
};

// lo ≤ 0 ≤ hi; index 0 … kMaxQuantisationIndex.
QuantisedRange quantised_range(std::int64_t lo, std::int64_t hi, int index);

// Lines below and above Q (decoder_bounds.hpp): the extremes of 8·Q(c) − j·c over the
// integers c of [lo, hi], for a slope α = j/8, 0 ≤ j ≤ 8, so that
//   α·c + lo/8 ≤ Q(c) ≤ α·c + hi/8  there.
// Within a step Q is constant, so 8Q − j·c is largest at a step's first c and smallest
// at its last; beyond the dead zone a period of four steps adds (8 − j)·qf ≥ 0, so the
// largest is among the last five steps of [0, h] and the smallest among the first five
// (Q odd: the negative side is the positive side of −c negated) — exact, O(1).
struct LineOffsets {
    std::int64_t lo = 0, hi = 0;
};
LineOffsets line_offsets(std::int64_t lo, std::int64_t hi, int index, int eighths);

}  // namespace rigor::pixel::vc2_tight
