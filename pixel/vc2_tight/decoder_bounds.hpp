// Tight decoder bounds (issue 12 part 2): every synthesis array of the chain
//   picture x → analysis → quantise and dequantise every band b at q_b = max(0, qi − m_b)
//   → synthesis,
// for each quantisation index qi, with the pixels as symbols; the reported bound is the
// largest over qi, so it holds whatever index a picture is coded with.
//
// The model (issue 12's): every coefficient that reaches a value is quantised at the same
// qi (less its band's matrix value).  A stream whose slices use different indices, where
// a value near a slice boundary mixes coefficients quantised at several, is covered by
// the reference's model (synthesis_bounds.hpp, independent coefficients), not by these.
//
// Soundness.  Fix qi and one synthesis value T at one position (a class pair,
// edge_classes.hpp).  The synthesis is linear in the dequantised coefficients ĉ plus its
// roundings:  T = Σ_c w_c·ĉ_c + R,  R ∈ [rs.lo, rs.hi]  (synthesis_bounds.hpp).  Each
// coefficient is an integer c = A_c·x + ρ_c: its analysis linear part plus its analysis
// roundings, ρ_c ∈ [ρlo_b, ρhi_b] (the band's rounding range over every position,
// analysis_bounds.hpp), and c ∈ [lo_b, hi_b] (the band's range, edges included).  Write
// ĉ = Q(c) = c + e_c with e_c ∈ [elo_b, ehi_b], the exact extremes of Q(c) − c over the
// integers of [lo_b, hi_b] (quantisation_error.hpp).  A band with Q = 0 on its whole range
// (Z, the zeroed bands) has ĉ = 0.  So, with U_b = Σ_{c∈b} w_c·A_c the picture weights of
// band b through the whole chain,
//   T = Σ_p x_p·Σ_{b∉Z} U_b(p) + Σ_{b∉Z} Σ_{c∈b} w_c·(ρ_c + e_c) + R.
// The second sum is at most Σ_{b∉Z} (W⁺_b·(ρhi_b + ehi_b) + W⁻_b·(ρlo_b + elo_b)), each term
// of it bounded independently (W⁺, W⁻ the sums of the positive and negative w_c).  The
// first is a linear form in x ∈ [lo, hi]^n; with L(V) = hi·P(V) + lo·N(V) the largest value
// of Σ x·V (P, N the positive and negative sums of V) and ℓ(V) = lo·P(V) + hi·N(V) the
// least, it is at most either of
//   Σ_{b∉Z} L(U_b)                          (triangle inequality over the bands), or
//   L(D) − Σ_{b∈Z} ℓ(U_b)                   with D = Σ_b U_b,
// and D is the response of the mirror analysis array (perfect reconstruction: every
// synthesis lift undoes its analysis lift's linear part with the same clamped taps, so
// with nothing quantised the decoder's linear map from the pixels is the encoder's map
// to the mirror array; tests check Σ_b U_b = D entry by entry).  Every U_b is separable,
// U_b = ux_b ⊗ uy_b with ux_b the synthesis gains wx_b pushed back through the analysis
// network (P(U_b) = Px·Py + Nx·Ny, N(U_b) = Px·Ny + Nx·Py), and so is D.
// Lines around Q.  For a slope α ∈ [0, 1] let β⁻_b(α), β⁺_b(α) be the extremes of
// Q(c) − α·c over the integers of [lo_b, hi_b] (quantisation_error.hpp: line_offsets), so
// α·c + β⁻ ≤ Q(c) ≤ α·c + β⁺ on the band.  Then, with c = A_c·x + ρ_c and α ≥ 0, the
// band's part T_b = Σ_{c∈b} w_c·ĉ_c is at most
//   α·U_b·x + r_b(α),   r_b(α) = α·(W⁺_b·ρhi_b + W⁻_b·ρlo_b) + W⁺_b·β⁺_b(α) + W⁻_b·β⁻_b(α)
// (w_c > 0 takes the line above, w_c < 0 the line below).  α = 1 is the error model above
// (β = e, r_b = n_b); α = 0 is the reference's model at that index, every ĉ_c in
// [Q(lo_b), Q(hi_b)] independently (ref_b = W⁺_b·Q(hi_b) + W⁻_b·Q(lo_b)); slopes between
// (α = ¼, ½, ¾ are tried) follow the dead zone and the steps better than either.  Each
// band may take its own line, and T = Σ_{b∉Z} T_b + R, so two sums are bounds at qi:
//   mixed: Σ_{b∉Z} min_α (α·L(U_b) + r_b(α)) + rs.hi  (each band alone), and, per α,
//   joint: the bands Lin taking slope α keep one linear form, (Σ_{b∈Lin} U_b)·x =
//          D·x − Σ_{b∉Lin} U_b·x ≤ L(D) − Σ_{b∉Lin} ℓ(U_b), the others take ref_b:
//          T ≤ α·(L(D) − Σ_{b∈Z} ℓ(U_b)) + Σ_{b∉Z} min(ref_b − α·ℓ(U_b), r_b(α)) + rs.hi.
// The bound at qi is the least of these and of the coupled bound (coupled_bands.hpp: every
// band its own slope, the bands' linear forms summed exactly on the pixels); it is at most Σ_b ref_b + rs.hi (the reference's
// model at qi, ref_b = 0 for a zeroed band) and, since Q(hi_b) at q_b is at most the
// largest dequantised value over every index, never looser than synthesis_bounds.hpp.
// The lower bound is symmetric (L and ℓ, β⁺ and β⁻, hi and lo exchanged).  Beyond the
// largest index that leaves a band non-zero every ĉ is 0 and T = 0, which the bound at
// that index (all bands zeroed) covers.
// T is an integer: ⌊upper⌋, ⌈lower⌉.
#pragma once
#include "filters/vc2/quantisation_matrix.hpp"
#include "pixel/vc2_tight/synthesis_bounds.hpp"

namespace rigor::pixel::vc2_tight {

struct DecoderBounds {
    PictureGeometry geometry;
    std::vector<ArrayBound> arrays;  // every array of the synthesis graph, in its order
    int maximum_quantisation_index = 0;  // the largest qi examined (every band zeroed beyond)

    const ArrayBound& find(int level, const std::string& name) const;
};

// `synthesis` must come from `analysis`.  Throws rigor::UserError when the matrix lacks a band.
// couple_bands: each index's bound is also the coupled one (coupled_bands.hpp), never
// looser; false gives the bounds without it (tests compare the two).
DecoderBounds decoder_bounds(const AnalysisBounds& analysis, const SynthesisBounds& synthesis,
                             const rigor::vc2::QuantisationMatrix& matrix, unsigned threads = 1,
                             bool couple_bands = true);

}  // namespace rigor::pixel::vc2_tight
