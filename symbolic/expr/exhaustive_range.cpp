#include "symbolic/expr/exhaustive_range.hpp"

#include <algorithm>
#include <cmath>

#include "filters/base/error.hpp"

namespace rigor::symbolic::expr {

namespace {

void observe(ObservedRange& r, const std::vector<float>& values, const PointSet& points) {
    for (std::size_t i = 0; i < values.size(); ++i) {
        const float v = values[i];
        if (std::isnan(v)) {
            if (r.nan_points++ == 0) r.nan_at = points.point(i);
            continue;
        }
        if (std::isinf(v) && r.infinite_points++ == 0) r.infinite_at = points.point(i);
        if (!r.has_values || v < r.lo) r.lo = v, r.lo_at = points.point(i);
        if (!r.has_values || v > r.hi) r.hi = v, r.hi_at = points.point(i);
        r.has_values = true;
    }
}

}  // namespace

std::vector<float> joint_point(const std::vector<InputDomain>& domains, std::uint64_t i) {
    std::vector<float> p;
    for (const InputDomain& d : domains) {
        const std::uint64_t n = d.count();
        p.push_back(d.at(i % n));
        i /= n;
    }
    return p;
}

PointSet joint_points(const std::vector<InputDomain>& domains, std::uint64_t first, std::uint64_t n) {
    PointSet points(domains.size());
    for (auto& c : points.columns) c.reserve(n);
    // Mixed-radix counting: the first input fastest, as joint_point numbers them.
    std::vector<std::uint64_t> digit(domains.size());
    std::uint64_t rest = first;
    for (std::size_t k = 0; k < domains.size(); ++k) digit[k] = rest % domains[k].count(), rest /= domains[k].count();
    std::vector<float> p(domains.size());
    for (std::uint64_t i = 0; i < n; ++i) {
        for (std::size_t k = 0; k < domains.size(); ++k) p[k] = domains[k].at(digit[k]);
        points.add(p);
        for (std::size_t k = 0; k < domains.size() && ++digit[k] == domains[k].count(); ++k) digit[k] = 0;
    }
    return points;
}

ExhaustiveRange exhaustive_range(EngineRunner& engine, rigor::expr::NodeId root, const std::vector<InputDomain>& domains,
                                 rigor::expr::SampleStorage store) {
    const std::uint64_t total = joint_count(domains);
    if (total > kExhaustiveLimit) throw InternalError("exhaustive range: the joint domain is too large");
    const bool separate_store = !(store.is_float && store.bits == 32);
    ExhaustiveRange out;
    out.points = total;
    for (std::uint64_t first = 0; first < total; first += kExhaustiveChunk) {
        const PointSet points = joint_points(domains, first, std::min(kExhaustiveChunk, total - first));
        observe(out.binary32, engine.values(root, points), points);
        if (separate_store) observe(out.stored, engine.values(root, points, store), points);
    }
    if (!separate_store) out.stored = out.binary32;
    return out;
}

}  // namespace rigor::symbolic::expr
