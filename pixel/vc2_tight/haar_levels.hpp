// Exact Haar decoder bounds (issue 12 part 2, the rows decoder_bounds.hpp leaves as ranges):
// for the Haar wavelets (index 3, no shift; index 4, filter bit shift 1) in both directions,
// every synthesis array of the chain picture → analysis → dead-zone quantiser at index qi
// (band b at max(0, qi − m_b)) → synthesis, by enumeration instead of a linear model.
//
// The Haar lifting (ST 2042-1 15.4.4, wavelet.cpp; analysis = synthesis stages reversed,
// add and subtract swapped) touches only the two samples of a pair:
//   analysis   H = b − a,             L = a + ((H + 1) >> 1)     (a, b the pair after the shift)
//   synthesis  a = L − ((H + 1) >> 1), b = H + a                 then Output = (x + 1) >> 1 (index 4)
// so a level's synthesis values at a 2×2 block (1×2 for a horizontal-only level) depend on
// that block's input samples only, and no tap ever reaches an edge (widths and heights are
// multiples of 2^levels): every position of a phase is the same problem.
//
// One 2-D level, rows r = 0, 1 of the block.  After the shift (×2^s) and the horizontal
// lifts, row r is (L_r, H_r); with t_r = b − a of its pixels:
//   s = 1: L_r = a + b,                H_r = 2·t_r,  t_r ≡ L_r (mod 2),  |t_r| ≤ w(L_r) = min(L_r − 2lo, 2hi − L_r)
//   s = 0: L_r = a + ⌈t_r/2⌉,          H_r = t_r,                        |t_r| ≤ w(L_r) = min(2(L_r − lo), 2(hi − L_r) + 1)
// ((a, b) ↔ (L_r, t_r) is a bijection; these are exactly the pixel constraints lo ≤ a, b ≤ hi;
// tests check them by enumeration).  The rows are independent, so the block is any
// (L_0, L_1) in the full box of L values and, given them, any (t_0, t_1) in the box
// B(w(L_0), w(L_1)) of those radii (and parities).  The vertical lifts split the L column
// (L_0, L_1) into LL, LH and the H column (H_0, H_1) into HL, HH; the decoder quantises each
// (ĉ = Q(c)), undoes the vertical lifts column by column — Ld_r from (LL̂, LĤ), Hd_r from
// (HL̂, HĤ) — then the horizontal ones row by row:
//   DC''(0, r) = Ld_r, DC''(1, r) = Hd_r,  DC'(0, r) = DC(0, r) = Ld_r + g_0(Hd_r),  DC'(1, r) = Hd_r,
//   DC(1, r) = Ld_r + g_1(Hd_r),  Output(p, r) = sh(DC(p, r)),
// with g_0(v) = −((v + 1) >> 1), g_1(v) = v − ((v + 1) >> 1) and sh(x) = (x + 1) >> 1 (s = 1) or x.
// sh is non-decreasing, so each row value is F(Ld_r + g_p(Hd_r)) with F non-decreasing:
//   max over the block = max over (L_0, L_1) of [Ld_r(L_0, L_1) + max over B(w(L_0), w(L_1)) of g_p(Hd_r)],
// exact, since Ld_r depends on the L column only and g_p(Hd_r) on the H column only.  The
// inner maximum over the nested boxes is a dynamic programme (the "row differences" t):
//   M(w_0, w_1) = max(M(w_0 − σ, w_1), M(w_0, w_1 − σ), the four corners (±w_0, ±w_1))
// (σ = 2 for s = 1, where the parity of t follows the radius; 1 for s = 0), each box being
// the two smaller ones and its corners; every t pair is a corner exactly once, which also
// gives the H column's own arrays.  The L column's arrays are maxima over the L box.  Minima
// the same.  Work per index: (#L values)² + (#t values)²; rows of M are kept one radius w_0
// at a time, the L_0 with w(L_0) = w_0 visited then.
//
// Horizontal-only levels: one row, (L, t) over the L values and |t| ≤ w(L); the same values
// with Ld = L̂ and Hd = Ĥ, each pair enumerated (work #L·#t).
//
// Which levels are exact.  The coarsest level (synthesis level 1) quantises its low band
// (level 0) too, and its input samples — the picture (one level) or the low band of the
// next finer analysis level — are independent across the block (disjoint pixel blocks)
// and take every integer of their range (s = 1: [2lo', 2hi'], s = 0: [lo', hi'] from the
// finer level's [lo', hi']: L = a + b resp. a rounded mean, LL a rounded mean of two L);
// so its bounds are exact: reached by some picture at some index.
// Finer levels (sound supersets, not exact): their low band is the coarser level's Output,
// LL̂ = LL + e with e ∈ [e⁻, e⁺] the range of Output − Input of the coarser level at the same
// qi (computed there: Output − Input = sh(Ld_r − L_r + g_p(Hd_r) − g_p(H_r)), the original
// DC being 2^s times the input, the same dynamic programme on g_p(Hd_r) − g_p(H_r)) and
// LL̂ ∈ [O⁻, O⁺] the coarser Output's range; every decoder value of the level is
// non-decreasing in LL̂ (a = LL̂ − …, b = LĤ + a, then the rows above), so its maximum takes
// LL̂ = min(LL + e⁺, O⁺) and its minimum max(LL + e⁻, O⁻) — treating e as free of the
// block's pixels, a superset of the pictures' values.
//
// Witnesses.  At the first index reaching each exact bound the coarsest level is run again
// keeping, with every extreme, the block reaching it (the L pair; for the DC and Output
// rows also the t pair the dynamic programme took the box's extreme from); the block's
// pixels follow from the bijection (a, b) ↔ (L, t), the finer levels' low band made of
// equal halves (haar_block_picture), so the witness search decodes a picture reaching the
// bound through the real integer transform.
//
// The model is decoder_bounds.hpp's: one qi for every coefficient a value depends on.  The
// bounds are per level, array and phase within the block (periods 1 or 2); an array whose
// period in the graph is larger repeats them.  Intersected with decoder_bounds.hpp's, both
// sound, the tighter taken.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "filters/vc2/quantisation_matrix.hpp"
#include "filters/vc2/sample_array.hpp"
#include "filters/vc2/transform_config.hpp"
#include "pixel/vc2_tight/analysis_bounds.hpp"

