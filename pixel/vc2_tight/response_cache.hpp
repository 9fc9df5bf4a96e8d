// The class responses of one axis network on one line, each computed once.  Not
// thread-safe while filling; fill() computes a list of (node, class) on several threads
// and reads are safe afterwards.
#pragma once
#include <map>
#include <memory>
#include <utility>
#include <vector>

#include "pixel/vc2_tight/class_response.hpp"
#include "pixel/vc2_tight/geometry.hpp"

namespace rigor::pixel::vc2_tight {

class ResponseCache {
public:
    ResponseCache(const rigor::vc2::AxisNetwork& network, rigor::vc2::AxisLine line) : net_(network), line_(line) {}

    // Computes what is missing of `wanted` (threads ≤ 1: on the calling thread).
    void fill(const std::vector<std::pair<int, AxisClass>>& wanted, unsigned threads);
    // A response filled before (computed now if not, on the calling thread).
    const ClassResponse& get(int node, const AxisClass& cls);
    // A response filled before, never computing: safe on several threads at once.
    const ClassResponse& filled(int node, const AxisClass& cls) const;

    const rigor::vc2::AxisNetwork& network() const { return net_; }
    rigor::vc2::AxisLine line() const { return line_; }

private:
    const rigor::vc2::AxisNetwork& net_;
    rigor::vc2::AxisLine line_;
    std::map<std::pair<int, long>, std::unique_ptr<ClassResponse>> cache_;
};

// The classes of every array of a graph on the caches' lines (x, y indexed like
// graph.arrays), their responses computed into the caches on `threads` threads.
struct GraphClasses {
    std::vector<std::vector<AxisClass>> x, y;
};
GraphClasses graph_classes(const rigor::vc2::TransformGraph& graph, const ArrayShapes& shapes, ResponseCache& cx,
                           ResponseCache& cy, unsigned threads);

}  // namespace rigor::pixel::vc2_tight
