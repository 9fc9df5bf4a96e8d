// What can go wrong in a program as it runs, node by node, and how to tell at one input.
//
//   division by zero   a / b, a % b whose divisor is ±0 on the engine (±inf, or NaN for
//                      0/0 and every %);
//   domain             log of x <= 0 (-inf or NaN), sqrt of x < 0 (Expr gives 0, the
//                      real function has no value), pow of a negative base with a
//                      non-integer exponent (NaN) or of 0 with a negative one (inf);
//   overflow           ±inf from finite arguments by anything else (a sum, a product,
//                      exp, a quotient of finite numbers by a nonzero one);
//   NaN                the node where a NaN first appears (no argument NaN);
//   decision           a comparison, the truth test of ?, and/or/xor/not, or a rounding
//                      to an integer (floor, round, trunc, bit operations) decided
//                      differently in binary32 than in real arithmetic.
//
// A node is a candidate when the binary32 enclosure of the whole input box does not rule
// it out (binary32_enclosure.hpp); the enclosure of a smaller box may rule it out there
// (possible_on_box), and at an input the engine's values decide (check) — for decisions
// together with the real model, evaluated exactly where the engine's margin is within
// the certified rounding error of the decision's operands.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "filters/expr/ir.hpp"
#include "symbolic/expr/binary32_enclosure.hpp"

namespace rigor::symbolic::expr {

enum class HazardKind { DivisionByZero, Domain, Overflow, NaN, Decision };
std::string hazard_name(HazardKind k);  // "division by zero", ...

struct HazardCheck {
    HazardKind kind;
    rigor::expr::NodeId node;
    // The node whose values the test reads besides `node` and its arguments: for a truth
    // test its operand (the condition of ?), else `node`.
    rigor::expr::NodeId subject;
    // Decisions: the certified bound on |engine − real| of what is compared (the engine
    // decides like the real model wherever its margin exceeds it); inf when unknown.
    double margin = 0;
};

// The candidates of the program over the whole box (nodes: its enclosure).
std::vector<HazardCheck> hazard_checks(const rigor::expr::Expr& point_program, const std::vector<NodeEnclosure>& nodes);

// Whether the hazard may occur on a box (its enclosure).
bool possible_on_box(const HazardCheck& h, const rigor::expr::Expr& point_program, const std::vector<NodeEnclosure>& nodes);

// The engine's values at one input: node id -> its value (only the nodes needed_nodes()
// names are read).
struct EngineValues {
    const std::vector<std::vector<float>>* by_node;
    std::size_t point;
    float operator()(rigor::expr::NodeId id) const { return (*by_node)[id][point]; }
};

// At one input: Yes, No, or Exact — a decision whose engine margin is within
// HazardCheck::margin, which the real model must settle exactly (real_decision).
enum class Verdict { No, Yes, Exact };
Verdict check(const HazardCheck& h, const rigor::expr::Expr& point_program, const EngineValues& engine);
// How near the input is to triggering (higher is nearer, +inf when it does), for the
// witness search; -inf when there is no measure.
double closeness(const HazardCheck& h, const rigor::expr::Expr& point_program, const EngineValues& engine);

// A decision as a number: the truth (0/1) of a comparison or a truth test, the integer of
// a rounding; from the engine's value of h.subject, and from the real model's exact value
// at the input (nullopt when even 40 digits do not settle it).
double decision_of(const HazardCheck& h, float subject_value);
std::optional<double> real_decision(const HazardCheck& h, const rigor::expr::Expr& point_program,
                                    std::span<const float> point);

// The nodes whose engine values check() and closeness() read.
std::vector<rigor::expr::NodeId> needed_nodes(const HazardCheck& h, const rigor::expr::Expr& point_program);

}  // namespace rigor::symbolic::expr
