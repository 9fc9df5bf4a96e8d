// Maps an index outside [0, n) to the sample a box mean reads (see BorderMode).
// Total for any integer and any n ≥ 1: the mirrored modes fold periodically, so a
// radius larger than the plane still reads valid samples.  vszip depends on the window's
// centre past the far edge: border_index gives its near-edge (reflect) mapping only,
// window_index the whole of it.
#pragma once
#include "filters/regress/params.hpp"

namespace rigor::regress {

constexpr int border_index(int i, int n, BorderMode mode) noexcept {
    if (i >= 0 && i < n) return i;
    switch (mode) {
        case BorderMode::clamp: return i < 0 ? 0 : n - 1;
        case BorderMode::mirror: {  // period 2n: 0 … n−1, n−1 … 0
            const int p = 2 * n;
            int k = i % p;
            if (k < 0) k += p;
            return k < n ? k : p - 1 - k;
        }
        case BorderMode::reflect:
        case BorderMode::vszip: {  // period 2n−2: 0 … n−1, n−2 … 1
            if (n == 1) return 0;
            const int p = 2 * n - 2;
            int k = i % p;
            if (k < 0) k += p;
            return k < n ? k : p - k;
        }
    }
    return 0;
}

// The sample a window centred on `centre` reads at offset d (centre + d outside [0, n)
// goes through the border).  vszip, as its float box blur indexes (spec: "Borders of the
// box mean"): before the start min(−(centre + d), n − 1); past the end max(n − 1 − d, 0).
constexpr int window_index(int centre, int d, int n, BorderMode mode) noexcept {
    const int i = centre + d;
    if (mode != BorderMode::vszip || (i >= 0 && i < n)) return border_index(i, n, mode);
    if (i < 0) return -i < n - 1 ? -i : n - 1;
    return n - 1 - d > 0 ? n - 1 - d : 0;
}

}  // namespace rigor::regress
