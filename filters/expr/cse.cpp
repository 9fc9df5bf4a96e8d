#include "filters/expr/cse.hpp"

#include <bit>
#include <cstdint>
#include <map>
#include <tuple>
#include <vector>

namespace rigor::expr {

namespace {
// Everything that makes two nodes the same computation.
using Key = std::tuple<Op, std::uint32_t, int, int, int, Boundary, int, std::string, std::vector<NodeId>>;

Key key_of(const Node& n) {
    return {n.op, std::bit_cast<std::uint32_t>(n.value), n.clip, n.dx, n.dy, n.boundary, n.rank, n.name, n.args};
}
}  // namespace

Expr eliminate_common_subexpressions(const Expr& e) {
    ExprBuilder out;
    std::vector<NodeId> map(e.size());
    std::map<Key, NodeId> seen;
    for (NodeId i = 0; i < e.size(); ++i) {
        Node n = e.node(i);
        for (NodeId& a : n.args) a = map[a];
        if (op_info(n.op).commutative && n.args.size() == 2 && n.args[0] > n.args[1]) std::swap(n.args[0], n.args[1]);
        Key key = key_of(n);
        auto it = seen.find(key);
        if (it != seen.end()) {
            map[i] = it->second;
            continue;
        }
        map[i] = seen[key] = out.add(std::move(n));
    }
    return std::move(out).finish(map[e.root()]);
}

}  // namespace rigor::expr
