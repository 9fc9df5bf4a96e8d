#include "pixel/vc2_tight/integer_lift_bounds.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "filters/vc2/edge_rule.hpp"

namespace rigor::pixel::vc2_tight {

using rigor::vc2::AxisNetwork;
using rigor::vc2::AxisNode;
using rigor::vc2::AxisOp;
using rigor::vc2::Derivation;
using rigor::vc2::LiftingStage;
using rigor::vc2::RoundingError;
using rigor::vc2::TransformArray;
using rigor::vc2::TransformGraph;

namespace {

// floor(a / 2^s) for any sign (arithmetic shift).
std::int64_t floor_shift(std::int64_t a, int s) { return a >> s; }

long mod(long a, long m) { return ((a % m) + m) % m; }

// The bound of array `a` at the phase of entry (along, across): the lifted axis' position
// and the other axis' phase.
IntegerRange bound_at(const ArrayBound& a, bool along_x, long position, long across_phase) {
    const long px = along_x ? mod(position, a.period_x) : mod(across_phase, a.period_x);
    const long py = along_x ? mod(across_phase, a.period_y) : mod(position, a.period_y);
    const PhaseBound& p = a.phases[static_cast<std::size_t>(px * a.period_y + py)];
    return {p.lower, p.upper};
}

class Expander {
public:
    Expander(const AxisNetwork& net, bool analysis, long extent) : net_(net), analysis_(analysis), extent_(extent) {}

    // Adds coefficient c on sample j of node m, expanded through the exact operations.
    void add(int m, long j, std::int64_t c) {
        const AxisNode& n = net_.nodes[static_cast<std::size_t>(m)];
        if (n.op == AxisOp::Lift) {
            const LiftingStage& s = net_.stages[static_cast<std::size_t>(n.stage)];
            const long parity = s.updates_even() ? 0 : 1;
            if (mod(j, 2) != parity) return add(n.input, j, c);
            if (s.shift == 0) {
                const long len = length(n.input);
                add(n.input, j, c);
                for (int i = 0; i < static_cast<int>(s.taps.size()); ++i)
                    add(n.input, rigor::vc2::clamped_tap_index(s, j, i, len),
                        (s.adds() ? c : -c) * s.taps[static_cast<std::size_t>(i)]);
                return;
            }
        } else if (n.op == AxisOp::Scale && analysis_ && n.shift >= 0) {
            return add(n.input, j, c * (std::int64_t{1} << n.shift));
        }
        terms[{m, j}] += c;
    }

    long length(int m) const { return extent_ >> net_.nodes[static_cast<std::size_t>(m)].log2_step; }

