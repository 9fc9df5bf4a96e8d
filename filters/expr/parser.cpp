#include "filters/expr/parser.hpp"

#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <map>
#include <string>

#include "filters/base/error.hpp"
#include "filters/expr/tokenizer.hpp"

namespace rigor::expr {

namespace {

// Resource limits for programs from strangers (issue 7).  Real programs have at most a
// few thousand tokens and sort a window of tens of values; sortN makes N nodes of N
// arguments each, so its cost is quadratic.
constexpr std::size_t kMaxProgramBytes = std::size_t(16) << 20;
constexpr std::size_t kMaxTokens = std::size_t(1) << 20;
constexpr int kMaxSortCount = 1024;

struct NamedOp {
    std::string_view token;
    Op op;
};
constexpr NamedOp kOperators[] = {
    {"+", Op::Add},       {"-", Op::Sub},       {"*", Op::Mul},          {"/", Op::Div},
    {"%", Op::Mod},       {"pow", Op::Pow},     {"**", Op::Pow},         {"max", Op::Max},
    {"min", Op::Min},     {"clip", Op::Clamp},  {"clamp", Op::Clamp},    {"abs", Op::Abs},
    {"sqrt", Op::Sqrt},   {"exp", Op::Exp},     {"log", Op::Log},        {"sin", Op::Sin},
    {"cos", Op::Cos},     {"trunc", Op::Trunc}, {"round", Op::Round},    {"floor", Op::Floor},
    {">", Op::Gt},        {"<", Op::Lt},        {"=", Op::Eq},           {">=", Op::Ge},
    {"<=", Op::Le},       {"and", Op::And},     {"or", Op::Or},          {"xor", Op::Xor},
    {"not", Op::Not},     {"bitand", Op::BitAnd}, {"bitor", Op::BitOr},  {"bitxor", Op::BitXor},
    {"bitnot", Op::BitNot}, {"?", Op::Select},
    {"ceil", Op::Ceil},   {"sgn", Op::Sign},
    {"tan", Op::Tan},     {"asin", Op::Asin},   {"acos", Op::Acos},      {"atan", Op::Atan},
    {"atan2", Op::Atan2},
};

constexpr NamedOp kLeaves[] = {
    {"N", Op::FrameNumber}, {"X", Op::X}, {"Y", Op::Y}, {"width", Op::Width}, {"height", Op::Height},
};

bool parse_int(std::string_view s, int& v) {
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return ec == std::errc() && end == s.data() + s.size();
}

// A number token: integers in C syntax (decimal, 0x hex, 0 octal) first, then a C float
// (which also reads nan and inf).  Integers are rounded to the nearest binary32.
bool parse_number(std::string_view text, float& value) {
    std::string s(text);
    char* end = nullptr;
    errno = 0;
    long long i = std::strtoll(s.c_str(), &end, 0);
    if (end == s.c_str() + s.size() && errno == 0 && !s.empty()) {
        value = float(i);
        return true;
    }
    errno = 0;
    float f = std::strtof(s.c_str(), &end);
    if (end != s.c_str() + s.size() || s.empty()) return false;
    value = f;  // overflow gives ±inf, as C
    return true;
}

// A clip name at the start of a token: one of the 26 letters, or srcN.  Sets `length` to
// the characters used; false if the token does not start with a clip name.
bool parse_clip(std::string_view t, int& clip, std::size_t& length) {
    if (t.starts_with("src")) {
        std::size_t n = 3;
        while (n < t.size() && t[n] >= '0' && t[n] <= '9') ++n;
        if (n == 3 || n > 12) return false;
        if (!parse_int(t.substr(3, n - 3), clip)) return false;
        length = n;
        return true;
    }
    if (t.empty()) return false;
    std::size_t k = kClipLetters.find(t[0]);
    if (k == std::string_view::npos) return false;
    clip = int(k);
    length = 1;
    return true;
}

// The count after a stack-op name ("dup3" -> 3); `fallback` when there is none.
bool parse_suffix(std::string_view t, std::string_view name, int fallback, int& count) {
    std::string_view rest = t.substr(name.size());
    if (rest.empty()) {
        count = fallback;
        return fallback >= 0;
    }
    return parse_int(rest, count) && count >= 0;
}

class Parser {
public:
    Parser(std::string_view program, const ParseOptions& options) : program_(program), options_(options) {}

