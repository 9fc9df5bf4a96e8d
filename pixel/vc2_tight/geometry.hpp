// The pictures a tight analysis speaks for: every size from a minimum (the responses
// are computed on the minimum, whose classes stand for every larger picture, see
// edge_classes.hpp), or exactly one size (--width/--height).
#pragma once
#include <string>
#include <vector>

#include "filters/vc2/transform_graph.hpp"
#include "pixel/vc2/dependency_region.hpp"
#include "pixel/vc2_tight/edge_classes.hpp"

namespace rigor::pixel::vc2_tight {

struct PictureGeometry {
    rigor::vc2::TransformConfig config;
    long width = 0, height = 0;  // the extents the responses are computed on
    bool exact_size = false;     // false: every picture at least width × height (in blocks)

    std::string describe() const;
};

// The minimum picture of a configuration: every larger one (a multiple of 2^(D+D_ho) by
// 2^D) has the same classes of positions.
PictureGeometry minimum_geometry(const rigor::vc2::TransformConfig& config);
// Exactly width × height; throws rigor::UserError for a size the transform cannot split.
PictureGeometry exact_geometry(const rigor::vc2::TransformConfig& config, long width, long height);

// The shapes of one graph's arrays (indexed like graph.arrays) along x and y.
struct ArrayShapes {
    std::vector<AxisShape> x, y;
};
ArrayShapes array_shapes(const rigor::vc2::TransformGraph& graph, const pixel::vc2::ArrayRegions& regions);

}  // namespace rigor::pixel::vc2_tight
