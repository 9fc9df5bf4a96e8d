// The coupled bands' slope descent (pixel/vc2_tight/coupled_bands.hpp), which rescores
// only the box of the band whose slope it tries, against the plain descent that rescores
// the whole summed map for every try: the same slopes on random bands of different
// supports, both sides.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "pixel/vc2_tight/coupled_bands.hpp"

using namespace rigor::pixel::vc2_tight;

namespace {

// The plain descent: every band's map over the union of the supports, each try added to
// the whole summed map and scored over all of it.
std::vector<std::size_t> plain_choose(const std::vector<const FixedPolynomial*>& ux,
                                      const std::vector<const FixedPolynomial*>& uy, int bits_x, int bits_y,
                                      const std::vector<std::size_t>& live,
                                      const std::vector<std::array<double, kCoupledSlopes>>& rest,
                                      std::vector<std::size_t> slope, double lo, double hi, int side) {
    long x0 = 0, y0 = 0, x1 = -1, y1 = -1;
    bool any = false;
    for (std::size_t b = 0; b < ux.size(); ++b) {
        if (ux[b]->empty() || uy[b]->empty()) continue;
        x0 = any ? std::min(x0, ux[b]->lowest()) : ux[b]->lowest();
        y0 = any ? std::min(y0, uy[b]->lowest()) : uy[b]->lowest();
        x1 = any ? std::max(x1, ux[b]->highest()) : ux[b]->highest();
        y1 = any ? std::max(y1, uy[b]->highest()) : uy[b]->highest();
        any = true;
    }
    const long nx = any ? x1 - x0 + 1 : 0, ny = any ? y1 - y0 + 1 : 0;
    std::vector<std::vector<double>> maps;
    for (std::size_t b = 0; b < ux.size(); ++b) {
        std::vector<double> m(static_cast<std::size_t>(nx * ny));
        for (long j = 0; j < ny; ++j)
            for (long i = 0; i < nx; ++i)
                m[static_cast<std::size_t>(j * nx + i)] =
                    std::ldexp((*ux[b])[x0 + i].get_d(), -bits_x) * std::ldexp((*uy[b])[y0 + j].get_d(), -bits_y);
        maps.push_back(std::move(m));
    }
    std::vector<double> v(static_cast<std::size_t>(nx * ny), 0.0);
    auto add = [&](std::size_t b, double a) {
        for (std::size_t k = 0; k < v.size(); ++k) v[k] += a * maps[b][k];
    };
    auto objective = [&] {
        double p = 0, n = 0;
        for (double w : v) (w > 0 ? p : n) += w;
        return side > 0 ? hi * p + lo * n : -(lo * p + hi * n);
    };
    double fixed = 0;
    for (std::size_t b : live) {
        add(b, kLineSlopeEighths[slope[b]] / 8.0);
        fixed += rest[b][slope[b]];
    }
    double best = objective() + fixed;
    for (int sweep = 0; sweep < 3; ++sweep) {
        bool improved = false;
        for (std::size_t b : live)
            for (std::size_t s = 0; s < kCoupledSlopes; ++s) {
                if (s == slope[b]) continue;
                const double step = (kLineSlopeEighths[s] - kLineSlopeEighths[slope[b]]) / 8.0;
                add(b, step);
                const double value = objective() + fixed - rest[b][slope[b]] + rest[b][s];
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

}  // namespace

TEST_CASE("coupled bands: the box-by-box descent chooses the slopes of the plain descent") {
    std::mt19937_64 random(7);
    long changed = 0;
    for (int trial = 0; trial < 400; ++trial) {
        const std::size_t nb = 1 + random() % 6;
        std::vector<FixedPolynomial> px(nb), py(nb);
        for (std::size_t b = 0; b < nb; ++b)
            for (FixedPolynomial* p : {&px[b], &py[b]}) {
                // Supports of 0 to 9 taps at offsets −6 … 5 (an empty one: a band with no weight).
                const long first = static_cast<long>(random() % 12) - 6, taps = static_cast<long>(random() % 10);
                for (long k = 0; k < taps; ++k) p->add(first + k, mpz_class(static_cast<long>(random() % 41) - 20));
            }
        std::vector<const FixedPolynomial*> ux, uy;
        for (std::size_t b = 0; b < nb; ++b) {
            ux.push_back(&px[b]);
            uy.push_back(&py[b]);
        }
        const CoupledMaps maps(ux, uy, 2, 3);
        std::vector<std::size_t> live, start(nb);
        std::vector<std::array<double, kCoupledSlopes>> rest(nb);
        for (std::size_t b = 0; b < nb; ++b) {
            if (random() % 4) live.push_back(b);
            start[b] = random() % kCoupledSlopes;
            for (double& r : rest[b]) r = std::uniform_real_distribution<double>(-4e4, 4e4)(random);
        }
        for (int side : {1, -1}) {
            INFO("trial " << trial << " side " << side);
            const auto got = maps.choose(live, rest, start, -512, 511, side);
            const auto want = plain_choose(ux, uy, 2, 3, live, rest, start, -512, 511, side);
            CHECK(got == want);
            changed += got != start;
        }
    }
    CHECK(changed > 100);  // the descent moves
}
