// A sound enclosure of an Expr program as it runs, over a box of inputs: for every node,
// the binary32 values the engine computes there, the values of the real-arithmetic model
// (the algebra: constants at their decimal rationals, every operation exact), and the
// difference between the two at the same input — the rounding error, certified.
//
// Per node (all three hold at every input of the box):
//   f  the engine's values (binary32_range.hpp);
//   v  the real model's values, where it is defined (outward_interval.hpp); v_undefined
//      when the real model may be undefined there (division by 0, log of x <= 0, ...);
//   e  engine − real, when e_bounded (both finite and the rules below bound it):
//        constant c: fl(c) − c exactly;  an input: 0;
//        a ∘ b (+ − × ÷): the errors of a and b carried through the exact identities
//          a'b' − ab = a'·e_b + b·e_a,  a'/b' − a/b = (e_a − (a/b)·e_b)/b'
//          (a' = a + e_a the engine's value), plus the operation's own rounding, at
//          most half the binary32 spacing at the largest |exact result| — or none when
//          the result is exact (below: grid);
//        sqrt: e_a/(√a' + √a) away from 0, else |Δ| <= √|e_a| (√ is ½-Hölder); plus
//          its rounding;  exp log sin cos tan asin acos atan: f'(ξ)·e_a (mean value, ξ
//          between a and a'; asin/acos next to ±1: acos(1 − |e_a|), ½-Hölder) plus the
//          engine's certified function error (FunctionAccuracy);  atan2: ∇atan2(ξ)·(e_y,
//          e_x) away from the origin and the cut, plus its formula's error (the atan
//          table, one division, the quadrant's constants);  pow as the engine computes
//          it, exp(b·log|a|), through the same rules;
//        min max clamp sortN (monotone, shifting all arguments by t shifts the result
//          by t): between the smallest and the largest argument error;  abs: |e_a|;
//        comparisons, logic, ?, floor/round/trunc: 0 when the real and the binary32
//          decisions cannot differ on the box (may_differ false), else the jump;
//        anything else: f − v.
//      Every e is also intersected with f − v.
//   grid: every finite engine value is an integer multiple of 2^grid.  An add/sub/mul
//      whose exact result is a multiple of 2^g (g = min or sum of the arguments' grids)
//      below 2^(24+g) in magnitude is exact: no rounding term (integer programs stay
//      exact, as filters/expr/dyadic_range.hpp finds too).
//   may_differ (comparisons, ?, logic, floor/round/trunc, bit operations): the real
//      model and the engine may decide differently somewhere on the box.
// On a box of single points every f is the engine's own value, every v the real value
// to within a few double ulps, so e is the rounding error there.
#pragma once
#include <span>
#include <vector>

#include "filters/expr/engine_probe.hpp"
#include "filters/expr/ir.hpp"
#include "symbolic/expr/binary32_range.hpp"
#include "symbolic/expr/outward_interval.hpp"

namespace rigor::symbolic::expr {

inline constexpr int kNoGrid = -150;  // nothing known (every binary32 is a multiple of 2^-149)

struct NodeEnclosure {
    Binary32Range f;
    OutwardInterval v = OutwardInterval::empty();
    bool v_undefined = false;
    OutwardInterval e;
    bool e_bounded = false;
    int grid = kNoGrid;
    bool may_differ = false;
    // Whether engine and real value agree exactly at every input of the box.
    bool exact() const { return e_bounded && e.is_zero(); }
};

class Binary32Enclosure {
public:
    // point_program: every leaf an input (filters/expr/point_program.hpp); input_grids[k]:
    // input k's values are multiples of 2^input_grids[k] (0 for integer samples).
    Binary32Enclosure(const rigor::expr::Expr& point_program, std::vector<int> input_grids,
                      const rigor::expr::EngineProbe& engine);

    const rigor::expr::Expr& program() const { return program_; }
    std::size_t inputs() const { return input_grids_.size(); }

    // box[k]: the values of input k.  out gets one entry per node.
    void evaluate(std::span<const Binary32Range> box, std::vector<NodeEnclosure>& out) const;

private:
    rigor::expr::Expr program_;
    std::vector<int> input_grids_;
    const rigor::expr::EngineProbe* engine_;
    std::vector<bool> constant_nodes_;      // computed from constants alone (folded by the engine)
    std::vector<NodeEnclosure> constants_;  // their enclosures
};

// The rounding error of one operation (binary32_enclosure's e rule for node n), given
// its arguments' enclosures and its own f, v and may_differ; false when not bounded.
// (error_propagation.cpp)
bool error_of(const rigor::expr::Node& n, std::span<const NodeEnclosure* const> args, NodeEnclosure& out,
              bool exact_result, const rigor::expr::EngineProbe& engine);

}  // namespace rigor::symbolic::expr
