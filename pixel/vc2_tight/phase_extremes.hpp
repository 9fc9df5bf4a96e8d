// The bound of every phase of one array from the bounds of its class pairs: every x
// class of the array's line with every y class (the values factor, so a pair costs a few
// products).  The maximum is found in doubles first, then exactly (exact_max.hpp) among
// the pairs within the screening margin of the best; the upper bound is ⌊max hi⌋ and the
// lower ⌈min lo⌉, the values being integers.
#pragma once
#include <cstdint>
#include <utility>
#include <vector>

#include "pixel/vc2_tight/affine_terms.hpp"
#include "pixel/vc2_tight/edge_classes.hpp"
#include "pixel/vc2_tight/exact_max.hpp"
#include "pixel/vc2_tight/refined_screening.hpp"

namespace rigor::pixel::vc2_tight {

// A position class pair of an array: where an extreme is.
struct ClassPair {
    AxisClass x, y;
};

struct PhaseBound {
    std::int64_t lower = 0, upper = 0;
    ClassPair at_lower, at_upper;
};

// The extreme (largest `pick`) over the pairs k that `keep`; pick maps a Range<double> or
// Range<Dyadic> to the value maximised (negate to minimise).  Returns (value, pair).
// With floor_only, the value is one with the maximum's floor (exact_floor_max).
template <class Pick, class Keep, class Exact>
std::pair<Dyadic, std::size_t> screened_extreme(const std::vector<Range<double>>& approx, double margin, Pick pick,
                                                Keep keep, Exact&& exact, bool floor_only = false) {
    std::vector<double> values;
    std::vector<std::size_t> index;
    for (std::size_t k = 0; k < approx.size(); ++k)
        if (keep(k)) {
            values.push_back(pick(approx[k]));
            index.push_back(k);
        }
    auto value = [&](std::size_t j) { return pick(exact(index[j])); };
    const ExactMax m = floor_only ? exact_floor_max(values, margin, value) : exact_max(values, margin, value);
    return {m.value, index[m.index]};
}

// Phases x-major (px·period_y + py).  `approx[k]` is pair k = (X[k / |Y|], Y[k % |Y|]) in
// doubles, `exact(k)` the same exactly; `margin` as exact_max.hpp.
template <class Exact>
std::vector<PhaseBound> phase_extremes(const std::vector<AxisClass>& X, const std::vector<AxisClass>& Y,
                                       long period_x, long period_y, const std::vector<Range<double>>& approx,
                                       double margin, Exact&& exact) {
    std::vector<PhaseBound> out;
    const std::size_t ny = Y.size();
    auto pair_at = [&](std::size_t k) { return ClassPair{X[k / ny], Y[k % ny]}; };
    for (long px = 0; px < period_x; ++px)
        for (long py = 0; py < period_y; ++py) {
            auto in_phase = [&](std::size_t k) { return X[k / ny].phase == px && Y[k % ny].phase == py; };
            const auto [hi, at_hi] =
                screened_extreme(approx, margin, [](const auto& v) { return v.hi; }, in_phase, exact, true);
            const auto [lo, at_lo] =
                screened_extreme(approx, margin, [](const auto& v) { return -v.lo; }, in_phase, exact, true);
            out.push_back({(-lo).ceil(), hi.floor(), pair_at(at_lo), pair_at(at_hi)});
        }
    return out;
}

// The same phases when the doubles screened are refinements (refined_screening.hpp):
// `cheap[k]` contains pair k's refined range, fine(k, side) is its refined upper end
// (side +1, ≤ cheap[k].hi) or lower end (side −1, ≥ cheap[k].lo) in doubles and exact(k,
// side) the same exactly.  Gives what phase_extremes gives with approx[k] = the refined
// range and exact(k) its exact range, computing each refinement only where it can matter
// and each (pair, side) at most once.
template <class Fine, class Exact>
std::vector<PhaseBound> refined_phase_extremes(const std::vector<AxisClass>& X, const std::vector<AxisClass>& Y,
                                               long period_x, long period_y, const std::vector<Range<double>>& cheap,
                                               double margin, Fine&& fine, Exact&& exact) {
    std::vector<PhaseBound> out;
    const std::size_t ny = Y.size();
    auto pair_at = [&](std::size_t k) { return ClassPair{X[k / ny], Y[k % ny]}; };
    for (long px = 0; px < period_x; ++px)
        for (long py = 0; py < period_y; ++py) {
            std::vector<std::size_t> index;
            for (std::size_t k = 0; k < cheap.size(); ++k)
                if (X[k / ny].phase == px && Y[k % ny].phase == py) index.push_back(k);
            // side +1 the largest upper end, −1 the largest negated lower end.
            auto extreme = [&](int side) {
                std::vector<double> bound;
                for (std::size_t k : index) bound.push_back(side > 0 ? cheap[k].hi : -cheap[k].lo);
                const std::vector<double> values =
                    refined_values(bound, margin, [&](std::size_t j) { return side * fine(index[j], side); });
                const ExactMax m = exact_floor_max(values, margin, [&](std::size_t j) {
                    return side > 0 ? exact(index[j], side) : -exact(index[j], side);
                });
                return std::pair{m.value, index[m.index]};
            };
            const auto [hi, at_hi] = extreme(1);
            const auto [lo, at_lo] = extreme(-1);
            out.push_back({(-lo).ceil(), hi.floor(), pair_at(at_lo), pair_at(at_hi)});
        }
    return out;
}

}  // namespace rigor::pixel::vc2_tight
