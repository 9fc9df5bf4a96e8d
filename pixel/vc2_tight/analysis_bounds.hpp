// Edge-inclusive exact bounds of every analysis (encoder) array: for each array and each
// phase, the largest and smallest value any picture of the geometry can give at any
// position of that phase, edges included.
//
// A value is T = Σ_p w_p·x_p + Σ_k a_k·δ_k with x_p ∈ [lo, hi] the picture and δ_k the
// roundings (affine_terms.hpp); its extremes are bounded by
//   upper = hi·P + lo·N + Σ_k (Pk·δhi_k + Nk·δlo_k),  lower = lo·P + hi·N + Σ_k (Pk·δlo_k + Nk·δhi_k),
// and T is an integer, so ⌊upper⌋ and ⌈lower⌉ bound it.  The maximum over positions is
// taken over the classes of edge_classes.hpp (phase_extremes.hpp: first in doubles, then
// exactly for every pair within 10^−9 (relative) of the best, which a double sum of
// ≤ 10^6 terms cannot miss by more than ~10^−13).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "pixel/vc2_bit_widths/concrete_bounds.hpp"
#include "pixel/vc2_tight/affine_terms.hpp"
#include "pixel/vc2_tight/geometry.hpp"
#include "pixel/vc2_tight/phase_extremes.hpp"
#include "pixel/vc2_tight/response_cache.hpp"

namespace rigor::pixel::vc2_tight {

using pixel::vc2_bit_widths::IntegerRange;

struct ArrayBound {
    int index = -1;  // in the graph
    int level = 0;
    std::string name;
    long period_x = 1, period_y = 1;
    std::vector<PhaseBound> phases;  // x-major: phase (px, py) at px·period_y + py
    // Over every position: the range of the linear part (the pixels' weights alone) and
    // of the roundings' part, exactly (the synthesis bounds use them for the bands).
    Range<Dyadic> linear, rounding;

    IntegerRange range() const;  // over every phase
    // Array `index` of its graph, no phase yet.
    static ArrayBound empty_for(const rigor::vc2::TransformArray& array, int index);
};

struct AnalysisBounds {
    PictureGeometry geometry;
    IntegerRange picture;
    std::vector<ArrayBound> arrays;  // every array of the analysis graph, in its order

    const ArrayBound& find(int level, const std::string& name) const;
};

AnalysisBounds analysis_bounds(const PictureGeometry& geometry, IntegerRange picture, unsigned threads = 1);

}  // namespace rigor::pixel::vc2_tight
