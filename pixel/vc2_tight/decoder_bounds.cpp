#include "pixel/vc2_tight/decoder_bounds.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "filters/base/error.hpp"
#include "pixel/vc2/quantisation.hpp"
#include "pixel/vc2_tight/quantisation_error.hpp"

namespace rigor::pixel::vc2_tight {

using rigor::vc2::AxisLine;
using rigor::vc2::AxisNetwork;
using rigor::vc2::TransformArray;
using rigor::vc2::TransformGraph;

const ArrayBound& DecoderBounds::find(int level, const std::string& name) const {
    for (const ArrayBound& a : arrays)
        if (a.level == level && a.name == name) return a;
    throw InternalError("no synthesis array (" + std::to_string(level) + ", " + name + ")");
}

namespace {

// Sums of a fixed-point polynomial with its fraction bits.
struct Sums {
    NodeSums s;
    int bits = 0;
    template <class N>
    N pos() const { return part<N>(s, true, -1, bits); }
    template <class N>
    N neg() const { return part<N>(s, false, -1, bits); }
};

// (P, N) of a tensor product from the sums of its factors.
template <class N>
std::pair<N, N> product(const Sums& x, const Sums& y) {
    const N px = x.pos<N>(), nx = x.neg<N>(), py = y.pos<N>(), ny = y.neg<N>();
    return {px * py + nx * ny, px * ny + nx * py};
}

// One axis of one target class: per band the synthesis gains' sums and those of the
// gains pushed back to the pixels (ux_b), and the mirror analysis array's pixel gains.
struct AxisTerms {
    std::vector<Sums> w, u;
    Sums mirror;
};

// wx (fixed point, `bits`) pushed back through the analysis network from `node` to the
// picture: the fixed point gains 2^extra more fraction bits, exact (dyadic.hpp).
Sums pushed_back(const AxisNetwork& net, int node, int input, const FixedPolynomial& w, int bits, AxisLine line) {
    return {node_sums(pushed_back_gain(net, node, input, w, line), bits + fraction_bits(net)), bits + fraction_bits(net)};
}

// Per band and index: what quantisation at that index leaves of the band.
struct BandAtIndex {
    bool zeroed = false;
    Dyadic elo, ehi, qlo, qhi;  // error range; Q(lo), Q(hi)
    double delo = 0, dehi = 0, dqlo = 0, dqhi = 0;
};

struct BandModel {
    int analysis_x = -1, analysis_y = -1, synthesis_x = -1, synthesis_y = -1;
    Range<Dyadic> rho;  // the band's analysis roundings
    double drho_lo = 0, drho_hi = 0;
    std::vector<BandAtIndex> at;  // per qi
};

template <class N>
N pick(const Dyadic& d, double v) {
    if constexpr (std::is_same_v<N, double>)
        return v;
    else
        return d;
}

// The bound of one target: [lower, upper] over every index (exact for N = Dyadic).
template <class N>
Range<N> target_range(const std::vector<BandModel>& bands, const AxisTerms& tx, const AxisTerms& ty,
                      const Range<N>& rs, const N& lo, const N& hi, int max_qi) {
    const std::size_t nb = bands.size();
    std::vector<N> wp(nb), wn(nb), up(nb), un(nb);
    for (std::size_t b = 0; b < nb; ++b) {
        std::tie(wp[b], wn[b]) = product<N>(tx.w[b], ty.w[b]);
        std::tie(up[b], un[b]) = product<N>(tx.u[b], ty.u[b]);
    }
    const auto [dp, dn] = product<N>(tx.mirror, ty.mirror);
    Range<N> out{N(0), N(0)};
    for (int qi = 0; qi <= max_qi; ++qi) {
        N tri_hi(0), tri_lo(0), zero_hi = hi * dp + lo * dn, zero_lo = lo * dp + hi * dn;
        N noise_hi(0), noise_lo(0), ref_hi(0), ref_lo(0);
        for (std::size_t b = 0; b < nb; ++b) {
            const BandModel& m = bands[b];
            const BandAtIndex& q = m.at[static_cast<std::size_t>(qi)];
            const N qlo = pick<N>(q.qlo, q.dqlo), qhi = pick<N>(q.qhi, q.dqhi);
            ref_hi += wp[b] * qhi + wn[b] * qlo;
            ref_lo += wp[b] * qlo + wn[b] * qhi;
            if (q.zeroed) {
                zero_hi -= lo * up[b] + hi * un[b];
                zero_lo -= hi * up[b] + lo * un[b];
                continue;
            }
            tri_hi += hi * up[b] + lo * un[b];
            tri_lo += lo * up[b] + hi * un[b];
            const N e_hi = pick<N>(m.rho.hi, m.drho_hi) + pick<N>(q.ehi, q.dehi);
            const N e_lo = pick<N>(m.rho.lo, m.drho_lo) + pick<N>(q.elo, q.delo);
            noise_hi += wp[b] * e_hi + wn[b] * e_lo;
            noise_lo += wp[b] * e_lo + wn[b] * e_hi;
        }
        const N tight_hi = std::min(tri_hi, zero_hi) + noise_hi + rs.hi;
        const N tight_lo = std::max(tri_lo, zero_lo) + noise_lo + rs.lo;
        const N upper = std::min(tight_hi, ref_hi + rs.hi), lower = std::max(tight_lo, ref_lo + rs.lo);
        if (qi == 0 || upper > out.hi) out.hi = upper;
        if (qi == 0 || lower < out.lo) out.lo = lower;
    }
    return out;
}

}  // namespace

DecoderBounds decoder_bounds(const AnalysisBounds& analysis, const SynthesisBounds& synthesis,
                             const rigor::vc2::QuantisationMatrix& matrix, unsigned threads) {
    const PictureGeometry& geo = analysis.geometry;
    DecoderBounds out;
    out.geometry = geo;
    const TransformGraph ag = rigor::vc2::analysis_graph(geo.config), sg = rigor::vc2::synthesis_graph(geo.config);

    // The bands and what every index does to them.
    std::vector<BandModel> bands;
    int max_qi = 0;
    for (const BandRange& r : synthesis.bands) {
        const auto m = matrix.find(r.level);
        if (m == matrix.end() || !m->second.count(r.orient))
            throw UserError("the quantisation matrix has no value for level " + std::to_string(r.level) + " " + r.orient);
        const int zeroing = std::max(pixel::vc2::smallest_zeroing_quantisation_index(r.analysis.lower),
                                     pixel::vc2::smallest_zeroing_quantisation_index(r.analysis.upper));
        max_qi = std::max(max_qi, zeroing + m->second.at(r.orient));
    }
    out.maximum_quantisation_index = max_qi;
    if (sg.arrays.empty()) return out;  // depth 0: nothing to bound
    for (std::size_t i = 0; i < synthesis.bands.size(); ++i) {
        const BandRange& r = synthesis.bands[i];
        BandModel b;
        b.synthesis_x = sg.bands[i].x;
        b.synthesis_y = sg.bands[i].y;
        const auto match = std::find_if(ag.bands.begin(), ag.bands.end(),
                                        [&](const auto& x) { return x.level == r.level && x.orient == r.orient; });
        if (match == ag.bands.end()) throw InternalError("no analysis band " + r.orient);
        b.analysis_x = match->x;
        b.analysis_y = match->y;
        b.rho = analysis.find(r.level == 0 ? 1 : r.level, r.orient).rounding;
        b.drho_lo = b.rho.lo.to_double();
        b.drho_hi = b.rho.hi.to_double();
        const int m = matrix.at(r.level).at(r.orient);
        for (int qi = 0; qi <= max_qi; ++qi) {
            const QuantisedRange q = quantised_range(r.analysis.lower, r.analysis.upper, std::max(0, qi - m));
            BandAtIndex a;
            a.zeroed = q.zeroed;
            a.elo = Dyadic(static_cast<long>(q.error_lo));
            a.ehi = Dyadic(static_cast<long>(q.error_hi));
            a.qlo = Dyadic(static_cast<long>(q.dequantised_lo));
            a.qhi = Dyadic(static_cast<long>(q.dequantised_hi));
            a.delo = static_cast<double>(q.error_lo);
            a.dehi = static_cast<double>(q.error_hi);
            a.dqlo = static_cast<double>(q.dequantised_lo);
            a.dqhi = static_cast<double>(q.dequantised_hi);
            b.at.push_back(a);
        }
        bands.push_back(std::move(b));
    }

    const ArrayShapes shapes = array_shapes(sg, pixel::vc2::synthesis_regions(geo.config));
    ResponseCache sx(sg.ax, {geo.width}), sy(sg.ay, {geo.height});
    ResponseCache mx(ag.ax, {geo.width}), my(ag.ay, {geo.height});
    const GraphClasses classes = graph_classes(sg, shapes, sx, sy, threads);
    const std::vector<Rounding> sr = roundings(sg);

    // Axis terms per (synthesis node, mirror node, class position), computed once.
    std::map<std::tuple<int, int, long>, AxisTerms> terms_x, terms_y;
    auto axis_terms = [&](bool along_x, int node, int mirror, const AxisClass& cls) -> const AxisTerms& {
        auto& cache = along_x ? terms_x : terms_y;
        const auto key = std::tuple{node, mirror, cls.position};
        if (auto it = cache.find(key); it != cache.end()) return it->second;
        const ClassResponse& r = (along_x ? sx : sy).get(node, cls);
        const AxisNetwork& anet = along_x ? ag.ax : ag.ay;
        const AxisLine line{along_x ? geo.width : geo.height};
        AxisTerms t;
        for (const BandModel& b : bands) {
            const int s = along_x ? b.synthesis_x : b.synthesis_y, an = along_x ? b.analysis_x : b.analysis_y;
            t.w.push_back({r.sums[static_cast<std::size_t>(s)], r.fraction_bits});
            t.u.push_back(pushed_back(anet, an, along_x ? ag.input_x : ag.input_y, r.gain(s), r.fraction_bits, line));
        }
        const ClassResponse& m = (along_x ? mx : my).get(mirror, cls);
        const int input = along_x ? ag.input_x : ag.input_y;
        t.mirror = {m.sums[static_cast<std::size_t>(input)], m.fraction_bits};
        return cache.emplace(key, std::move(t)).first->second;
    };

    const IntegerRange pic = analysis.picture;
    const double dlo = static_cast<double>(pic.lower), dhi = static_cast<double>(pic.upper);
    const Dyadic elo(static_cast<long>(pic.lower)), ehi(static_cast<long>(pic.upper));
    for (std::size_t i = 0; i < sg.arrays.size(); ++i) {
        const TransformArray& a = sg.arrays[i];
        const TransformArray* mirror = ag.find(a.mirror_level, a.mirror_name);
        if (!mirror)
            throw InternalError("no analysis array mirrors synthesis (" + std::to_string(a.level) + ", " + a.name + ")");
        ArrayBound ab = ArrayBound::empty_for(a, static_cast<int>(i));
        const auto& X = classes.x[i];
        const auto& Y = classes.y[i];
        std::vector<Range<double>> approx;
        double magnitude = 0;
        for (const AxisClass& c : X)
            for (const AxisClass& d : Y) {
                const Range<double> rs = rounding_range<double>(sg, sr, sx.get(a.x, c), sy.get(a.y, d));
                approx.push_back(target_range<double>(bands, axis_terms(true, a.x, mirror->x, c),
                                                      axis_terms(false, a.y, mirror->y, d), rs, dlo, dhi, max_qi));
                magnitude = std::max({magnitude, std::abs(approx.back().lo), std::abs(approx.back().hi)});
            }
        // The doubles' terms are at most a few times the reference model's bound in size.
        const ArrayBound& model = synthesis.arrays[i];
        const IntegerRange mr = model.range();
        magnitude = std::max({magnitude, std::abs(static_cast<double>(mr.lower)), std::abs(static_cast<double>(mr.upper)),
                              std::abs(dlo) + std::abs(dhi)});
        ab.phases = phase_extremes(X, Y, a.period_x, a.period_y, approx, screening_margin(16 * magnitude),
                                   [&](std::size_t k) {
                                       const AxisClass& c = X[k / Y.size()];
                                       const AxisClass& d = Y[k % Y.size()];
                                       const Range<Dyadic> rs =
                                           rounding_range<Dyadic>(sg, sr, sx.get(a.x, c), sy.get(a.y, d));
                                       return target_range<Dyadic>(bands, axis_terms(true, a.x, mirror->x, c),
                                                                   axis_terms(false, a.y, mirror->y, d), rs, elo, ehi,
                                                                   max_qi);
                                   });
        out.arrays.push_back(std::move(ab));
    }
    return out;
}

}  // namespace rigor::pixel::vc2_tight
