// `rigor vc2-filter`'s numbers (symbolic/vc2/equivalent_filters) against independent
// facts: the textbook LeGall 5/3 filters, perfect reconstruction of the filter bank
// (Σ over bands of analysis ⊗ synthesis is the identity), the gains and norms recomputed
// from the taps, and the integer transform of pixel/vc2 on large impulses (whose
// roundings are small next to them).
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <random>

#include "pixel/vc2/integer_transform.hpp"
#include "symbolic/vc2/equivalent_filters.hpp"
#include "tests/support/random_wavelet.hpp"

using rigor::symbolic::vc2::AxisFilter;
using rigor::symbolic::vc2::equivalent_filters;
using rigor::symbolic::vc2::Rational;
using rigor::symbolic::vc2::SubbandFilters;
using rigor::vc2::TransformConfig;
namespace vc2 = rigor::vc2;

namespace {

Rational q(long p, long d = 1) { return Rational(p, d); }

std::vector<Rational> list(std::initializer_list<Rational> l) { return l; }

Rational tap(const AxisFilter& f, long n) {
    const long k = n - f.first;
    return k < 0 || k >= static_cast<long>(f.taps.size()) ? Rational(0) : f.taps[static_cast<std::size_t>(k)];
}

const SubbandFilters& band(const std::vector<SubbandFilters>& all, int level, const std::string& orient) {
    for (const SubbandFilters& b : all)
        if (b.level == level && b.orient == orient) return b;
    FAIL("no band " << orient << " at level " << level);
    throw 0;
}

// Σ_m h[a − s·m]·g[b − s·m]: one axis of a band's contribution to the reconstruction of
// picture sample b from picture sample a.
long floor_div(long a, long b) { return a / b - (a % b != 0 && (a < 0) != (b < 0)); }

Rational through(const AxisFilter& h, const AxisFilter& g, long s, long a, long b) {
    // h[a − s·m] ≠ 0 needs first ≤ a − s·m ≤ last.
    const long last = h.first + static_cast<long>(h.taps.size()) - 1;
    Rational sum = 0;
    for (long m = -floor_div(last - a, s); m <= floor_div(a - h.first, s); ++m)
        sum += tap(h, a - s * m) * tap(g, b - s * m);
    return sum;
}

// Perfect reconstruction of the linear filter bank: for every source pixel a of one
// period and every pixel b near it, Σ_bands (x part)·(y part) = [a = b].
void check_reconstruction(const TransformConfig& c) {
    const auto bands = equivalent_filters(c);
    const long px = 1L << (c.dwt_depth + c.dwt_depth_ho), py = 1L << c.dwt_depth;
    long wrong = 0;
    for (long ax = 0; ax < px; ++ax)
        for (long ay = 0; ay < py; ++ay)
            for (long bx = ax - 24; bx <= ax + 24; ++bx)
                for (long by = ay - 12; by <= ay + 12; ++by) {
                    Rational sum = 0;
                    for (const SubbandFilters& f : bands)
                        sum += through(f.analysis.x, f.synthesis.x, f.step_x, ax, bx) *
                               through(f.analysis.y, f.synthesis.y, f.step_y, ay, by);
                    if (sum != Rational(ax == bx && ay == by ? 1 : 0)) ++wrong;
                }
    CHECK(wrong == 0);
}

void check_gains(const AxisFilter& f, long step) {
    Rational dc = 0, nyquist = 0, l1 = 0;
    std::vector<Rational> phases(static_cast<std::size_t>(step));
    for (std::size_t k = 0; k < f.taps.size(); ++k) {
        const long n = f.first + static_cast<long>(k);
        const Rational a = abs(f.taps[k]);
        dc += f.taps[k];
        nyquist += n % 2 == 0 ? f.taps[k] : Rational(-f.taps[k]);
        l1 += a;
        phases[static_cast<std::size_t>(((n % step) + step) % step)] += a;
    }
    CHECK(f.dc_gain == dc);
    CHECK(f.nyquist_gain == nyquist);
    CHECK(f.l1_norm == l1);
    CHECK(f.phase_l1_norms == phases);
    REQUIRE(!f.taps.empty());
    CHECK(f.taps.front() != 0);  // the first … last non-zero taps
    CHECK(f.taps.back() != 0);
}

}  // namespace

