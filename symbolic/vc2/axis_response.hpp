// The exact response of one entry of a 1-D axis network to every upstream node.
//
// For a target entry (node t, index i) the backward (adjoint) pass gives, for every node
// n, the Laurent polynomial g_n with g_n[k] = ∂ t[i] / ∂ n[k] in the linear part of the
// network (rounding errors excluded):
//   Scale by 2^s:   g_in[k]  += 2^s · g[k]
//   Lift (S, taps): g_in[k]  += g[k];  for updated k: g_in[tap(k, j)] ± = taps[j]/2^S · g[k]
//   Even / Odd:     g_in[2k (+1)] += g[k]
//   Interleave:     g_even[k] += g[2k];  g_odd[k] += g[2k+1]
// Nodes are topologically ordered, so one sweep from t down to 0 is exact.
#pragma once
#include <vector>

#include "filters/vc2/transform_graph.hpp"
#include "symbolic/vc2/laurent_polynomial.hpp"

namespace rigor::symbolic::vc2 {

struct AxisResponse {
    int node = -1;
    long index = 0;
    std::vector<LaurentPolynomial> gain;  // per node of the network; empty if unreachable
};

AxisResponse axis_response(const rigor::vc2::AxisNetwork& network, int node, long index);

}  // namespace rigor::symbolic::vc2
