// The brute-force oracle of the running-program tests: a point program
// (filters/expr/point_program.hpp) evaluated at one input with ir.hpp's plain scalar
// semantics (filters/expr/scalar.hpp; the including tests are built without contraction).
#pragma once
#include <vector>

#include "filters/expr/ir.hpp"
#include "filters/expr/scalar.hpp"

namespace rigor::test {

// Every node's value; in[k] is clip k's sample.
inline std::vector<float> node_values(const expr::Expr& p, const std::vector<float>& in) {
    std::vector<float> v(p.size());
    for (expr::NodeId id = 0; id < p.size(); ++id) {
        const expr::Node& n = p.node(id);
        if (n.op == expr::Op::Constant) v[id] = n.value;
        else if (n.op == expr::Op::Load) v[id] = in.at(std::size_t(n.clip));
        else {
            std::vector<float> args;
            for (expr::NodeId a : n.args) args.push_back(v[a]);
            v[id] = expr::apply_scalar(n, args);
        }
    }
    return v;
}

inline float scalar_value(const expr::Expr& p, const std::vector<float>& in) { return node_values(p, in)[p.root()]; }

}  // namespace rigor::test
