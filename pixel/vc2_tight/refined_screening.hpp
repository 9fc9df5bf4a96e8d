// Screening with a cheap bound first: the doubles exact_floor_max (exact_max.hpp) screens
// are each the least of a cheap value and an expensive refinement (decoder_bounds.hpp:
// the bound without and with the coupled bands, coupled_bands.hpp); the refinement is
// computed only where it can still matter.
//
// Given cheap[i] ≥ fine(i) for every i, refined_values returns v with v[i] = fine(i)
// where it computed fine(i) and v[i] = −∞ elsewhere, visiting i by decreasing cheap[i]
// and stopping at the first i with cheap[i] < F − margin, F the largest fine value
// computed so far.
//
// Claim: exact_floor_max(v, margin, exact) and exact_floor_max(f, margin, exact), f[i] =
// fine(i) for every i, return the same value and index, and call exact on the same
// indices in the same order.  Proof.  Every i not computed comes at or after the stop,
// so f[i] ≤ cheap[i] ≤ cheap[stop] < F − margin ≤ F; hence max f = F = max v (the computed
// i have v[i] = f[i], the others v[i] = −∞ < F), and those i are below F − margin, outside
// the window of both calls.  The window {i : value ≥ F − margin} is then the same set in
// both, with the same doubles, listed in the same (increasing) order before the same sort,
// and exact_floor_max reads nothing else.  With cheap empty, v is empty.
#pragma once
#include <algorithm>
#include <cstddef>
#include <limits>
#include <numeric>
#include <vector>

namespace rigor::pixel::vc2_tight {

// `fine(i)` is called at most once per i, only where it can reach the window.
template <class Fine>
std::vector<double> refined_values(const std::vector<double>& cheap, double margin, Fine&& fine) {
    std::vector<double> out(cheap.size(), -std::numeric_limits<double>::infinity());
    std::vector<std::size_t> order(cheap.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return cheap[a] > cheap[b]; });
    bool any = false;
    double best = 0;
    for (std::size_t i : order) {
        if (any && cheap[i] < best - margin) break;
        out[i] = fine(i);
        best = any ? std::max(best, out[i]) : out[i];
        any = true;
    }
    return out;
}

}  // namespace rigor::pixel::vc2_tight
