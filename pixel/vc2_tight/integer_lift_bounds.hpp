// Integer bounds of rounded lifts: what the affine model (affine_terms.hpp) loses by
// treating each rounding as a free δ.
//
// A lift sets, at an updated sample k of a line (ST 2042-1 15.4.4.1),
//   add:       out[k] = in[k] + ⌊(v + o)/2^S⌋ = ⌊(W + o)/2^S⌋,   W  = 2^S·in[k] + v,
//   subtract:  out[k] = in[k] − ⌊(v + o)/2^S⌋ = −⌊(W' + o)/2^S⌋, W' = v − 2^S·in[k],
// with v = Σ_i t_i·in[tap(k, i)] (taps clamped at the line's ends) and o = 2^(S−1) (S > 0;
// o = 0 and no rounding at all for S = 0, where out[k] = W or −W' exactly); both
// hold because 2^S·in[k] is a multiple of 2^S and moves out of the floor exactly.  W is an
// integer combination of samples of the lift's input; it is expanded, exactly, through
// every operation that adds no rounding — a lift's samples it does not update
// (out[j] = in[j]), a lift with S = 0 (out[j] = in[j] ± Σ t·in[tap], no rounding), and
// (analysis) a left shift — down to leaves: samples of arrays whose own bounds are known
// (the rounded lifts before it, the level's input).  With c_j the summed integer
// coefficient of leaf sample j and [lb_j, ub_j] the bound of its array at its phase,
//   W ≤ Σ_j (c_j > 0 ? c_j·ub_j : c_j·lb_j)  and  W ≥ Σ_j (c_j > 0 ? c_j·lb_j : c_j·ub_j),
// and ⌊(· + o)/2^S⌋ is non-decreasing, so out[k] is bounded by the floors of those.  The
// leaves are correlated through the pixels, which this forgets, but it keeps what the
// affine model forgets: that every intermediate value is an integer.  (Haar: L =
// ⌊(x0 + x1 + 1)/2⌋ ≤ hi exactly, where the affine bound adds ½ per rounding and a
// second level's LL reaches hi + 1: 512 instead of 511 at 10 bits.)
//
// Positions: every position of the node's line on the geometry's extent is evaluated;
// the expansion at a position depends only on which taps its dependency region clamps,
// so the positions of that line stand for every larger picture as the classes of
// edge_classes.hpp do.  Each phase takes the largest (smallest) over its positions, and
// the refined bound is the intersection with the given one (both are sound).  Arrays
// holding another's values (Derivation) are intersected with their source's bound.
#pragma once
#include <vector>

#include "filters/vc2/transform_graph.hpp"
#include "pixel/vc2_tight/analysis_bounds.hpp"

namespace rigor::pixel::vc2_tight {

// `arrays` indexed as graph.arrays (their phase bounds are narrowed in place, in graph
// order, so later arrays use the narrowed bounds of earlier ones).  `analysis`: the graph
// is an analysis graph (its Scale nodes are exact left shifts); a synthesis graph's
// arrays fed by coefficient bands use the bands' arrays as leaves.
void narrow_by_integer_lifts(const rigor::vc2::TransformGraph& graph, const PictureGeometry& geometry,
                             bool analysis, std::vector<ArrayBound>& arrays);

}  // namespace rigor::pixel::vc2_tight
