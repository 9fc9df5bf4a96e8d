// The edge-inclusive analysis bounds hold at every position of every array: against
// every small picture (brute force, exact size) and random and saturated pictures of
// several sizes from the minimum (every size); and they are never looser than the
// reference's edge-free bounds where no edge is involved.
#include <catch2/catch.hpp>

#include <random>

#include "brute_force.hpp"
#include "pixel/vc2/integer_transform.hpp"
#include "pixel/vc2_tight/analysis_bounds.hpp"

using namespace rigor::pixel::vc2_tight;
using namespace vc2_tight_test;
using rigor::vc2::SampleArray;
using rigor::vc2::TransformConfig;

namespace {

void observe_analysis(const TransformConfig& c, const SampleArray& picture, Observed& seen) {
    rigor::pixel::vc2::analyse(c, picture, recorder(seen));
}

}  // namespace

TEST_CASE("analysis bounds contain every small picture exactly (brute force)") {
    struct Case {
        TransformConfig config;
        long width, height;
        int bits;
    };
    const Case cases[] = {
        {{1, 1, 1, 0}, 4, 2, 2},  {{1, 1, 1, 0}, 2, 4, 2}, {{4, 4, 1, 0}, 4, 2, 2}, {{3, 3, 1, 0}, 2, 2, 3},
        {{5, 5, 1, 0}, 4, 2, 2},  {{6, 6, 1, 0}, 4, 2, 2}, {{0, 0, 1, 0}, 2, 4, 2}, {{2, 2, 1, 0}, 4, 2, 2},
        {{1, 1, 0, 2}, 8, 1, 2},  {{5, 5, 0, 1}, 8, 1, 2}, {{3, 1, 1, 1}, 4, 2, 2}, {{1, 1, 2, 0}, 4, 4, 1},
    };
    for (const Case& k : cases) {
        const TransformConfig& c = k.config;
        INFO("w" << c.wavelet_index << " W" << c.wavelet_index_ho << " d" << c.dwt_depth << " D" << c.dwt_depth_ho
                 << " " << k.width << "x" << k.height << " at " << k.bits << " bits");
        const IntegerRange range{-(1 << (k.bits - 1)), (1 << (k.bits - 1)) - 1};
        const AnalysisBounds b = analysis_bounds(exact_geometry(c, k.width, k.height), range);
        Observed seen;
        for_every_picture(k.width, k.height, range.lower, range.upper,
                          [&](const SampleArray& p) { observe_analysis(c, p, seen); });
        const Tightness t = check_contains(b.arrays, seen);
        CHECK(t.phases > 0);
        WARN("reached " << t.reached << " of " << t.phases << " bounds");
    }
}

TEST_CASE("analysis bounds for every size from the minimum hold on random and saturated pictures") {
    std::mt19937_64 random(12);
    for (const TransformConfig& c :
         {TransformConfig{5, 5, 1, 0}, TransformConfig{1, 1, 2, 0}, TransformConfig{6, 6, 1, 1},
          TransformConfig{0, 0, 0, 2}, TransformConfig{3, 3, 2, 0}}) {
        INFO("w" << c.wavelet_index << " d" << c.dwt_depth << " D" << c.dwt_depth_ho);
        const PictureGeometry geo = minimum_geometry(c);
        const IntegerRange range{-512, 511};
        const AnalysisBounds b = analysis_bounds(geo, range);
        const long bx = 1L << (c.dwt_depth + c.dwt_depth_ho), by = 1L << c.dwt_depth;
        Observed seen;
        for (long extra : {0L, 1L, 3L}) {
            const long w = geo.width + extra * bx, h = geo.height + extra * by;
            for (int i = 0; i < 6; ++i) {
                SampleArray p(w, h);
                for (auto& v : p.samples)
                    v = i % 2 ? (random() & 1 ? range.upper : range.lower)
                              : std::uniform_int_distribution<std::int64_t>(range.lower, range.upper)(random);
                observe_analysis(c, p, seen);
            }
        }
        check_contains(b.arrays, seen);
    }
}

// The sign pattern of a target's pixel weights (the edge test pattern of its class,
// extreme pixels where the weight is positive or negative) through the real analysis:
// the value lies between the linear part plus the least and plus the most the roundings
// can add, so every upper bound, edges included, is reached up to the roundings.
TEST_CASE("analysis sign patterns reach every upper bound up to the roundings") {
    const IntegerRange range{-512, 511};
    for (const TransformConfig& c : {TransformConfig{1, 1, 2, 0}, TransformConfig{5, 5, 1, 0}, TransformConfig{6, 6, 1, 1},
                                    TransformConfig{0, 0, 0, 2}}) {
        INFO("w" << c.wavelet_index << " W" << c.wavelet_index_ho << " d" << c.dwt_depth << " D" << c.dwt_depth_ho);
        const PictureGeometry geo = minimum_geometry(c);
        const AnalysisBounds b = analysis_bounds(geo, range);
        const rigor::vc2::TransformGraph g = rigor::vc2::analysis_graph(c);
        const std::vector<Rounding> rounding = roundings(g);
        ReachTally tally;
        for_each_upper_target(g, b.arrays, geo, [&](const ArrayBound& arr, const PhaseBound& p, const ClassResponse& rx,
                                                     const ClassResponse& ry) {
            SampleArray picture(geo.width, geo.height);
            const FixedPolynomial& gx = rx.gain(g.input_x);
            const FixedPolynomial& gy = ry.gain(g.input_y);
            for (long y = 0; y < geo.height; ++y)
                for (long x = 0; x < geo.width; ++x)
                    picture.at(x, y) = sgn(gx[x]) * sgn(gy[y]) > 0 ? range.upper : range.lower;
            const auto [pos, neg] = weight_sums<Dyadic>(rx, g.input_x, ry, g.input_y);
            const Dyadic linear = pos * Dyadic(range.upper) + neg * Dyadic(range.lower);
            const Range<Dyadic> rr = rounding_range<Dyadic>(g, rounding, rx, ry);
            tally.check([&](const auto& visit) { rigor::pixel::vc2::analyse(c, picture, visit); }, arr, p,
                        linear + rr.lo);
        });
        tally.finish();
    }
}
