#include "filters/expr/lower_extensions.hpp"

#include <vector>

namespace rigor::expr {

Expr lower_extensions(const Expr& e) {
    ExprBuilder b;
    std::vector<NodeId> map(e.size());
    for (NodeId i = 0; i < e.size(); ++i) {
        Node n = e.node(i);
        for (NodeId& a : n.args) a = map[a];
        if (n.op == Op::Ceil) {
            const NodeId minus_one = b.constant(-1.0f);
            const NodeId down = b.op(Op::Floor, {b.op(Op::Mul, {minus_one, n.args[0]})});
            map[i] = b.op(Op::Mul, {minus_one, down});
        } else if (n.op == Op::Sign) {
            const NodeId zero = b.constant(0.0f);
            map[i] = b.op(Op::Sub, {b.op(Op::Gt, {n.args[0], zero}), b.op(Op::Lt, {n.args[0], zero})});
        } else {
            map[i] = b.add(std::move(n));
        }
    }
    return std::move(b).finish(map[e.root()]);
}

}  // namespace rigor::expr
