#include "pixel/vc2_tight/classified_graph.hpp"

namespace rigor::pixel::vc2_tight {

namespace {

rigor::vc2::TransformGraph side_graph(const rigor::vc2::TransformConfig& c, TransformSide side) {
    return side == TransformSide::analysis ? rigor::vc2::analysis_graph(c) : rigor::vc2::synthesis_graph(c);
}

pixel::vc2::ArrayRegions side_regions(const rigor::vc2::TransformConfig& c, TransformSide side) {
    return side == TransformSide::analysis ? pixel::vc2::analysis_regions(c) : pixel::vc2::synthesis_regions(c);
}

}  // namespace

ClassifiedGraph::ClassifiedGraph(const PictureGeometry& geo, TransformSide side, unsigned threads)
    : graph(side_graph(geo.config, side)),
      roundings(rigor::pixel::vc2_tight::roundings(graph)),
      x(graph.ax, {geo.width}),
      y(graph.ay, {geo.height}),
      classes(graph_classes(graph, array_shapes(graph, side_regions(geo.config, side)), x, y, threads)) {}

}  // namespace rigor::pixel::vc2_tight
