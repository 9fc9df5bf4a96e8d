#include "pixel/vc2_tight/decoder_bounds.hpp"

#include <algorithm>
#include <array>
#include <iterator>
#include <cmath>
#include <map>
#include <optional>

#include "filters/base/error.hpp"
#include "filters/base/worker_pool.hpp"
#include "pixel/vc2/quantisation.hpp"
#include "pixel/vc2_tight/class_representatives.hpp"
#include "pixel/vc2_tight/coupled_bands.hpp"
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
    std::vector<FixedPolynomial> ug;  // the pushed-back gains themselves (coupled bound)
    int ug_bits = 0;
    Sums mirror;
};

bool same_sums(const Sums& a, const Sums& b) { return a.bits == b.bits && same_sums(a.s, b.s); }

bool same_sums(const std::vector<Sums>& a, const std::vector<Sums>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const Sums& x, const Sums& y) { return same_sums(x, y); });
}

// Two classes of one axis that no pair's bound tells apart (class_representatives.hpp):
// of its class on this axis a pair's bound reads the class response's sums (rounding_range),
// the axis terms' sums (index_terms) and the pushed-back gains, those only relative to each
// other (CoupledMaps places every band's box at its lowest() less the least of them).
bool same_for_bounds(const ClassResponse& ra, const AxisTerms& ta, const ClassResponse& rb, const AxisTerms& tb) {
    return ra.fraction_bits == rb.fraction_bits &&
           std::equal(ra.sums.begin(), ra.sums.end(), rb.sums.begin(), rb.sums.end(),
                      [](const NodeSums& x, const NodeSums& y) { return same_sums(x, y); }) &&
           ta.ug_bits == tb.ug_bits && same_sums(ta.w, tb.w) && same_sums(ta.u, tb.u) &&
           same_sums(ta.mirror, tb.mirror) && same_up_to_translation(ta.ug, tb.ug);
}

// Per band and index: what quantisation at that index leaves of the band, on the lines
// of slopes kLineSlopeEighths (coupled_bands.hpp).
constexpr const int* kSlopeEighths = kLineSlopeEighths;
constexpr std::size_t kSlopes = kCoupledSlopes;

template <class N>
N slope(std::size_t s) {
    if constexpr (std::is_same_v<N, double>)
        return kSlopeEighths[s] / 8.0;
    else
        return Dyadic(mpz_class(kSlopeEighths[s]), 3);
}

