#include "filters/expr/infix_parser.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

#include "filters/base/error.hpp"

namespace rigor::expr {

namespace {

struct Function {
    std::string_view name;
    Op op;
    int arity;  // -1: any number >= 1
};
constexpr Function kFunctions[] = {
    {"max", Op::Max, 2},       {"min", Op::Min, 2},         {"clip", Op::Clamp, 3},   {"clamp", Op::Clamp, 3},
    {"abs", Op::Abs, 1},       {"sqrt", Op::Sqrt, 1},       {"exp", Op::Exp, 1},      {"log", Op::Log, 1},
    {"sin", Op::Sin, 1},       {"cos", Op::Cos, 1},         {"pow", Op::Pow, 2},      {"trunc", Op::Trunc, 1},
    {"round", Op::Round, 1},   {"floor", Op::Floor, 1},     {"and", Op::And, 2},      {"or", Op::Or, 2},
    {"xor", Op::Xor, 2},       {"not", Op::Not, 1},         {"bitand", Op::BitAnd, 2}, {"bitor", Op::BitOr, 2},
    {"bitxor", Op::BitXor, 2}, {"bitnot", Op::BitNot, 1},   {"argmin", Op::ArgMin, -1}, {"argmax", Op::ArgMax, -1},
    {"nth_smallest", Op::SortedNth, -1}, {"argsort_nth", Op::ArgSortNth, -1},
    {"ceil", Op::Ceil, 1},     {"sgn", Op::Sign, 1},
    {"tan", Op::Tan, 1},       {"asin", Op::Asin, 1},       {"acos", Op::Acos, 1},    {"atan", Op::Atan, 1},
    {"atan2", Op::Atan2, 2},
};

constexpr int kMaxNesting = 1000;

class InfixParser {
public:
    explicit InfixParser(std::string_view text) : text_(text) {}

    Expr run() {
        skip_space();
        if (pos_ == text_.size()) fail("empty expression");
        NodeId root = ternary();
        skip_space();
        if (pos_ != text_.size()) fail("unexpected '" + std::string(1, text_[pos_]) + "'");
        return std::move(builder_).finish(root);
    }

private:
    [[noreturn]] void fail(const std::string& what) const { fail_at(what, pos_); }
    [[noreturn]] void fail_at(const std::string& what, std::size_t at) const {
        throw UserError("infix: " + what + " at column " + std::to_string(at + 1) + " of '" + excerpt(at) + "'");
    }
    // The text, or for a long one the 60 characters around `at` (a message stays one
    // readable line).
    std::string excerpt(std::size_t at) const {
        constexpr std::size_t kShown = 60;
        if (text_.size() <= kShown) return std::string(text_);
        const std::size_t from = at > kShown / 2 ? std::min(at - kShown / 2, text_.size() - kShown) : 0;
        return (from > 0 ? "…" : "") + std::string(text_.substr(from, kShown)) +
               (from + kShown < text_.size() ? "…" : "");
    }

    void skip_space() {
        while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    }
    bool accept(std::string_view s) {
        skip_space();
        if (text_.substr(pos_).starts_with(s)) {
            pos_ += s.size();
            return true;
        }
        return false;
    }
    void expect(std::string_view s) {
        if (!accept(s)) fail("expected '" + std::string(s) + "'" + found());
    }
    std::string found() const {
        if (pos_ >= text_.size()) return " but the text ended";
        return ", found '" + std::string(1, text_[pos_]) + "'";
    }

    NodeId op(Op o, std::vector<NodeId> args) { return builder_.op(o, std::move(args)); }

    NodeId ternary() {
        NodeId c = logical_or();
        if (!accept("?")) return c;
        NodeId t = ternary();
        expect(":");
        NodeId f = ternary();
        return op(Op::Select, {c, t, f});
    }

    // a || b = or(a, b), a && b = and(a, b): truth tests (> 0) giving 0 or 1; both sides
    // are evaluated (Expr has no short circuit), so the order is only the one of C.
    NodeId logical_or() {
        NodeId a = logical_and();
        while (accept("||")) a = op(Op::Or, {a, logical_and()});
        return a;
    }

    NodeId logical_and() {
        NodeId a = comparison();
        while (accept("&&")) a = op(Op::And, {a, comparison()});
        return a;
    }