    Expr run() {
        if (program_.size() > kMaxProgramBytes)
            throw UserError("expression of " + std::to_string(program_.size()) + " bytes is too long (at most " +
                            std::to_string(kMaxProgramBytes) + ")");
        std::vector<Token> tokens = tokenize(program_);
        if (tokens.size() > kMaxTokens)
            throw UserError("expression of " + std::to_string(tokens.size()) + " tokens is too long (at most " +
                            std::to_string(kMaxTokens) + ")");
        if (tokens.empty()) throw UserError("empty expression: '" + std::string(program_) + "'");
        for (const Token& t : tokens) step(t);
        if (stack_.size() > 1)
            throw UserError(std::to_string(stack_.size()) + " unconsumed values on stack: " +
                            std::string(program_) + " (after the last token)");
        if (stack_.empty()) throw UserError("empty expression: '" + std::string(program_) + "' leaves no value");
        return std::move(builder_).finish(stack_.back());
    }

private:
    void need(const Token& t, std::size_t n) {
        if (stack_.size() < n) throw UserError("insufficient values on stack: " + std::string(t.text) + where(t));
    }
    NodeId pop() {
        NodeId id = stack_.back();
        stack_.pop_back();
        return id;
    }
    [[noreturn]] void illegal(const Token& t) { throw UserError("illegal token: " + std::string(t.text) + where(t)); }

    void check_clip(const Token& t, int clip) {
        if (clip >= options_.clips)
            throw UserError("reference to undefined clip: " + std::string(t.text) + where(t));
    }
    void check_pixels(const Token& t) {
        if (!options_.pixels)
            throw UserError("pixel values are not available here: " + std::string(t.text) + where(t));
    }

    // rigor's own operations, refused for scripts that must stay akarin-compatible.
    void check_akarin(const Token& t, Op op) {
        if (!options_.akarin) return;
        const bool own = op == Op::Ceil || op == Op::Sign || op == Op::Tan || op == Op::Asin || op == Op::Acos ||
                         op == Op::Atan || op == Op::Atan2 ||
                         (options_.pixels && (op == Op::ArgMin || op == Op::ArgMax || op == Op::ArgSortNth));
        if (own)
            throw UserError("'" + std::string(t.text) + "' is a rigor extension that akarin." +
                            (options_.pixels ? "Expr" : "Select") + " does not have (refused in akarin mode)" + where(t));
    }

    void apply(const Token& t, Op op, int arity) {
        check_akarin(t, op);
        need(t, std::size_t(arity));
        std::vector<NodeId> args(stack_.end() - arity, stack_.end());
        stack_.resize(stack_.size() - std::size_t(arity));
        stack_.push_back(builder_.op(op, std::move(args)));
    }

    // sortN / argsortN: the top N replaced by N order statistics, smallest on top.
    void sort_like(const Token& t, Op op, int n) {
        check_akarin(t, op);
        if (n > kMaxSortCount)
            throw UserError("cannot sort more than " + std::to_string(kMaxSortCount) + " values: " +
                            std::string(t.text) + where(t));
        need(t, std::size_t(n));
        std::vector<NodeId> args(stack_.end() - n, stack_.end());
        stack_.resize(stack_.size() - std::size_t(n));
        for (int slot = 0; slot < n; ++slot) {
            Node node;
            node.op = op;
            node.rank = n - 1 - slot;
            node.args = args;
            stack_.push_back(builder_.add(std::move(node)));
        }
    }

    bool stack_op(const Token& t) {
        std::string_view s = t.text;
        int n = 0;
        auto is = [&](std::string_view name) { return s.starts_with(name); };
        if (is("dup")) {
            if (!parse_suffix(s, "dup", 0, n)) illegal(t);
            need(t, std::size_t(n) + 1);
            stack_.push_back(stack_[stack_.size() - 1 - std::size_t(n)]);
        } else if (is("swap")) {
            if (!parse_suffix(s, "swap", 1, n)) illegal(t);
            need(t, std::size_t(n) + 1);
            std::swap(stack_.back(), stack_[stack_.size() - 1 - std::size_t(n)]);
        } else if (is("drop")) {
            if (!parse_suffix(s, "drop", 1, n)) illegal(t);
            need(t, std::size_t(n));
            stack_.resize(stack_.size() - std::size_t(n));
        } else if (is("sort")) {
            if (!parse_suffix(s, "sort", -1, n)) illegal(t);
            sort_like(t, Op::SortedNth, n);
        } else if (is("argsort")) {
            if (!parse_suffix(s, "argsort", -1, n) || n == 0) illegal(t);
            sort_like(t, Op::ArgSortNth, n);
        } else if (is("argmin") || is("argmax")) {
            if (!parse_suffix(s, s.substr(0, 6), -1, n) || n == 0) illegal(t);
            apply(t, is("argmin") ? Op::ArgMin : Op::ArgMax, n);
        } else {
            return false;
        }
        return true;
    }

