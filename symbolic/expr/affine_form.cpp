#include "symbolic/expr/affine_form.hpp"

#include <cln/real.h>
#include <cmath>
#include <vector>

#include "symbolic/expr/number_text.hpp"
#include "symbolic/expr/variables.hpp"

namespace rigor::symbolic::expr {

using cln::cl_RA;
using rigor::expr::Expr;
using rigor::expr::Node;
using rigor::expr::NodeId;
using rigor::expr::Op;

std::optional<AffineForm> affine_form(const Expr& e) {
    std::vector<std::optional<AffineForm>> f(e.size());
    for (NodeId id = 0; id < e.size(); ++id) {
        const Node& n = e.node(id);
        auto a = [&](std::size_t i) -> const std::optional<AffineForm>& { return f[n.args[i]]; };
        auto scaled = [](AffineForm x, const cl_RA& s) {
            x.constant = x.constant * s;
            for (auto it = x.coefficients.begin(); it != x.coefficients.end();) {
                it->second = it->second * s;
                it = cln::zerop(it->second) ? x.coefficients.erase(it) : std::next(it);
            }
            return x;
        };
        auto sum = [](AffineForm x, const AffineForm& y, int sign) {
            x.constant = x.constant + sign * y.constant;
            for (const auto& [k, v] : y.coefficients) {
                cl_RA c = x.coefficients[k] + sign * v;
                if (cln::zerop(c)) x.coefficients.erase(k);
                else x.coefficients[k] = c;
            }
            return x;
        };
        if (n.op == Op::Constant) {
            if (std::isfinite(n.value)) f[id] = AffineForm{decimal_rational(n.value), {}};
        } else if (!variable_name(n).empty() && n.args.empty()) {
            f[id] = AffineForm{0, {{variable_name(n), 1}}};
        } else if ((n.op == Op::Add || n.op == Op::Sub) && a(0) && a(1)) {
            f[id] = sum(*a(0), *a(1), n.op == Op::Add ? 1 : -1);
        } else if (n.op == Op::Mul && a(0) && a(1)) {
            if (a(0)->coefficients.empty()) f[id] = scaled(*a(1), a(0)->constant);
            else if (a(1)->coefficients.empty()) f[id] = scaled(*a(0), a(1)->constant);
        } else if (n.op == Op::Div && a(0) && a(1) && a(1)->coefficients.empty() && !cln::zerop(a(1)->constant)) {
            f[id] = scaled(*a(0), 1 / a(1)->constant);
        }
    }
    return f[e.root()];
}

}  // namespace rigor::symbolic::expr