    NodeId comparison() {
        NodeId a = additive();
        for (;;) {
            Op o;
            bool negate = false;
            if (accept(">=")) o = Op::Ge;
            else if (accept("<=")) o = Op::Le;
            else if (accept("==")) o = Op::Eq;
            else if (accept("!=")) o = Op::Eq, negate = true;
            else if (accept(">")) o = Op::Gt;
            else if (accept("<")) o = Op::Lt;
            else if (accept("=")) o = Op::Eq;
            else return a;
            a = op(o, {a, additive()});
            if (negate) a = op(Op::Not, {a});
        }
    }

    NodeId additive() {
        NodeId a = product();
        for (;;) {
            if (accept("+")) a = op(Op::Add, {a, product()});
            else if (accept("-")) a = op(Op::Sub, {a, product()});
            else return a;
        }
    }

    NodeId product() {
        NodeId a = unary();
        for (;;) {
            skip_space();
            if (text_.substr(pos_).starts_with("**")) return a;  // handled in power()
            if (accept("*")) a = op(Op::Mul, {a, unary()});
            else if (accept("/")) a = op(Op::Div, {a, unary()});
            else if (accept("%")) a = op(Op::Mod, {a, unary()});
            else return a;
        }
    }

    // Every level of nesting — parentheses, call arguments, unary signs, `**` — passes
    // through here, so this bounds the parser's recursion (a stack overflow otherwise:
    // found by fuzz_infix on 1872 nested parentheses).
    NodeId unary() {
        if (++depth_ > kMaxNesting)
            fail("nested deeper than " + std::to_string(kMaxNesting) + " levels (parentheses, calls, signs)");
        const NodeId n = unary_term();
        --depth_;
        return n;
    }

    NodeId unary_term() {
        if (accept("-")) {
            NodeId a = unary();
            const Node& n = builder_.node(a);
            // A literal -5 is the constant -5 (postfix has negative literals); anything
            // else is 0 - a, the only negation the language has.
            if (n.op == Op::Constant) return builder_.constant(-n.value);
            return op(Op::Sub, {builder_.constant(0), a});
        }
        if (accept("+")) return unary();
        skip_space();
        if (text_.substr(pos_).starts_with("!") && !text_.substr(pos_).starts_with("!=")) {
            ++pos_;
            return op(Op::Not, {unary()});  // !a = not(a) = (a <= 0)
        }
        return power();
    }

    NodeId power() {
        NodeId base = primary();
        if (accept("**")) return op(Op::Pow, {base, unary()});  // right associative: a ** -b ** c
        return base;
    }

    NodeId number() {
        std::size_t start = pos_;
        if (text_.substr(pos_).starts_with("0x") || text_.substr(pos_).starts_with("0X")) {
            pos_ += 2;
            while (pos_ < text_.size() && std::isxdigit(static_cast<unsigned char>(text_[pos_]))) ++pos_;
            return builder_.constant(float(std::strtoll(std::string(text_.substr(start, pos_ - start)).c_str(), nullptr, 16)));
        }
        while (pos_ < text_.size() && (std::isdigit(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '.')) ++pos_;
        if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
            std::size_t e = pos_ + 1;
            if (e < text_.size() && (text_[e] == '+' || text_[e] == '-')) ++e;
            if (e < text_.size() && std::isdigit(static_cast<unsigned char>(text_[e]))) {
                pos_ = e;
                while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) ++pos_;
            }
        }
        std::string literal(text_.substr(start, pos_ - start));
        char* end = nullptr;
        float v = std::strtof(literal.c_str(), &end);
        if (end != literal.c_str() + literal.size() || literal == ".") fail_at("malformed number '" + literal + "'", start);
        return builder_.constant(v);
    }

    std::string identifier() {
        std::size_t start = pos_;
        while (pos_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_')) ++pos_;
        return std::string(text_.substr(start, pos_ - start));
    }

    int signed_integer() {
        skip_space();
        std::size_t start = pos_;
        if (pos_ < text_.size() && (text_[pos_] == '-' || text_[pos_] == '+')) ++pos_;
        while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) ++pos_;
        int v = 0;
        const char* b = text_.data() + start + (start < text_.size() && text_[start] == '+' ? 1 : 0);
        auto [end, ec] = std::from_chars(b, text_.data() + pos_, v);
        if (ec != std::errc() || end != text_.data() + pos_ || pos_ == start) fail_at("expected an integer offset", start);
        return v;
    }

