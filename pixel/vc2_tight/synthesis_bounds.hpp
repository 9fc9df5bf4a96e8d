// Edge-inclusive bounds of every synthesis (decoder) array in the reference's model of
// the decoder's input: every coefficient of band b anywhere in [M_lo(b), M_hi(b)], the
// largest values dequantisation can produce at any index from the band's analysis range
// (concrete_bounds.hpp), each coefficient independent of the others.
//
// A synthesis value is T = Σ_c w_c·ĉ_c + Σ_k a_k·δ_k: the coefficients ĉ (integers) of
// every band through the synthesis networks' gains w_c = wx[cx]·wy[cy] — class responses
// on the finite lines, so edges are included (edge_classes.hpp) — plus the synthesis
// roundings (affine_terms.hpp).  With W⁺_b, W⁻_b the sums of the positive and negative
// gains on band b (P = PxPy + NxNy, N = PxNy + NxPy),
//   upper = Σ_b (W⁺_b·M_hi(b) + W⁻_b·M_lo(b)) + Σ_k (P_k·δhi_k + N_k·δlo_k),
//   lower = Σ_b (W⁺_b·M_lo(b) + W⁻_b·M_hi(b)) + Σ_k (P_k·δlo_k + N_k·δhi_k),
// and T is an integer (⌊upper⌋, ⌈lower⌉).  Every term is reached by some choice of the
// coefficients (the sign pattern of w), so the linear part is exact for this model; the
// bound is sound for every quantisation index, since every ĉ lies in its band's range.
// The band ranges are edge-inclusive (analysis_bounds.hpp), so the bound holds for every
// picture of the geometry.
#pragma once
#include <string>
#include <vector>

#include "pixel/vc2_tight/analysis_bounds.hpp"

namespace rigor::pixel::vc2_tight {

// One coefficient band: its analysis range (edges included) and what dequantisation can
// make of it.
struct BandRange {
    int level = 0;  // 0: the DC band
    std::string orient;
    IntegerRange analysis, synthesis;
};

struct SynthesisBounds {
    PictureGeometry geometry;
    std::vector<BandRange> bands;    // as the synthesis graph's bands (depth 0: the DC band)
    std::vector<ArrayBound> arrays;  // every array of the synthesis graph, in its order
                                     // (linear and rounding are left empty)

    const ArrayBound& find(int level, const std::string& name) const;
    const BandRange& band(int level, const std::string& orient) const;
};

// The bands' ranges from the analysis bounds (the DC band is level 1's LL or L; a depth-0
// transform's DC band is the picture).
std::vector<BandRange> band_ranges(const AnalysisBounds& analysis);

SynthesisBounds synthesis_bounds(const AnalysisBounds& analysis, unsigned threads = 1);

}  // namespace rigor::pixel::vc2_tight
