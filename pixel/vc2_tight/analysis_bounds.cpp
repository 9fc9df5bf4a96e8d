#include "pixel/vc2_tight/analysis_bounds.hpp"

#include <cmath>

#include "filters/base/error.hpp"
#include "pixel/vc2_tight/exact_max.hpp"

namespace rigor::pixel::vc2_tight {

using rigor::vc2::TransformArray;
using rigor::vc2::TransformGraph;

IntegerRange ArrayBound::range() const {
    IntegerRange r{INT64_MAX, INT64_MIN};
    for (const PhaseBound& p : phases) r = {std::min(r.lower, p.lower), std::max(r.upper, p.upper)};
    return r;
}

const ArrayBound& AnalysisBounds::find(int level, const std::string& name) const {
    for (const ArrayBound& a : arrays)
        if (a.level == level && a.name == name) return a;
    throw InternalError("no analysis array (" + std::to_string(level) + ", " + name + ")");
}

namespace {

// The parts of one class pair's bound.
template <class N>
struct PairValue {
    N linear_hi, linear_lo;
    Range<N> rounding;
    N hi() const { return linear_hi + rounding.hi; }
    N lo() const { return linear_lo + rounding.lo; }
};

template <class N>
PairValue<N> pair_value(const TransformGraph& g, const std::vector<Rounding>& r, const ClassResponse& rx,
                        const ClassResponse& ry, const N& lo, const N& hi) {
    const auto [p, n] = weight_sums<N>(rx, g.input_x, ry, g.input_y);
    return {p * hi + n * lo, p * lo + n * hi, rounding_range<N>(g, r, rx, ry)};
}

}  // namespace

AnalysisBounds analysis_bounds(const PictureGeometry& geo, IntegerRange picture, unsigned threads) {
    AnalysisBounds out;
    out.geometry = geo;
    out.picture = picture;
    const TransformGraph g = rigor::vc2::analysis_graph(geo.config);
    const ArrayShapes shapes = array_shapes(g, pixel::vc2::analysis_regions(geo.config));
    const std::vector<Rounding> r = roundings(g);
    ResponseCache cx(g.ax, {geo.width}), cy(g.ay, {geo.height});

    std::vector<std::vector<AxisClass>> xs, ys;
    std::vector<std::pair<int, AxisClass>> want_x, want_y;
    for (std::size_t i = 0; i < g.arrays.size(); ++i) {
        xs.push_back(axis_classes(shapes.x[i], geo.width));
        ys.push_back(axis_classes(shapes.y[i], geo.height));
        for (const AxisClass& c : xs.back()) want_x.push_back({g.arrays[i].x, c});
        for (const AxisClass& c : ys.back()) want_y.push_back({g.arrays[i].y, c});
    }
    cx.fill(want_x, threads);
    cy.fill(want_y, threads);

    const double dlo = static_cast<double>(picture.lower), dhi = static_cast<double>(picture.upper);
    const Dyadic elo(picture.lower), ehi(picture.upper);
    for (std::size_t i = 0; i < g.arrays.size(); ++i) {
        const TransformArray& a = g.arrays[i];
        ArrayBound ab;
        ab.index = static_cast<int>(i);
        ab.level = a.level;
        ab.name = a.name;
        ab.period_x = a.period_x;
        ab.period_y = a.period_y;
        const auto& X = xs[i];
        const auto& Y = ys[i];
        struct Pair {
            const AxisClass* x;
            const AxisClass* y;
        };
        std::vector<Pair> pairs;
        std::vector<PairValue<double>> values;
        double magnitude = 0;
        for (const AxisClass& c : X)
            for (const AxisClass& d : Y) {
                pairs.push_back({&c, &d});
                values.push_back(pair_value<double>(g, r, cx.get(a.x, c), cy.get(a.y, d), dlo, dhi));
                const auto& v = values.back();
                magnitude = std::max({magnitude, std::abs(v.linear_hi), std::abs(v.linear_lo),
                                      std::abs(v.rounding.hi) + std::abs(v.rounding.lo)});
            }
        const double margin = screening_margin(2 * magnitude);
        auto exact = [&](std::size_t k) {
            return pair_value<Dyadic>(g, r, cx.get(a.x, *pairs[k].x), cy.get(a.y, *pairs[k].y), elo, ehi);
        };
        // The extreme of `pick` over the pairs selected by `keep` (maximised; the lower
        // bounds are maximised negated).
        auto extreme = [&](auto pick, auto keep) {
            std::vector<double> approx;
            std::vector<std::size_t> index;
            for (std::size_t k = 0; k < pairs.size(); ++k)
                if (keep(k)) {
                    approx.push_back(pick(values[k]));
                    index.push_back(k);
                }
            const ExactMax m = exact_max(approx, margin, [&](std::size_t j) { return pick(exact(index[j])); });
            return std::pair{m.value, index[m.index]};
        };
        for (long px = 0; px < a.period_x; ++px)
            for (long py = 0; py < a.period_y; ++py) {
                auto in_phase = [&](std::size_t k) { return pairs[k].x->phase == px && pairs[k].y->phase == py; };
                const auto [hi, at_hi] = extreme([](const auto& v) { return v.hi(); }, in_phase);
                const auto [lo, at_lo] = extreme([](const auto& v) { return -v.lo(); }, in_phase);
                ab.phases.push_back({(-lo).ceil(), hi.floor(), {*pairs[at_lo].x, *pairs[at_lo].y},
                                     {*pairs[at_hi].x, *pairs[at_hi].y}});
            }
        auto all = [](std::size_t) { return true; };
        ab.linear = {-extreme([](const auto& v) { return -v.linear_lo; }, all).first,
                     extreme([](const auto& v) { return v.linear_hi; }, all).first};
        ab.rounding = {-extreme([](const auto& v) { return -v.rounding.lo; }, all).first,
                       extreme([](const auto& v) { return v.rounding.hi; }, all).first};
        out.arrays.push_back(std::move(ab));
    }
    return out;
}

}  // namespace rigor::pixel::vc2_tight
