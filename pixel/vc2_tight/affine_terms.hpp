// The separable pieces of every bound (spec §3, tightened for integers).
//
// Weights.  A 2-D value's weight on entry (i, j) of an array with nodes (sx, sy) is
// gx[i]·gy[j] (every operation acts along one axis), so the sums of its positive and
// negative weights are P = Px·Py + Nx·Ny and N = Px·Ny + Nx·Py.
//
// Roundings.  A lift adds ±⌊(v + o)/2^S⌋ with v = Σ taps·A an integer and o = 2^(S−1)
// (S > 0): ⌊(v + o)/2^S⌋ = v/2^S + δ with δ ∈ [−½ + 2^−S, ½], exactly the values
// (o − r)/2^S for the remainders r = 0 … 2^S − 1; a subtracting lift adds −δ.  A shift by
// S = 0 is exact (δ = 0; the static analysis of the reference models it as v − ½ ± ½).
// The synthesis output (x + 2^(b−1)) >> b is x/2^b + δ with δ ∈ [−½ + 2^−b, ½].  Each
// updated entry has its own δ, and the target's coefficient on it is the gain from that
// entry (summed over every path), so the roundings of array k contribute
// Pk·δhi + Nk·δlo to the upper bound and Pk·δlo + Nk·δhi to the lower, with Pk, Nk the
// weight sums above over the updated entries (one parity along the lifted axis).
#pragma once
#include <utility>
#include <vector>

#include "filters/vc2/transform_graph.hpp"
#include "pixel/vc2_tight/class_response.hpp"

namespace rigor::pixel::vc2_tight {

// The rounding of one array: none, or δ ∈ [lo, hi] at every updated entry.
struct Rounding {
    bool none = true;
    bool along_x = true;  // lifts: the lifted axis
    int parity = -1;      // updated samples along it (−1: every entry, the output shift)
    Dyadic lo, hi;
    double dlo = 0, dhi = 0;
};

// Per array of the graph.
std::vector<Rounding> roundings(const rigor::vc2::TransformGraph& graph);

template <class N>
struct Range {
    N lo, hi;
};

// (P, N) of the weights on source nodes (sx, sy); parity −1: every entry.
template <class N>
std::pair<N, N> weight_sums(const ClassResponse& rx, int sx, const ClassResponse& ry, int sy, int parity_x = -1,
                            int parity_y = -1) {
    const N px = part<N>(rx.sums[static_cast<std::size_t>(sx)], true, parity_x, rx.fraction_bits);
    const N nx = part<N>(rx.sums[static_cast<std::size_t>(sx)], false, parity_x, rx.fraction_bits);
    const N py = part<N>(ry.sums[static_cast<std::size_t>(sy)], true, parity_y, ry.fraction_bits);
    const N ny = part<N>(ry.sums[static_cast<std::size_t>(sy)], false, parity_y, ry.fraction_bits);
    return {px * py + nx * ny, px * ny + nx * py};
}

// What every rounding upstream of the target adds: [Σ lower contributions, Σ upper].
template <class N>
Range<N> rounding_range(const rigor::vc2::TransformGraph& g, const std::vector<Rounding>& r, const ClassResponse& rx,
                        const ClassResponse& ry) {
    Range<N> out{N(0), N(0)};
    for (std::size_t k = 0; k < g.arrays.size(); ++k) {
        const Rounding& e = r[k];
        if (e.none) continue;
        const auto& a = g.arrays[k];
        if (rx.sums[static_cast<std::size_t>(a.x)].empty() || ry.sums[static_cast<std::size_t>(a.y)].empty()) continue;
        const auto [p, n] =
            weight_sums<N>(rx, a.x, ry, a.y, e.along_x ? e.parity : -1, e.along_x ? -1 : e.parity);
        if constexpr (std::is_same_v<N, double>) {
            out.hi += p * e.dhi + n * e.dlo;
            out.lo += p * e.dlo + n * e.dhi;
        } else {
            out.hi += p * e.hi + n * e.lo;
            out.lo += p * e.lo + n * e.hi;
        }
    }
    return out;
}

}  // namespace rigor::pixel::vc2_tight
