#include "pixel/vc2_tight/analysis_bounds.hpp"

#include <cmath>

#include "filters/base/error.hpp"
#include "filters/base/worker_pool.hpp"
#include "pixel/vc2_tight/classified_graph.hpp"

namespace rigor::pixel::vc2_tight {

using rigor::vc2::TransformArray;
using rigor::vc2::TransformGraph;

IntegerRange ArrayBound::range() const {
    IntegerRange r{INT64_MAX, INT64_MIN};
    for (const PhaseBound& p : phases) r = {std::min(r.lower, p.lower), std::max(r.upper, p.upper)};
    return r;
}

ArrayBound ArrayBound::empty_for(const TransformArray& a, int index) {
    ArrayBound b;
    b.index = index;
    b.level = a.level;
    b.name = a.name;
    b.period_x = a.period_x;
    b.period_y = a.period_y;
    return b;
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
    ClassifiedGraph setup(geo, TransformSide::analysis, threads);
    const TransformGraph& g = setup.graph;
    const std::vector<Rounding>& r = setup.roundings;
    const ResponseCache &cx = setup.x, &cy = setup.y;

    const double dlo = static_cast<double>(picture.lower), dhi = static_cast<double>(picture.upper);
    const Dyadic elo(picture.lower), ehi(picture.upper);
    // Arrays in any order on any thread, each into its own slot: the same bounds.
    out.arrays.resize(g.arrays.size());
    parallel_for(g.arrays.size(), threads, [&](std::size_t i) {
        const TransformArray& a = g.arrays[i];
        ArrayBound ab = ArrayBound::empty_for(a, static_cast<int>(i));
        const auto& X = setup.classes.x[i];
        const auto& Y = setup.classes.y[i];
        // Per pair (x-major): the whole value, its linear part and its roundings' part.
        std::vector<Range<double>> whole, linear, rounding;
        double magnitude = 0;
        for (const AxisClass& c : X)
            for (const AxisClass& d : Y) {
                const auto v = pair_value<double>(g, r, cx.filled(a.x, c), cy.filled(a.y, d), dlo, dhi);
                whole.push_back({v.lo(), v.hi()});
                linear.push_back({v.linear_lo, v.linear_hi});
                rounding.push_back(v.rounding);
                magnitude = std::max({magnitude, std::abs(v.linear_hi), std::abs(v.linear_lo),
                                      std::abs(v.rounding.hi) + std::abs(v.rounding.lo)});
            }
        const double margin = screening_margin(2 * magnitude);
        auto exact = [&](std::size_t k) {
            return pair_value<Dyadic>(g, r, cx.filled(a.x, X[k / Y.size()]), cy.filled(a.y, Y[k % Y.size()]), elo, ehi);
        };
        ab.phases = phase_extremes(X, Y, a.period_x, a.period_y, whole, margin, [&](std::size_t k) {
            const auto v = exact(k);
            return Range<Dyadic>{v.lo(), v.hi()};
        });
        auto all = [](std::size_t) { return true; };
        auto hi = [](const auto& v) { return v.hi; };
        auto minus_lo = [](const auto& v) { return -v.lo; };
        auto exact_linear = [&](std::size_t k) {
            const auto v = exact(k);
            return Range<Dyadic>{v.linear_lo, v.linear_hi};
        };
        auto exact_rounding = [&](std::size_t k) { return exact(k).rounding; };
        ab.linear = {-screened_extreme(linear, margin, minus_lo, all, exact_linear).first,
                     screened_extreme(linear, margin, hi, all, exact_linear).first};
        ab.rounding = {-screened_extreme(rounding, margin, minus_lo, all, exact_rounding).first,
                       screened_extreme(rounding, margin, hi, all, exact_rounding).first};
        out.arrays[i] = std::move(ab);
    });
    return out;
}

}  // namespace rigor::pixel::vc2_tight
