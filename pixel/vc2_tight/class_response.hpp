// The exact finite-line response of one class of positions of a node (edge_classes.hpp)
// and the sums the bounds are made of: for every upstream node, the positive and the
// negative parts of its gains on even and on odd samples.  Exact fixed point (dyadic.hpp)
// with doubles beside them for fast screening.
#pragma once
#include <gmpxx.h>

#include <vector>

#include "filters/vc2/axis_response.hpp"
#include "pixel/vc2_tight/dyadic.hpp"
#include "pixel/vc2_tight/edge_classes.hpp"

namespace rigor::pixel::vc2_tight {

// Σ of the positive (p) and negative (n) gains of one node, on samples of parity 0 and 1.
struct NodeSums {
    mpz_class p[2], n[2];      // fixed point, `fraction_bits` of the response
    double dp[2] = {0, 0}, dn[2] = {0, 0};

    bool empty() const { return dp[0] == 0 && dp[1] == 0 && dn[0] == 0 && dn[1] == 0; }
};

struct ClassResponse {
    AxisClass cls;
    int fraction_bits = 0;
    rigor::vc2::AxisResponse<mpz_class> response;
    std::vector<NodeSums> sums;  // per node of the network

    const FixedPolynomial& gain(int node) const { return response.gain[static_cast<std::size_t>(node)]; }
};

NodeSums node_sums(const FixedPolynomial& gain, int fraction_bits);

ClassResponse class_response(const rigor::vc2::AxisNetwork& network, int node, const AxisClass& cls,
                             rigor::vc2::AxisLine line);

// Gains `w` on node `node` (fixed point) pushed back through `network` to node `input`
// (the picture of an analysis network): the composite gains, with fraction_bits(network)
// more fraction bits than `w`, exactly (dyadic.hpp).  The decoder's picture weights of a
// band: its synthesis gains pushed back through the analysis.
FixedPolynomial pushed_back_gain(const rigor::vc2::AxisNetwork& network, int node, int input,
                                 const FixedPolynomial& w, rigor::vc2::AxisLine line);

// One part of a sum as a number of type N (double, or Dyadic exactly).
template <class N>
N part(const NodeSums& s, bool positive, int parity, int fraction_bits);

template <>
inline double part<double>(const NodeSums& s, bool positive, int parity, int) {
    if (parity < 0) return positive ? s.dp[0] + s.dp[1] : s.dn[0] + s.dn[1];
    return positive ? s.dp[parity] : s.dn[parity];
}

template <>
inline Dyadic part<Dyadic>(const NodeSums& s, bool positive, int parity, int fraction_bits) {
    if (parity < 0)
        return Dyadic(positive ? mpz_class(s.p[0] + s.p[1]) : mpz_class(s.n[0] + s.n[1]), fraction_bits);
    return Dyadic(positive ? s.p[parity] : s.n[parity], fraction_bits);
}

}  // namespace rigor::pixel::vc2_tight
