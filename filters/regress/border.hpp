// The border rules of the window means, defined once (params.hpp names them; spec:
// local-regression.md, "Borders of the box mean").  Every kernel that reads a window —
// the running window sums (pixel/regress/window_sums.hpp), the order statistics
// (pixel/regress/window_mean.cpp) — maps indices through these functions and nothing
// else.  Each axis is mapped on its own: the sample of a (2r+1)² window centred on
// (x, y) at offset (dx, dy) is src[window_index(y, dy, h)][window_index(x, dx, w)].
//
// For an index i outside [0, n) (n ≥ 1), with p the period of the fold:
//   mirror  (half-sample):  p = 2n, k = i mod p,  k < n ? k : p − 1 − k   (−1 → 0, n → n−1)
//   reflect (whole-sample): p = 2n − 2, k = i mod p,  k < n ? k : p − k   (−1 → 1, n → n−2;
//                           n = 1 → 0)
//   clamp:                  i < 0 ? 0 : n − 1
// These fold periodically, so a radius larger than the plane still reads valid samples.
//
//   vszip, the module's box blur: vszip BoxBlur(hradius = vradius = r, passes 1) on float
//   planes, as its compile-time kernels index (src/filters/boxblur_comptime.zig, used for
//   r ≤ 22): the sample at offset d of the window centred on c, i = c + d, is
//     i < 0:     min(−i, n − 1)            (reflect, clamped for planes narrower than r)
//     i > n − 1: max(n − 1 − d, 0)         (= c − min(i − (n − 1), c): the overshoot taken
//                                           back from the centre, so it depends on c)
//     otherwise  i.
//   For r > 22 vszip runs its running-sum kernels instead (boxblur_runtime.zig), which
//   mirror half-sample on both edges (they read past the plane when n < 2r + 1; rigor
//   folds as mirror above): border_at_radius() gives that rule.
#pragma once
#include "filters/regress/params.hpp"

namespace rigor::regress {

// The largest radius vszip's BoxBlur runs with its compile-time (irregular) mapping.
inline constexpr int kVszipLargestCompiledRadius = 22;

// The rule a window of radius r actually follows: vszip above its compile-time radii is
// mirror; every other mode is itself.
constexpr BorderMode border_at_radius(BorderMode mode, int radius) noexcept {
    return mode == BorderMode::vszip && radius > kVszipLargestCompiledRadius ? BorderMode::mirror : mode;
}

// The sample index i maps to.  For vszip this is its near-edge (reflect) mapping only;
// its far edge depends on the window's centre: use window_index.
constexpr int border_index(int i, int n, BorderMode mode) noexcept {
    if (i >= 0 && i < n) return i;
    switch (mode) {
        case BorderMode::clamp: return i < 0 ? 0 : n - 1;
        case BorderMode::mirror: {
            const int p = 2 * n;
            int k = i % p;
            if (k < 0) k += p;
            return k < n ? k : p - 1 - k;
        }
        case BorderMode::reflect:
        case BorderMode::vszip: {
            if (n == 1) return 0;
            const int p = 2 * n - 2;
            int k = i % p;
            if (k < 0) k += p;
            return k < n ? k : p - k;
        }
    }
    return 0;
}

// The sample a window centred on `centre` reads at offset d (any mode; vszip as above).
// Pass border_at_radius(mode, r) for a window of radius r.
constexpr int window_index(int centre, int d, int n, BorderMode mode) noexcept {
    const int i = centre + d;
    if (mode != BorderMode::vszip || (i >= 0 && i < n)) return border_index(i, n, mode);
    if (i < 0) return -i < n - 1 ? -i : n - 1;
    return n - 1 - d > 0 ? n - 1 - d : 0;
}

}  // namespace rigor::regress
