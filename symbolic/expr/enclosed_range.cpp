#include "symbolic/expr/enclosed_range.hpp"

#include <algorithm>
#include <cmath>

#include "filters/base/error.hpp"
#include "symbolic/expr/box_search.hpp"
#include "symbolic/expr/witness_search.hpp"

namespace rigor::symbolic::expr {

namespace {

using rigor::expr::NodeId;
using rigor::expr::SampleStorage;

// The binary16 value nearest to v (ties to even), as binary32; beyond 65520 inf.
float half_round(float v) {
    if (!std::isfinite(v) || v == 0) return v;
    const float a = std::fabs(v);
    if (a >= 65520.0f) return std::copysign(INFINITY, v);
    int e = std::ilogb(a);
    if (e < -14) e = -14;                         // subnormals: spacing 2^-24
    const float spacing = std::ldexp(1.0f, e - 10);
    return std::copysign(std::nearbyint(a / spacing) * spacing, v);  // a / spacing is exact
}

// The largest (up) or smallest engine value of the root among candidate and improved
// points; NaN never wins.
Found search_end(EngineRunner& engine, NodeId root, const std::vector<InputDomain>& domains, bool up, long& used) {
    const Score score = [&](const PointSet& p, std::vector<double>& s) {
        const std::vector<float> v = engine.values(root, p);
        s.resize(v.size());
        for (std::size_t i = 0; i < v.size(); ++i) s[i] = std::isnan(v[i]) ? NAN : up ? double(v[i]) : -double(v[i]);
        used += long(v.size());
    };
    const PointSet start = candidate_points(domains, {}, kWitnessBudget / 2);
    std::vector<double> scores;
    score(start, scores);
    return improve(domains, score, start, scores, kWitnessBudget / 2);
}

// A point that gives NaN on the engine, if the candidates hold one.
std::vector<float> nan_witness(EngineRunner& engine, NodeId root, const std::vector<InputDomain>& domains, long& used) {
    const PointSet p = candidate_points(domains, {}, kWitnessBudget / 2);
    const std::vector<float> v = engine.values(root, p);
    used += long(v.size());
    for (std::size_t i = 0; i < v.size(); ++i)
        if (std::isnan(v[i])) return p.point(i);
    return {};
}

EnclosedEnd end_of(EngineRunner& engine, const Binary32Enclosure& enclosure, NodeId root,
                   const std::vector<InputDomain>& domains, bool up, EnclosedRange& out) {
    const Found f = search_end(engine, root, domains, up, out.engine_points);
    const double sign = up ? 1 : -1;
    BoxObjective objective;
    objective.upper = [&](const std::vector<NodeEnclosure>& n) {
        const Binary32Range& r = n[root].f;
        return r.has_values() ? sign * double(up ? r.hi : r.lo) : -INFINITY;
    };
    objective.at_point = [&](const std::vector<NodeEnclosure>& n) {
        const Binary32Range& r = n[root].f;
        return r.has_values() && r.lo == r.hi ? sign * double(r.lo) : -INFINITY;
    };
    const BoxSearch b = maximise(enclosure, domains, objective, f.score, f.point, kBoxBudget);
    out.boxes += b.boxes;
    EnclosedEnd e;
    e.bound = float(sign * b.bound);  // ends of binary32 ranges: binary32 numbers or ±inf
    if (!b.best_point.empty()) {  // ±inf is a value the engine reaches (overflow)
        e.at = b.best_point;
        PointSet p(domains.size());
        p.add(e.at);
        e.reached = engine.values(root, p)[0];  // the engine's own word, not the model's
        ++out.engine_points;
        if (std::isnan(e.reached)) e.at.clear();
    }
    return e;
}

}  // namespace

float stored_value(float v, SampleStorage store) {
    if (store.is_float) return store.bits == 16 ? half_round(v) : v;
    if (std::isnan(v)) return 0;
    const float top = float((1L << store.bits) - 1);
    return std::nearbyint(std::min(std::max(v, 0.0f), top));
}

EnclosedRange enclosed_range(EngineRunner& engine, const rigor::expr::Expr& point_program,
                             const std::vector<InputDomain>& domains, SampleStorage store) {
    std::vector<int> grids;
    for (const InputDomain& d : domains) grids.push_back(d.grid());
    const Binary32Enclosure enclosure(point_program, grids, engine.probe());
    const NodeId root = point_program.root();
    EnclosedRange out;
    std::vector<NodeEnclosure> whole;
    enclosure.evaluate(box_ranges(domains, whole_box(domains)), whole);
    EnclosedSide& b = out.binary32;
    b.has_values = whole[root].f.has_values();
    b.nan_possible = whole[root].f.nan;
    if (b.nan_possible) b.nan_at = nan_witness(engine, root, domains, out.engine_points);
    if (b.has_values) {
        b.lo = end_of(engine, enclosure, root, domains, false, out);
        b.hi = end_of(engine, enclosure, root, domains, true, out);
    }
    // The store is non-decreasing on numbers and sends NaN to 0 (integers) or keeps it.
    EnclosedSide& s = out.stored;
    s = b;
    auto store_end = [&](EnclosedEnd& e) {
        e.bound = stored_value(e.bound, store);
        if (!e.at.empty()) {
            PointSet p(domains.size());
            p.add(e.at);
            e.reached = engine.values(root, p, store)[0];
            ++out.engine_points;
        }
    };
    if (s.has_values) store_end(s.lo), store_end(s.hi);
    if (!store.is_float && b.nan_possible) {
        s.nan_possible = false;  // NaN is written as 0
        EnclosedEnd zero{0, 0, b.nan_at};
        if (!s.has_values) s.lo = s.hi = zero, s.has_values = true;
        else {
            if (s.lo.bound > 0) s.lo = zero;  // 0 reached when a NaN input is known
            if (s.hi.bound < 0) s.hi = zero;
        }
    }
    return out;
}

}  // namespace rigor::symbolic::expr
