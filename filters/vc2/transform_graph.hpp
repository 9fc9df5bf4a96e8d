// The structure of a VC-2 transform (analysis or synthesis) as data.
//
// Every operation of the 2-D transform acts along one axis only (a lifting stage, a
// subsampling, an interleaving, a scaling), and operations along x commute with those
// along y.  So each 2-D array is the tensor product of a node of an x network and a node
// of a y network: its value is Σ_sources (Gx ⊗ Gy)·source, where Gx and Gy are the 1-D
// linear maps from the source's entry nodes to the array's nodes.  The symbolic engine
// (symbolic/vc2) computes exact bounds and test patterns from 1-D responses only; the
// integer transform (pixel/vc2) uses the same names, levels and periods.
//
// Levels (spec §2): 1…D_ho are horizontal-only, D_ho+1…D_ho+D are 2-D.  Analysis runs
// from the top level down to 1, synthesis from 1 up.  Arrays are listed in the order the
// reference creates them, which is the order of the JSON output.
#pragma once
#include <string>
#include <vector>

#include "filters/vc2/transform_config.hpp"
#include "filters/vc2/wavelet.hpp"

namespace rigor::vc2 {

enum class AxisOp {
    Source,      // an input of the network (picture axis, or a coefficient band's axis)
    Scale,       // value × 2^shift (analysis: << b; synthesis: the linear part of >> b)
    Lift,        // one lifting stage along this axis
    Even,        // out[i] = in[2i]
    Odd,         // out[i] = in[2i+1]
    Interleave,  // out[2i] = even[i], out[2i+1] = odd[i]
};

struct AxisNode {
    AxisOp op = AxisOp::Source;
    int input = -1;      // Scale, Lift, Even, Odd; Interleave: the even input
    int input_odd = -1;  // Interleave only
    int stage = -1;      // Lift: index into AxisNetwork::stages
    int shift = 0;       // Scale
    int log2_step = 0;   // log2 of picture pixels per sample of this node
};

// Nodes are in topological order: every input has a smaller index.  A node is a linear
// map, shared by every 2-D array that applies the same 1-D operations (the low and high
// columns of a level share their vertical nodes); periods belong to 2-D arrays.
struct AxisNetwork {
    std::vector<AxisNode> nodes;
    std::vector<LiftingStage> stages;

    int add(AxisNode node);
    int source(int log2_step);
    int scale(int input, int shift);
    int lift(int input, const LiftingStage& stage);
    int even(int input);
    int odd(int input);
    int interleave(int even_input, int odd_input);
};

enum class RoundingError {
    None,
    LiftX,       // a lifting stage along x: error at the updated entries
    LiftY,       // along y
    RightShift,  // the synthesis output shift (x + 2^(b-1)) >> b: error at every entry
};

// How an unreported array's values are found in an earlier array (spec §2: the static
// analysis reports only novel values; a subsample, an interleave, a shift by 0 or the
// repeated synthesis LL hold values of an array made before them).
enum class Derivation {
    Reported,           // reported itself
    Alias,              // from[x, y]: a shift by 0, the next level's Input, the synthesis LL
    EvenColumns,        // from[2x, y]
    OddColumns,         // from[2x + 1, y]
    EvenRows,           // from[x, 2y]
    OddRows,            // from[x, 2y + 1]
    InterleaveColumns,  // x even: from[x/2, y]; x odd: from_odd[x/2, y]
    InterleaveRows,     // y even: from[x, y/2]; y odd: from_odd[x, y/2]
};

struct TransformArray {
    int level = 0;
    std::string name;
    int x = -1, y = -1;   // nodes of the x and y networks
    bool reported = false;
    // Entries repeat their filter with this period (spec §2: a lift along an axis makes
    // it lcm(2, p); subsampling by 2 gives lcm(p, 2)/2; interleaving gives the lcm of
    // both inputs, doubled along the interleaved axis).
    int period_x = 1, period_y = 1;
    RoundingError error = RoundingError::None;
    int stage = -1;       // LiftX / LiftY: the stage in that axis network
    // The analysis array with the same linear value (synthesis only): by perfect
    // reconstruction synthesis (ℓ, N) equals analysis (ℓ, N), Output_ℓ equals analysis
    // Input_ℓ, and LL_ℓ (ℓ ≥ 2) equals analysis Input_(ℓ−1).
    int mirror_level = 0;
    std::string mirror_name;
    // Unreported arrays: where their values are (indices into TransformGraph::arrays).
    Derivation derivation = Derivation::Reported;
    int from = -1, from_odd = -1;
};

// One value of the transform: array `array` (an index into TransformGraph::arrays) at
// phase (x, y) of its period.
struct ArrayEntryRef {
    int array = -1;
    long x = 0, y = 0;
};

// A source of the synthesis transform: one coefficient band (the DC band is level 0).
struct CoefficientBand {
    int level = 0;
    std::string orient;   // LL, LH, HL, HH, L, H
    int x = -1, y = -1;   // source nodes
};

struct TransformGraph {
    AxisNetwork ax, ay;
    std::vector<TransformArray> arrays;     // creation order
    std::vector<CoefficientBand> bands;     // synthesis: the sources; analysis: the outputs
    int input_x = -1, input_y = -1;         // analysis: the picture

    const TransformArray* find(int level, const std::string& name) const;

    // The reported array and phase holding the value of array `index` at (x, y) (any
    // coordinates ≥ 0; the result's phase is reduced modulo the reported array's period).
    ArrayEntryRef reported_entry(int index, long x, long y) const;
};

// Throw rigor::UserError for a configuration check_transform_config refuses.
TransformGraph analysis_graph(const TransformConfig& config);
TransformGraph synthesis_graph(const TransformConfig& config);

}  // namespace rigor::vc2
