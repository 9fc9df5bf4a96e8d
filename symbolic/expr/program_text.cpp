#include "symbolic/expr/program_text.hpp"

#include <algorithm>
#include <vector>

#include "filters/expr/ir_text.hpp"

namespace rigor::symbolic::expr {

std::uint64_t tree_nodes(const rigor::expr::Expr& e, std::uint64_t limit) {
    // Nodes come after their arguments (ir.hpp), so one pass in order counts each subtree.
    std::vector<std::uint64_t> size(e.size(), 0);
    for (rigor::expr::NodeId id = 0; id < e.size(); ++id) {
        std::uint64_t s = 1;
        for (rigor::expr::NodeId a : e.node(id).args) s = std::min(limit + 1, s + size[a]);
        size[id] = s;
    }
    return size[e.root()];
}

std::string report_infix(const rigor::expr::Expr& e) {
    const std::uint64_t n = tree_nodes(e, kTextNodes);
    if (n <= kTextNodes) return rigor::expr::to_infix(e);
    return rigor::expr::to_postfix_stored(e) + "  (postfix: as infix, a tree of more than " + std::to_string(kTextNodes) + " nodes)";
}

std::string report_postfix(const rigor::expr::Expr& e) {
    return tree_nodes(e, kTextNodes) <= kTextNodes ? rigor::expr::to_postfix(e) : rigor::expr::to_postfix_stored(e);
}

}  // namespace rigor::symbolic::expr
