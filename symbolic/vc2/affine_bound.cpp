#include "symbolic/vc2/affine_bound.hpp"

#include "filters/base/error.hpp"
#include "symbolic/vc2/document_number.hpp"

namespace rigor::symbolic::vc2 {

using rigor::vc2::CoefficientBand;
using rigor::vc2::LiftingStage;
using rigor::vc2::RoundingError;
using rigor::vc2::TransformArray;
using rigor::vc2::TransformGraph;

const GiNaC::symbol& BoundSymbols::get(const std::string& name) {
    auto it = symbols_.find(name);
    if (it == symbols_.end()) {
        it = symbols_.emplace(name, GiNaC::symbol(name)).first;
        names_.push_back(name);
    }
    return it->second;
}

std::vector<BoundSource> analysis_sources(const TransformGraph& g) {
    return {{g.input_x, g.input_y, "signal_min", "signal_max"}};
}

std::vector<BoundSource> synthesis_sources(const TransformGraph& g) {
    std::vector<BoundSource> out;
    for (const CoefficientBand& b : g.bands) {
        const std::string stem = "coeff_" + std::to_string(b.level) + "_" + b.orient;
        out.push_back({b.x, b.y, stem + "_min", stem + "_max"});
    }
    return out;
}

namespace {

GiNaC::ex num(const cln::cl_RA& v) { return GiNaC::numeric(cln::cl_N(v)); }

const LaurentPolynomial& gain_at(const AxisResponse& r, int node) { return r.gain[static_cast<std::size_t>(node)]; }

}  // namespace

AffineBound affine_bound(const TransformGraph& g, const std::vector<BoundSource>& sources, const AxisResponse& rx,
                         const AxisResponse& ry, BoundSymbols& symbols) {
    GiNaC::ex lower = 0, upper = 0;
    for (const BoundSource& s : sources) {
        const LaurentPolynomial& gx = gain_at(rx, s.x);
        const LaurentPolynomial& gy = gain_at(ry, s.y);
        if (gx.empty() || gy.empty()) continue;
        const cln::cl_RA px = gx.positive_sum(), nx = gx.negative_sum();
        const cln::cl_RA py = gy.positive_sum(), ny = gy.negative_sum();
        const cln::cl_RA pos = px * py + nx * ny, neg = px * ny + nx * py;
        const GiNaC::symbol& lo = symbols.get(s.min_symbol);
        const GiNaC::symbol& hi = symbols.get(s.max_symbol);
        lower += num(pos) * lo + num(neg) * hi;
        upper += num(pos) * hi + num(neg) * lo;
    }
    cln::cl_RA error = 0, constant = 0;
    const cln::cl_RA half = cln::cl_RA(1) / 2;
    for (const TransformArray& a : g.arrays) {
        if (a.error == RoundingError::None) continue;
        const LaurentPolynomial& gx = gain_at(rx, a.x);
        const LaurentPolynomial& gy = gain_at(ry, a.y);
        if (gx.empty() || gy.empty()) continue;
        if (a.error == RoundingError::RightShift) {
            error += half * gx.abs_sum() * gy.abs_sum();
            continue;
        }
        const bool along_x = a.error == RoundingError::LiftX;
        const LiftingStage& stage =
            (along_x ? g.ax : g.ay).stages[static_cast<std::size_t>(a.stage)];
        const int parity = stage.updates_even() ? 0 : 1;
        const LaurentPolynomial& along = along_x ? gx : gy;
        const LaurentPolynomial& across = along_x ? gy : gx;
        error += half * along.abs_sum(parity) * across.abs_sum();
        if (stage.shift == 0) {  // floor(v) modelled as v − ½ + ½e even for a shift by 0
            const cln::cl_RA c_s = stage.adds() ? -half : half;
            constant += c_s * along.sum(parity) * across.sum();
        }
    }
    lower += num(constant - error);
    upper += num(constant + error);
    return {lower, upper};
}

formats::LinearExpression bound_terms(const GiNaC::ex& bound, BoundSymbols& symbols) {
    formats::LinearExpression out;
    GiNaC::exmap zero;
    for (const std::string& name : symbols.names()) {
        const GiNaC::symbol& s = symbols.get(name);
        zero[s] = 0;
        const GiNaC::ex c = bound.coeff(s, 1);
        if (!GiNaC::is_a<GiNaC::numeric>(c)) throw InternalError("bound is not linear in " + name);
        const cln::cl_N v = GiNaC::ex_to<GiNaC::numeric>(c).to_cl_N();
        if (!cln::zerop(v)) out.push_back({name, document_rational(v)});
    }
    const GiNaC::ex c = bound.subs(zero);
    if (!GiNaC::is_a<GiNaC::numeric>(c)) throw InternalError("bound has a non-numeric constant term");
    const cln::cl_N v = GiNaC::ex_to<GiNaC::numeric>(c).to_cl_N();
    if (!cln::zerop(v)) out.push_back({std::nullopt, document_rational(v)});
    return out;
}

}  // namespace rigor::symbolic::vc2
