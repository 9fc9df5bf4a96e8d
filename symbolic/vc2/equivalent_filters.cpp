#include "symbolic/vc2/equivalent_filters.hpp"

#include <algorithm>
#include <map>

#include "filters/base/error.hpp"
#include "filters/vc2/transform_graph.hpp"
#include "symbolic/vc2/axis_response.hpp"
#include "symbolic/vc2/document_number.hpp"

namespace rigor::symbolic::vc2 {

using rigor::vc2::AxisNetwork;
using rigor::vc2::CoefficientBand;
using rigor::vc2::TransformConfig;
using rigor::vc2::TransformGraph;

namespace {

Rational rational(const cln::cl_RA& v) { return document_rational(v); }

long floor_mod(long k, long m) { return ((k % m) + m) % m; }

AxisFilter axis_filter(const LaurentPolynomial& p, long step) {
    AxisFilter f;
    cln::cl_RA dc = 0, nyquist = 0, l1 = 0;
    std::vector<cln::cl_RA> phases(static_cast<std::size_t>(step), cln::cl_RA(0));
    if (!p.empty()) {
        f.first = p.lowest();
        for (long k = p.lowest(); k <= p.highest(); ++k) {
            const cln::cl_RA c = p[k];
            f.taps.push_back(rational(c));
            dc += c;
            nyquist += (k & 1) ? -c : c;
            l1 += cln::abs(c);
            phases[static_cast<std::size_t>(floor_mod(k, step))] += cln::abs(c);
        }
    }
    f.dc_gain = rational(dc);
    f.nyquist_gain = rational(nyquist);
    f.l1_norm = rational(l1);
    for (const cln::cl_RA& c : phases) f.phase_l1_norms.push_back(rational(c));
    return f;
}

SeparableFilter separable(AxisFilter x, AxisFilter y) {
    SeparableFilter f{std::move(x), std::move(y), {}, {}, {}, {}};
    f.dc_gain = f.x.dc_gain * f.y.dc_gain;
    f.nyquist_gain = f.x.nyquist_gain * f.y.nyquist_gain;
    f.l1_norm = f.x.l1_norm * f.y.l1_norm;
    f.largest_phase_l1_norm = *std::max_element(f.x.phase_l1_norms.begin(), f.x.phase_l1_norms.end()) *
                              *std::max_element(f.y.phase_l1_norms.begin(), f.y.phase_l1_norms.end());
    return f;
}

long step_of(const AxisNetwork& net, int node) { return 1L << net.nodes[static_cast<std::size_t>(node)].log2_step; }

// g[n] = ∂ output[n] / ∂ source[0] for one synthesis axis: the backward responses of the
// output entries n = 0 … step−1 hold g[p − step·m] as their gain at source index m.
class SynthesisAxis {
public:
    SynthesisAxis(const AxisNetwork& net, int output, long period) {
        for (long p = 0; p < period; ++p) responses_.push_back(axis_response(net, output, p));
    }
    LaurentPolynomial filter(int source, long step) const {
        LaurentPolynomial g;
        for (long p = 0; p < step; ++p)
            responses_[static_cast<std::size_t>(p)].gain[static_cast<std::size_t>(source)].for_each_nonzero(
                [&](long m, const cln::cl_RA& c) { g.add(p - step * m, c); });
        return g;
    }

private:
    std::vector<AxisResponse> responses_;
};

int orient_rank(const std::string& o) {
    static const char* const kOrder[] = {"L", "LL", "H", "HL", "LH", "HH"};
    for (int i = 0; i < 6; ++i)
        if (o == kOrder[i]) return i;
    return 6;
}

const CoefficientBand& band_of(const TransformGraph& g, int level, const std::string& orient) {
    for (const CoefficientBand& b : g.bands)
        if (b.level == level && b.orient == orient) return b;
    throw InternalError("no synthesis band for analysis band " + orient + " of level " + std::to_string(level));
}

}  // namespace

std::vector<SubbandFilters> equivalent_filters(const TransformConfig& config) {
    const TransformGraph ag = rigor::vc2::analysis_graph(config);
    const TransformGraph sg = rigor::vc2::synthesis_graph(config);
    std::vector<SubbandFilters> out;
    if (ag.bands.empty()) {  // depth 0: the picture is the DC band
        const LaurentPolynomial identity = LaurentPolynomial::monomial(0, cln::cl_RA(1));
        const SeparableFilter f = separable(axis_filter(identity, 1), axis_filter(identity, 1));
        out.push_back({0, "LL", 1, 1, f, f});
        return out;
    }
    const int out_x = sg.arrays.back().x, out_y = sg.arrays.back().y;  // the top level's Output
    const long top = 1L << (config.dwt_depth + config.dwt_depth_ho);
    const SynthesisAxis sx(sg.ax, out_x, top), sy(sg.ay, out_y, 1L << config.dwt_depth);
    for (const CoefficientBand& a : ag.bands) {
        SubbandFilters f;
        f.level = a.level;
        f.orient = a.orient;
        f.step_x = step_of(ag.ax, a.x);
        f.step_y = step_of(ag.ay, a.y);
        const LaurentPolynomial hx = axis_response(ag.ax, a.x, 0).gain[static_cast<std::size_t>(ag.input_x)];
        const LaurentPolynomial hy = axis_response(ag.ay, a.y, 0).gain[static_cast<std::size_t>(ag.input_y)];
        f.analysis = separable(axis_filter(hx, f.step_x), axis_filter(hy, f.step_y));
        const CoefficientBand& s = band_of(sg, a.level, a.orient);
        f.synthesis = separable(axis_filter(sx.filter(s.x, f.step_x), f.step_x),
                                axis_filter(sy.filter(s.y, f.step_y), f.step_y));
        out.push_back(std::move(f));
    }
    std::sort(out.begin(), out.end(), [](const SubbandFilters& l, const SubbandFilters& r) {
        return std::pair(l.level, orient_rank(l.orient)) < std::pair(r.level, orient_rank(r.orient));
    });
    return out;
}

}  // namespace rigor::symbolic::vc2
