#include "pixel/vc2_tight/edge_classes.hpp"

#include <map>

#include "filters/base/error.hpp"

namespace rigor::pixel::vc2_tight {

namespace {

EdgeSide side_of(const AxisShape& s, long i, long extent) {
    const long at = i << s.log2_step;
    const bool left = at + s.region.lo < 0, right = at + s.region.hi > extent - 1;
    return left && right ? EdgeSide::Both : left ? EdgeSide::Left : right ? EdgeSide::Right : EdgeSide::Interior;
}

}  // namespace

std::vector<AxisClass> axis_classes(const AxisShape& s, long extent) {
    const long n = extent >> s.log2_step;
    std::vector<AxisClass> out;
    std::map<long, std::size_t> interior;  // phase → class
    for (long i = 0; i < n; ++i) {
        const EdgeSide side = side_of(s, i, extent);
        const long phase = i % s.period;
        if (side == EdgeSide::Interior) {
            const auto [it, fresh] = interior.try_emplace(phase, out.size());
            if (fresh) out.push_back({i, side, phase, 0});
            ++out[it->second].count;
            continue;
        }
        out.push_back({i, side, phase, 1});
    }
    return out;
}

long minimum_extent(const std::vector<AxisShape>& shapes, long block) {
    for (const AxisShape& s : shapes)
        if ((block >> s.log2_step) % s.period != 0)
            throw InternalError("a VC-2 array's period does not divide its block");
    for (long extent = block;; extent += block) {
        bool fits = true;
        for (const AxisShape& s : shapes) {
            std::vector<bool> phases(static_cast<std::size_t>(s.period), false);
            for (long i = 0; i < (extent >> s.log2_step) && fits; ++i) {
                const EdgeSide side = side_of(s, i, extent);
                fits = side != EdgeSide::Both;
                if (side == EdgeSide::Interior) phases[static_cast<std::size_t>(i % s.period)] = true;
            }
            for (bool p : phases) fits = fits && p;
            if (!fits) break;
        }
        if (fits) return extent;
    }
}

std::string side_name(EdgeSide side) {
    switch (side) {
        case EdgeSide::Interior: return "interior";
        case EdgeSide::Left: return "left";
        case EdgeSide::Right: return "right";
        case EdgeSide::Both: return "both";
    }
    return "";
}

}  // namespace rigor::pixel::vc2_tight
