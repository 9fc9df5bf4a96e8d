#include "pixel/vc2_tight/coupled_bands.hpp"

#include <algorithm>
#include <cmath>

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
        std::vector<double> m(static_cast<std::size_t>(nx_ * ny_), 0.0);
        std::vector<double> gx(static_cast<std::size_t>(nx_)), gy(static_cast<std::size_t>(ny_));
        for (long i = 0; i < nx_; ++i) gx[static_cast<std::size_t>(i)] = std::ldexp((*ux[b])[x0_ + i].get_d(), -bits_x);
        for (long j = 0; j < ny_; ++j) gy[static_cast<std::size_t>(j)] = std::ldexp((*uy[b])[y0_ + j].get_d(), -bits_y);
        for (long j = 0; j < ny_; ++j)
            if (gy[static_cast<std::size_t>(j)] != 0)
                for (long i = 0; i < nx_; ++i)
                    m[static_cast<std::size_t>(j * nx_ + i)] = gx[static_cast<std::size_t>(i)] * gy[static_cast<std::size_t>(j)];
        maps_.push_back(std::move(m));
    }
}

// side·(L(V) for +1, ℓ(V) for −1): the largest of side·V·x over the box.
double CoupledMaps::objective(const std::vector<double>& v, double lo, double hi, int side) const {
    double p = 0, n = 0;
    for (double w : v) (w > 0 ? p : n) += w;
    return side > 0 ? hi * p + lo * n : -(lo * p + hi * n);
}

std::vector<std::size_t> CoupledMaps::choose(const std::vector<std::size_t>& live,
                                             const std::vector<std::array<double, kCoupledSlopes>>& rest,
                                             std::vector<std::size_t> slope, double lo, double hi, int side) const {
    std::vector<double> v(static_cast<std::size_t>(nx_ * ny_), 0.0);
    auto add = [&](std::size_t b, double a) {
        if (a == 0) return;
        const std::vector<double>& m = maps_[b];
        for (std::size_t k = 0; k < v.size(); ++k) v[k] += a * m[k];
    };
    double fixed = 0;  // Σ rest of the current slopes
    for (std::size_t b : live) {
        add(b, kLineSlopeEighths[slope[b]] / 8.0);
        fixed += rest[b][slope[b]];
    }
    double best = objective(v, lo, hi, side) + fixed;
    // Coordinate descent: each band's slope in turn, while a sweep improves (at most 3).
    for (int sweep = 0; sweep < 3; ++sweep) {
        bool improved = false;
        for (std::size_t b : live)
            for (std::size_t s = 0; s < kCoupledSlopes; ++s) {
                if (s == slope[b]) continue;
                const double step = (kLineSlopeEighths[s] - kLineSlopeEighths[slope[b]]) / 8.0;
                add(b, step);
                const double value = objective(v, lo, hi, side) + fixed - rest[b][slope[b]] + rest[b][s];
                if (value < best - 1e-9 * (std::abs(best) + 1)) {
                    best = value;
                    fixed += rest[b][s] - rest[b][slope[b]];
                    slope[b] = s;
                    improved = true;
                } else {
                    add(b, -step);
                }
            }
        if (!improved) break;
    }
    return slope;
}

template <>
double CoupledMaps::extreme<double>(const std::vector<std::size_t>& live, const std::vector<std::size_t>& slope,
                                    const double& lo, const double& hi, int side) const {
    std::vector<double> v(static_cast<std::size_t>(nx_ * ny_), 0.0);
    for (std::size_t b : live) {
        const double a = kLineSlopeEighths[slope[b]] / 8.0;
        if (a != 0)
            for (std::size_t k = 0; k < v.size(); ++k) v[k] += a * maps_[b][k];
    }
    return side * objective(v, lo, hi, side);
}

template <>
Dyadic CoupledMaps::extreme<Dyadic>(const std::vector<std::size_t>& live, const std::vector<std::size_t>& slope,
                                    const Dyadic& lo, const Dyadic& hi, int side) const {
    // V·2^(bits_x + bits_y + 3) = Σ_b j_b·ux_b(i)·uy_b(j), an integer per pixel.
    mpz_class p = 0, n = 0, v, t;
    for (long j = 0; j < ny_; ++j)
        for (long i = 0; i < nx_; ++i) {
            v = 0;
            for (std::size_t b : live) {
                const int e = kLineSlopeEighths[slope[b]];
                if (e == 0) continue;
                t = (*ux_[b])[x0_ + i] * (*uy_[b])[y0_ + j];
                v += e * t;
            }
            if (sgn(v) > 0)
                p += v;
            else
                n += v;
        }
    const long bits = bits_x_ + bits_y_ + 3;
    const Dyadic P(p, bits), Nn(n, bits);
    return side > 0 ? hi * P + lo * Nn : lo * P + hi * Nn;
}

}  // namespace rigor::pixel::vc2_tight
