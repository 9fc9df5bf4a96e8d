#include "pixel/vc2_tight/affine_terms.hpp"

#include <tuple>

namespace rigor::pixel::vc2_tight {

using rigor::vc2::LiftingStage;
using rigor::vc2::RoundingError;
using rigor::vc2::TransformGraph;

namespace {

// δ of ⌊(v + 2^(S−1))/2^S⌋ − v/2^S for integer v: [−½ + 2^−S, ½] (S > 0), 0 for S = 0.
std::pair<Dyadic, Dyadic> floor_shift_error(int shift) {
    if (shift == 0) return {Dyadic(0), Dyadic(0)};
    return {Dyadic(mpz_class(1), shift) - Dyadic(mpz_class(1), 1), Dyadic(mpz_class(1), 1)};
}

}  // namespace

std::vector<Rounding> roundings(const TransformGraph& g) {
    std::vector<Rounding> out(g.arrays.size());
    for (std::size_t k = 0; k < g.arrays.size(); ++k) {
        const auto& a = g.arrays[k];
        Rounding& r = out[k];
        if (a.error == RoundingError::None) continue;
        r.none = false;
        if (a.error == RoundingError::RightShift) {
            // The output shift's amount: the Scale node's shift (−b).
            const int b = -g.ax.nodes[static_cast<std::size_t>(a.x)].shift;
            std::tie(r.lo, r.hi) = floor_shift_error(b);
        } else {
            r.along_x = a.error == RoundingError::LiftX;
            const LiftingStage& s = (r.along_x ? g.ax : g.ay).stages[static_cast<std::size_t>(a.stage)];
            r.parity = s.updates_even() ? 0 : 1;
            auto [lo, hi] = floor_shift_error(s.shift);
            if (!s.adds()) std::tie(lo, hi) = std::pair{-hi, -lo};
            r.lo = lo;
            r.hi = hi;
        }
        r.dlo = r.lo.to_double();
        r.dhi = r.hi.to_double();
    }
    return out;
}

}  // namespace rigor::pixel::vc2_tight
