// The exact response of entries of a 1-D axis network to every upstream node: the one
// 1-D response engine, shared by the symbolic static analysis (CLN rationals, infinite
// lines) and the bit-width tools (fixed-point GMP integers, finite lines with the edge
// rule).
//
// For a target entry (node t, index i) the backward (adjoint) pass gives, for every node
// n, the Laurent polynomial g_n with g_n[k] = ∂ t[i] / ∂ n[k] in the linear part of the
// network (rounding errors excluded):
//   Scale by 2^s:   g_in[k]  += 2^s · g[k]
//   Lift (S, taps): g_in[k]  += g[k];  for updated k: g_in[tap(k, j)] ± = taps[j]/2^S · g[k]
//   Even / Odd:     g_in[2k (+1)] += g[k]
//   Interleave:     g_even[k] += g[2k];  g_odd[k] += g[2k+1]
// Nodes are topologically ordered, so one sweep from t down to 0 is exact.
//
// Lines: infinite (the static analysis, spec §1: "arrays are infinite"), or the finite
// lines of a picture `extent` samples long along this axis.  A node of step 2^s then has
// extent >> s samples, and a lift reads its taps by the specification's edge rule
// (edge_rule.hpp): a tap beyond the line folds onto the sample the rule clamps it to,
// so g_in[clamped tap] receives its weight.  Nothing else changes at an edge.
#pragma once
#include <vector>

#include "filters/vc2/edge_rule.hpp"
#include "filters/vc2/laurent_polynomial.hpp"
#include "filters/vc2/transform_graph.hpp"

namespace rigor::vc2 {

// The lines an axis network runs on: infinite (extent 0) or `extent` picture samples.
struct AxisLine {
    long extent = 0;

    bool finite() const { return extent > 0; }
    // Samples of a node's line (finite lines only).
    long length(const AxisNode& node) const { return extent >> node.log2_step; }
};

template <class T>
struct AxisResponse {
    int node = -1;
    long index = 0;
    std::vector<LaurentPolynomial<T>> gain;  // per node of the network; empty if unreachable
};

// The backward pass from node `from` down to node 0: `gain` (one polynomial per node,
// seeded by the caller at `from` and, for several seeds, at any earlier node) receives the
// gains of every node upstream.
template <class T>
void propagate_back(const AxisNetwork& net, std::vector<LaurentPolynomial<T>>& gain, int from, AxisLine line = {}) {
    using Arithmetic = ResponseArithmetic<T>;
    for (int n = from; n >= 0; --n) {
        LaurentPolynomial<T>& g = gain[static_cast<std::size_t>(n)];
        g.trim();
        if (g.empty()) continue;
        const AxisNode& a = net.nodes[static_cast<std::size_t>(n)];
        switch (a.op) {
            case AxisOp::Source: break;
            case AxisOp::Scale: {
                LaurentPolynomial<T>& in = gain[static_cast<std::size_t>(a.input)];
                const auto f = Arithmetic::factor(a.shift, false);
                g.for_each_nonzero([&](long k, const T& c) { in.add(k, Arithmetic::times(c, f)); });
                break;
            }
            case AxisOp::Lift: {
                const LiftingStage& s = net.stages[static_cast<std::size_t>(a.stage)];
                const int updated_parity = s.updates_even() ? 0 : 1;
                const long length = line.finite() ? line.length(a) : 0;
                LaurentPolynomial<T>& in = gain[static_cast<std::size_t>(a.input)];
                const auto f = Arithmetic::factor(-s.shift, !s.adds());
                g.for_each_nonzero([&](long k, const T& c) {
                    in.add(k, c);
                    if ((k & 1) != updated_parity) return;
                    const T cs = Arithmetic::times(c, f);
                    for (int j = 0; j < s.length; ++j)
                        in.add(line.finite() ? clamped_tap_index(s, k, j, length) : s.tap_index(k, j),
                               cs * s.taps[static_cast<std::size_t>(j)]);
                });
                break;
            }
            case AxisOp::Even:
            case AxisOp::Odd: {
                const long off = a.op == AxisOp::Odd ? 1 : 0;
                LaurentPolynomial<T>& in = gain[static_cast<std::size_t>(a.input)];
                g.for_each_nonzero([&](long k, const T& c) { in.add(2 * k + off, c); });
                break;
            }
            case AxisOp::Interleave: {
                LaurentPolynomial<T>& ev = gain[static_cast<std::size_t>(a.input)];
                LaurentPolynomial<T>& od = gain[static_cast<std::size_t>(a.input_odd)];
                g.for_each_nonzero([&](long k, const T& c) {
                    // floor division: k = 2q + parity
                    const long q = (k - (k & 1)) / 2;
                    ((k & 1) ? od : ev).add(q, c);
                });
                break;
            }
        }
    }
}

// The response of entry `index` of `node`; `one` is the value 1 in T's representation.
template <class T>
AxisResponse<T> axis_response(const AxisNetwork& net, int node, long index, const T& one, AxisLine line = {}) {
    AxisResponse<T> r;
    r.node = node;
    r.index = index;
    r.gain.resize(net.nodes.size());
    r.gain[static_cast<std::size_t>(node)] = LaurentPolynomial<T>::monomial(index, one);
    propagate_back(net, r.gain, node, line);
    return r;
}

}  // namespace rigor::vc2
