// Classes of positions (edge_classes.hpp) that a bound cannot tell apart.
//
// Many Left and Right classes of a line have the same response as a neighbour (the
// dependency region is conservative: a position in it need not read a clamped tap), so
// their class pairs would repeat the same computation.  A computation that reads of a
// class only numbers that are equal for two classes — sums, and gains compared after one
// common translation when the computation places them only relative to each other —
// performs the same operations on the same numbers for both, so it gives the same
// result, every double included.  Computing it for the first class of each set of equal
// ones and reusing it for the others therefore changes nothing but the time.
#pragma once
#include <cstddef>
#include <vector>

#include "pixel/vc2_tight/class_response.hpp"

namespace rigor::pixel::vc2_tight {

// For each i < n the least j ≤ i with same(j, i), compared with the representatives found
// so far only (same must be an equivalence: reflexive, symmetric and transitive).
template <class Same>
std::vector<std::size_t> first_equal(std::size_t n, Same&& same) {
    std::vector<std::size_t> out(n), found;
    for (std::size_t i = 0; i < n; ++i) {
        out[i] = i;
        for (std::size_t j : found)
            if (same(j, i)) {
                out[i] = j;
                break;
            }
        if (out[i] == i) found.push_back(i);
    }
    return out;
}

// The exact sums equal (their doubles are computed from them, so equal too).
inline bool same_sums(const NodeSums& a, const NodeSums& b) {
    return a.p[0] == b.p[0] && a.p[1] == b.p[1] && a.n[0] == b.n[0] && a.n[1] == b.n[1];
}

// b[k] = a[k − t] for every k, with the same stored range, for one t common to every
// polynomial of the lists (equal lengths; empty ones only where the other is empty).
inline bool same_up_to_translation(const std::vector<FixedPolynomial>& a, const std::vector<FixedPolynomial>& b) {
    if (a.size() != b.size()) return false;
    bool have_shift = false;
    long t = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i].empty() != b[i].empty()) return false;
        if (a[i].empty()) continue;
        if (!have_shift) {
            t = b[i].lowest() - a[i].lowest();
            have_shift = true;
        }
        if (b[i].lowest() != a[i].lowest() + t || b[i].highest() != a[i].highest() + t) return false;
        for (long k = a[i].lowest(); k <= a[i].highest(); ++k)
            if (a[i][k] != b[i][k + t]) return false;
    }
    return true;
}

}  // namespace rigor::pixel::vc2_tight
