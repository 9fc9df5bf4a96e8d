// The point program of a graph (engine_probe.hpp): every distinct input leaf — a sample
// x or x[dx,dy]:m, an absolute pixel x[](cx, cy), a property x.Name, X, Y, N, width,
// height — becomes an unshifted sample of its own clip, numbered in order of first
// appearance.  Node ids are kept: node i of the point program computes what node i of
// the graph computes once the inputs are given, so a sub-program rooted at any node
// (subprogram()) has the same value there.  The coordinate arguments of an absolute
// pixel stay in the graph (an analysis may still ask about them) but no longer feed it.
#pragma once
#include <vector>

#include "filters/expr/ir.hpp"

namespace rigor::expr {

struct PointProgram {
    Expr program;
    std::vector<Node> inputs;  // inputs[k]: the leaf that clip k stands for
};

// Leaves are the same input when they are equal as nodes (op, clip, dx, dy, boundary,
// name; for an absolute pixel also its coordinate nodes): x[1,0] and x[1,0]:m are two
// inputs, as they are two pixels at the edge.
PointProgram point_program(const Expr& e);

// The graph of node `root` and what it depends on (the other nodes kept, unreachable).
Expr subprogram(const Expr& e, NodeId root);

// Whether a node is an input leaf (what point_program replaces).
bool is_input(const Node& n);

}  // namespace rigor::expr
