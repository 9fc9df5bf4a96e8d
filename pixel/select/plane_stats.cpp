#include "pixel/select/plane_stats.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>

#include <nlohmann/json.hpp>

#include "filters/base/error.hpp"
#include "pixel/io/half.hpp"

namespace rigor::pixel::select {

namespace {

template <class T>
PlaneStats integer_stats(const Plane& a, const Plane* b, double max_code) {
    std::uint64_t sum = 0, diff = 0;
    unsigned lo = ~0u, hi = 0;
    for (int y = 0; y < a.height(); ++y) {
        const T* ra = a.row_as<T>(y);
        const T* rb = b ? b->row_as<T>(y) : nullptr;
        for (int x = 0; x < a.width(); ++x) {
            const unsigned v = ra[x];
            lo = std::min(lo, v);
            hi = std::max(hi, v);
            sum += v;
            if (rb) diff += std::uint64_t(std::abs(int(v) - int(rb[x])));
        }
    }
    const double scale = double(a.width()) * double(a.height()) * max_code;
    PlaneStats s;
    s.min = lo;
    s.max = hi;
    s.average = double(sum) / scale;
    if (b) s.diff = double(diff) / scale;
    return s;
}

template <class T, class Load>
PlaneStats float_stats(const Plane& a, const Plane* b, Load load) {
    double sum = 0, diff = 0;
    float lo = INFINITY, hi = -INFINITY;
    for (int y = 0; y < a.height(); ++y) {
        const T* ra = a.row_as<T>(y);
        const T* rb = b ? b->row_as<T>(y) : nullptr;
        for (int x = 0; x < a.width(); ++x) {
            const float v = load(ra[x]);
            lo = std::min(lo, v);
            hi = std::max(hi, v);
            sum += v;
            if (rb) diff += std::abs(double(v) - double(load(rb[x])));
        }
    }
    const double count = double(a.width()) * double(a.height());
    PlaneStats s;
    s.integer = false;
    s.min = lo;
    s.max = hi;
    s.average = sum / count;
    if (b) s.diff = diff / count;
    return s;
}

}  // namespace

PlaneStats plane_stats(const Frame& a, int plane, const Frame* b) {
    const VideoFormat& f = a.format();
    if (plane < 0 || plane >= a.planes())
        throw UserError("plane " + std::to_string(plane) + " does not exist: " + f.name() + " has " +
                        std::to_string(a.planes()) + " plane(s), numbered from 0");
    if (b && (b->format() != f || b->width() != a.width() || b->height() != a.height()))
        throw UserError("the second clip's frames are " + b->format().name() + " " + std::to_string(b->width()) + "x" +
                        std::to_string(b->height()) + " but the first's are " + f.name() + " " +
                        std::to_string(a.width()) + "x" + std::to_string(a.height()) +
                        "; a difference needs one format and size");
    const Plane& pa = a.plane(plane);
    const Plane* pb = b ? &b->plane(plane) : nullptr;
    if (!f.is_float())
        return f.bytes_per_sample() == 1 ? integer_stats<std::uint8_t>(pa, pb, f.max_code())
                                         : integer_stats<std::uint16_t>(pa, pb, f.max_code());
    if (f.bits == 16) return float_stats<std::uint16_t>(pa, pb, [](std::uint16_t h) { return half_to_float(h); });
    return float_stats<float>(pa, pb, [](float v) { return v; });
}

std::string plane_stats_json(const PlaneStats& s, const PlaneStatsNames& names) {
    nlohmann::ordered_json entry;  // keys in PlaneStats' order
    if (s.integer) {
        entry[names.min] = std::int64_t(s.min);
        entry[names.max] = std::int64_t(s.max);
    } else {
        entry[names.min] = s.min;
        entry[names.max] = s.max;
    }
    entry[names.average] = s.average;
    if (s.diff) entry[names.diff] = *s.diff;
    return entry.dump();
}

}  // namespace rigor::pixel::select
