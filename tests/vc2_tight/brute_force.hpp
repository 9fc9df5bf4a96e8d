// Every picture of a few pixels with few bits through the integer transform: the
// observed extremes of every array at every position, the ground truth the tight bounds
// must contain, and the check that they do.
#pragma once
#include <catch2/catch.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "filters/vc2/sample_array.hpp"
#include "filters/vc2/transform_config.hpp"
#include "pixel/vc2/integer_transform.hpp"
#include "pixel/vc2_bit_widths/pattern_output.hpp"
#include "pixel/vc2_tight/analysis_bounds.hpp"

namespace vc2_tight_test {

struct Extremes {
    std::int64_t lo = INT64_MAX, hi = INT64_MIN;
    void see(std::int64_t v) {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
};

// (level, array name) → position (x, y) → extremes.
using Observed = std::map<std::pair<int, std::string>, std::map<std::pair<long, long>, Extremes>>;

// A transform visitor recording every value of every array into `seen`.
inline rigor::pixel::vc2::ArrayVisitor recorder(Observed& seen) {
    return [&seen](int level, std::string_view name, const rigor::vc2::SampleArray& a) {
        auto& arr = seen[{level, std::string(name)}];
        for (long y = 0; y < a.height; ++y)
            for (long x = 0; x < a.width; ++x) arr[{x, y}].see(a.at(x, y));
    };
}

// Calls f with every width × height picture of samples in [lo, hi] (row-major odometer).
inline void for_every_picture(long width, long height, std::int64_t lo, std::int64_t hi,
                              const std::function<void(const rigor::vc2::SampleArray&)>& f) {
    rigor::vc2::SampleArray p(width, height, lo);
    for (;;) {
        f(p);
        std::size_t i = 0;
        for (; i < p.samples.size(); ++i) {
            if (p.samples[i] < hi) {
                ++p.samples[i];
                break;
            }
            p.samples[i] = lo;
        }
        if (i == p.samples.size()) return;
    }
}

// The observed extremes of array `a` folded by phase (x mod period_x, y mod period_y), in the
// order of a.phases; a phase no position reached stays empty (hi < lo).
template <class ArrayBounds>
std::vector<Extremes> extremes_by_phase(const ArrayBounds& a, const Observed& seen) {
    const auto it = seen.find({a.level, a.name});
    REQUIRE(it != seen.end());
    std::vector<Extremes> phase(a.phases.size());
    for (const auto& [xy, e] : it->second) {
        auto& p = phase[static_cast<std::size_t>((xy.first % a.period_x) * a.period_y + xy.second % a.period_y)];
        p.see(e.lo);
        p.see(e.hi);
    }
    return phase;
}

struct Tightness {
    long phases = 0, reached = 0;
};

// Every observed value lies within its array's phase bound; counts phases whose bound
// some picture reached.
inline Tightness check_contains(const std::vector<rigor::pixel::vc2_tight::ArrayBound>& arrays, const Observed& seen) {
    Tightness t;
    for (const auto& a : arrays) {
        INFO("(" << a.level << ", " << a.name << ")");
        const std::vector<Extremes> phase = extremes_by_phase(a, seen);
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

// Coefficients quantised at every index 0 … last_index (per band qi − matrix value, as the
// encoder does) and decoded, every value recorded into `seen`.
inline void decode_at_every_index(const rigor::vc2::TransformConfig& config, const rigor::vc2::QuantisationMatrix& matrix,
                                  const rigor::vc2::Coefficients& coeffs, int last_index, Observed& seen) {
    for (int qi = 0; qi <= last_index; ++qi) {
        rigor::vc2::Coefficients q = coeffs;
        rigor::pixel::vc2_bit_widths::quantise_in_place(q, matrix, qi);
        rigor::pixel::vc2::synthesise(config, q, recorder(seen));
    }
}

// Row by row never looser than `wide`; returns how many bounds are strictly tighter.
inline long tighter_than(const std::vector<rigor::pixel::vc2_tight::ArrayBound>& narrow,
                         const std::vector<rigor::pixel::vc2_tight::ArrayBound>& wide) {
    REQUIRE(narrow.size() == wide.size());
    long tighter = 0;
    for (std::size_t i = 0; i < narrow.size(); ++i)
        for (std::size_t k = 0; k < narrow[i].phases.size(); ++k) {
            const auto &n = narrow[i].phases[k], &w = wide[i].phases[k];
            INFO("(" << narrow[i].level << ", " << narrow[i].name << ") phase " << k);
            CHECK(n.upper <= w.upper);
            CHECK(n.lower >= w.lower);
            tighter += (n.upper < w.upper) + (n.lower > w.lower);
        }
    return tighter;
}

// f(array, phase bound, x response, y response) for the class pair of every upper bound.
template <class F>
void for_each_upper_target(const rigor::vc2::TransformGraph& g, const std::vector<rigor::pixel::vc2_tight::ArrayBound>& arrays,
                           const rigor::pixel::vc2_tight::PictureGeometry& geo, F&& f) {
    using rigor::pixel::vc2_tight::class_response;
    for (const auto& arr : arrays) {
        const auto& a = g.arrays[static_cast<std::size_t>(arr.index)];
        for (const auto& p : arr.phases) {
            const auto rx = class_response(g.ax, a.x, p.at_upper.x, {geo.width});
            const auto ry = class_response(g.ay, a.y, p.at_upper.y, {geo.height});
            f(arr, p, rx, ry);
        }
    }
}

// Sign-pattern targets (edge test patterns): each value must lie in [least, its upper
// bound], least being the linear part plus the least the roundings add.
struct ReachTally {
    long reached = 0, targets = 0;

    // The value of array `arr` at the class pair when `run(visitor)` transforms the pattern.
    template <class Run>
    void check(Run run, const rigor::pixel::vc2_tight::ArrayBound& arr, const rigor::pixel::vc2_tight::PhaseBound& p,
               const rigor::pixel::vc2_tight::Dyadic& least) {
        const auto& at = p.at_upper;
        std::int64_t value = 0;
        run([&](int level, std::string_view name, const rigor::vc2::SampleArray& s) {
            if (level == arr.level && name == arr.name) value = s.at(at.x.position, at.y.position);
        });
        INFO("(" << arr.level << ", " << arr.name << ") at (" << at.x.position << ", " << at.y.position << ") ["
                 << rigor::pixel::vc2_tight::side_name(at.x.side) << ", "
                 << rigor::pixel::vc2_tight::side_name(at.y.side) << "]: " << value << ", bound " << p.upper);
        CHECK(value <= p.upper);
        CHECK(rigor::pixel::vc2_tight::Dyadic(value) >= least);
        ++targets;
        reached += value == p.upper;
    }
    void finish() const {
        CHECK(targets > 0);
        WARN(reached << " of " << targets << " upper bounds met exactly");
    }
};

}  // namespace vc2_tight_test
