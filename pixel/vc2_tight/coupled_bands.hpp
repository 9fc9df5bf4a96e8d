// Decoder bounds with the bands' lines coupled through one exact linear form
// (decoder_bounds.hpp, "coupled").
//
// Fix qi and a target T.  Each live band b takes its own line of slope α_b around Q
// (α_b ∈ {0, ¼, ½, ¾, 1}), so T_b ≤ α_b·U_b·x + r_b(α_b) (decoder_bounds.hpp: the line
// argument, α_b ≥ 0), zeroed bands contribute 0, and so
//   T ≤ (Σ_b α_b·U_b)·x + Σ_b r_b(α_b) + rs.hi ≤ L(Σ_b α_b·U_b) + Σ_b r_b(α_b) + rs.hi,
// where L(V) = hi·P(V) + lo·N(V) is the exact maximum of V·x over the picture box, V the
// weight map on the pixels (not separable, so computed entry by entry: V(i, j) =
// Σ_b α_b·ux_b(i)·uy_b(j)).  This holds for every choice of slopes; the triangle
// inequality Σ_b α_b·L(U_b) ≥ L(Σ_b α_b·U_b) makes it never looser than the "mixed" bound
// for the same choice, and L(α·Σ_{b∈Lin} U_b) ≤ α·(L(D) − Σ_{b∉Lin} ℓ(U_b)) never looser
// than the "joint" one.  The slopes are chosen by coordinate descent in doubles (the
// choice only decides which sound bound is taken); the value of the chosen one is then
// computed in N (exactly for Dyadic).  The lower side is symmetric (ℓ, the lines below).
#pragma once
#include <array>
#include <cstddef>
#include <iterator>
#include <vector>

#include "pixel/vc2_tight/dyadic.hpp"

namespace rigor::pixel::vc2_tight {

// The slopes α = j/8 of the lines around Q tried (j = 8: Q(c) − c, the error range;
// j = 0: Q(lo) … Q(hi), the reference's independent coefficients).
constexpr int kLineSlopeEighths[] = {0, 2, 4, 6, 8};
constexpr std::size_t kCoupledSlopes = std::size(kLineSlopeEighths);

// The bands' pixel weights of one target class pair: ux_b ⊗ uy_b over the union of their
// supports, in doubles, and the fixed-point factors for the exact value.
class CoupledMaps {
public:
    // ux[b], uy[b]: band b's pushed-back gains (fixed point, bits_x / bits_y fraction bits).
    CoupledMaps(const std::vector<const FixedPolynomial*>& ux, const std::vector<const FixedPolynomial*>& uy,
                int bits_x, int bits_y);

    std::size_t bands() const { return ux_.size(); }

    // The slope (index into the slopes above) of every band in `live`, starting from
    // `start`, lowering side·(L or ℓ of Σ α_b U_b) + Σ rest[b][slope_b] — side +1: the
    // upper bound (minimised), −1: the lower (rest holds the negated lower terms).
    std::vector<std::size_t> choose(const std::vector<std::size_t>& live,
                                    const std::vector<std::array<double, kCoupledSlopes>>& rest,
                                    std::vector<std::size_t> start, double lo, double hi, int side) const;

    // max (side +1) or min (side −1) of (Σ_{b∈live} α_b U_b)·x over x ∈ [lo, hi]^n.
    template <class N>
    N extreme(const std::vector<std::size_t>& live, const std::vector<std::size_t>& slopes, const N& lo, const N& hi,
              int side) const;

private:
    // Band b's weights ux_b(i)·uy_b(j) in doubles over its own box, the rectangle of the
    // union box (x offset x0, y offset y0, nx × ny, y-major) outside which they are 0.
    struct BandMap {
        long x0 = 0, y0 = 0, nx = 0, ny = 0;
        std::vector<double> m;
    };
    // Σ_{b∈live} α_b·(band b's map) over the union box, y-major nx_·ny_.
    std::vector<double> summed(const std::vector<std::size_t>& live, const std::vector<std::size_t>& slopes) const;
    void box_sums(const BandMap& m, const std::vector<double>& v, const std::array<double, kCoupledSlopes>& step,
                  std::array<double, kCoupledSlopes>& box_p, std::array<double, kCoupledSlopes>& box_n) const;
    std::vector<const FixedPolynomial*> ux_, uy_;
    int bits_x_, bits_y_;
    long x0_ = 0, y0_ = 0, nx_ = 0, ny_ = 0;
    std::vector<BandMap> maps_;
};

}  // namespace rigor::pixel::vc2_tight
