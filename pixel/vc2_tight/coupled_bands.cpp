#include "pixel/vc2_tight/coupled_bands.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>
#include <utility>

#include "filters/base/error.hpp"

namespace rigor::pixel::vc2_tight {

CoupledMaps::CoupledMaps(const std::vector<const FixedPolynomial*>& ux, const std::vector<const FixedPolynomial*>& uy,
                         int bits_x, int bits_y)
    : ux_(ux), uy_(uy), bits_x_(bits_x), bits_y_(bits_y) {
    if (ux.size() != uy.size()) throw InternalError("coupled bands: x and y gains of different band counts");
    long x1 = -1, y1 = -1;
    bool any = false;
    for (std::size_t b = 0; b < ux.size(); ++b) {
        if (ux[b]->empty() || uy[b]->empty()) continue;
        x0_ = any ? std::min(x0_, ux[b]->lowest()) : ux[b]->lowest();
        y0_ = any ? std::min(y0_, uy[b]->lowest()) : uy[b]->lowest();
        x1 = any ? std::max(x1, ux[b]->highest()) : ux[b]->highest();
        y1 = any ? std::max(y1, uy[b]->highest()) : uy[b]->highest();
        any = true;
    }
    if (any) {
        nx_ = x1 - x0_ + 1;
        ny_ = y1 - y0_ + 1;
    }
    for (std::size_t b = 0; b < ux.size(); ++b) {
        BandMap map;
        if (!ux[b]->empty() && !uy[b]->empty()) {
            map.x0 = ux[b]->lowest() - x0_;
            map.y0 = uy[b]->lowest() - y0_;
            map.nx = ux[b]->highest() - ux[b]->lowest() + 1;
            map.ny = uy[b]->highest() - uy[b]->lowest() + 1;
        }
        map.m.assign(static_cast<std::size_t>(map.nx * map.ny), 0.0);
        std::vector<double> gx(static_cast<std::size_t>(map.nx)), gy(static_cast<std::size_t>(map.ny));
        for (long i = 0; i < map.nx; ++i)
            gx[static_cast<std::size_t>(i)] = std::ldexp((*ux[b])[x0_ + map.x0 + i].get_d(), -bits_x);
        for (long j = 0; j < map.ny; ++j)
            gy[static_cast<std::size_t>(j)] = std::ldexp((*uy[b])[y0_ + map.y0 + j].get_d(), -bits_y);
        for (long j = 0; j < map.ny; ++j)
            if (gy[static_cast<std::size_t>(j)] != 0)
                for (long i = 0; i < map.nx; ++i)
                    map.m[static_cast<std::size_t>(j * map.nx + i)] =
                        gx[static_cast<std::size_t>(i)] * gy[static_cast<std::size_t>(j)];
        maps_.push_back(std::move(map));
    }
}

namespace {

// side·(L(V) for +1, ℓ(V) for −1), the largest of side·V·x over the box, from V's
// positive and negative sums.
double objective(double p, double n, double lo, double hi, int side) {
    return side > 0 ? hi * p + lo * n : -(lo * p + hi * n);
}

// (P, N) of v: the sums of its positive and of its other entries, in order.
std::pair<double, double> sign_sums(const std::vector<double>& v) {
    double p = 0, n = 0;
    for (double w : v) {
        const double positive = w > 0 ? w : 0.0;  // as in choose: no branch, the same sums
        p += positive;
        n += w - positive;
    }
    return {p, n};
}

}  // namespace

std::vector<double> CoupledMaps::summed(const std::vector<std::size_t>& live, const std::vector<std::size_t>& slope) const {
    std::vector<double> v(static_cast<std::size_t>(nx_ * ny_), 0.0);
    for (std::size_t b : live) {
        const double a = kLineSlopeEighths[slope[b]] / 8.0;
        if (a == 0) continue;
        const BandMap& m = maps_[b];
        for (long j = 0; j < m.ny; ++j) {
            double* row = &v[static_cast<std::size_t>((m.y0 + j) * nx_ + m.x0)];
            const double* from = &m.m[static_cast<std::size_t>(j * m.nx)];
            for (long i = 0; i < m.nx; ++i) row[i] += a * from[i];
        }
    }
    return v;
}

namespace {

// Two slopes per register: every lane computes what the scalar code would (the same
// product and sums in the same order, no contraction to fused multiply-adds), without a
// branch on the sign (unpredictable: it cost half the descent's time).
using Lanes = double __attribute__((vector_size(16)));
constexpr std::size_t kLaneGroups = (kCoupledSlopes + 1) / 2;

}  // namespace

// Per slope s of the band's box: P and N of V + step[s]·(band's map) over the box.
void CoupledMaps::box_sums(const BandMap& m, const std::vector<double>& v,
                           const std::array<double, kCoupledSlopes>& step, std::array<double, kCoupledSlopes>& box_p,
                           std::array<double, kCoupledSlopes>& box_n) const {
    std::array<Lanes, kLaneGroups> st{}, p{}, n{};
    for (std::size_t s = 0; s < kCoupledSlopes; ++s) st[s / 2][s % 2] = step[s];  // a spare lane: step 0
    const Lanes zero{0.0, 0.0};
    for (long j = 0; j < m.ny; ++j) {
        const double* row = &v[static_cast<std::size_t>((m.y0 + j) * nx_ + m.x0)];
        const double* from = &m.m[static_cast<std::size_t>(j * m.nx)];
        for (long i = 0; i < m.nx; ++i) {
            const double r = row[i], f = from[i];
            for (std::size_t k = 0; k < kLaneGroups; ++k) {
                const Lanes w = r + st[k] * f;
                const Lanes positive = w > zero ? w : zero;  // adding an exact 0 leaves a sum as it was
                p[k] += positive;
                n[k] += w - positive;
            }
        }
    }
    for (std::size_t s = 0; s < kCoupledSlopes; ++s) {
        box_p[s] = p[s / 2][s % 2];
        box_n[s] = n[s / 2][s % 2];
    }
}

// Coordinate descent: each live band's slope in turn, while a sweep improves (at most 3
// sweeps); within a band the other slopes in order, each taken when it improves on the
// best so far by more than a relative 1e-9.  Only band b's box changes with its slope, so
// one pass over that box gives the objective at every slope of b (the rest of V fixed):
// P(V) = P(V outside the box) + P(V in the box), the same for N.
std::vector<std::size_t> CoupledMaps::choose(const std::vector<std::size_t>& live,
                                             const std::vector<std::array<double, kCoupledSlopes>>& rest,
                                             std::vector<std::size_t> slope, double lo, double hi, int side) const {
    std::vector<double> v = summed(live, slope);
    auto [p, n] = sign_sums(v);
    double fixed = 0;  // Σ rest of the current slopes
    for (std::size_t b : live) fixed += rest[b][slope[b]];
    double best = objective(p, n, lo, hi, side) + fixed;
    for (int sweep = 0; sweep < 3; ++sweep) {
        bool improved = false;
        for (std::size_t b : live) {
            const BandMap& m = maps_[b];
            const std::size_t was = slope[b];
            const double a = kLineSlopeEighths[was] / 8.0;
            std::array<double, kCoupledSlopes> step{}, box_p{}, box_n{};  // per slope of b: the box's P, N
            for (std::size_t s = 0; s < kCoupledSlopes; ++s) step[s] = kLineSlopeEighths[s] / 8.0 - a;
            box_sums(m, v, step, box_p, box_n);
            std::size_t now = was;
            for (std::size_t s = 0; s < kCoupledSlopes; ++s) {
                if (s == now) continue;
                const double value = objective(p - box_p[was] + box_p[s], n - box_n[was] + box_n[s], lo, hi, side) +
                                     fixed - rest[b][now] + rest[b][s];
                if (value < best - 1e-9 * (std::abs(best) + 1)) {
                    best = value;
                    fixed += rest[b][s] - rest[b][now];
                    now = s;
                    improved = true;
                }
            }
            if (now == was) continue;
            slope[b] = now;
            for (long j = 0; j < m.ny; ++j) {
                double* row = &v[static_cast<std::size_t>((m.y0 + j) * nx_ + m.x0)];
                const double* from = &m.m[static_cast<std::size_t>(j * m.nx)];
                for (long i = 0; i < m.nx; ++i) row[i] += step[now] * from[i];
            }
            std::tie(p, n) = sign_sums(v);
        }
        if (!improved) break;
    }
    return slope;
}

template <>
double CoupledMaps::extreme<double>(const std::vector<std::size_t>& live, const std::vector<std::size_t>& slope,
                                    const double& lo, const double& hi, int side) const {
    const auto [p, n] = sign_sums(summed(live, slope));
    return side * objective(p, n, lo, hi, side);
}

template <>
Dyadic CoupledMaps::extreme<Dyadic>(const std::vector<std::size_t>& live, const std::vector<std::size_t>& slope,
                                    const Dyadic& lo, const Dyadic& hi, int side) const {
    // V·2^(bits_x + bits_y + 3) = Σ_b j_b·ux_b(i)·uy_b(j), an integer per pixel (0 outside
    // every band's box).
    std::vector<mpz_class> V(static_cast<std::size_t>(nx_ * ny_));
    for (std::size_t b : live) {
        const int e = kLineSlopeEighths[slope[b]];
        const BandMap& m = maps_[b];
        if (e == 0 || m.nx == 0) continue;
        std::vector<mpz_class> gx(static_cast<std::size_t>(m.nx)), gy(static_cast<std::size_t>(m.ny));
        for (long i = 0; i < m.nx; ++i) gx[static_cast<std::size_t>(i)] = e * (*ux_[b])[x0_ + m.x0 + i];
        for (long j = 0; j < m.ny; ++j) gy[static_cast<std::size_t>(j)] = (*uy_[b])[y0_ + m.y0 + j];
        for (long j = 0; j < m.ny; ++j) {
            if (sgn(gy[static_cast<std::size_t>(j)]) == 0) continue;
            mpz_class* row = &V[static_cast<std::size_t>((m.y0 + j) * nx_ + m.x0)];
            for (long i = 0; i < m.nx; ++i)
                mpz_addmul(row[i].get_mpz_t(), gx[static_cast<std::size_t>(i)].get_mpz_t(),
                           gy[static_cast<std::size_t>(j)].get_mpz_t());
        }
    }
    mpz_class p = 0, n = 0;
    for (const mpz_class& v : V)
        if (sgn(v) > 0)
            p += v;
        else
            n += v;
    const long bits = bits_x_ + bits_y_ + 3;
    const Dyadic P(p, bits), Nn(n, bits);
    return side > 0 ? hi * P + lo * Nn : lo * P + hi * Nn;
}

}  // namespace rigor::pixel::vc2_tight
