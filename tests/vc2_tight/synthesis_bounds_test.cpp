// The edge-inclusive synthesis bounds hold at every position of every synthesis array:
// for every small picture quantised at index 0 and at random per-band indices (brute
// force, exact size), for random and saturated coefficients anywhere in the
// bands' ranges (the model the bounds assume) on pictures from the minimum size up.
#include <catch2/catch.hpp>

#include <random>

#include "brute_force.hpp"
#include "pixel/vc2/quantisation.hpp"
#include "pixel/vc2_tight/synthesis_bounds.hpp"

using namespace rigor::pixel::vc2_tight;
using namespace vc2_tight_test;
using rigor::vc2::Coefficients;
using rigor::vc2::SampleArray;
using rigor::vc2::TransformConfig;
namespace vc2 = rigor::pixel::vc2;

namespace {

// Every coefficient of band b quantised and dequantised at index(b).
template <class Index>
Coefficients quantised(Coefficients c, Index index) {
    for (auto& [level, bands] : c)
        for (auto& [orient, a] : bands) {
            const int qi = index(level, orient);
            for (auto& v : a.samples) v = vc2::inverse_quant(vc2::forward_quant(v, qi), qi);
        }
    return c;
}

// Coefficients of a width × height picture with every value drawn by draw(band).
template <class Draw>
Coefficients coefficients_like(const TransformConfig& c, long width, long height, const SynthesisBounds& b, Draw draw) {
    Coefficients out = vc2::analyse(c, SampleArray(width, height, 0));
    for (auto& [level, bands] : out)
        for (auto& [orient, a] : bands)
            for (auto& v : a.samples) v = draw(b.band(level, orient));
    return out;
}

}  // namespace

TEST_CASE("synthesis bounds contain every small picture at every quantisation (brute force)") {
    struct Case {
        TransformConfig config;
        long width, height;
        int bits;
    };
    const Case cases[] = {
        {{1, 1, 1, 0}, 4, 2, 2}, {{4, 4, 1, 0}, 2, 4, 2}, {{3, 3, 1, 0}, 2, 2, 3}, {{5, 5, 1, 0}, 4, 2, 2},
        {{6, 6, 1, 0}, 4, 2, 2}, {{2, 2, 1, 0}, 4, 2, 2}, {{1, 1, 0, 2}, 8, 1, 2}, {{3, 1, 1, 1}, 4, 2, 2},
        {{1, 1, 2, 0}, 4, 4, 1},
    };
    std::mt19937_64 random(7);
    for (const Case& k : cases) {
        const TransformConfig& c = k.config;
        INFO("w" << c.wavelet_index << " W" << c.wavelet_index_ho << " d" << c.dwt_depth << " D" << c.dwt_depth_ho
                 << " " << k.width << "x" << k.height << " at " << k.bits << " bits");
        const IntegerRange range{-(1 << (k.bits - 1)), (1 << (k.bits - 1)) - 1};
        const SynthesisBounds b = synthesis_bounds(analysis_bounds(exact_geometry(c, k.width, k.height), range));
        Observed seen;
        for_every_picture(k.width, k.height, range.lower, range.upper, [&](const SampleArray& p) {
            const Coefficients coeffs = vc2::analyse(c, p);
            vc2::synthesise(c, coeffs, recorder(seen));
            vc2::synthesise(c, quantised(coeffs, [&](int level, const std::string& orient) {
                                const IntegerRange& r = b.band(level, orient).analysis;
                                const int most = vc2::smallest_zeroing_quantisation_index(std::max(-r.lower, r.upper));
                                return std::uniform_int_distribution<int>(0, most)(random);
                            }),
                            recorder(seen));
        });
        CHECK(check_contains(b.arrays, seen).phases > 0);
    }
}