struct BandAtIndex {
    bool zeroed = false;
    // Per slope: β⁻, β⁺ with α·c + β⁻ ≤ Q(c) ≤ α·c + β⁺ on the band's range.
    std::array<Dyadic, kSlopes> line_lo, line_hi;
    std::array<double, kSlopes> dline_lo{}, dline_hi{};
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

double to_double(double v) { return v; }
double to_double(const Dyadic& v) { return v.to_double(); }

// What the coupled bound (coupled_bands.hpp) needs of one index: the live bands, the
// bands' terms beside α·U_b·x per slope (N, and in doubles for the choice) and the
// slopes each band alone would take.
template <class N>
struct IndexTerms {
    N upper, lower;  // the bound at this index without coupling
    std::vector<std::size_t> live;
    std::vector<std::array<N, kSlopes>> rest_hi, rest_lo;
    std::vector<std::array<double, kSlopes>> drest_hi, drest_lo;  // drest_lo negated
    std::vector<std::size_t> start_hi, start_lo;
};

// The terms of one target at every index (exact for N = Dyadic), each index's bound
// without coupling in upper, lower; with `coupled`, also what the coupled bound needs.
template <class N>
std::vector<IndexTerms<N>> index_terms(const std::vector<BandModel>& bands, const AxisTerms& tx, const AxisTerms& ty,
                                       const Range<N>& rs, const N& lo, const N& hi, int max_qi, bool coupled) {
    const std::size_t nb = bands.size();
    std::vector<N> wp(nb), wn(nb), up(nb), un(nb);
    for (std::size_t b = 0; b < nb; ++b) {
        std::tie(wp[b], wn[b]) = product<N>(tx.w[b], ty.w[b]);
        std::tie(up[b], un[b]) = product<N>(tx.u[b], ty.u[b]);
    }
    const auto [dp, dn] = product<N>(tx.mirror, ty.mirror);
    std::vector<IndexTerms<N>> at(static_cast<std::size_t>(max_qi + 1));
    const N zero_hi = hi * dp + lo * dn, zero_lo = lo * dp + hi * dn;  // L(D), ℓ(D)
    for (int qi = 0; qi <= max_qi; ++qi) {
        IndexTerms<N>& it = at[static_cast<std::size_t>(qi)];
        if (coupled) {
            it.rest_hi.resize(nb);
            it.rest_lo.resize(nb);
            it.drest_hi.resize(nb);
            it.drest_lo.resize(nb);
            it.start_hi.assign(nb, 0);
            it.start_lo.assign(nb, 0);
        }
        // The terms of the argument in the header comment, per slope α = j/8 of the lines
        // around Q: mixed_* bounds each live band alone by its best line; joint_*[s]
        // keeps the bands taking slope α_s in one linear form α_s·(D − Σ U_b).
        N mixed_hi(0), mixed_lo(0);
        std::array<N, kSlopes> joint_hi, joint_lo;
        for (std::size_t s = 0; s < kSlopes; ++s) {
            joint_hi[s] = slope<N>(s) * zero_hi;
            joint_lo[s] = slope<N>(s) * zero_lo;
        }
        for (std::size_t b = 0; b < nb; ++b) {
            const BandModel& m = bands[b];
            const BandAtIndex& q = m.at[static_cast<std::size_t>(qi)];
            const N most = hi * up[b] + lo * un[b], least = lo * up[b] + hi * un[b];  // L(U_b), ℓ(U_b)
            if (q.zeroed) {
                for (std::size_t s = 0; s < kSlopes; ++s) {
                    joint_hi[s] -= slope<N>(s) * least;
                    joint_lo[s] -= slope<N>(s) * most;
                }
                continue;
            }
            const N rho_hi = wp[b] * pick<N>(m.rho.hi, m.drho_hi) + wn[b] * pick<N>(m.rho.lo, m.drho_lo);
            const N rho_lo = wp[b] * pick<N>(m.rho.lo, m.drho_lo) + wn[b] * pick<N>(m.rho.hi, m.drho_hi);
            // Slope 0: the band's coefficients independently (the reference's model).
            const N ref_hi = wp[b] * pick<N>(q.line_hi[0], q.dline_hi[0]) + wn[b] * pick<N>(q.line_lo[0], q.dline_lo[0]);
            const N ref_lo = wp[b] * pick<N>(q.line_lo[0], q.dline_lo[0]) + wn[b] * pick<N>(q.line_hi[0], q.dline_hi[0]);
            N best_hi = ref_hi, best_lo = ref_lo;
            for (std::size_t s = 0; s < kSlopes; ++s) {
                const N a = slope<N>(s);
                const N lhi = pick<N>(q.line_hi[s], q.dline_hi[s]), llo = pick<N>(q.line_lo[s], q.dline_lo[s]);
                // The band's part beside α·U_b·x: α·Σ w·ρ + W⁺·β⁺ + W⁻·β⁻.
                const N rest_hi = a * rho_hi + wp[b] * lhi + wn[b] * llo;
                const N rest_lo = a * rho_lo + wp[b] * llo + wn[b] * lhi;
                if (a * most + rest_hi < best_hi) {
                    best_hi = a * most + rest_hi;
                    if (coupled) it.start_hi[b] = s;
                }
                if (a * least + rest_lo > best_lo) {
                    best_lo = a * least + rest_lo;
                    if (coupled) it.start_lo[b] = s;
                }
                joint_hi[s] += std::min(ref_hi - a * least, rest_hi);
                joint_lo[s] += std::max(ref_lo - a * most, rest_lo);
                if (coupled) {
                    it.rest_hi[b][s] = rest_hi;
                    it.rest_lo[b][s] = rest_lo;
                    it.drest_hi[b][s] = to_double(rest_hi);
                    it.drest_lo[b][s] = -to_double(rest_lo);
                }
            }
            if (coupled) it.live.push_back(b);
            mixed_hi += best_hi;
            mixed_lo += best_lo;
        }
        N upper = mixed_hi, lower = mixed_lo;
        for (std::size_t s = 0; s < kSlopes; ++s) {
            upper = std::min(upper, joint_hi[s]);
            lower = std::max(lower, joint_lo[s]);
        }
        it.upper = upper + rs.hi;
        it.lower = lower + rs.lo;
    }
    return at;
}

// The bound of one target without coupling: [lower, upper] over every index.
template <class N>
Range<N> uncoupled_range(const std::vector<IndexTerms<N>>& at) {
    Range<N> out{at[0].lower, at[0].upper};
    for (const IndexTerms<N>& it : at) {
        out.hi = std::max(out.hi, it.upper);
        out.lo = std::min(out.lo, it.lower);
    }
    return out;
}

// One end of the bound of one target over every index (side +1 the upper, −1 the
// lower), each index's bound also the coupled one (coupled_bands.hpp), the least of both
// taken; `at` from index_terms with coupling.  The indices are visited from the largest
// uncoupled bound down, stopping where that is no larger than the best coupled result (no
// later index can then exceed it: the bound at an index is at most its uncoupled one).
// So the upper end is at most uncoupled_range(at).hi, the lower at least its lo, and in
// doubles exactly so (the same doubles, compared).
template <class N>
N coupled_end(const std::vector<IndexTerms<N>>& at, const CoupledMaps& coupled, const Range<N>& rs, const N& lo,
              const N& hi, int side) {
    const double dlo = to_double(lo), dhi = to_double(hi);
    std::vector<std::size_t> order(at.size());
    for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
    // Largest uncoupled bound first (side −1: smallest lower); ties by index.
    std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
        return side > 0 ? at[x].upper > at[y].upper : at[x].lower < at[y].lower;
    });
    bool any = false;
    N best(0);
    for (std::size_t k : order) {
        const IndexTerms<N>& it = at[k];
        const N plain = side > 0 ? it.upper : it.lower;
        if (any && (side > 0 ? plain <= best : plain >= best)) break;
        const std::vector<std::size_t> slopes = coupled.choose(
            it.live, side > 0 ? it.drest_hi : it.drest_lo, side > 0 ? it.start_hi : it.start_lo, dlo, dhi, side);
        N value = coupled.extreme<N>(it.live, slopes, lo, hi, side);
        for (std::size_t b : it.live) value += side > 0 ? it.rest_hi[b][slopes[b]] : it.rest_lo[b][slopes[b]];
        value += side > 0 ? rs.hi : rs.lo;
        value = side > 0 ? std::min(value, plain) : std::max(value, plain);
        if (!any || (side > 0 ? value > best : value < best)) best = value;
        any = true;
    }
    return best;
}

}  // namespace

