// Source samples read as binary32 under the boundary rule: the one definition of how a
// row outside the plane, a column beside it and a stored sample become a float, shared
// by the block interpreter (evaluate.cpp) and the generated code's row driver
// (jit/row_driver.cpp), so both read the same values.  Inlined into their callers (which
// are compiled for AVX2 and for baseline x86-64).
#pragma once
#include <cstdint>
#include <cstring>

#include "filters/expr/ir.hpp"
#include "pixel/expr/convert.hpp"
#include "pixel/expr/plane_job.hpp"
#include "pixel/io/half.hpp"

namespace rigor::pixel::expr {

// Index i of a line of n samples under a boundary rule (spec: mirror is edge-inclusive
// and keeps reflecting with period 2n).
[[gnu::always_inline]] inline int map_index(int i, int n, rigor::expr::Boundary mode) noexcept {
    if (i >= 0 && i < n) return i;
    if (mode != rigor::expr::Boundary::Mirror) return i < 0 ? 0 : n - 1;
    int period = 2 * n;
    int m = i % period;
    if (m < 0) m += period;
    return m < n ? m : period - 1 - m;
}

// Sample x of a row of s as a float.
[[gnu::always_inline]] inline float read_sample(const PlaneSource& s, const std::byte* row, int x) noexcept {
    switch (s.bytes_per_sample) {
        case 1: return float(reinterpret_cast<const std::uint8_t*>(row)[x]);
        case 2: {
            std::uint16_t v = reinterpret_cast<const std::uint16_t*>(row)[x];
            return s.is_float ? half_to_float(v) : float(v);
        }
        default: return reinterpret_cast<const float*>(row)[x];
    }
}

// Samples x_start .. x_start+n-1 of row y (both possibly outside the plane) as floats.
[[gnu::always_inline]] inline void read_samples(const PlaneSource& s, int y, int x_start, int n,
                                                rigor::expr::Boundary mode, float* out) noexcept {
    const std::byte* row = s.data + std::ptrdiff_t(map_index(y, s.height, mode)) * s.stride;
    // Lanes [lo, hi) lie inside the row and convert as one run; only the lanes beyond
    // either edge (first and last blocks of a row with x[dx,dy]) map their index.
    int lo = x_start < 0 ? -x_start : 0;
    int hi = s.width - x_start < n ? s.width - x_start : n;
    if (lo > n) lo = n;
    if (hi < lo) hi = lo;
    for (int i = 0; i < lo; ++i) out[i] = read_sample(s, row, map_index(x_start + i, s.width, mode));
    const int k = hi - lo;
    float* o = out + lo;
    if (s.bytes_per_sample == 1) {
        u8_to_float(reinterpret_cast<const std::uint8_t*>(row) + x_start + lo, o, k);
    } else if (s.bytes_per_sample == 2 && !s.is_float) {
        u16_to_float(reinterpret_cast<const std::uint16_t*>(row) + x_start + lo, o, k);
    } else if (s.bytes_per_sample == 4) {
        if (k > 0) std::memcpy(o, reinterpret_cast<const float*>(row) + x_start + lo, std::size_t(k) * sizeof(float));
    } else {
        for (int i = 0; i < k; ++i) o[i] = read_sample(s, row, x_start + lo + i);
    }
    for (int i = hi; i < n; ++i) out[i] = read_sample(s, row, map_index(x_start + i, s.width, mode));
}

}  // namespace rigor::pixel::expr
