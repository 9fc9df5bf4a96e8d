// Which nodes are outputs of a rigor.Regression call, so that rigor.Reconstruct fed by
// them (slope and correlation of one call, and its intercept or none) runs both kernels
// in one sweep (pixel/regress/fused.hpp regress_then_reconstruct_rows: equal bit for
// bit to the two filters, without full-size slope and correlation frames).  One
// registry per loaded plugin (plugin.cpp hands it to both functions as their user data);
// Regression's output nodes enter it when made and leave it when VapourSynth frees them,
// so a pointer found here is a live node.  Any other node (a clip passed through another
// filter on the way) is not found, and Reconstruct runs on its frames as given.
#pragma once
#include <VapourSynth4.h>

#include <mutex>
#include <optional>
#include <unordered_map>

#include "filters/regress/params.hpp"

namespace rigor::vapoursynth {

// One output of a Regression call: its x and y nodes (alive as long as the output is:
// the output holds the node that holds them), its parameters, and which output it is.
struct RegressionPart {
    const void* call = nullptr;  // identifies the call's hidden node (same value: same x, y, params)
    VSNode* x = nullptr;
    VSNode* y = nullptr;
    rigor::regress::RegressParams params;
    int part = 0;  // 0 slope, 1 correlation, 2 intercept
};

class RegressionRegistry {
public:
    void add(const VSNode* node, const RegressionPart& part) {
        std::lock_guard lock(mutex_);
        parts_[node] = part;
    }
    void remove(const VSNode* node) {
        std::lock_guard lock(mutex_);
        parts_.erase(node);
    }
    std::optional<RegressionPart> find(const VSNode* node) const {
        std::lock_guard lock(mutex_);
        const auto it = parts_.find(node);
        if (it == parts_.end()) return std::nullopt;
        return it->second;
    }

private:
    mutable std::mutex mutex_;
    std::unordered_map<const VSNode*, RegressionPart> parts_;
};

}  // namespace rigor::vapoursynth
