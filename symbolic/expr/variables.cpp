#include "symbolic/expr/variables.hpp"

#include <algorithm>

#include "filters/expr/ir_text.hpp"

namespace rigor::symbolic::expr {

using rigor::expr::Expr;
using rigor::expr::Node;
using rigor::expr::Op;

std::string source_name(const Node& n) {
    switch (n.op) {
        case Op::Load:
        case Op::LoadAbsolute: return rigor::expr::clip_name(n.clip);
        case Op::Property:
        case Op::FrameNumber:
        case Op::X:
        case Op::Y:
        case Op::Width:
        case Op::Height: return rigor::expr::leaf_text(n);
        default: return {};
    }
}

std::string variable_name(const Node& n) {
    if (n.op == Op::LoadAbsolute) return rigor::expr::clip_name(n.clip) + "[]";
    return source_name(n).empty() ? std::string() : rigor::expr::leaf_text(n);
}

namespace {
template <class F>
std::vector<std::string> collect(const Expr& e, F name) {
    std::vector<std::string> out;
    for (const Node& n : e.nodes()) {
        std::string s = name(n);
        if (!s.empty() && std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
    }
    return out;
}
}  // namespace

std::vector<std::string> used_sources(const Expr& e) { return collect(e, source_name); }
std::vector<std::string> used_variables(const Expr& e) { return collect(e, variable_name); }

}  // namespace rigor::symbolic::expr
