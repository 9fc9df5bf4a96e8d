#include "symbolic/expr/algebra_text.hpp"

#include <algorithm>
#include <map>
#include <sstream>
#include <vector>

#include "symbolic/expr/number_text.hpp"

namespace rigor::symbolic::expr {

namespace {

using GiNaC::ex;

// Binding strength of what a text is, as the infix grammar's levels.
enum Level { Ternary, Comparison, Sum, Product, Unary, Power, Atom };

struct Text {
    std::string s;
    Level level;
};

Text print(const ex& e);

// e's text, parenthesised when it binds less tightly than `at_least`.
std::string wrap(const ex& e, Level at_least) {
    Text t = print(e);
    return t.level < at_least ? "(" + t.s + ")" : t.s;
}

bool is_numeric(const ex& e) { return GiNaC::is_a<GiNaC::numeric>(e); }
const GiNaC::numeric& num(const ex& e) { return GiNaC::ex_to<GiNaC::numeric>(e); }

bool negative_exponent(const ex& f) {
    return GiNaC::is_a<GiNaC::power>(f) && is_numeric(f.op(1)) && num(f.op(1)).is_real() && num(f.op(1)).is_negative();
}

// The numeric coefficient of a term (1 when it has none).
GiNaC::numeric coefficient(const ex& term) {
    if (is_numeric(term)) return num(term);
    if (GiNaC::is_a<GiNaC::mul>(term))
        for (std::size_t i = 0; i < term.nops(); ++i)
            if (is_numeric(term.op(i))) return num(term.op(i));
    return 1;
}

bool below_zero(const GiNaC::numeric& n) { return n.is_real() && n.is_negative(); }

Text number(const GiNaC::numeric& n) {
    if (!n.is_rational()) return {std::to_string(n.to_double()), n.to_double() < 0 ? Unary : Atom};
    const std::string s = rational_text(cln::the<cln::cl_RA>(n.to_cl_N()));
    if (s.find('/') != std::string::npos) return {s, Product};
    return {s, n.is_negative() ? Unary : Atom};
}

Text sum(const ex& e) {
    std::vector<ex> terms;
    for (std::size_t i = 0; i < e.nops(); ++i) terms.push_back(e.op(i));
    std::stable_partition(terms.begin(), terms.end(), [](const ex& t) { return !below_zero(coefficient(t)); });
    std::string out;
    for (std::size_t i = 0; i < terms.size(); ++i) {
        const bool minus = below_zero(coefficient(terms[i]));
        if (i == 0) out = wrap(terms[i], Sum);
        else out += minus ? " - " + wrap(-terms[i], Product) : " + " + wrap(terms[i], Product);
    }
    return {out, Sum};
}

// c · n1 · n2 · ... / (d1 · d2 · ...): a rational coefficient p/q puts p above and q below.
Text product(const ex& e) {
    GiNaC::numeric c = 1;
    std::vector<std::string> above, below;
    for (std::size_t i = 0; i < e.nops(); ++i) {
        const ex& f = e.op(i);
        if (is_numeric(f)) c *= num(f);
        else if (negative_exponent(f)) below.push_back(wrap(GiNaC::pow(f.op(0), -f.op(1)), Unary));
        else above.push_back(wrap(f, Unary));
    }
    const bool minus = below_zero(c);
    if (minus) c = -c;
    if (c != 1) {
        if (c.is_rational() && !c.is_integer() && number(c).level == Product) {
            if (c.numer() != 1) above.insert(above.begin(), number(c.numer()).s);
            below.insert(below.begin(), number(c.denom()).s);
        } else {
            above.insert(above.begin(), number(c).s);
        }
    }
    auto join = [](const std::vector<std::string>& v) {
        std::string s;
        for (std::size_t i = 0; i < v.size(); ++i) s += (i ? " * " : "") + v[i];
        return s;
    };
    std::string out = above.empty() ? "1" : join(above);
    if (below.size() == 1) out += " / " + below.front();
    else if (below.size() > 1) out += " / (" + join(below) + ")";
    if (minus) out = "-" + out;
    return {out, above.size() + below.size() > 1 || minus ? Product : Unary};
}

Text power(const ex& e) {
    const ex& base = e.op(0);
    const ex& exponent = e.op(1);
    if (exponent.is_equal(GiNaC::numeric(1, 2))) return {"sqrt(" + print(base).s + ")", Atom};
    if (negative_exponent(e)) return {"1 / " + wrap(GiNaC::pow(base, -exponent), Unary), Product};
    return {wrap(base, Atom) + " ** " + wrap(exponent, Unary), Power};
}

const std::map<std::string, std::string>& comparison_symbols() {
    static const std::map<std::string, std::string> m = {{"gt", ">"}, {"lt", "<"}, {"ge", ">="}, {"le", "<="}, {"eq", "=="}};
    return m;
}

bool is_comparison(const ex& e) {
    if (!GiNaC::is_a<GiNaC::function>(e)) return false;
    const std::string name = GiNaC::ex_to<GiNaC::function>(e).get_name();
    return name.starts_with("expr_") && comparison_symbols().count(name.substr(5));
}

Text function(const ex& e) {
    std::string name = GiNaC::ex_to<GiNaC::function>(e).get_name();
    if (name.starts_with("expr_")) name = name.substr(5);  // registered as expr_max ...
    if (name == "select")
        return {wrap(e.op(0), Comparison) + " ? " + wrap(e.op(1), Comparison) + " : " + wrap(e.op(2), Ternary), Ternary};
    auto cmp = comparison_symbols().find(name);
    if (cmp != comparison_symbols().end())  // parenthesised, so it sits inside sums without ambiguity
        return {"(" + wrap(e.op(0), Sum) + " " + cmp->second + " " + wrap(e.op(1), Sum) + ")", Atom};
    if (name == "mod") return {wrap(e.op(0), Product) + " % " + wrap(e.op(1), Unary), Product};
    std::string out = name + "(";
    bool first = true;
    auto argument = [&](const ex& a) {
        std::string t = print(a).s;
        if (is_comparison(a)) t = t.substr(1, t.size() - 2);  // not(x > y), not not((x > y))
        out += (first ? "" : ", ") + t;
        first = false;
    };
    for (std::size_t i = 0; i < e.nops(); ++i) {
        if (GiNaC::is_a<GiNaC::lst>(e.op(i)))  // the arguments of an order statistic
            for (std::size_t j = 0; j < e.op(i).nops(); ++j) argument(e.op(i).op(j));
        else argument(e.op(i));
    }
    return {out + ")", Atom};
}

Text print(const ex& e) {
    if (is_numeric(e)) return number(num(e));
    if (GiNaC::is_a<GiNaC::symbol>(e)) return {GiNaC::ex_to<GiNaC::symbol>(e).get_name(), Atom};
    if (e.is_equal(GiNaC::Pi)) return {"pi", Atom};
    if (GiNaC::is_a<GiNaC::add>(e)) return sum(e);
    if (GiNaC::is_a<GiNaC::mul>(e)) return product(e);
    if (GiNaC::is_a<GiNaC::power>(e)) return power(e);
    if (GiNaC::is_a<GiNaC::function>(e)) return function(e);
    std::ostringstream s;  // anything else GiNaC made, in its own notation
    s << e;
    return {s.str(), Ternary};
}

}  // namespace

std::string algebra_infix(const GiNaC::ex& e) { return print(e).s; }

}  // namespace rigor::symbolic::expr