namespace rigor::pixel::vc2_tight {

// Both wavelets the same Haar filter (that of index 3 or 4, from an index or a wavelet
// file) and at least one level.
bool haar_levels_apply(const rigor::vc2::TransformConfig& config);

// A block reaching an exact bound: the coarsest level's input samples of one block (the
// pixels for one level, else the finer level's low band), row-major (2×2, or 2×1 for a
// horizontal-only level), and the index it is coded at (−1: none).  Found by running the
// enumeration again at that index with the extremes' arguments kept (the L pair and the
// row differences t, the free ones chosen in range).
struct HaarBlock {
    int qi = -1;
    std::vector<std::int64_t> inputs;
};

struct HaarArrayBound {
    int level = 0;
    std::string name;
    long period_x = 1, period_y = 1;  // within the block
    std::vector<IntegerRange> phases;  // x-major: (px, py) at px·period_y + py
    bool exact = false;                // reached by some picture (the coarsest level)
    std::vector<HaarBlock> lowest, highest;  // exact arrays: per phase, a block reaching it
};

struct HaarLevels {
    std::vector<HaarArrayBound> arrays;  // every synthesis array of the levels computed
    int levels = 0;                      // levels computed, from the coarsest (0: none)
    long long work = 0;                  // (pair evaluations) × indices
};

// The default cap on the work: about 10 s of one core.
inline constexpr long long kHaarMaxWork = 4'000'000'000LL;

// Indices 0 … maximum_index (every band zeroed beyond: every value 0).  Levels from the
// coarsest while the total work stays within max_work; the rest are left out.
// Throws rigor::UserError when the matrix lacks a band.
HaarLevels haar_levels(const rigor::vc2::TransformConfig& config, IntegerRange picture,
                       const rigor::vc2::QuantisationMatrix& matrix, int maximum_index, unsigned threads = 1,
                       long long max_work = kHaarMaxWork);

// The picture of width × height whose every block (2^levels across, 2^dwt_depth down;
// tiled from the top left, a size not a multiple cuts the last) has the coarsest level's
// inputs `block`: each input made by finer blocks of equal halves (haar_levels.cpp:
// realise), so the coarsest level sees exactly those inputs; no Haar tap crosses a block,
// so every whole block reaches the block's values.
rigor::vc2::SampleArray haar_block_picture(const rigor::vc2::TransformConfig& config, IntegerRange picture,
                                           const HaarBlock& block, long width, long height);

// Each phase of every array of `arrays` (synthesis, in the graph's layout) that `haar`
// bounds narrowed to the intersection; throws InternalError if they are disjoint.
void narrow_by_haar_levels(const HaarLevels& haar, std::vector<ArrayBound>& arrays);

}  // namespace rigor::pixel::vc2_tight
