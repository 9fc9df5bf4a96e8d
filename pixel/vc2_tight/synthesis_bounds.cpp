#include "pixel/vc2_tight/synthesis_bounds.hpp"

#include <algorithm>
#include <cmath>

#include "filters/base/error.hpp"
#include "filters/base/worker_pool.hpp"
#include "pixel/vc2/quantisation.hpp"
#include "pixel/vc2_tight/classified_graph.hpp"

namespace rigor::pixel::vc2_tight {

using pixel::vc2::maximum_dequantised_magnitude;
using rigor::vc2::TransformArray;
using rigor::vc2::TransformGraph;

const ArrayBound& SynthesisBounds::find(int level, const std::string& name) const {
    for (const ArrayBound& a : arrays)
        if (a.level == level && a.name == name) return a;
    throw InternalError("no synthesis array (" + std::to_string(level) + ", " + name + ")");
}

const BandRange& SynthesisBounds::band(int level, const std::string& orient) const {
    for (const BandRange& b : bands)
        if (b.level == level && b.orient == orient) return b;
    throw InternalError("no band (" + std::to_string(level) + ", " + orient + ")");
}

std::vector<BandRange> band_ranges(const AnalysisBounds& a) {
    const TransformGraph sg = rigor::vc2::synthesis_graph(a.geometry.config);
    std::vector<BandRange> out;
    for (const rigor::vc2::CoefficientBand& b : sg.bands) {
        BandRange r;
        r.level = b.level;
        r.orient = b.orient;
        r.analysis = a.arrays.empty() ? a.picture : a.find(b.level == 0 ? 1 : b.level, b.orient).range();
        r.synthesis = {maximum_dequantised_magnitude(r.analysis.lower), maximum_dequantised_magnitude(r.analysis.upper)};
        out.push_back(std::move(r));
    }
    if (sg.bands.empty())  // depth 0: the picture is its own DC band, passed through unchanged
        out.push_back({0, a.geometry.config.dwt_depth_ho > 0 ? "L" : "LL", a.picture,
                       {maximum_dequantised_magnitude(a.picture.lower), maximum_dequantised_magnitude(a.picture.upper)}});
    return out;
}

namespace {

template <class N>
Range<N> pair_range(const TransformGraph& g, const std::vector<Rounding>& r, const std::vector<BandRange>& bands,
                    const ClassResponse& rx, const ClassResponse& ry) {
    Range<N> out = rounding_range<N>(g, r, rx, ry);
    for (std::size_t i = 0; i < g.bands.size(); ++i) {  // bands as g.bands
        const auto& b = g.bands[i];
        const auto [p, n] = weight_sums<N>(rx, b.x, ry, b.y);
        const N lo(static_cast<long>(bands[i].synthesis.lower)), hi(static_cast<long>(bands[i].synthesis.upper));
        out.hi += p * hi + n * lo;
        out.lo += p * lo + n * hi;
    }
    return out;
}

}  // namespace

SynthesisBounds synthesis_bounds(const AnalysisBounds& analysis, unsigned threads) {
    const PictureGeometry& geo = analysis.geometry;
    SynthesisBounds out;
    out.geometry = geo;
    out.bands = band_ranges(analysis);
    ClassifiedGraph setup(geo, TransformSide::synthesis, threads);
    const TransformGraph& g = setup.graph;
    const std::vector<Rounding>& r = setup.roundings;
    const ResponseCache &cx = setup.x, &cy = setup.y;

    // Arrays in any order on any thread, each into its own slot: the same bounds.
    out.arrays.resize(g.arrays.size());
    parallel_for(g.arrays.size(), threads, [&](std::size_t i) {
        const TransformArray& a = g.arrays[i];
        ArrayBound ab = ArrayBound::empty_for(a, static_cast<int>(i));
        const auto& X = setup.classes.x[i];
        const auto& Y = setup.classes.y[i];
        std::vector<Range<double>> approx;
        double magnitude = 0;
        for (const AxisClass& c : X)
            for (const AxisClass& d : Y) {
                approx.push_back(pair_range<double>(g, r, out.bands, cx.filled(a.x, c), cy.filled(a.y, d)));
                magnitude = std::max({magnitude, std::abs(approx.back().lo), std::abs(approx.back().hi)});
            }
        ab.phases = phase_extremes(X, Y, a.period_x, a.period_y, approx, screening_margin(2 * magnitude),
                                   [&](std::size_t k) {
                                       return pair_range<Dyadic>(g, r, out.bands, cx.filled(a.x, X[k / Y.size()]),
                                                                 cy.filled(a.y, Y[k % Y.size()]));
                                   });
        out.arrays[i] = std::move(ab);
    });
    return out;
}

}  // namespace rigor::pixel::vc2_tight
