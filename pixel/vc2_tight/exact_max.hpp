// The exact maximum of many exact values screened in doubles: every value whose double
// lies within `margin` of the largest double is computed exactly and the largest of those
// is returned.  Sound when each double is within margin/2 of its exact value.
#pragma once
#include <algorithm>
#include <cstddef>
#include <vector>

#include "filters/base/error.hpp"
#include "pixel/vc2_tight/dyadic.hpp"

namespace rigor::pixel::vc2_tight {

struct ExactMax {
    Dyadic value;
    std::size_t index = 0;
};

// `exact(i)` gives value i exactly; `approx` its doubles.  approx must not be empty.
template <class Exact>
ExactMax exact_max(const std::vector<double>& approx, double margin, Exact&& exact) {
    if (approx.empty()) throw InternalError("no value to maximise");
    const double best = *std::max_element(approx.begin(), approx.end());
    ExactMax out;
    bool have = false;
    for (std::size_t i = 0; i < approx.size(); ++i) {
        if (approx[i] < best - margin) continue;
        Dyadic v = exact(i);
        if (!have || v > out.value) out = {std::move(v), i};
        have = true;
    }
    return out;
}

// ⌊max⌋ only (the bounds are integers): the candidates in descending order of their
// doubles, stopping at the first whose double + margin/2 is below ⌊best exact⌋ + 1 — it and
// every later one are below that integer, so they cannot raise the floor.  `value` is an
// exact value whose floor is that of the maximum, `index` where it is.
template <class Exact>
ExactMax exact_floor_max(const std::vector<double>& approx, double margin, Exact&& exact) {
    if (approx.empty()) throw InternalError("no value to maximise");
    const double best = *std::max_element(approx.begin(), approx.end());
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < approx.size(); ++i)
        if (approx[i] >= best - margin) order.push_back(i);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return approx[a] > approx[b]; });
    ExactMax out;
    std::int64_t floor = 0;
    for (std::size_t k = 0; k < order.size(); ++k) {
        const std::size_t i = order[k];
        if (k > 0 && approx[i] + margin / 2 < static_cast<double>(floor) + 1) break;
        Dyadic v = exact(i);
        if (k == 0 || v > out.value) {
            out = {std::move(v), i};
            floor = out.value.floor();
        }
    }
    return out;
}

// Relative screening margin: doubles of sums of ≤ 10^6 products of a few doubles are
// within ~10^−13 of their exact values, relative to the sum of the terms' magnitudes.
inline double screening_margin(double magnitude) { return 1e-9 * (magnitude + 1.0); }

}  // namespace rigor::pixel::vc2_tight
