#include "symbolic/vc2/axis_response.hpp"

namespace rigor::symbolic::vc2 {

using rigor::vc2::AxisNetwork;
using rigor::vc2::AxisNode;
using rigor::vc2::AxisOp;
using rigor::vc2::LiftingStage;

AxisResponse axis_response(const AxisNetwork& net, int node, long index) {
    AxisResponse r;
    r.node = node;
    r.index = index;
    r.gain.resize(net.nodes.size());
    r.gain[static_cast<std::size_t>(node)] = LaurentPolynomial::monomial(index);
    for (int n = node; n >= 0; --n) {
        LaurentPolynomial& g = r.gain[static_cast<std::size_t>(n)];
        g.trim();
        if (g.empty()) continue;
        const AxisNode& a = net.nodes[static_cast<std::size_t>(n)];
        switch (a.op) {
            case AxisOp::Source: break;
            case AxisOp::Scale: {
                const cln::cl_RA f = power_of_two(a.shift);
                LaurentPolynomial& in = r.gain[static_cast<std::size_t>(a.input)];
                g.for_each_nonzero([&](long k, const cln::cl_RA& c) { in.add(k, c * f); });
                break;
            }
            case AxisOp::Lift: {
                const LiftingStage& s = net.stages[static_cast<std::size_t>(a.stage)];
                const int updated_parity = s.updates_even() ? 0 : 1;
                const cln::cl_RA scale = (s.adds() ? 1 : -1) * power_of_two(-s.shift);
                LaurentPolynomial& in = r.gain[static_cast<std::size_t>(a.input)];
                g.for_each_nonzero([&](long k, const cln::cl_RA& c) {
                    in.add(k, c);
                    if ((k & 1) != updated_parity) return;
                    const cln::cl_RA cs = c * scale;
                    for (int j = 0; j < s.length; ++j) in.add(s.tap_index(k, j), cs * s.taps[static_cast<std::size_t>(j)]);
                });
                break;
            }
            case AxisOp::Even:
            case AxisOp::Odd: {
                const long off = a.op == AxisOp::Odd ? 1 : 0;
                LaurentPolynomial& in = r.gain[static_cast<std::size_t>(a.input)];
                g.for_each_nonzero([&](long k, const cln::cl_RA& c) { in.add(2 * k + off, c); });
                break;
            }
            case AxisOp::Interleave: {
                LaurentPolynomial& ev = r.gain[static_cast<std::size_t>(a.input)];
                LaurentPolynomial& od = r.gain[static_cast<std::size_t>(a.input_odd)];
                g.for_each_nonzero([&](long k, const cln::cl_RA& c) {
                    // floor division: k = 2q + parity
                    const long q = (k - (k & 1)) / 2;
                    ((k & 1) ? od : ev).add(q, c);
                });
                break;
            }
        }
    }
    return r;
}

}  // namespace rigor::symbolic::vc2