    std::map<std::pair<int, long>, std::int64_t> terms;  // (node, sample) → coefficient

private:
    const AxisNetwork& net_;
    bool analysis_;
    long extent_;
};

}  // namespace

void narrow_by_integer_lifts(const TransformGraph& g, const PictureGeometry& geo, bool analysis,
                             std::vector<ArrayBound>& arrays) {
    // Arrays by their node pair (several arrays may hold the same values: any will do).
    std::map<std::pair<int, int>, std::vector<std::size_t>> by_nodes;
    for (std::size_t i = 0; i < g.arrays.size(); ++i) by_nodes[{g.arrays[i].x, g.arrays[i].y}].push_back(i);

    for (std::size_t i = 0; i < g.arrays.size(); ++i) {
        const TransformArray& a = g.arrays[i];
        ArrayBound& out = arrays[i];
        if (a.derivation != Derivation::Reported && a.from >= 0) {
            // The same values as earlier arrays: intersect with theirs at the matching phase.
            for (long px = 0; px < a.period_x; ++px)
                for (long py = 0; py < a.period_y; ++py) {
                    long sx = px, sy = py;
                    int from = a.from;
                    switch (a.derivation) {
                        case Derivation::EvenColumns: sx = 2 * px; break;
                        case Derivation::OddColumns: sx = 2 * px + 1; break;
                        case Derivation::EvenRows: sy = 2 * py; break;
                        case Derivation::OddRows: sy = 2 * py + 1; break;
                        case Derivation::InterleaveColumns:
                            sx = px / 2;
                            if (px % 2) from = a.from_odd;
                            break;
                        case Derivation::InterleaveRows:
                            sy = py / 2;
                            if (py % 2) from = a.from_odd;
                            break;
                        default: break;
                    }
                    if (from < 0) continue;
                    const ArrayBound& f = arrays[static_cast<std::size_t>(from)];
                    const PhaseBound& s = f.phases[static_cast<std::size_t>(mod(sx, f.period_x) * f.period_y +
                                                                             mod(sy, f.period_y))];
                    PhaseBound& p = out.phases[static_cast<std::size_t>(px * a.period_y + py)];
                    p.upper = std::min(p.upper, s.upper);
                    p.lower = std::max(p.lower, s.lower);
                }
            continue;
        }
        if (a.error == RoundingError::RightShift) {
            // The synthesis output (X + 2^(b−1)) >> b of the array X before the shift, at
            // the same position: non-decreasing in X.
            const AxisNode& n = g.ax.nodes[static_cast<std::size_t>(a.x)];
            const auto found = by_nodes.find({n.input, a.y});
            if (n.op != AxisOp::Scale || n.shift >= 0 || -n.shift > 30 || found == by_nodes.end()) continue;
            const int b = -n.shift;
            for (std::size_t li : found->second) {
                const ArrayBound& x = arrays[li];
                if (li >= i || x.period_x != a.period_x || x.period_y != a.period_y) continue;
                for (std::size_t k = 0; k < out.phases.size(); ++k) {
                    PhaseBound& p = out.phases[k];
                    const std::int64_t o = std::int64_t{1} << (b - 1);
                    p.upper = std::min(p.upper, floor_shift(x.phases[k].upper + o, b));
                    p.lower = std::max(p.lower, floor_shift(x.phases[k].lower + o, b));
                }
            }
            continue;
        }
        if (a.error != RoundingError::LiftX && a.error != RoundingError::LiftY) continue;
        const bool along_x = a.error == RoundingError::LiftX;
        const AxisNetwork& net = along_x ? g.ax : g.ay;
        const int node = along_x ? a.x : a.y, across = along_x ? a.y : a.x;
        const AxisNode& n = net.nodes[static_cast<std::size_t>(node)];
        if (n.op != AxisOp::Lift) continue;
        const LiftingStage& s = net.stages[static_cast<std::size_t>(n.stage)];
        if (s.shift < 0 || s.shift > 30) continue;
        const long extent = along_x ? geo.width : geo.height;
        const long period = along_x ? a.period_x : a.period_y, across_period = along_x ? a.period_y : a.period_x;
        const long parity = s.updates_even() ? 0 : 1;
        const std::int64_t offset = s.shift > 0 ? std::int64_t{1} << (s.shift - 1) : 0;
        // Per phase along the lifted axis: the bound of W over its positions (none: an
        // unknown leaf, the phase is left as it is).
        Expander probe(net, analysis, extent);
        const long len = probe.length(n.input);
        std::vector<std::optional<IntegerRange>> per_phase(static_cast<std::size_t>(period * across_period));
        std::vector<bool> unknown(per_phase.size(), false);
        for (long k = 0; k < len; ++k) {
            // Samples the lift does not update: out[k] = in[k] = W exactly.
            const bool updated = mod(k, 2) == parity;
            Expander e(net, analysis, extent);
            if (updated) {
                const std::int64_t self = s.adds() ? (std::int64_t{1} << s.shift) : -(std::int64_t{1} << s.shift);
                e.add(n.input, k, self);
                for (int t = 0; t < static_cast<int>(s.taps.size()); ++t)
                    e.add(n.input, rigor::vc2::clamped_tap_index(s, k, t, len), s.taps[static_cast<std::size_t>(t)]);
            } else {
                e.add(n.input, k, 1);
            }
            for (long q = 0; q < across_period; ++q) {
                const std::size_t slot = static_cast<std::size_t>(along_x ? mod(k, period) * across_period + q
                                                                          : q * period + mod(k, period));
                if (unknown[slot]) continue;
                std::int64_t wmax = 0, wmin = 0;
                bool ok = true;
                for (const auto& [leaf, c] : e.terms) {
                    if (c == 0) continue;
                    const auto found = by_nodes.find(along_x ? std::pair{leaf.first, across} : std::pair{across, leaf.first});
                    if (found == by_nodes.end()) {
                        ok = false;
                        break;
                    }
                    IntegerRange r{INT64_MIN, INT64_MAX};
                    for (std::size_t li : found->second) {
                        // Only arrays bounded before this one, with this one's period across.
                        if (li >= i || (along_x ? arrays[li].period_y : arrays[li].period_x) != across_period) continue;
                        const IntegerRange b = bound_at(arrays[li], along_x, leaf.second, q);
                        r = {std::max(r.lower, b.lower), std::min(r.upper, b.upper)};
                    }
                    if (r.lower == INT64_MIN) {
                        ok = false;
                        break;
                    }
                    wmax += c > 0 ? c * r.upper : c * r.lower;
                    wmin += c > 0 ? c * r.lower : c * r.upper;
                }
                if (!ok) {
                    unknown[slot] = true;
                    per_phase[slot].reset();
                    continue;
                }
                // add: out = ⌊(W + o)/2^S⌋; subtract: out = −⌊(W' + o)/2^S⌋.
                IntegerRange v = !updated ? IntegerRange{wmin, wmax}
                                 : s.adds() ? IntegerRange{floor_shift(wmin + offset, s.shift),
                                                         floor_shift(wmax + offset, s.shift)}
                                          : IntegerRange{-floor_shift(wmax + offset, s.shift),
                                                         -floor_shift(wmin + offset, s.shift)};
                auto& slot_range = per_phase[slot];
                if (!slot_range)
                    slot_range = v;
                else
                    slot_range = IntegerRange{std::min(slot_range->lower, v.lower), std::max(slot_range->upper, v.upper)};
            }
        }
        for (std::size_t k = 0; k < per_phase.size(); ++k) {
            if (unknown[k] || !per_phase[k]) continue;
            PhaseBound& p = out.phases[k];
            p.upper = std::min(p.upper, per_phase[k]->upper);
            p.lower = std::max(p.lower, per_phase[k]->lower);
        }
    }
}

}  // namespace rigor::pixel::vc2_tight