    // x, srcN, x.Name, x[dx,dy], x[dx,dy]:c, x[dx,dy]:m, x[]
    bool clip_token(const Token& t) {
        int clip = 0;
        std::size_t len = 0;
        if (!parse_clip(t.text, clip, len)) return false;
        std::string_view rest = t.text.substr(len);
        Node node;
        node.clip = clip;
        if (rest.empty()) {
            check_pixels(t);
            node.op = Op::Load;
        } else if (rest.front() == '.' && rest.size() > 1) {
            node.op = Op::Property;
            node.name = std::string(rest.substr(1));
        } else if (rest == "[]") {
            check_pixels(t);
            check_clip(t, clip);
            need(t, 2);
            node.op = Op::LoadAbsolute;
            node.args.assign(stack_.end() - 2, stack_.end());
            stack_.resize(stack_.size() - 2);
            stack_.push_back(builder_.add(std::move(node)));
            return true;
        } else if (rest.front() == '[') {
            std::size_t close = rest.find(']');
            std::size_t comma = rest.find(',');
            if (close == std::string_view::npos || comma > close) illegal(t);
            if (!parse_int(rest.substr(1, comma - 1), node.dx) || !parse_int(rest.substr(comma + 1, close - comma - 1), node.dy))
                illegal(t);
            std::string_view suffix = rest.substr(close + 1);
            if (suffix == ":c") node.boundary = Boundary::Clamp;
            else if (suffix == ":m") node.boundary = Boundary::Mirror;
            else if (!suffix.empty()) illegal(t);
            check_pixels(t);
            node.op = Op::Load;
        } else if (len == 1 && t.text.size() > 1) {
            return false;  // a word that merely starts with a clip letter ("abs", "width")
        } else {
            illegal(t);
        }
        check_clip(t, clip);
        stack_.push_back(builder_.add(std::move(node)));
        return true;
    }

    void step(const Token& t) {
        std::string_view s = t.text;
        for (const NamedOp& o : kOperators)
            if (s == o.token) return apply(t, o.op, op_info(o.op).arity);
        for (const NamedOp& o : kLeaves)
            if (s == o.token) {
                if (o.op != Op::FrameNumber) check_pixels(t);
                stack_.push_back(builder_.op(o.op, {}));
                return;
            }
        if (s == "pi") {
            stack_.push_back(builder_.constant(3.14159265358979323846f));
            return;
        }
        if (s.size() >= 2 && s.back() == '!') {
            need(t, 1);
            variables_[std::string(s.substr(0, s.size() - 1))] = pop();
            return;
        }
        if (s.size() >= 2 && s.back() == '@') {
            auto it = variables_.find(std::string(s.substr(0, s.size() - 1)));
            if (it == variables_.end()) throw UserError("reference to uninitialized variable: " + std::string(s) + where(t));
            stack_.push_back(it->second);
            return;
        }
        if (stack_op(t)) return;
        float value = 0;
        if (parse_number(s, value)) {
            stack_.push_back(builder_.constant(value));
            return;
        }
        if (clip_token(t)) return;
        unknown(t);
    }

    // A token that is no number, operator, clip, variable or stack operation.  Words
    // with parentheses are infix habits (sin(x), lerp(a, b, t)): say how Expr writes them.
    [[noreturn]] void unknown(const Token& t) {
        const std::string_view s = t.text;
        std::string_view digits = s;  // [sign][.]digit… starts a number
        if (digits.starts_with('-') || digits.starts_with('+')) digits.remove_prefix(1);
        if (digits.starts_with('.')) digits.remove_prefix(1);
        if (!digits.empty() && digits[0] >= '0' && digits[0] <= '9') throw UserError("malformed number '" + std::string(s) + "'" + where(t));
        std::string hint;
        if (s.find('(') != std::string_view::npos || s.find(')') != std::string_view::npos)
            hint = ": Expr is postfix (write 'x sin', not 'sin(x)'; rigor postfix converts infix)";
        throw UserError("unknown token '" + std::string(s) + "'" + where(t) + hint);
    }

    std::string_view program_;
    ParseOptions options_;
    ExprBuilder builder_;
    std::vector<NodeId> stack_;
    std::map<std::string, NodeId, std::less<>> variables_;
};

}  // namespace

bool is_blank(std::string_view program) { return tokenize(program).empty(); }

Expr parse(std::string_view program, const ParseOptions& options) { return Parser(program, options).run(); }

}  // namespace rigor::expr
