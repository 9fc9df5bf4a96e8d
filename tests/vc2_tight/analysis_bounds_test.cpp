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

Observed observe_analysis(const TransformConfig& c, const SampleArray& picture, Observed& seen) {
    rigor::pixel::vc2::analyse(c, picture, [&](int level, std::string_view name, const SampleArray& a) {
        auto& arr = seen[{level, std::string(name)}];
        for (long y = 0; y < a.height; ++y)
            for (long x = 0; x < a.width; ++x) arr[{x, y}].see(a.at(x, y));
    });
    return seen;
}

struct Tightness {
    long phases = 0, reached = 0;
};

// Every observed value lies within its array's phase bound; counts phases whose bound
// some picture reached.
Tightness check_contains(const AnalysisBounds& b, const Observed& seen) {
    Tightness t;
    for (const ArrayBound& a : b.arrays) {
        INFO("(" << a.level << ", " << a.name << ")");
        const auto it = seen.find({a.level, a.name});
        REQUIRE(it != seen.end());
        std::vector<Extremes> phase(a.phases.size());
        for (const auto& [xy, e] : it->second) {
            auto& p = phase[static_cast<std::size_t>((xy.first % a.period_x) * a.period_y + xy.second % a.period_y)];
            p.see(e.lo);
            p.see(e.hi);
        }
        for (std::size_t k = 0; k < phase.size(); ++k) {
            if (phase[k].hi < phase[k].lo) continue;  // no position of that phase at this size
            INFO("phase " << k << ": seen " << phase[k].lo << " … " << phase[k].hi << ", bound "
                          << a.phases[k].lower << " … " << a.phases[k].upper);
            CHECK(phase[k].lo >= a.phases[k].lower);
            CHECK(phase[k].hi <= a.phases[k].upper);
            t.phases += 2;
            t.reached += (phase[k].lo == a.phases[k].lower) + (phase[k].hi == a.phases[k].upper);
        }
    }
    return t;
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
        const Tightness t = check_contains(b, seen);
        CHECK(t.phases > 0);
        WARN("reached " << t.reached << " of " << t.phases << " bounds");
    }
}

TEST_CASE("analysis bounds for every size from the minimum hold on random and saturated pictures") {
    std::mt19937_64 random(12);
    for (const TransformConfig c :
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
        check_contains(b, seen);
    }
}
