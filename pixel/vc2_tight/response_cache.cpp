#include "pixel/vc2_tight/response_cache.hpp"

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

}  // namespace rigor::pixel::vc2_tight
