#include "symbolic/expr/algebra.hpp"

#include <cmath>
#include <set>

#include "filters/base/error.hpp"
#include "filters/expr/ir_text.hpp"
#include "symbolic/expr/algebra_size.hpp"
#include "symbolic/expr/number_text.hpp"
#include "symbolic/expr/program_text.hpp"
#include "symbolic/expr/variables.hpp"

namespace rigor::symbolic::expr {

using GiNaC::ex;
using rigor::expr::Node;
using rigor::expr::NodeId;
using rigor::expr::Op;

// Functions of the Expr language that GiNaC lacks.  Names are the infix call names.
DECLARE_FUNCTION_2P(expr_max)
DECLARE_FUNCTION_2P(expr_min)
DECLARE_FUNCTION_3P(expr_select)
DECLARE_FUNCTION_2P(expr_gt)
DECLARE_FUNCTION_2P(expr_lt)
DECLARE_FUNCTION_2P(expr_ge)
DECLARE_FUNCTION_2P(expr_le)
DECLARE_FUNCTION_2P(expr_eq)
DECLARE_FUNCTION_2P(expr_and)
DECLARE_FUNCTION_2P(expr_or)
DECLARE_FUNCTION_2P(expr_xor)
DECLARE_FUNCTION_1P(expr_not)
DECLARE_FUNCTION_2P(expr_mod)
DECLARE_FUNCTION_1P(expr_trunc)
DECLARE_FUNCTION_1P(expr_round)
DECLARE_FUNCTION_1P(expr_floor)
DECLARE_FUNCTION_2P(expr_bitand)
DECLARE_FUNCTION_2P(expr_bitor)
DECLARE_FUNCTION_2P(expr_bitxor)
DECLARE_FUNCTION_1P(expr_bitnot)
DECLARE_FUNCTION_1P(expr_abs)
DECLARE_FUNCTION_1P(expr_sign)  // Sign, and the derivative of abs: sgn(a) = -1, 0, 1
DECLARE_FUNCTION_1P(expr_ceil)
// Order statistics over a GiNaC lst of the arguments (any number of them).
DECLARE_FUNCTION_2P(expr_nth_smallest)  // (k, {a0, ..., an-1})
DECLARE_FUNCTION_2P(expr_argsort_nth)   // (k, {a0, ..., an-1})
DECLARE_FUNCTION_1P(expr_argmin)
DECLARE_FUNCTION_1P(expr_argmax)

namespace {
// Derivatives almost everywhere (a.e.): the kinks of max/min/abs/select are measure zero.
ex zero1(const ex&, unsigned) { return 0; }
ex zero2(const ex&, const ex&, unsigned) { return 0; }
ex max_d(const ex& a, const ex& b, unsigned i) { return i == 0 ? expr_gt(a, b) : expr_not(expr_gt(a, b)); }
ex min_d(const ex& a, const ex& b, unsigned i) { return i == 0 ? expr_lt(a, b) : expr_not(expr_lt(a, b)); }
// c > 0 as 1 or 0; a comparison or logic result is 1 or 0 already.
ex truth(const ex& c) {
    static const std::set<std::string> truths = {"expr_gt", "expr_lt", "expr_ge", "expr_le", "expr_eq",
                                                 "expr_and", "expr_or", "expr_xor", "expr_not"};
    if (GiNaC::is_a<GiNaC::function>(c) && truths.count(GiNaC::ex_to<GiNaC::function>(c).get_name())) return c;
    return expr_gt(c, 0);
}
ex select_d(const ex& c, const ex&, const ex&, unsigned i) {
    return i == 0 ? ex(0) : i == 1 ? truth(c) : expr_not(truth(c));
}
ex abs_d(const ex& a, unsigned) { return expr_sign(a); }
ex sign_eval(const ex& a) {
    if (GiNaC::is_a<GiNaC::numeric>(a)) return GiNaC::ex_to<GiNaC::numeric>(a).csgn();
    return expr_sign(a).hold();
}
// The k-th smallest picks one argument (ir.hpp: a stable sort by `<`), so its derivative
// is that argument's: Σ_i [argsort_nth(k, a) = i] · ∂a_i/∂s, a piecewise selection by
// which argument is the k-th.  At ties it is the derivative of the argument the stable
// sort selects (the one-sided derivative in that argument's direction, as max' = [a > b]).
ex nth_smallest_d(const ex& k, const ex& args, const GiNaC::symbol& s) {
    ex d = 0;
    for (std::size_t i = 0; i < args.nops(); ++i) {
        ex di = args.op(i).diff(s);
        if (!di.is_zero()) d += expr_eq(expr_argsort_nth(k, args), int(i)) * di;
    }
    return d;
}
ex zero_lst_d(const ex&, const GiNaC::symbol&) { return 0; }
ex zero_lst2_d(const ex&, const ex&, const GiNaC::symbol&) { return 0; }

// Index (in argument order) of the k-th smallest of numeric arguments by the stable sort
// of ir.hpp; -1 while any argument is not a number.
long numeric_argsort_nth(long k, const ex& args) {
    std::vector<std::pair<GiNaC::numeric, long>> v;
    for (std::size_t i = 0; i < args.nops(); ++i) {
        if (!GiNaC::is_a<GiNaC::numeric>(args.op(i)) || !GiNaC::ex_to<GiNaC::numeric>(args.op(i)).is_real()) return -1;
        v.emplace_back(GiNaC::ex_to<GiNaC::numeric>(args.op(i)), long(i));
    }
    if (k < 0 || k >= long(v.size())) return -1;
    std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return v[std::size_t(k)].second;
}
long numeric_rank(const ex& k) {
    return GiNaC::is_a<GiNaC::numeric>(k) && GiNaC::ex_to<GiNaC::numeric>(k).is_integer() ? GiNaC::ex_to<GiNaC::numeric>(k).to_long() : -1;
}
ex nth_smallest_eval(const ex& k, const ex& args) {
    long i = numeric_argsort_nth(numeric_rank(k), args);
    return i < 0 ? expr_nth_smallest(k, args).hold() : args.op(std::size_t(i));
}
ex argsort_nth_eval(const ex& k, const ex& args) {
    long i = numeric_argsort_nth(numeric_rank(k), args);
    return i < 0 ? expr_argsort_nth(k, args).hold() : ex(i);
}
// ArgMin: the first minimum is the stable sort's first; ArgMax: the first maximum.
ex argmin_eval(const ex& args) {
    long i = numeric_argsort_nth(0, args);
    return i < 0 ? expr_argmin(args).hold() : ex(i);
}
ex argmax_eval(const ex& args) {
    if (numeric_argsort_nth(0, args) < 0) return expr_argmax(args).hold();
    std::size_t i = 0;
    for (std::size_t j = 1; j < args.nops(); ++j)
        if (GiNaC::ex_to<GiNaC::numeric>(args.op(j)) > GiNaC::ex_to<GiNaC::numeric>(args.op(i))) i = j;
    return long(i);
}
ex eq_eval(const ex& a, const ex& b) {
    if (GiNaC::is_a<GiNaC::numeric>(a) && GiNaC::is_a<GiNaC::numeric>(b)) return a.is_equal(b) ? 1 : 0;
    return expr_eq(a, b).hold();
}
ex mod_d(const ex& a, const ex& b, unsigned i) { return i == 0 ? ex(1) : -expr_trunc(a / b); }

// Numeric arguments fold (comparisons to 0/1, max/min to the value).
ex max_eval(const ex& a, const ex& b) {
    if (GiNaC::is_a<GiNaC::numeric>(a) && GiNaC::is_a<GiNaC::numeric>(b))
        return GiNaC::ex_to<GiNaC::numeric>(a) > GiNaC::ex_to<GiNaC::numeric>(b) ? a : b;
    return expr_max(a, b).hold();
}
ex min_eval(const ex& a, const ex& b) {
    if (GiNaC::is_a<GiNaC::numeric>(a) && GiNaC::is_a<GiNaC::numeric>(b))
        return GiNaC::ex_to<GiNaC::numeric>(a) < GiNaC::ex_to<GiNaC::numeric>(b) ? a : b;
    return expr_min(a, b).hold();
}
ex gt_eval(const ex& a, const ex& b) {
    if (GiNaC::is_a<GiNaC::numeric>(a) && GiNaC::is_a<GiNaC::numeric>(b))
        return GiNaC::ex_to<GiNaC::numeric>(a) > GiNaC::ex_to<GiNaC::numeric>(b) ? 1 : 0;
    return expr_gt(a, b).hold();
}
ex lt_eval(const ex& a, const ex& b) {
    if (GiNaC::is_a<GiNaC::numeric>(a) && GiNaC::is_a<GiNaC::numeric>(b))
        return GiNaC::ex_to<GiNaC::numeric>(a) < GiNaC::ex_to<GiNaC::numeric>(b) ? 1 : 0;
    return expr_lt(a, b).hold();
}
ex not_eval(const ex& a) {
    if (GiNaC::is_a<GiNaC::numeric>(a)) return GiNaC::ex_to<GiNaC::numeric>(a) <= 0 ? 1 : 0;
    return expr_not(a).hold();
}
ex select_eval(const ex& c, const ex& t, const ex& f) {
    if (GiNaC::is_a<GiNaC::numeric>(c)) return GiNaC::ex_to<GiNaC::numeric>(c) > 0 ? t : f;
    if (t.is_equal(f)) return t;
    return expr_select(c, t, f).hold();
}
}  // namespace

REGISTER_FUNCTION(expr_max, eval_func(max_eval).derivative_func(max_d).set_name("expr_max"))
REGISTER_FUNCTION(expr_min, eval_func(min_eval).derivative_func(min_d).set_name("expr_min"))
REGISTER_FUNCTION(expr_select, eval_func(select_eval).derivative_func(select_d).set_name("expr_select"))
REGISTER_FUNCTION(expr_gt, eval_func(gt_eval).derivative_func(zero2).set_name("expr_gt"))
REGISTER_FUNCTION(expr_lt, eval_func(lt_eval).derivative_func(zero2).set_name("expr_lt"))
REGISTER_FUNCTION(expr_ge, derivative_func(zero2).set_name("expr_ge"))
REGISTER_FUNCTION(expr_le, derivative_func(zero2).set_name("expr_le"))
REGISTER_FUNCTION(expr_eq, eval_func(eq_eval).derivative_func(zero2).set_name("expr_eq"))
REGISTER_FUNCTION(expr_and, derivative_func(zero2).set_name("expr_and"))
REGISTER_FUNCTION(expr_or, derivative_func(zero2).set_name("expr_or"))
REGISTER_FUNCTION(expr_xor, derivative_func(zero2).set_name("expr_xor"))
REGISTER_FUNCTION(expr_not, eval_func(not_eval).derivative_func(zero1).set_name("expr_not"))
REGISTER_FUNCTION(expr_mod, derivative_func(mod_d).set_name("expr_mod"))
REGISTER_FUNCTION(expr_trunc, derivative_func(zero1).set_name("expr_trunc"))
REGISTER_FUNCTION(expr_round, derivative_func(zero1).set_name("expr_round"))
REGISTER_FUNCTION(expr_floor, derivative_func(zero1).set_name("expr_floor"))
REGISTER_FUNCTION(expr_bitand, derivative_func(zero2).set_name("expr_bitand"))
REGISTER_FUNCTION(expr_bitor, derivative_func(zero2).set_name("expr_bitor"))
REGISTER_FUNCTION(expr_bitxor, derivative_func(zero2).set_name("expr_bitxor"))
REGISTER_FUNCTION(expr_bitnot, derivative_func(zero1).set_name("expr_bitnot"))
REGISTER_FUNCTION(expr_abs, derivative_func(abs_d).set_name("expr_abs"))
REGISTER_FUNCTION(expr_sign, eval_func(sign_eval).derivative_func(zero1).set_name("expr_sgn"))
REGISTER_FUNCTION(expr_ceil, derivative_func(zero1).set_name("expr_ceil"))
REGISTER_FUNCTION(expr_nth_smallest, eval_func(nth_smallest_eval).expl_derivative_func(nth_smallest_d).set_name("expr_nth_smallest"))
REGISTER_FUNCTION(expr_argsort_nth, eval_func(argsort_nth_eval).expl_derivative_func(zero_lst2_d).set_name("expr_argsort_nth"))
REGISTER_FUNCTION(expr_argmin, eval_func(argmin_eval).expl_derivative_func(zero_lst_d).set_name("expr_argmin"))
REGISTER_FUNCTION(expr_argmax, eval_func(argmax_eval).expl_derivative_func(zero_lst_d).set_name("expr_argmax"))

namespace {

GiNaC::numeric to_numeric(float v) {
    return GiNaC::numeric(cln::cl_N(decimal_rational(v)));
}

GiNaC::lst arguments(const Node& n, const std::vector<ex>& v) {
    GiNaC::lst l;
    for (NodeId a : n.args) l.append(v[a]);
    return l;
}

}  // namespace

Algebra to_algebra(const rigor::expr::Expr& e) {
    Algebra a;
    std::vector<ex> v(e.size());
    for (NodeId id = 0; id < e.size(); ++id) {
        const Node& n = e.node(id);
        auto x = [&](std::size_t i) { return v[n.args[i]]; };
        std::string var = variable_name(n);
        if (!var.empty() && n.op != Op::LoadAbsolute) {
            auto it = a.symbols.find(var);
            if (it == a.symbols.end()) it = a.symbols.emplace(var, GiNaC::realsymbol(var)).first;
            v[id] = it->second;
            continue;
        }
        switch (n.op) {
            case Op::Constant:
                if (!std::isfinite(n.value)) throw UserError("the algebra has no value for the constant " + rigor::expr::shortest_decimal(n.value));
                v[id] = to_numeric(n.value);
                break;
            case Op::Add: v[id] = x(0) + x(1); break;
            case Op::Sub: v[id] = x(0) - x(1); break;
            case Op::Mul: v[id] = x(0) * x(1); break;
            case Op::Div: v[id] = x(0) / x(1); break;
            case Op::Mod: v[id] = expr_mod(x(0), x(1)); break;
            case Op::Pow:
                check_power_size(x(0), x(1));
                v[id] = GiNaC::pow(x(0), x(1));
                break;
            case Op::Max: v[id] = expr_max(x(0), x(1)); break;
            case Op::Min: v[id] = expr_min(x(0), x(1)); break;
            case Op::Clamp: v[id] = expr_max(expr_min(x(0), x(2)), x(1)); break;
            case Op::Abs: v[id] = expr_abs(x(0)); break;
            case Op::Sqrt: v[id] = GiNaC::sqrt(x(0)); break;
            case Op::Exp: v[id] = GiNaC::exp(x(0)); break;
            case Op::Log: v[id] = GiNaC::log(x(0)); break;
            case Op::Sin: v[id] = GiNaC::sin(x(0)); break;
            case Op::Cos: v[id] = GiNaC::cos(x(0)); break;
            case Op::Tan: v[id] = GiNaC::tan(x(0)); break;
            case Op::Asin: v[id] = GiNaC::asin(x(0)); break;
            case Op::Acos: v[id] = GiNaC::acos(x(0)); break;
            case Op::Atan: v[id] = GiNaC::atan(x(0)); break;
            case Op::Atan2: v[id] = GiNaC::atan2(x(0), x(1)); break;
            case Op::Trunc: v[id] = expr_trunc(x(0)); break;
            case Op::Round: v[id] = expr_round(x(0)); break;
            case Op::Floor: v[id] = expr_floor(x(0)); break;
            case Op::Gt: v[id] = expr_gt(x(0), x(1)); break;
            case Op::Lt: v[id] = expr_lt(x(0), x(1)); break;
            case Op::Ge: v[id] = expr_ge(x(0), x(1)); break;
            case Op::Le: v[id] = expr_le(x(0), x(1)); break;
            case Op::Eq: v[id] = expr_eq(x(0), x(1)); break;
            case Op::And: v[id] = expr_and(x(0), x(1)); break;
            case Op::Or: v[id] = expr_or(x(0), x(1)); break;
            case Op::Xor: v[id] = expr_xor(x(0), x(1)); break;
            case Op::Not: v[id] = expr_not(x(0)); break;
            case Op::BitAnd: v[id] = expr_bitand(x(0), x(1)); break;
            case Op::BitOr: v[id] = expr_bitor(x(0), x(1)); break;
            case Op::BitXor: v[id] = expr_bitxor(x(0), x(1)); break;
            case Op::BitNot: v[id] = expr_bitnot(x(0)); break;
            case Op::Select: v[id] = expr_select(x(0), x(1), x(2)); break;
            case Op::Sign: v[id] = expr_sign(x(0)); break;
            case Op::Ceil: v[id] = expr_ceil(x(0)); break;
            case Op::SortedNth: v[id] = expr_nth_smallest(n.rank, arguments(n, v)); break;
            case Op::ArgSortNth: v[id] = expr_argsort_nth(n.rank, arguments(n, v)); break;
            case Op::ArgMin: v[id] = expr_argmin(arguments(n, v)); break;
            case Op::ArgMax: v[id] = expr_argmax(arguments(n, v)); break;
            default: {
                // Absolute pixels and window sums stay opaque: a symbol named by their
                // infix text.
                std::vector<rigor::expr::Node> sub(e.nodes().begin(), e.nodes().begin() + id + 1);
                std::string text = report_infix(rigor::expr::Expr(std::move(sub), id));
                auto it = a.symbols.find(text);
                if (it == a.symbols.end()) it = a.symbols.emplace(text, GiNaC::realsymbol(text)).first;
                v[id] = it->second;
            }
        }
        check_algebra_size(v[id], "the algebra");  // each node at most doubles sizes: checked at each
    }
    a.value = v[e.root()];
    return a;
}

std::map<std::string, GiNaC::ex> partial_derivatives(const Algebra& a) {
    std::map<std::string, GiNaC::ex> d;
    for (const auto& [name, s] : a.symbols) {
        d[name] = a.value.diff(s);
        check_algebra_size(d[name], "a derivative");
    }
    return d;
}

}  // namespace rigor::symbolic::expr