TEST_CASE("synthesis bounds hold for any coefficients in the bands' ranges") {
    std::mt19937_64 random(3);
    for (const TransformConfig& c : {TransformConfig{5, 5, 1, 0}, TransformConfig{1, 1, 2, 0}, TransformConfig{6, 6, 1, 1},
                                    TransformConfig{0, 0, 0, 2}, TransformConfig{3, 3, 2, 0}, TransformConfig{4, 1, 1, 0}}) {
        INFO("w" << c.wavelet_index << " W" << c.wavelet_index_ho << " d" << c.dwt_depth << " D" << c.dwt_depth_ho);
        const PictureGeometry geo = minimum_geometry(c);
        const SynthesisBounds b = synthesis_bounds(analysis_bounds(geo, {-512, 511}));
        const long bx = 1L << (c.dwt_depth + c.dwt_depth_ho), by = 1L << c.dwt_depth;
        Observed seen;
        for (long extra : {0L, 1L, 4L}) {
            const long w = geo.width + extra * bx, h = geo.height + extra * by;
            for (int i = 0; i < 6; ++i)
                vc2::synthesise(c, coefficients_like(c, w, h, b, [&](const BandRange& r) {
                                    const auto& s = r.synthesis;
                                    return i % 2 ? (random() & 1 ? s.upper : s.lower)
                                                 : std::uniform_int_distribution<std::int64_t>(s.lower, s.upper)(random);
                                }),
                                recorder(seen));
        }
        check_contains(b.arrays, seen);
    }
}

// The sign pattern of a target's synthesis gains, each coefficient at its band's extreme,
// through the real synthesis: the value lies between the linear part plus the least and
// plus the most the roundings can add, so every upper bound (edges included) is reached
// up to the roundings — the synthesis bounds are exact for the model, and these
// coefficient pictures are its edge test patterns.
TEST_CASE("synthesis sign patterns reach every upper bound up to the roundings") {
    for (const TransformConfig& c : {TransformConfig{1, 1, 2, 0}, TransformConfig{5, 5, 1, 0}, TransformConfig{6, 6, 1, 1},
                                    TransformConfig{3, 3, 1, 0}}) {
        INFO("w" << c.wavelet_index << " W" << c.wavelet_index_ho << " d" << c.dwt_depth << " D" << c.dwt_depth_ho);
        const PictureGeometry geo = minimum_geometry(c);
        const SynthesisBounds b = synthesis_bounds(analysis_bounds(geo, {-512, 511}));
        const rigor::vc2::TransformGraph g = rigor::vc2::synthesis_graph(c);
        const std::vector<Rounding> rounding = roundings(g);
        ReachTally tally;
        for_each_upper_target(g, b.arrays, geo, [&](const ArrayBound& arr, const PhaseBound& p, const ClassResponse& rx,
                                                     const ClassResponse& ry) {
            Coefficients coeffs = vc2::analyse(c, SampleArray(geo.width, geo.height, 0));
            Dyadic linear(0);
            for (const auto& band : g.bands) {
                const BandRange& r = b.band(band.level, band.orient);
                SampleArray& s = coeffs.at(band.level).at(band.orient);
                const FixedPolynomial& gx = rx.gain(band.x);
                const FixedPolynomial& gy = ry.gain(band.y);
                for (long y = 0; y < s.height; ++y)
                    for (long x = 0; x < s.width; ++x) {
                        const int sign = sgn(gx[x]) * sgn(gy[y]);
                        s.at(x, y) = sign > 0 ? r.synthesis.upper : sign < 0 ? r.synthesis.lower : 0;
                    }
                const auto [pos, neg] = weight_sums<Dyadic>(rx, band.x, ry, band.y);
                linear += pos * Dyadic(r.synthesis.upper) + neg * Dyadic(r.synthesis.lower);
            }
            const Range<Dyadic> rr = rounding_range<Dyadic>(g, rounding, rx, ry);
            tally.check([&](const auto& visit) { vc2::synthesise(c, coeffs, visit); }, arr, p, linear + rr.lo);
        });
        tally.finish();
    }
}
