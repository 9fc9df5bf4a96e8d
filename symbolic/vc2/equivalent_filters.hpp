// The equivalent filters of a VC-2 transform: for every subband, the linear maps from the
// picture to its coefficients (analysis) and from its coefficients back to the picture
// (synthesis), with the rounding of the integer transform left out (`rigor vc2-filter`).
//
// Every operation acts along one axis (filters/vc2/transform_graph.hpp), so each band's
// filter is separable, the tensor product of an x filter and a y filter, both 1-D
// responses of the axis networks (axis_response.hpp) in exact rationals.  With s the
// band's step (picture pixels per coefficient along that axis):
//   analysis   coefficient[m] = Σ_n h[n − s·m] · picture[n]          (h: weight of pixel n in coefficient 0)
//   synthesis  picture[n]     = Σ_bands Σ_m g[n − s·m] · coefficient[m]   (g: coefficient 0's weight on pixel n)
// Gains of a 1-D filter f: DC = Σ f[n] (the response to a constant), Nyquist = Σ (−1)^n f[n]
// (to the alternating signal), L1 = Σ |f[n]|; of a band's 2-D filter, the products of its
// axes' (at frequency (0, 0), at (π, π), and the L1 of the tensor product).  The L1 norms
// are what the linear parts of the bounds grow by: |coefficient| ≤ L1(h)·max|picture|, and
// the picture samples of phase p = n mod s receive Σ_m |g[p − s·m]|·max|coefficient| from a
// band: the phase L1 norms of g (their largest is the band's share of the worst case).
#pragma once
#include <string>
#include <vector>

#include "filters/formats/vc2_static_analysis.hpp"
#include "filters/vc2/transform_config.hpp"

namespace rigor::symbolic::vc2 {

using formats::Rational;

struct AxisFilter {
    long first = 0;              // the position of taps[0]
    std::vector<Rational> taps;  // first … last non-zero tap, zeros between them included
    Rational dc_gain, nyquist_gain, l1_norm;
    // Σ|taps[k]| over positions k ≡ p (mod step), for p = 0 … step − 1.
    std::vector<Rational> phase_l1_norms;
};

// A band's 2-D filter: x ⊗ y.
struct SeparableFilter {
    AxisFilter x, y;
    Rational dc_gain, nyquist_gain, l1_norm;  // products of the axes'
    Rational largest_phase_l1_norm;           // max over phases of the 2-D phase L1 norm
};

struct SubbandFilters {
    int level = 0;       // 0: the DC band
    std::string orient;  // LL, L (DC band), H, HL, LH, HH
    long step_x = 1, step_y = 1;
    SeparableFilter analysis, synthesis;
};

// Every subband, by level (DC band first) and then L, LL, H, HL, LH, HH.  A transform of
// depth 0 has one band, the picture itself.  Throws rigor::UserError for a configuration
// check_transform_config refuses.
std::vector<SubbandFilters> equivalent_filters(const rigor::vc2::TransformConfig& config);

}  // namespace rigor::symbolic::vc2