TEST_CASE("vc2-filter: LeGall 5/3 gives the textbook filters", "[vc2][filter]") {
    const auto bands = equivalent_filters({1, 1, 1, 0});
    REQUIRE(bands.size() == 4);
    CHECK(bands[0].orient == "LL");
    CHECK(bands[1].orient == "HL");
    CHECK(bands[3].orient == "HH");
    const SubbandFilters& ll = band(bands, 0, "LL");
    const SubbandFilters& hh = band(bands, 1, "HH");
    // Vertically (no bit shift): low pass (−1 2 6 2 −1)/8 around 0, high pass (−1 2 −1)/2
    // around 1; synthesis (1 2 1)/2 and (−1 −2 6 −2 −1)/8.
    CHECK(ll.analysis.y.first == -2);
    CHECK(ll.analysis.y.taps == list({q(-1, 8), q(1, 4), q(3, 4), q(1, 4), q(-1, 8)}));
    CHECK(hh.analysis.y.first == 0);
    CHECK(hh.analysis.y.taps == list({q(-1, 2), q(1), q(-1, 2)}));
    CHECK(ll.synthesis.y.first == -1);
    CHECK(ll.synthesis.y.taps == list({q(1, 2), q(1), q(1, 2)}));
    CHECK(hh.synthesis.y.first == -1);
    CHECK(hh.synthesis.y.taps == list({q(-1, 8), q(-1, 4), q(3, 4), q(-1, 4), q(-1, 8)}));
    // Horizontally the same with the filter bit shift: analysis ×2, synthesis ÷2.
    CHECK(ll.analysis.x.taps == list({q(-1, 4), q(1, 2), q(3, 2), q(1, 2), q(-1, 4)}));
    CHECK(ll.synthesis.x.taps == list({q(1, 4), q(1, 2), q(1, 4)}));
    // Gains: DC 1 and Nyquist 0 for the low pass; the products in 2-D.
    CHECK(ll.analysis.y.dc_gain == 1);
    CHECK(ll.analysis.y.nyquist_gain == 0);
    CHECK(hh.analysis.y.dc_gain == 0);
    CHECK(hh.analysis.y.nyquist_gain == -2);
    CHECK(hh.analysis.dc_gain == 0);
    CHECK(hh.analysis.nyquist_gain == 8);  // (−4)·(−2)
    CHECK(ll.analysis.l1_norm == q(9, 2));  // 3 · 3/2
    CHECK(hh.synthesis.largest_phase_l1_norm == q(1, 2));  // max(1/4, 1/2) · max(1/2, 1)
    CHECK(hh.synthesis.y.phase_l1_norms == list({q(1, 2), q(1)}));
}

TEST_CASE("vc2-filter: every band's gains and norms are those of its taps", "[vc2][filter]") {
    for (int w = 0; w < vc2::kWaveletCount; ++w) {
        INFO("wavelet " << w);
        for (const SubbandFilters& b : equivalent_filters({w, w, 2, 1})) {
            INFO(b.level << " " << b.orient);
            check_gains(b.analysis.x, b.step_x);
            check_gains(b.analysis.y, b.step_y);
            check_gains(b.synthesis.x, b.step_x);
            check_gains(b.synthesis.y, b.step_y);
            CHECK(b.synthesis.l1_norm == b.synthesis.x.l1_norm * b.synthesis.y.l1_norm);
            CHECK(b.analysis.dc_gain == b.analysis.x.dc_gain * b.analysis.y.dc_gain);
        }
    }
}

