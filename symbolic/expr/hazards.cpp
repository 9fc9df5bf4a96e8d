#include "symbolic/expr/hazards.hpp"

#include <algorithm>
#include <cln/rational.h>
#include <cmath>

#include "symbolic/expr/number_text.hpp"
#include "symbolic/expr/real_evaluator.hpp"

namespace rigor::symbolic::expr {

using rigor::expr::Expr;
using rigor::expr::Node;
using rigor::expr::NodeId;
using rigor::expr::Op;

namespace {

constexpr double kInf = INFINITY;

bool is_comparison(Op op) { return op == Op::Gt || op == Op::Lt || op == Op::Eq || op == Op::Ge || op == Op::Le; }
bool is_bit(Op op) { return op == Op::BitAnd || op == Op::BitOr || op == Op::BitXor || op == Op::BitNot; }
bool is_rounding(Op op) { return op == Op::Floor || op == Op::Trunc || op == Op::Round; }
// Nodes whose values are 0 or 1 only: their truth flips only where they flip themselves.
bool is_boolean(Op op) {
    return is_comparison(op) || op == Op::And || op == Op::Or || op == Op::Xor || op == Op::Not;
}
double error_size(const NodeEnclosure& x) { return x.e_bounded ? x.e.magnitude() : kInf; }
bool is_integer(float v) { return std::isfinite(v) && std::trunc(v) == v; }

// Distance from v to the nearest point where the rounding of op jumps: integers for
// floor and trunc, half-integers for round and the bit operations' operands.
double to_jump(Op op, double v) {
    if (op == Op::Floor || op == Op::Trunc) return std::min(v - std::floor(v), std::ceil(v) - v);
    return std::fabs(v - std::floor(v) - 0.5);
}

}  // namespace

std::string hazard_name(HazardKind k) {
    switch (k) {
        case HazardKind::DivisionByZero: return "division by zero";
        case HazardKind::Domain: return "outside the domain";
        case HazardKind::Overflow: return "overflow to inf";
        case HazardKind::NaN: return "NaN";
        default: return "decided differently in binary32";
    }
}

std::vector<HazardCheck> hazard_checks(const Expr& p, const std::vector<NodeEnclosure>& nodes) {
    std::vector<HazardCheck> out;
    auto add = [&](HazardKind k, NodeId id, NodeId subject, double margin = 0) {
        HazardCheck h{k, id, subject, margin};
        if (possible_on_box(h, p, nodes)) out.push_back(h);
    };
    for (NodeId id = 0; id < p.size(); ++id) {
        const Node& n = p.node(id);
        if (n.op == Op::Load) continue;
        if (n.op == Op::Div || n.op == Op::Mod) add(HazardKind::DivisionByZero, id, id);
        if (n.op == Op::Log || n.op == Op::Sqrt || n.op == Op::Pow || n.op == Op::Asin || n.op == Op::Acos)
            add(HazardKind::Domain, id, id);
        if (n.op != Op::Constant) add(HazardKind::Overflow, id, id);
        add(HazardKind::NaN, id, id);
        if (!nodes[id].may_differ) continue;
        if (is_comparison(n.op)) {
            add(HazardKind::Decision, id, id, error_size(nodes[n.args[0]]) + error_size(nodes[n.args[1]]));
        } else if (is_rounding(n.op) || is_bit(n.op)) {
            double m = 0;
            for (NodeId a : n.args) m = std::max(m, error_size(nodes[a]));
            add(HazardKind::Decision, id, id, m);
        } else if (n.op == Op::Select || n.op == Op::And || n.op == Op::Or || n.op == Op::Xor || n.op == Op::Not) {
            const std::size_t operands = n.op == Op::Select || n.op == Op::Not ? 1 : 2;
            for (std::size_t i = 0; i < operands; ++i) {
                const NodeId u = n.args[i];
                if (is_boolean(p.node(u).op) || nodes[u].exact()) continue;
                add(HazardKind::Decision, id, u, error_size(nodes[u]));
            }
        }
    }
    return out;
}

bool possible_on_box(const HazardCheck& h, const Expr& p, const std::vector<NodeEnclosure>& nodes) {
    const Node& n = p.node(h.node);
    auto f = [&](std::size_t i) -> const Binary32Range& { return nodes[n.args[i]].f; };
    switch (h.kind) {
        case HazardKind::DivisionByZero: return f(1).has_values() && f(1).contains(0);
        case HazardKind::Domain:
            if (n.op == Op::Log) return f(0).has_values() && f(0).lo <= 0;
            if (n.op == Op::Sqrt) return f(0).has_values() && f(0).lo < 0;
            if (n.op == Op::Asin || n.op == Op::Acos) return f(0).has_values() && (f(0).lo < -1 || f(0).hi > 1);
            return f(0).has_values() && f(1).has_values() &&
                   ((f(0).lo < 0 && !(f(1).is_point() && is_integer(f(1).lo))) || (f(0).contains(0) && f(1).lo < 0));
        case HazardKind::Overflow: return nodes[h.node].f.may_be_infinite();
        case HazardKind::NaN: return nodes[h.node].f.nan;
        default: return nodes[h.node].may_differ;
    }
}

std::vector<NodeId> needed_nodes(const HazardCheck& h, const Expr& p) {
    std::vector<NodeId> out{h.node, h.subject};
    for (NodeId a : p.node(h.node).args) out.push_back(a);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

Verdict check(const HazardCheck& h, const Expr& p, const EngineValues& engine) {
    const Node& n = p.node(h.node);
    auto arg = [&](std::size_t i) { return engine(n.args[i]); };
    const float v = engine(h.node);
    auto verdict = [](bool b) { return b ? Verdict::Yes : Verdict::No; };
    switch (h.kind) {
        case HazardKind::DivisionByZero: return verdict(arg(1) == 0);
        case HazardKind::Domain:
            if (n.op == Op::Log) return verdict(arg(0) <= 0);
            if (n.op == Op::Sqrt) return verdict(arg(0) < 0);
            if (n.op == Op::Asin || n.op == Op::Acos) return verdict(std::fabs(arg(0)) > 1);
            return verdict((arg(0) < 0 && !is_integer(arg(1))) || (arg(0) == 0 && arg(1) < 0));
        case HazardKind::Overflow: {
            if (!std::isinf(v) || n.op == Op::Constant) return Verdict::No;
            for (NodeId a : n.args)
                if (!std::isfinite(engine(a))) return Verdict::No;
            if ((n.op == Op::Div && arg(1) == 0) || (n.op == Op::Log && arg(0) == 0) || (n.op == Op::Pow && arg(0) == 0 && arg(1) < 0))
                return Verdict::No;  // a division by zero or a domain error, reported as such
            return Verdict::Yes;
        }
        case HazardKind::NaN: {
            if (!std::isnan(v)) return Verdict::No;
            for (NodeId a : n.args)
                if (std::isnan(engine(a))) return Verdict::No;
            return Verdict::Yes;
        }
        default: {
            // The engine decides as the real model wherever its margin exceeds what the
            // real value can differ from it (h.margin, certified on the whole box).
            double margin = 0;
            if (is_comparison(n.op)) margin = std::fabs(double(arg(0)) - double(arg(1)));
            else if (h.subject != h.node) margin = std::fabs(double(engine(h.subject)));
            else {
                margin = kInf;
                for (std::size_t i = 0; i < n.args.size(); ++i) margin = std::min(margin, to_jump(n.op, double(arg(i))));
            }
            if (std::isnan(margin)) return Verdict::Exact;
            return margin > h.margin ? Verdict::No : Verdict::Exact;
        }
    }
}

double closeness(const HazardCheck& h, const Expr& p, const EngineValues& engine) {
    if (check(h, p, engine) == Verdict::Yes) return kInf;
    const Node& n = p.node(h.node);
    auto arg = [&](std::size_t i) { return double(engine(n.args[i])); };
    switch (h.kind) {
        case HazardKind::DivisionByZero: return -std::fabs(arg(1));
        case HazardKind::Domain:
            if (n.op == Op::Pow) return -std::fabs(arg(0));
            if (n.op == Op::Asin || n.op == Op::Acos) return std::fabs(arg(0)) - 1;  // 0 at the domain's edge
            return -arg(0);
        case HazardKind::Overflow: {
            const double v = std::fabs(double(engine(h.node)));
            return std::isfinite(v) ? std::log2(v + 1e-300) : -kInf;
        }
        case HazardKind::NaN: return -kInf;
        default: {
            if (is_comparison(n.op)) return -std::fabs(arg(0) - arg(1));
            if (h.subject != h.node) return -std::fabs(double(engine(h.subject)));
            double m = kInf;
            for (std::size_t i = 0; i < n.args.size(); ++i) m = std::min(m, to_jump(n.op, arg(i)));
            return -m;
        }
    }
}

double decision_of(const HazardCheck& h, float subject_value) {
    if (h.subject != h.node) return subject_value > 0 ? 1 : 0;  // a truth test
    return double(subject_value);                               // 0/1, or the integer
}

std::optional<double> real_decision(const HazardCheck& h, const Expr& p, std::span<const float> point) {
    const PointValue v = exact_real(p, h.subject, point);
    if (!v.value) return std::nullopt;
    if (h.subject != h.node) {
        // A truth test: decided when the value is exact, or an enclosure far from 0.
        if (!v.exact && cln::abs(*v.value) < cln::cl_RA(1) / cln::expt_pos(cln::cl_I(10), 30)) return std::nullopt;
        return cln::plusp(*v.value) ? 1 : 0;
    }
    if (!v.exact) return std::nullopt;  // comparisons and roundings are exact once decided
    return to_double(*v.value);
}

}  // namespace rigor::symbolic::expr
