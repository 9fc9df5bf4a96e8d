#include "filters/expr/point_program.hpp"

#include <algorithm>

namespace rigor::expr {

bool is_input(const Node& n) {
    switch (n.op) {
        case Op::Load:
        case Op::LoadAbsolute:
        case Op::Property:
        case Op::FrameNumber:
        case Op::X:
        case Op::Y:
        case Op::Width:
        case Op::Height: return true;
        default: return false;
    }
}

PointProgram point_program(const Expr& e) {
    std::vector<Node> nodes = e.nodes();
    std::vector<Node> inputs;
    for (Node& n : nodes) {
        if (!is_input(n)) continue;
        Node key = n;  // an absolute pixel is the same input only at the same coordinates
        if (n.op != Op::LoadAbsolute) key.args.clear();
        auto it = std::find(inputs.begin(), inputs.end(), key);
        if (it == inputs.end()) it = inputs.insert(inputs.end(), key);
        Node load;
        load.op = Op::Load;
        load.clip = int(it - inputs.begin());
        n = std::move(load);
    }
    return {Expr(std::move(nodes), e.root()), std::move(inputs)};
}

Expr subprogram(const Expr& e, NodeId root) {
    return Expr(std::vector<Node>(e.nodes().begin(), e.nodes().begin() + root + 1), root);
}

}  // namespace rigor::expr
