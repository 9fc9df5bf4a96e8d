#include "pixel/vc2_tight/class_response.hpp"

#include <cmath>

namespace rigor::pixel::vc2_tight {

NodeSums node_sums(const FixedPolynomial& gain, int fraction_bits) {
    NodeSums s;
    gain.for_each_nonzero([&](long k, const mpz_class& c) {
        (sgn(c) > 0 ? s.p : s.n)[k & 1] += c;
    });
    for (int parity : {0, 1}) {
        s.dp[parity] = Dyadic(s.p[parity], fraction_bits).to_double();
        s.dn[parity] = Dyadic(s.n[parity], fraction_bits).to_double();
    }
    return s;
}

ClassResponse class_response(const rigor::vc2::AxisNetwork& net, int node, const AxisClass& cls,
                             rigor::vc2::AxisLine line) {
    ClassResponse r;
    r.cls = cls;
    r.fraction_bits = fraction_bits(net);
    r.response = rigor::vc2::axis_response(net, node, cls.position,
                                           mpz_class(mpz_class(1) << static_cast<mp_bitcnt_t>(r.fraction_bits)), line);
    r.sums.reserve(r.response.gain.size());
    for (const FixedPolynomial& g : r.response.gain) r.sums.push_back(node_sums(g, r.fraction_bits));
    return r;
}

FixedPolynomial pushed_back_gain(const rigor::vc2::AxisNetwork& net, int node, int input, const FixedPolynomial& w,
                                 rigor::vc2::AxisLine line) {
    const int extra = fraction_bits(net);
    std::vector<FixedPolynomial> gain(net.nodes.size());
    FixedPolynomial& seed = gain[static_cast<std::size_t>(node)];
    w.for_each_nonzero([&](long k, const mpz_class& c) { seed.add(k, mpz_class(c << static_cast<mp_bitcnt_t>(extra))); });
    rigor::vc2::propagate_back(net, gain, node, line);
    return std::move(gain[static_cast<std::size_t>(input)]);
}

}  // namespace rigor::pixel::vc2_tight
