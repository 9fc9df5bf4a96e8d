// Maps an index outside [0, n) to the sample a box mean reads (see BorderMode).
// Total for any integer and any n ≥ 1: the mirrored modes fold periodically, so a
// radius larger than the plane still reads valid samples.
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
        case BorderMode::reflect: {  // period 2n−2: 0 … n−1, n−2 … 1
            if (n == 1) return 0;
            const int p = 2 * n - 2;
            int k = i % p;
            if (k < 0) k += p;
            return k < n ? k : p - k;
        }
    }
    return 0;
}

}  // namespace rigor::regress
