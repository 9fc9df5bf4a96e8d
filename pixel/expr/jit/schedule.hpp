// The order in which generated code computes an Expr graph's nodes, and how many vectors
// of 8 pixels one loop iteration handles.  Evaluation order changes no result (each node
// is still the same IEEE operation on the same operands); it only decides how many values
// are live at once.  Arguments needing more registers are computed first (Sethi and
// Ullman, "The generation of optimal code for arithmetic expressions", JACM 1970), so a
// sum written `a b c d + + +` (a + (b + (c + d))) holds two values, not four.
#pragma once
#include <vector>

#include "filters/expr/ir.hpp"

namespace rigor::pixel::expr::jit {

// Nodes that are the same for every pixel of a row: constants and uniforms (Y, N, width,
// height, properties).  Generated code keeps them in frame slots, computes nothing.
bool is_row_invariant(rigor::expr::Op op);

struct Schedule {
    std::vector<rigor::expr::NodeId> order;  // every other reachable node once, arguments first
    std::vector<int> position;        // node -> index in order (-1: row-invariant)
    std::vector<int> last_use;        // node -> position of its last user; order.size() for the root
    int max_live = 0;                 // most computed values live at once
    int unroll = 1;                   // vectors per iteration: 4, 2 or 1
};

// value_registers: vector registers available for values.
Schedule schedule(const rigor::expr::Expr& e, int value_registers);

}  // namespace rigor::pixel::expr::jit
