#include "filters/expr/constant_fold.hpp"

#include <vector>

#include "filters/expr/scalar.hpp"

namespace rigor::expr {

namespace {
bool is_leaf(Op op) {
    return op_info(op).arity == 0 || op == Op::LoadAbsolute;
}
}  // namespace

Expr fold_constants(const Expr& e) {
    ExprBuilder out;
    std::vector<NodeId> map(e.size());
    auto constant_of = [&](NodeId id, float& v) {
        const Node& n = out.node(id);
        v = n.value;
        return n.op == Op::Constant;
    };
    auto is_const = [&](NodeId id, float c) {
        float v = 0;
        return constant_of(id, v) && v == c && !std::signbit(v) == !std::signbit(c);
    };
    for (NodeId i = 0; i < e.size(); ++i) {
        Node n = e.node(i);
        for (NodeId& a : n.args) a = map[a];
        bool all_constant = !n.args.empty() && !is_leaf(n.op);
        std::vector<float> values;
        for (NodeId a : n.args) {
            float v = 0;
            all_constant = all_constant && constant_of(a, v);
            values.push_back(v);
        }
        if (all_constant) {
            map[i] = out.constant(apply_scalar(n, values));
            continue;
        }
        if (n.op == Op::Mul && is_const(n.args[1], 1.0f)) { map[i] = n.args[0]; continue; }
        if (n.op == Op::Mul && is_const(n.args[0], 1.0f)) { map[i] = n.args[1]; continue; }
        if (n.op == Op::Div && is_const(n.args[1], 1.0f)) { map[i] = n.args[0]; continue; }
        if (n.op == Op::Sub && is_const(n.args[1], 0.0f)) { map[i] = n.args[0]; continue; }
        map[i] = out.add(std::move(n));
    }
    return std::move(out).finish(map[e.root()]);
}

}  // namespace rigor::expr
