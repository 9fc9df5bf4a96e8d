#include "symbolic/expr/rounding_error.hpp"

#include <algorithm>
#include <cmath>

#include "symbolic/expr/binary32_enclosure.hpp"
#include "symbolic/expr/box_search.hpp"
#include "symbolic/expr/exhaustive_error.hpp"
#include "symbolic/expr/real_evaluator.hpp"
#include "symbolic/expr/witness_search.hpp"

namespace rigor::symbolic::expr {

namespace {

constexpr long kErrorBoxes = 2000;

// What the enclosure of a box certifies about |e| at the root: at most `upper`; on a
// point box at least `lower` (the error interval's distance from 0).
double upper_of(const NodeEnclosure& n) { return n.e_bounded && n.f.finite() ? n.e.magnitude() : INFINITY; }
double lower_of(const NodeEnclosure& n) {
    if (!n.e_bounded || !n.f.finite() || n.e.is_empty()) return -INFINITY;
    return n.e.lo > 0 ? n.e.lo : n.e.hi < 0 ? -n.e.hi : 0;
}

}  // namespace

RoundingError rounding_error(EngineRunner& engine, const rigor::expr::Expr& p, const std::vector<InputDomain>& domains) {
    RoundingError out;
    // A small integer domain, rational values: every input exactly, the largest is the bound.
    if (const auto all = exhaustive_error(engine, p, domains)) {
        out.bounded = out.exhaustive = true;
        out.bound = all->above, out.reached = all->below, out.at = all->at;
        return out;
    }
    std::vector<int> grids;
    for (const InputDomain& d : domains) grids.push_back(d.grid());
    const Binary32Enclosure enclosure(p, grids, engine.probe());
    const rigor::expr::NodeId root = p.root();
    std::vector<NodeEnclosure> nodes;
    enclosure.evaluate(box_ranges(domains, whole_box(domains)), nodes);
    if (!std::isfinite(upper_of(nodes[root]))) return out;
    // The search: engine against the real model in long double, largest difference.
    const RealEvaluator real(p);
    std::vector<std::vector<long double>> reals;
    const Score score = [&](const PointSet& points, std::vector<double>& s) {
        const std::vector<float> f = engine.values(root, points);
        real.evaluate(points, reals);
        s.resize(points.size());
        for (std::size_t i = 0; i < points.size(); ++i) s[i] = double(std::fabs(static_cast<long double>(f[i]) - reals[root][i]));
    };
    const PointSet start = candidate_points(domains, {}, 2048);
    std::vector<double> scores;
    score(start, scores);
    const Found best = improve(domains, score, start, scores, 2048);
    // Certified at the point found, then branch and bound from there.
    double reached = -INFINITY;
    if (!best.point.empty()) {
        std::vector<Binary32Range> point;
        for (float x : best.point) point.push_back(Binary32Range::point(x));
        enclosure.evaluate(point, nodes);
        reached = lower_of(nodes[root]);
    }
    BoxObjective objective;
    objective.upper = [&](const std::vector<NodeEnclosure>& n) { return upper_of(n[root]); };
    objective.at_point = [&](const std::vector<NodeEnclosure>& n) { return lower_of(n[root]); };
    const BoxSearch b = maximise(enclosure, domains, objective, reached, best.point, kErrorBoxes);
    out.bounded = std::isfinite(b.bound);
    out.bound = b.bound;
    out.reached = std::max(b.best, 0.0);
    out.at = b.best_point;
    out.boxes = b.boxes;
    return out;
}

double half_binary16_spacing(double m) {
    if (m < 0x1p-14) return 0x1p-25;  // subnormal binary16: spacing 2^-24
    int e = 0;
    std::frexp(m, &e);  // m = f 2^e, f in [0.5, 1): the binade 2^(e-1), spacing 2^(e-1-10)
    return std::ldexp(1.0, e - 1 - 11);
}

StoreError binary16_store_error(EngineRunner& engine, const rigor::expr::Expr& p, const std::vector<InputDomain>& domains,
                                const RoundingError& before, double max_magnitude) {
    StoreError out;
    out.applies = true;
    // 65520 = 65504 + half its spacing of 32: from there a store rounds to inf.
    if (!before.bounded || !(max_magnitude < 65520)) return out;
    out.bounded = true;
    out.bound = (before.bound + half_binary16_spacing(max_magnitude)) * (1 + 0x1p-50);
    if (before.at.empty()) return out;
    // At the input closest to the error before the store: the stored value against the
    // real model's enclosure there (the point box of binary32_enclosure.hpp).
    PointSet one(domains.size());
    one.add(before.at);
    const float stored = engine.values(p.root(), one, rigor::expr::SampleStorage{true, 16}).at(0);
    std::vector<int> grids;
    for (const InputDomain& d : domains) grids.push_back(d.grid());
    std::vector<Binary32Range> point;
    for (float x : before.at) point.push_back(Binary32Range::point(x));
    std::vector<NodeEnclosure> nodes;
    Binary32Enclosure(p, grids, engine.probe()).evaluate(point, nodes);
    const OutwardInterval& real = nodes[p.root()].v;
    if (std::isfinite(stored) && !real.is_empty() && !nodes[p.root()].v_undefined) {
        out.reached = std::max({0.0, double(stored) - real.hi, real.lo - double(stored)});
        out.at = before.at;
    }
    return out;
}

}  // namespace rigor::symbolic::expr
