#include "filters/expr/window_sum.hpp"

#include <algorithm>
#include <optional>
#include <vector>

namespace rigor::expr {

namespace {

// The operands of the add tree rooted at an Add node, when every one is a Load of one
// clip with one boundary rule (else nullopt).
using Leaves = std::optional<std::vector<NodeId>>;
// x[0,0] never leaves the plane, so its boundary rule is no part of its value.
bool unshifted(const Node& n) { return n.dx == 0 && n.dy == 0; }

// The window the loads cover, when they are exactly the offsets of one rectangle, each
// once.
std::optional<Node> rectangle_of(const Expr& e, const std::vector<NodeId>& loads) {
    const Node& first = e.node(loads.front());
    int x0 = first.dx, x1 = first.dx, y0 = first.dy, y1 = first.dy;
    for (NodeId id : loads) {
        const Node& n = e.node(id);
        x0 = std::min(x0, n.dx), x1 = std::max(x1, n.dx);
        y0 = std::min(y0, n.dy), y1 = std::max(y1, n.dy);
    }
    const long w = long(x1) - x0 + 1, h = long(y1) - y0 + 1;
    if (w * h != long(loads.size())) return std::nullopt;
    std::vector<bool> seen(std::size_t(w * h), false);
    for (NodeId id : loads) {
        const Node& n = e.node(id);
        const std::size_t k = std::size_t((n.dy - y0) * w + (n.dx - x0));
        if (seen[k]) return std::nullopt;
        seen[k] = true;
    }
    Node window;
    window.op = Op::WindowSum;
    window.clip = first.clip;
    window.boundary = first.boundary;
    for (NodeId id : loads)
        if (!unshifted(e.node(id))) window.boundary = e.node(id).boundary;
    window.dx = x0;
    window.dy = y0;
    window.window_width = int(w);
    window.window_height = int(h);
    return window;
}

}  // namespace

Expr form_window_sums(const Expr& e, std::span<const ClipSamples> clips, int minimum_samples,
                      int minimum_word_samples) {
    std::vector<Leaves> leaves(e.size());
    std::vector<std::optional<Node>> window(e.size());
    bool any = false;
    for (NodeId i = 0; i < e.size(); ++i) {
        const Node& n = e.node(i);
        if (n.op != Op::Add) continue;
        std::vector<NodeId> all;
        bool ok = true;
        for (NodeId a : n.args) {
            const Node& arg = e.node(a);
            if (arg.op == Op::Load) {
                all.push_back(a);
            } else if (arg.op == Op::Add && leaves[a]) {
                all.insert(all.end(), leaves[a]->begin(), leaves[a]->end());
            } else {
                ok = false;
                break;
            }
        }
        if (!ok) continue;
        // One clip; one boundary rule among the shifted loads.
        std::optional<Boundary> rule;
        for (NodeId l : all) {
            const Node& load = e.node(l);
            ok = ok && load.clip == e.node(all.front()).clip;
            if (unshifted(load)) continue;
            if (!rule) rule = load.boundary;
            ok = ok && load.boundary == *rule;
        }
        if (!ok) continue;
        const int clip = e.node(all.front()).clip;
        const long count = long(all.size());
        leaves[i] = std::move(all);
        if (clip < 0 || std::size_t(clip) >= clips.size()) continue;
        const ClipSamples& s = clips[std::size_t(clip)];
        // count * max <= 2^24: every partial sum is an exact binary32 integer (see header).
        if (!s.integer || s.max < 0 || double(count) * s.max > 16777216.0) continue;
        const bool fifteen_bits = double(count) * s.max <= 32767.0;
        if (count < (fifteen_bits ? minimum_word_samples : minimum_samples)) continue;
        window[i] = rectangle_of(e, *leaves[i]);
        any = any || window[i].has_value();
    }
    if (!any) return e;
    // Rebuild with each window's Add replaced; adds inside a window that nothing else
    // uses become unreachable and are dropped by finish().
    ExprBuilder b;
    std::vector<NodeId> renumber(e.size(), 0);
    for (NodeId i = 0; i < e.size(); ++i) {
        if (window[i]) {
            renumber[i] = b.add(*window[i]);
            continue;
        }
        Node n = e.node(i);
        for (NodeId& a : n.args) a = renumber[a];
        renumber[i] = b.add(std::move(n));
    }
    return std::move(b).finish(renumber[e.root()]);
}

}  // namespace rigor::expr
