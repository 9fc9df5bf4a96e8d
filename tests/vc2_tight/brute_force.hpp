// Every picture of a few pixels with few bits through the integer transform: the
// observed extremes of every array at every position, the ground truth the tight bounds
// must contain.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "filters/vc2/sample_array.hpp"
#include "filters/vc2/transform_config.hpp"

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

}  // namespace vc2_tight_test
