#include "pixel/expr/jit/schedule.hpp"

#include <algorithm>

namespace rigor::pixel::expr::jit {

using rigor::expr::NodeId;
using rigor::expr::Op;

bool is_row_invariant(Op op) {
    switch (op) {
        case Op::Constant:
        case Op::FrameNumber:
        case Op::Y:
        case Op::Width:
        case Op::Height:
        case Op::Property: return true;
        default: return false;
    }
}

Schedule schedule(const rigor::expr::Expr& e, int value_registers) {
    const std::size_t n = e.size();
    // Registers needed to compute each node (row-invariant operands are memory operands).
    std::vector<int> need(n, 0);
    for (NodeId i = 0; i < n; ++i) {
        if (is_row_invariant(e.node(i).op)) continue;
        std::vector<int> args;
        for (NodeId a : e.node(i).args) args.push_back(need[a]);
        std::sort(args.rbegin(), args.rend());
        int m = 1;
        for (std::size_t k = 0; k < args.size(); ++k) m = std::max(m, args[k] + int(k));
        need[i] = m;
    }
    Schedule s;
    s.position.assign(n, -1);
    // Depth-first from the root, most demanding argument first; iterative (graphs of
    // thousands of nodes must not exhaust the stack).
    std::vector<char> visited(n, 0);
    struct Frame {
        NodeId node;
        std::vector<NodeId> args;  // in visiting order
        std::size_t next = 0;
    };
    auto frame_of = [&](NodeId id) {
        Frame f{id, e.node(id).args, 0};
        std::stable_sort(f.args.begin(), f.args.end(), [&](NodeId a, NodeId b) { return need[a] > need[b]; });
        return f;
    };
    std::vector<Frame> stack;
    visited[e.root()] = 1;
    stack.push_back(frame_of(e.root()));
    while (!stack.empty()) {
        Frame& top = stack.back();
        if (top.next < top.args.size()) {
            const NodeId a = top.args[top.next++];
            if (!visited[a]) {
                visited[a] = 1;
                stack.push_back(frame_of(a));
            }
            continue;
        }
        const NodeId done = top.node;
        stack.pop_back();
        if (is_row_invariant(e.node(done).op)) continue;
        s.position[done] = int(s.order.size());
        s.order.push_back(done);
    }
    s.last_use.assign(n, -1);
    for (std::size_t p = 0; p < s.order.size(); ++p)
        for (NodeId a : e.node(s.order[p]).args) s.last_use[a] = std::max(s.last_use[a], int(p));
    s.last_use[e.root()] = int(s.order.size());
    // Live values after each position.
    int live = 0;
    std::vector<int> dying_at(s.order.size() + 1, 0);
    for (NodeId i : s.order) ++dying_at[std::size_t(s.last_use[i])];
    for (std::size_t p = 0; p < s.order.size(); ++p) {
        ++live;
        s.max_live = std::max(s.max_live, live);
        live -= dying_at[p];
    }
    s.unroll = 4 * s.max_live <= value_registers ? 4 : 2 * s.max_live <= value_registers ? 2 : 1;
    return s;
}

}  // namespace rigor::pixel::expr::jit
