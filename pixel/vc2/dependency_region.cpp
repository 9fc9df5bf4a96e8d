#include "pixel/vc2/dependency_region.hpp"

#include <algorithm>

#include "filters/base/error.hpp"

namespace rigor::pixel::vc2 {

using rigor::vc2::AxisNetwork;
using rigor::vc2::AxisNode;
using rigor::vc2::AxisOp;
using rigor::vc2::CoefficientBand;
using rigor::vc2::LiftingStage;
using rigor::vc2::TransformArray;
using rigor::vc2::TransformConfig;
using rigor::vc2::TransformGraph;

namespace {

// Regions of every node; `sources[n]` is used for Source nodes.
std::vector<AxisRegion> node_regions(const AxisNetwork& net, const std::vector<AxisRegion>& sources) {
    std::vector<AxisRegion> r(net.nodes.size());
    for (std::size_t n = 0; n < net.nodes.size(); ++n) {
        const AxisNode& node = net.nodes[n];
        const long s = 1L << node.log2_step;
        switch (node.op) {
            case AxisOp::Source: r[n] = sources[n]; break;
            case AxisOp::Scale: r[n] = r[static_cast<std::size_t>(node.input)]; break;
            case AxisOp::Lift: {
                const LiftingStage& st = net.stages[static_cast<std::size_t>(node.stage)];
                const long first = 2L * st.delay - 1, last = 2L * (st.delay + st.length - 1) - 1;
                const AxisRegion in = r[static_cast<std::size_t>(node.input)];
                r[n] = {in.lo + std::min(0L, first) * s, in.hi + std::max(0L, last) * s};
                break;
            }
            case AxisOp::Even: r[n] = r[static_cast<std::size_t>(node.input)]; break;
            case AxisOp::Odd: {
                const AxisRegion in = r[static_cast<std::size_t>(node.input)];
                const long in_step = s / 2;
                r[n] = {in.lo + in_step, in.hi + in_step};
                break;
            }
            case AxisOp::Interleave: {
                const AxisRegion e = r[static_cast<std::size_t>(node.input)];
                const AxisRegion o = r[static_cast<std::size_t>(node.input_odd)];
                r[n] = {std::min(e.lo, o.lo - s), std::max(e.hi, o.hi - s)};
                break;
            }
        }
    }
    return r;
}

ArrayRegions regions_of(const TransformGraph& g, const std::vector<AxisRegion>& rx, const std::vector<AxisRegion>& ry) {
    ArrayRegions out;
    for (const TransformArray& a : g.arrays) {
        out.x.push_back(rx[static_cast<std::size_t>(a.x)]);
        out.y.push_back(ry[static_cast<std::size_t>(a.y)]);
        out.log2_step_x.push_back(g.ax.nodes[static_cast<std::size_t>(a.x)].log2_step);
        out.log2_step_y.push_back(g.ay.nodes[static_cast<std::size_t>(a.y)].log2_step);
    }
    return out;
}

}  // namespace

bool ArrayRegions::interior(std::size_t i, long px, long py, long width, long height) const {
    const long cx = px << log2_step_x[i], cy = py << log2_step_y[i];
    return cx + x[i].lo >= 0 && cx + x[i].hi <= width - 1 && cy + y[i].lo >= 0 && cy + y[i].hi <= height - 1;
}

ArrayRegions analysis_regions(const TransformConfig& c) {
    const TransformGraph g = rigor::vc2::analysis_graph(c);
    return regions_of(g, node_regions(g.ax, std::vector<AxisRegion>(g.ax.nodes.size())),
                      node_regions(g.ay, std::vector<AxisRegion>(g.ay.nodes.size())));
}

ArrayRegions synthesis_regions(const TransformConfig& c) {
    const TransformGraph a = rigor::vc2::analysis_graph(c), g = rigor::vc2::synthesis_graph(c);
    const auto ax = node_regions(a.ax, std::vector<AxisRegion>(a.ax.nodes.size()));
    const auto ay = node_regions(a.ay, std::vector<AxisRegion>(a.ay.nodes.size()));
    // Each coefficient band enters the synthesis with the region analysis gave it.
    std::vector<AxisRegion> sx(g.ax.nodes.size()), sy(g.ay.nodes.size());
    for (const CoefficientBand& band : g.bands) {
        const auto match = std::find_if(a.bands.begin(), a.bands.end(), [&](const CoefficientBand& b) {
            return b.level == band.level && b.orient == band.orient;
        });
        if (match == a.bands.end()) throw InternalError("no analysis band for synthesis band " + band.orient);
        sx[static_cast<std::size_t>(band.x)] = ax[static_cast<std::size_t>(match->x)];
        sy[static_cast<std::size_t>(band.y)] = ay[static_cast<std::size_t>(match->y)];
    }
    return regions_of(g, node_regions(g.ax, sx), node_regions(g.ay, sy));
}

}  // namespace rigor::pixel::vc2
