#include "pixel/vc2_tight/response_cache.hpp"

#include "filters/base/error.hpp"
#include "filters/base/worker_pool.hpp"

namespace rigor::pixel::vc2_tight {

void ResponseCache::fill(const std::vector<std::pair<int, AxisClass>>& wanted, unsigned threads) {
    std::vector<std::pair<int, AxisClass>> missing;
    for (const auto& [node, cls] : wanted) {
        auto [it, fresh] = cache_.try_emplace({node, cls.position});
        if (fresh) missing.push_back({node, cls});
    }
    parallel_for(missing.size(), threads, [&](std::size_t i) {
        auto r = std::make_unique<ClassResponse>(class_response(net_, missing[i].first, missing[i].second, line_));
        cache_.at({missing[i].first, missing[i].second.position}) = std::move(r);
    });
}

const ClassResponse& ResponseCache::get(int node, const AxisClass& cls) {
    auto& slot = cache_[{node, cls.position}];
    if (!slot) slot = std::make_unique<ClassResponse>(class_response(net_, node, cls, line_));
    return *slot;
}

const ClassResponse& ResponseCache::filled(int node, const AxisClass& cls) const {
    const auto it = cache_.find({node, cls.position});
    if (it == cache_.end() || !it->second)
        throw InternalError("no response of node " + std::to_string(node) + " at class " + std::to_string(cls.position));
    return *it->second;
}

GraphClasses graph_classes(const rigor::vc2::TransformGraph& g, const ArrayShapes& shapes, ResponseCache& cx,
                           ResponseCache& cy, unsigned threads) {
    GraphClasses out;
    std::vector<std::pair<int, AxisClass>> want_x, want_y;
    for (std::size_t i = 0; i < g.arrays.size(); ++i) {
        out.x.push_back(axis_classes(shapes.x[i], cx.line().extent));
        out.y.push_back(axis_classes(shapes.y[i], cy.line().extent));
        for (const AxisClass& c : out.x.back()) want_x.push_back({g.arrays[i].x, c});
        for (const AxisClass& c : out.y.back()) want_y.push_back({g.arrays[i].y, c});
    }
    cx.fill(want_x, threads);
    cy.fill(want_y, threads);
    return out;
}

}  // namespace rigor::pixel::vc2_tight
