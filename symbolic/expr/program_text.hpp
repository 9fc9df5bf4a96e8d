// A program's texts for reports, kept to an affordable length.
//
// The infix text and the plain postfix repeat every shared node of the DAG at each use
// (filters/expr/ir_text.hpp), so their length is the size of the program as a tree, which
// doubles with each `dup *`: 26 squarings are 2^27 nodes (`rigor analyse` spent its time
// writing them out).  Past kTextNodes tree nodes the stored postfix, which computes each
// shared node once and has the DAG's length, stands in for both.
#pragma once
#include <cstdint>
#include <string>

#include "filters/expr/ir.hpp"

namespace rigor::symbolic::expr {

inline constexpr std::uint64_t kTextNodes = 100000;

// Nodes of the tree below `root` (shared nodes counted at each use), at most limit + 1.
std::uint64_t tree_nodes(const rigor::expr::Expr& e, std::uint64_t limit);

// to_infix, or past kTextNodes the stored postfix with a note saying so.
std::string report_infix(const rigor::expr::Expr& e);
// to_postfix, or past kTextNodes the stored postfix.
std::string report_postfix(const rigor::expr::Expr& e);

}  // namespace rigor::symbolic::expr