TEST_CASE("vc2-filter: the filter bank reconstructs perfectly", "[vc2][filter][property]") {
    for (int w = 0; w < vc2::kWaveletCount; ++w) {
        INFO("wavelet " << w);
        check_reconstruction({w, w, 1, 0});
    }
    check_reconstruction({1, 1, 2, 0});
    check_reconstruction({6, 1, 1, 2});  // mixed, horizontal-only levels
    check_reconstruction({4, 2, 0, 1});
    std::mt19937 rng(99);
    for (int trial = 0; trial < 3; ++trial) {
        const vc2::Wavelet v = rigor::test::random_wavelet(rng, "v"), h = rigor::test::random_wavelet(rng, "h");
        INFO("trial " << trial);
        check_reconstruction(rigor::test::config_of(v, h, 1, 1));
    }
    // Depth 0: the picture is its own band.
    const auto bands = equivalent_filters({1, 1, 0, 0});
    REQUIRE(bands.size() == 1);
    CHECK(bands[0].analysis.x.taps == list({q(1)}));
    CHECK(bands[0].synthesis.l1_norm == 1);
}

TEST_CASE("vc2-filter: the integer transform of a large impulse is A times the taps", "[vc2][filter][property]") {
    std::mt19937 rng(3);
    const TransformConfig configs[] = {{1, 1, 2, 0}, {6, 6, 2, 0}, {5, 0, 1, 1},
                                       rigor::test::config_of(rigor::test::random_wavelet(rng, "v"),
                                                              rigor::test::random_wavelet(rng, "h"), 1, 1)};
    const std::int64_t amplitude = std::int64_t{1} << 24;
    const long size = 128, at = 61;  // the impulse far from every edge
    for (const TransformConfig& c : configs) {
        INFO(vc2::wavelet_label(c.vertical_wavelet()) << " / " << vc2::wavelet_label(c.horizontal_wavelet()) << " d="
                                                      << c.dwt_depth << " D=" << c.dwt_depth_ho);
        const auto bands = equivalent_filters(c);
        vc2::SampleArray picture(size, size);
        picture.at(at, at) = amplitude;
        const vc2::Coefficients coefficients = rigor::pixel::vc2::analyse(c, picture);
        double worst = 0;  // |coefficient − A·h[at − s·m]|, over every coefficient
        for (const SubbandFilters& b : bands) {
            const vc2::SampleArray& got = coefficients.at(b.level).at(b.orient);
            for (long my = 0; my < got.height; ++my)
                for (long mx = 0; mx < got.width; ++mx) {
                    const Rational want = Rational(amplitude) * tap(b.analysis.x, at - b.step_x * mx) *
                                          tap(b.analysis.y, at - b.step_y * my);
                    worst = std::max(worst, std::abs(static_cast<double>(got.at(mx, my)) - want.convert_to<double>()));
                }
        }
        CHECK(worst < 64);
        // Synthesis: one coefficient A of each band gives A·g[n − s·m] on the picture.
        for (const SubbandFilters& b : bands) {
            INFO(b.level << " " << b.orient);
            vc2::Coefficients only = coefficients;
            for (auto& [level, level_bands] : only)
                for (auto& [orient, array] : level_bands) std::fill(array.samples.begin(), array.samples.end(), 0);
            vc2::SampleArray& target = only.at(b.level).at(b.orient);
            const long mx = target.width / 2, my = target.height / 2;
            target.at(mx, my) = amplitude;
            const vc2::SampleArray out = rigor::pixel::vc2::synthesise(c, only);
            double error = 0;
            for (long y = 0; y < size; ++y)
                for (long x = 0; x < size; ++x) {
                    const Rational want = Rational(amplitude) * tap(b.synthesis.x, x - b.step_x * mx) *
                                          tap(b.synthesis.y, y - b.step_y * my);
                    error = std::max(error, std::abs(static_cast<double>(out.at(x, y)) - want.convert_to<double>()));
                }
            CHECK(error < 64);
        }
    }
}
