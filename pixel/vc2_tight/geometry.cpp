#include "pixel/vc2_tight/geometry.hpp"

#include "pixel/vc2/integer_transform.hpp"

namespace rigor::pixel::vc2_tight {

using rigor::vc2::TransformConfig;
using rigor::vc2::TransformGraph;

ArrayShapes array_shapes(const TransformGraph& g, const pixel::vc2::ArrayRegions& r) {
    ArrayShapes s;
    for (std::size_t i = 0; i < g.arrays.size(); ++i) {
        s.x.push_back({r.x[i], r.log2_step_x[i], g.arrays[i].period_x});
        s.y.push_back({r.y[i], r.log2_step_y[i], g.arrays[i].period_y});
    }
    return s;
}

PictureGeometry minimum_geometry(const TransformConfig& c) {
    std::vector<AxisShape> xs, ys;
    for (bool synthesis : {false, true}) {
        const TransformGraph g = synthesis ? rigor::vc2::synthesis_graph(c) : rigor::vc2::analysis_graph(c);
        const ArrayShapes s =
            array_shapes(g, synthesis ? pixel::vc2::synthesis_regions(c) : pixel::vc2::analysis_regions(c));
        xs.insert(xs.end(), s.x.begin(), s.x.end());
        ys.insert(ys.end(), s.y.begin(), s.y.end());
    }
    PictureGeometry p;
    p.config = c;
    p.width = minimum_extent(xs, 1L << (c.dwt_depth + c.dwt_depth_ho));
    p.height = minimum_extent(ys, 1L << c.dwt_depth);
    return p;
}

PictureGeometry exact_geometry(const TransformConfig& c, long width, long height) {
    pixel::vc2::check_picture_size(c, width, height);
    return {c, width, height, true};
}

std::string PictureGeometry::describe() const {
    const std::string size = std::to_string(width) + "x" + std::to_string(height);
    return exact_size ? "pictures of exactly " + size
                      : "every picture of at least " + size + " (width a multiple of " +
                            std::to_string(1L << (config.dwt_depth + config.dwt_depth_ho)) + ", height of " +
                            std::to_string(1L << config.dwt_depth) + ")";
}

}  // namespace rigor::pixel::vc2_tight
