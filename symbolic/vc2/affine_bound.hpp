// Exact worst-case bounds of one transform value by affine arithmetic (spec §3).
//
// Every rounding shift is linearised with a fresh error symbol e ∈ [−1, 1]:
//   lifting update  A'[k] = A[k] ± (2^−S·Σ taps·A[…] + c_S + ½·e_k),  c_S = 0 (S > 0), −½ (S = 0)
//   output shift    A'[k] = 2^−b·A[k] + ½·e_k
// so a target is T = Σ_s w_s·s + Σ_k a_k·e_k + c, and with P_b / N_b the sums of the
// positive / negative weights on source b,
//   lower = Σ_b (P_b·min_b + N_b·max_b) + c − Σ|a_k|,   upper = Σ_b (P_b·max_b + N_b·min_b) + c + Σ|a_k|.
// Because every operation acts along one axis, all gains factor: the weight of source
// entry (i, j) is gx[i]·gy[j], so P = Px·Py + Nx·Ny, N = Px·Ny + Nx·Py, and an error array's
// Σ|a_k| = ½·‖gx‖₁·‖gy‖₁ over its updated entries.  Everything is computed from 1-D
// responses in exact rationals; the bounds are GiNaC linear expressions.
#pragma once
#include <ginac/ginac.h>

#include <map>
#include <string>
#include <vector>

#include "filters/formats/vc2_static_analysis.hpp"
#include "filters/vc2/transform_graph.hpp"
#include "symbolic/vc2/axis_response.hpp"

namespace rigor::symbolic::vc2 {

// The named symbols of one analysis (GiNaC symbols are identified by object, not name).
class BoundSymbols {
public:
    const GiNaC::symbol& get(const std::string& name);
    // In order of first use: the order bounds are written in.
    const std::vector<std::string>& names() const { return names_; }

private:
    std::map<std::string, GiNaC::symbol> symbols_;
    std::vector<std::string> names_;
};

// An input of the transform whose range is a pair of symbols.
struct BoundSource {
    int x = -1, y = -1;  // nodes of the axis networks
    std::string min_symbol, max_symbol;
};

struct AffineBound {
    GiNaC::ex lower, upper;
};

// Analysis: one source, the picture (signal_min, signal_max).
std::vector<BoundSource> analysis_sources(const rigor::vc2::TransformGraph& g);
// Synthesis: one source per coefficient band (coeff_<level>_<orient>_min / _max).
std::vector<BoundSource> synthesis_sources(const rigor::vc2::TransformGraph& g);

// The bound of target entry with x response rx and y response ry.
AffineBound affine_bound(const rigor::vc2::TransformGraph& g, const std::vector<BoundSource>& sources,
                         const AxisResponse& rx, const AxisResponse& ry, BoundSymbols& symbols);

// A bound as the document's terms (symbol, or none for the constant; exact value), zero
// terms omitted, in the order of `symbols.names()` with the constant last.
formats::LinearExpression bound_terms(const GiNaC::ex& bound, BoundSymbols& symbols);

}  // namespace rigor::symbolic::vc2
