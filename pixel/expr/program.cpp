#include "pixel/expr/program.hpp"

#include <algorithm>

namespace rigor::pixel::expr {

using rigor::expr::Node;
using rigor::expr::NodeId;
using rigor::expr::Op;

Program compile(const rigor::expr::Expr& e) {
    Program p;
    const Node& root = e.node(e.root());
    if (root.op == Op::Load && root.dx == 0 && root.dy == 0) p.plain_clip = root.clip;

    // Last instruction using each node, for register reuse.
    std::vector<NodeId> last_use(e.size(), 0);
    for (NodeId i = 0; i < e.size(); ++i)
        for (NodeId a : e.node(i).args) last_use[a] = std::max(last_use[a], i);
    last_use[e.root()] = NodeId(e.size());

    std::vector<int> reg(e.size(), -1);
    std::vector<int> free_regs;
    auto take = [&] {
        if (free_regs.empty()) return p.registers++;
        int r = free_regs.back();
        free_regs.pop_back();
        return r;
    };
    // Constants get registers of their own that are never reused: they are filled once.
    for (NodeId i = 0; i < e.size(); ++i)
        if (e.node(i).op == Op::Constant) {
            Instruction in;
            in.op = Op::Constant;
            in.value = e.node(i).value;
            in.dst = reg[i] = p.registers++;
            p.code.push_back(in);
        }
    p.constant_count = int(p.code.size());
    // Sin and Cos of the same operand (one node after CSE) become one instruction at the
    // first of the two; the second only frees its arguments when reached.
    std::vector<NodeId> partner(e.size(), NodeId(e.size()));
    for (NodeId i = 0; i < e.size(); ++i)
        if (e.node(i).op == Op::Sin)
            for (NodeId j = 0; j < e.size(); ++j)
                if (e.node(j).op == Op::Cos && e.node(j).args == e.node(i).args && partner[j] == e.size()) {
                    partner[i] = j;
                    partner[j] = i;
                    break;
                }
    for (NodeId i = 0; i < e.size(); ++i) {
        const Node& n = e.node(i);
        if (n.op == Op::Constant) continue;
        const bool paired = partner[i] != e.size();
        if (paired && reg[i] >= 0) {  // computed with its partner: only free arguments
            for (NodeId a : n.args)
                if (last_use[a] == i && e.node(a).op != Op::Constant &&
                    std::find(free_regs.begin(), free_regs.end(), reg[a]) == free_regs.end())
                    free_regs.push_back(reg[a]);
            continue;
        }
        Instruction in;
        in.op = n.op;
        in.clip = n.clip;
        in.dx = n.dx;
        in.dy = n.dy;
        in.boundary = n.boundary;
        in.window_width = n.window_width;
        in.window_height = n.window_height;
        in.rank = n.rank;
        std::vector<int> args;
        for (NodeId a : n.args) args.push_back(reg[a]);
        if (args.size() > 0) in.a = args[0];
        if (args.size() > 1) in.b = args[1];
        if (args.size() > 2) in.c = args[2];
        in.many = args;
        if (n.op == Op::Pow && e.node(n.args[1]).op == Op::Constant) {
            in.constant_exponent = true;
            in.value = e.node(n.args[1]).value;
        }
        if (n.op == Op::Property) {
            in.uniform = int(p.properties.size());
            p.properties.push_back({n.clip, n.name});
        }
        // Free arguments whose last use is this node before choosing the destination,
        // so `a = a + b` can run in place (every kernel reads lane i before writing it;
        // order statistics read all arguments per lane first too).
        for (NodeId a : n.args)
            if (last_use[a] == i && e.node(a).op != Op::Constant &&
                std::find(free_regs.begin(), free_regs.end(), reg[a]) == free_regs.end())
                free_regs.push_back(reg[a]);
        in.dst = reg[i] = take();
        if (paired) {  // the partner's register, live from here (the operand is not freed
                       // here: the partner still uses it, so neither output aliases it)
            const NodeId j = partner[i];
            reg[j] = take();
            in.op = Op::Sin;
            in.dst = reg[n.op == Op::Sin ? i : j];
            in.dst2 = reg[n.op == Op::Sin ? j : i];
        }
        p.code.push_back(std::move(in));
    }
    p.result = reg[e.root()];
    return p;
}

}  // namespace rigor::pixel::expr
