#include "filters/expr/ir.hpp"

#include <algorithm>

#include "filters/base/error.hpp"

namespace rigor::expr {

const OpInfo& op_info(Op op) {
    // Indexed by Op, in declaration order.
    static constexpr OpInfo kInfo[] = {
        {"const", 0, false}, {"load", 0, false}, {"prop", 0, false}, {"N", 0, false},
        {"X", 0, false}, {"Y", 0, false}, {"width", 0, false}, {"height", 0, false},
        {"+", 2, true}, {"-", 2, false}, {"*", 2, true}, {"/", 2, false}, {"%", 2, false},
        {"pow", 2, false}, {"max", 2, false}, {"min", 2, false}, {"clamp", 3, false},
        {"abs", 1, false}, {"sqrt", 1, false}, {"exp", 1, false}, {"log", 1, false},
        {"sin", 1, false}, {"cos", 1, false}, {"trunc", 1, false}, {"round", 1, false},
        {"floor", 1, false},
        {">", 2, false}, {"<", 2, false}, {"=", 2, true}, {">=", 2, false}, {"<=", 2, false},
        {"and", 2, true}, {"or", 2, true}, {"xor", 2, true}, {"not", 1, false},
        {"bitand", 2, true}, {"bitor", 2, true}, {"bitxor", 2, true}, {"bitnot", 1, false},
        {"?", 3, false}, {"[]", 2, false},
        {"sortnth", -1, false}, {"argmin", -1, false}, {"argmax", -1, false}, {"argsortnth", -1, false},
        {"ceil", 1, false}, {"sgn", 1, false},
        {"tan", 1, false}, {"asin", 1, false}, {"acos", 1, false}, {"atan", 1, false}, {"atan2", 2, false},
        {"windowsum", 0, false},
    };
    static_assert(sizeof(kInfo) / sizeof(kInfo[0]) == std::size_t(Op::WindowSum) + 1);
    return kInfo[std::size_t(op)];
}

Expr::Expr(std::vector<Node> nodes, NodeId root) : nodes_(std::move(nodes)), root_(root) {
    if (root_ >= nodes_.size()) throw InternalError("Expr root out of range");
    for (NodeId i = 0; i < nodes_.size(); ++i)
        for (NodeId a : nodes_[i].args)
            if (a >= i) throw InternalError("Expr nodes not in topological order");
}

int Expr::max_clip() const {
    int m = -1;
    for (const Node& n : nodes_)
        if (n.op == Op::Load || n.op == Op::LoadAbsolute || n.op == Op::Property || n.op == Op::WindowSum) m = std::max(m, n.clip);
    return m;
}

bool Expr::uses(Op op) const {
    return std::any_of(nodes_.begin(), nodes_.end(), [op](const Node& n) { return n.op == op; });
}

NodeId ExprBuilder::add(Node node) {
    for (NodeId a : node.args)
        if (a >= nodes_.size()) throw InternalError("ExprBuilder: argument added after its user");
    nodes_.push_back(std::move(node));
    return NodeId(nodes_.size() - 1);
}

NodeId ExprBuilder::constant(float v) {
    Node n;
    n.op = Op::Constant;
    n.value = v;
    return add(std::move(n));
}

NodeId ExprBuilder::op(Op o, std::vector<NodeId> args) {
    Node n;
    n.op = o;
    n.args = std::move(args);
    return add(std::move(n));
}

Expr ExprBuilder::finish(NodeId root) && {
    std::vector<bool> live(nodes_.size(), false);
    live[root] = true;
    for (NodeId i = root + 1; i-- > 0;)
        if (live[i])
            for (NodeId a : nodes_[i].args) live[a] = true;
    std::vector<NodeId> renumber(nodes_.size(), 0);
    std::vector<Node> kept;
    for (NodeId i = 0; i <= root; ++i) {
        if (!live[i]) continue;
        Node n = std::move(nodes_[i]);
        for (NodeId& a : n.args) a = renumber[a];
        renumber[i] = NodeId(kept.size());
        kept.push_back(std::move(n));
    }
    return Expr(std::move(kept), renumber[root]);
}

}  // namespace rigor::expr