DecoderBounds decoder_bounds(const AnalysisBounds& analysis, const SynthesisBounds& synthesis,
                             const rigor::vc2::QuantisationMatrix& matrix, unsigned threads, bool couple_bands) {
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
            for (std::size_t s = 0; s < kSlopes; ++s) {
                const LineOffsets l = line_offsets(r.analysis.lower, r.analysis.upper, std::max(0, qi - m), kSlopeEighths[s]);
                a.line_lo[s] = Dyadic(mpz_class(static_cast<long>(l.lo)), 3);
                a.line_hi[s] = Dyadic(mpz_class(static_cast<long>(l.hi)), 3);
                a.dline_lo[s] = static_cast<double>(l.lo) / 8;
                a.dline_hi[s] = static_cast<double>(l.hi) / 8;
            }
            b.at.push_back(a);
        }
        bands.push_back(std::move(b));
    }

    const ArrayShapes shapes = array_shapes(sg, pixel::vc2::synthesis_regions(geo.config));
    ResponseCache sx(sg.ax, {geo.width}), sy(sg.ay, {geo.height});
    ResponseCache mx(ag.ax, {geo.width}), my(ag.ay, {geo.height});
    const GraphClasses classes = graph_classes(sg, shapes, sx, sy, threads);
    const std::vector<Rounding> sr = roundings(sg);

    std::vector<const TransformArray*> mirrors;
    for (const TransformArray& a : sg.arrays) {
        const TransformArray* mirror = ag.find(a.mirror_level, a.mirror_name);
        if (!mirror)
            throw InternalError("no analysis array mirrors synthesis (" + std::to_string(a.level) + ", " + a.name + ")");
        mirrors.push_back(mirror);
    }

    // Axis terms per (synthesis node, mirror node, class position): every one the arrays
    // read, computed once on `threads` threads (with the mirror responses they need)
    // before the arrays are bounded on `threads` threads, reading them only.
    using TermsKey = std::tuple<int, int, long>;
    std::map<TermsKey, AxisTerms> terms_x, terms_y;
    for (bool along_x : {true, false}) {
        std::vector<std::pair<int, AxisClass>> mirror_wanted;
        std::vector<std::tuple<int, int, AxisClass>> wanted;  // (node, mirror, class), each once
        auto& cache = along_x ? terms_x : terms_y;
        for (std::size_t i = 0; i < sg.arrays.size(); ++i)
            for (const AxisClass& c : along_x ? classes.x[i] : classes.y[i]) {
                const int node = along_x ? sg.arrays[i].x : sg.arrays[i].y;
                const int mirror = along_x ? mirrors[i]->x : mirrors[i]->y;
                mirror_wanted.push_back({mirror, c});
                if (cache.try_emplace(TermsKey{node, mirror, c.position}).second) wanted.push_back({node, mirror, c});
            }
        ResponseCache& m = along_x ? mx : my;
        m.fill(mirror_wanted, threads);
        const ResponseCache& s = along_x ? sx : sy;
        const AxisNetwork& anet = along_x ? ag.ax : ag.ay;
        const AxisLine line{along_x ? geo.width : geo.height};
        const int input = along_x ? ag.input_x : ag.input_y;
        parallel_for(wanted.size(), threads, [&](std::size_t k) {
            const auto& [node, mirror, cls] = wanted[k];
            const ClassResponse& r = s.filled(node, cls);
            AxisTerms t;
            for (const BandModel& b : bands) {
                const int sn = along_x ? b.synthesis_x : b.synthesis_y, an = along_x ? b.analysis_x : b.analysis_y;
                t.w.push_back({r.sums[static_cast<std::size_t>(sn)], r.fraction_bits});
                t.ug.push_back(pushed_back_gain(anet, an, input, r.gain(sn), line));
                t.ug_bits = r.fraction_bits + fraction_bits(anet);
                t.u.push_back({node_sums(t.ug.back(), t.ug_bits), t.ug_bits});
            }
            const ClassResponse& mr = m.filled(mirror, cls);
            t.mirror = {mr.sums[static_cast<std::size_t>(input)], mr.fraction_bits};
            cache.at(TermsKey{node, mirror, cls.position}) = std::move(t);
        });
    }
    auto axis_terms = [&](bool along_x, int node, int mirror, const AxisClass& cls) -> const AxisTerms& {
        return (along_x ? terms_x : terms_y).at(TermsKey{node, mirror, cls.position});
    };

    auto coupled_maps = [&](const AxisTerms& tx, const AxisTerms& ty) {
        std::vector<const FixedPolynomial*> ux, uy;
        for (std::size_t b = 0; b < bands.size(); ++b) {
            ux.push_back(&tx.ug[b]);
            uy.push_back(&ty.ug[b]);
        }
        return CoupledMaps(ux, uy, tx.ug_bits, ty.ug_bits);
    };

    const IntegerRange pic = analysis.picture;
    const double dlo = static_cast<double>(pic.lower), dhi = static_cast<double>(pic.upper);
    const Dyadic elo(static_cast<long>(pic.lower)), ehi(static_cast<long>(pic.upper));
    out.arrays.resize(sg.arrays.size());
    // Arrays in any order on any thread, each into its own slot: the same bounds.
    parallel_for(sg.arrays.size(), threads, [&](std::size_t i) {
        const TransformArray& a = sg.arrays[i];
        const TransformArray* mirror = mirrors[i];
        ArrayBound ab = ArrayBound::empty_for(a, static_cast<int>(i));
        const auto& X = classes.x[i];
        const auto& Y = classes.y[i];
        // One end (side +1 upper, −1 lower) of the bound of class pair k in N, with
        // coupling when couple_bands, else the uncoupled one.
        auto pair_end = [&]<class N>(std::size_t k, int side, const N& lo, const N& hi) -> N {
            const AxisClass& c = X[k / Y.size()];
            const AxisClass& d = Y[k % Y.size()];
            const Range<N> rs = rounding_range<N>(sg, sr, sx.filled(a.x, c), sy.filled(a.y, d));
            const AxisTerms &tx = axis_terms(true, a.x, mirror->x, c), &ty = axis_terms(false, a.y, mirror->y, d);
            const std::vector<IndexTerms<N>> at = index_terms<N>(bands, tx, ty, rs, lo, hi, max_qi, couple_bands);
            if (!couple_bands) return side > 0 ? uncoupled_range(at).hi : uncoupled_range(at).lo;
            return coupled_end<N>(at, coupled_maps(tx, ty), rs, lo, hi, side);
        };
        // Pair k's bounds are those of its representative pair (class_representatives.hpp),
        // made of the first class of each axis equal to its own: k itself or an earlier pair.
        auto representatives = [&](bool along_x, const std::vector<AxisClass>& C) {
            const ResponseCache& s = along_x ? sx : sy;
            const int node = along_x ? a.x : a.y, mirror_node = along_x ? mirror->x : mirror->y;
            return first_equal(C.size(), [&](std::size_t j, std::size_t k) {
                return same_for_bounds(s.filled(node, C[j]), axis_terms(along_x, node, mirror_node, C[j]),
                                       s.filled(node, C[k]), axis_terms(along_x, node, mirror_node, C[k]));
            });
        };
        const std::vector<std::size_t> first_x = representatives(true, X), first_y = representatives(false, Y);
        auto representative = [&](std::size_t k) { return first_x[k / Y.size()] * Y.size() + first_y[k % Y.size()]; };
        // The uncoupled bounds of every pair in doubles: the cheap screening values.
        std::vector<Range<double>> cheap;
        for (std::size_t k = 0; k < X.size() * Y.size(); ++k) {
            if (representative(k) != k) {
                cheap.push_back(cheap[representative(k)]);
                continue;
            }
            const AxisClass& c = X[k / Y.size()];
            const AxisClass& d = Y[k % Y.size()];
            const Range<double> rs = rounding_range<double>(sg, sr, sx.filled(a.x, c), sy.filled(a.y, d));
            const AxisTerms &tx = axis_terms(true, a.x, mirror->x, c), &ty = axis_terms(false, a.y, mirror->y, d);
            cheap.push_back(uncoupled_range(index_terms<double>(bands, tx, ty, rs, dlo, dhi, max_qi, false)));
        }
        // The refined doubles, each computed at most once per representative.
        std::vector<std::optional<double>> fine_hi(cheap.size()), fine_lo(cheap.size());
        auto fine = [&](std::size_t k, int side) {
            const std::size_t r = representative(k);
            std::optional<double>& f = side > 0 ? fine_hi[r] : fine_lo[r];
            if (!f) f = pair_end(r, side, dlo, dhi);
            return *f;
        };
        // The screening margin: 16 times the largest magnitude of the refined doubles, the
        // reference model's bound and the picture's range.  A pair's refined range lies
        // within its cheap one (u_lo ≤ r_lo ≤ r_hi ≤ u_hi, r_lo ≤ r_hi as bounds of the
        // same values, the doubles within ~10^−13 relative of them), so only pairs whose
        // cheap range reaches within `slack` of the others' magnitude need their refined
        // ends for it: the same magnitude as from every refined double.
        const ArrayBound& model = synthesis.arrays[i];
        const IntegerRange mr = model.range();
        double magnitude =
            std::max({std::abs(static_cast<double>(mr.lower)), std::abs(static_cast<double>(mr.upper)),
                      std::abs(dlo) + std::abs(dhi)});
        const double slack = 1e-6 * (magnitude + 1);
        for (std::size_t k = 0; k < cheap.size(); ++k)
            if (std::max(std::abs(cheap[k].lo), std::abs(cheap[k].hi)) > magnitude - slack)
                for (int side : {1, -1}) magnitude = std::max(magnitude, std::abs(fine(k, side)));
        ab.phases = refined_phase_extremes(
            X, Y, a.period_x, a.period_y, cheap, screening_margin(16 * magnitude), fine,
            [&](std::size_t k, int side) { return pair_end(representative(k), side, elo, ehi); });
        out.arrays[i] = std::move(ab);
    });
    return out;
}

}  // namespace rigor::pixel::vc2_tight
