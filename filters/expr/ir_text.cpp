#include "filters/expr/ir_text.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace rigor::expr {

std::string shortest_decimal(float v) {
    if (std::isnan(v)) return "nan";
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    char buf[48];
    if (v == std::nearbyint(v) && std::fabs(v) < 1e9f) {  // integers without exponent: 40, not 4e+01
        std::snprintf(buf, sizeof buf, "%.0f", double(v));
        return std::signbit(v) && v == 0 ? "-0" : buf;
    }
    for (int digits = 1; digits <= 9; ++digits) {
        std::snprintf(buf, sizeof buf, "%.*g", digits, double(v));
        if (std::strtof(buf, nullptr) == v) break;
    }
    return buf;
}

std::string clip_name(int clip) {
    if (clip < int(kClipLetters.size())) return std::string(1, kClipLetters[std::size_t(clip)]);
    return "src" + std::to_string(clip);
}

std::string leaf_text(const Node& n) {
    switch (n.op) {
        case Op::Constant: return shortest_decimal(n.value);
        case Op::Load: {
            std::string s = clip_name(n.clip);
            if (n.dx != 0 || n.dy != 0 || n.boundary != Boundary::Default) {
                s += "[" + std::to_string(n.dx) + "," + std::to_string(n.dy) + "]";
                if (n.boundary == Boundary::Clamp) s += ":c";
                if (n.boundary == Boundary::Mirror) s += ":m";
            }
            return s;
        }
        case Op::Property: return clip_name(n.clip) + "." + n.name;
        case Op::FrameNumber: return "N";
        case Op::X: return "X";
        case Op::Y: return "Y";
        case Op::Width: return "width";
        case Op::Height: return "height";
        default: return {};
    }
}

std::string infix_operator(Op op) {
    switch (op) {
        case Op::Add: return "+";
        case Op::Sub: return "-";
        case Op::Mul: return "*";
        case Op::Div: return "/";
        case Op::Mod: return "%";
        case Op::Gt: return ">";
        case Op::Lt: return "<";
        case Op::Eq: return "==";
        case Op::Ge: return ">=";
        case Op::Le: return "<=";
        default: return {};
    }
}

std::string infix_function_name(Op op) {
    switch (op) {
        case Op::Clamp: return "clip";
        case Op::SortedNth: return "nth_smallest";
        case Op::ArgSortNth: return "argsort_nth";
        case Op::ArgMin: return "argmin";
        case Op::ArgMax: return "argmax";
        case Op::Select: return {};
        default: break;
    }
    if (!infix_operator(op).empty()) return {};
    if (op_info(op).arity == 0) return {};
    return std::string(op_info(op).name);  // pow max min abs sqrt ... bitnot
}

namespace {

bool is_leaf(const Node& n) { return op_info(n.op).arity == 0; }

void infix(const Expr& e, NodeId id, bool operand, std::string& out) {
    const Node& n = e.node(id);
    if (is_leaf(n)) {
        std::string s = leaf_text(n);
        bool negative = n.op == Op::Constant && s.front() == '-';
        out += operand && negative ? "(" + s + ")" : s;
        return;
    }
    std::string sym = infix_operator(n.op);
    if (!sym.empty() || n.op == Op::Select) {
        if (operand) out += '(';
        infix(e, n.args[0], true, out);
        out += n.op == Op::Select ? " ? " : " " + sym + " ";
        infix(e, n.args[1], true, out);
        if (n.op == Op::Select) {
            out += " : ";
            infix(e, n.args[2], true, out);
        }
        if (operand) out += ')';
        return;
    }
    if (n.op == Op::LoadAbsolute) {
        out += clip_name(n.clip) + "[](";
    } else {
        out += infix_function_name(n.op) + "(";
        if (n.op == Op::SortedNth || n.op == Op::ArgSortNth) out += std::to_string(n.rank) + ", ";
    }
    for (std::size_t i = 0; i < n.args.size(); ++i) {
        if (i) out += ", ";
        infix(e, n.args[i], false, out);
    }
    out += ')';
}

std::string postfix_token(const Node& n) {
    if (is_leaf(n)) return leaf_text(n);
    std::size_t count = n.args.size();
    switch (n.op) {
        case Op::LoadAbsolute: return clip_name(n.clip) + "[]";
        // A sort node is one rank of `sortN`; printed alone it is sortN followed by
        // dropping the other ranks, which the parser turns back into the same node.
        case Op::ArgMin: return "argmin" + std::to_string(count);
        case Op::ArgMax: return "argmax" + std::to_string(count);
        case Op::SortedNth:
        case Op::ArgSortNth: {
            std::string s = (n.op == Op::SortedNth ? "sort" : "argsort") + std::to_string(count);
            // after sortN the rank-r value is at depth r from the top (smallest on top):
            // bring it to the top, then remove the others below it one by one.
            int depth = n.rank;
            if (depth > 0) s += " swap" + std::to_string(depth);
            for (std::size_t i = 1; i < count; ++i) s += " swap drop";
            return s;
        }
        default: return std::string(op_info(n.op).name);
    }
}

struct PostfixWriter {
    const Expr& e;
    bool store;
    std::vector<int> uses;
    std::vector<int> name;  // variable number, -1 when not yet stored
    int next = 0;
    std::string out;

    PostfixWriter(const Expr& expr, bool store_shared) : e(expr), store(store_shared) {
        uses.assign(e.size(), 0);
        name.assign(e.size(), -1);
        std::vector<bool> seen(e.size(), false);
        seen[e.root()] = true;
        for (NodeId i = NodeId(e.size()); i-- > 0;)
            if (seen[i])
                for (NodeId a : e.node(i).args) {
                    ++uses[a];
                    seen[a] = true;
                }
    }
    void emit(const std::string& token) {
        if (!out.empty()) out += ' ';
        out += token;
    }
    void walk(NodeId id) {
        const Node& n = e.node(id);
        if (name[id] >= 0) return emit("t" + std::to_string(name[id]) + "@");
        for (NodeId a : n.args) walk(a);
        emit(postfix_token(n));
        if (store && uses[id] > 1 && !is_leaf(n)) {
            name[id] = next++;
            emit("t" + std::to_string(name[id]) + "!");
            emit("t" + std::to_string(name[id]) + "@");
        }
    }
};

}  // namespace

std::string to_infix(const Expr& e) {
    std::string out;
    infix(e, e.root(), false, out);
    return out;
}

std::string to_postfix(const Expr& e) {
    PostfixWriter w(e, false);
    w.walk(e.root());
    return w.out;
}

std::string to_postfix_stored(const Expr& e) {
    PostfixWriter w(e, true);
    w.walk(e.root());
    return w.out;
}

}  // namespace rigor::expr