    std::vector<NodeId> arguments(const std::string& name) {
        expect("(");
        std::vector<NodeId> args;
        if (accept(")")) return args;
        do args.push_back(ternary());
        while (accept(","));
        if (!accept(")")) fail("expected ',' or ')' in the arguments of " + name + found());
        return args;
    }

    // The clip index of an identifier, or -1.
    static int clip_index(const std::string& id) {
        if (id.size() == 1 && kClipLetters.find(id[0]) != std::string_view::npos) return int(kClipLetters.find(id[0]));
        if (id.size() > 3 && id.starts_with("src") && id.find_first_not_of("0123456789", 3) == std::string::npos &&
            id.size() < 12)
            return std::stoi(id.substr(3));
        return -1;
    }

    NodeId clip_reference(int clip) {
        Node n;
        n.clip = clip;
        if (pos_ < text_.size() && text_[pos_] == '.') {
            ++pos_;
            std::size_t start = pos_;
            std::string name = identifier();
            if (name.empty()) fail_at("expected a property name after '.'", start);
            n.op = Op::Property;
            n.name = name;
            return builder_.add(std::move(n));
        }
        if (pos_ < text_.size() && text_[pos_] == '[') {
            ++pos_;
            if (accept("]")) {
                std::vector<NodeId> args = arguments("an absolute pixel x[](cx, cy)");
                if (args.size() != 2) fail("an absolute pixel x[](cx, cy) takes 2 coordinates");
                n.op = Op::LoadAbsolute;
                n.args = std::move(args);
                return builder_.add(std::move(n));
            }
            n.dx = signed_integer();
            expect(",");
            n.dy = signed_integer();
            expect("]");
            if (text_.substr(pos_).starts_with(":c")) pos_ += 2, n.boundary = Boundary::Clamp;
            else if (text_.substr(pos_).starts_with(":m")) pos_ += 2, n.boundary = Boundary::Mirror;
        }
        n.op = Op::Load;
        return builder_.add(std::move(n));
    }

    NodeId primary() {
        skip_space();
        if (pos_ >= text_.size()) fail("expected a value but the text ended");
        char c = text_[pos_];
        if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') return number();
        if (c == '(') {
            ++pos_;
            NodeId inner = ternary();
            expect(")");
            return inner;
        }
        if (!std::isalpha(static_cast<unsigned char>(c)) && c != '_') fail("expected a value" + found());
        std::size_t start = pos_;
        std::string id = identifier();
        if (id == "pi") return builder_.constant(3.14159265358979323846f);
        if (id == "nan") return builder_.constant(NAN);
        if (id == "inf") return builder_.constant(INFINITY);
        if (id == "N") return op(Op::FrameNumber, {});
        if (id == "X") return op(Op::X, {});
        if (id == "Y") return op(Op::Y, {});
        if (id == "width") return op(Op::Width, {});
        if (id == "height") return op(Op::Height, {});
        int clip = clip_index(id);
        if (clip >= 0) return clip_reference(clip);
        for (const Function& f : kFunctions) {
            if (id != f.name) continue;
            std::vector<NodeId> args = arguments(id);
            int rank = 0;
            if (f.op == Op::SortedNth || f.op == Op::ArgSortNth) {
                if (args.empty() || builder_.node(args[0]).op != Op::Constant)
                    fail_at(id + " needs a constant rank as its first argument", start);
                float r = builder_.node(args[0]).value;
                args.erase(args.begin());
                if (!(r >= 0) || r != std::floor(r) || r >= float(args.size()))
                    fail_at(id + ": the rank must be an integer from 0 to the number of values - 1", start);
                rank = int(r);
            }
            if (f.arity >= 0 && int(args.size()) != f.arity)
                fail_at(id + " takes " + std::to_string(f.arity) + " argument(s), got " + std::to_string(args.size()),
                        start);
            if (args.empty()) fail_at(id + " needs at least one argument", start);
            Node n;
            n.op = f.op;
            n.rank = rank;
            n.args = std::move(args);
            return builder_.add(std::move(n));
        }
        fail_at("unknown name '" + id + "'", start);
    }

    std::string_view text_;
    std::size_t pos_ = 0;
    int depth_ = 0;  // unary() calls in progress
    ExprBuilder builder_;
};

}  // namespace

Expr parse_infix(std::string_view text) { return InfixParser(text).run(); }

}  // namespace rigor::expr
