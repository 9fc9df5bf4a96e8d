// One transform graph on one picture geometry, made ready for its bounds: the graph, its
// roundings (affine_terms.hpp), the response caches of its two axis networks on the
// geometry's lines and the classes of positions of every array (edge_classes.hpp), their
// responses computed.  The analysis and the synthesis bounds both start from one.
//
// The caches refer to the graph's networks, so the type owns the graph and is neither
// copied nor moved.
#pragma once
#include <vector>

#include "filters/vc2/transform_graph.hpp"
#include "pixel/vc2_tight/affine_terms.hpp"
#include "pixel/vc2_tight/geometry.hpp"
#include "pixel/vc2_tight/response_cache.hpp"

namespace rigor::pixel::vc2_tight {

enum class TransformSide { analysis, synthesis };

class ClassifiedGraph {
public:
    // The `side` graph of geometry.config, its classes' responses on `threads` threads.
    ClassifiedGraph(const PictureGeometry& geometry, TransformSide side, unsigned threads);
    ClassifiedGraph(const ClassifiedGraph&) = delete;
    ClassifiedGraph& operator=(const ClassifiedGraph&) = delete;

    const rigor::vc2::TransformGraph graph;
    const std::vector<Rounding> roundings;
    ResponseCache x, y;        // along the picture's width and height
    const GraphClasses classes;  // indexed like graph.arrays
};

}  // namespace rigor::pixel::vc2_tight
