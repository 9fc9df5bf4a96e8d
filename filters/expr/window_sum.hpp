// The window-sum pass: an add chain whose operands are the loads of one clip over a
// whole rectangle of offsets (x[-1,-1] x[0,-1] + x[1,-1] + ... , the box filter's
// numerator) becomes one WindowSum node (ir.hpp), which evaluators compute by running
// sums (rows then columns) at a cost independent of the window's size.
//
// Exactness (why the program's order of additions need not be kept): the pass fires only
// when the clip's samples are integers in [0, max] and count * max <= 2^24.  Then every
// partial sum of the chain, in whatever order, is an integer in [0, 2^24], which binary32
// represents exactly, so each addition of the chain rounds nothing and every order gives
// the exact integer sum.  Float and half clips, or sums that could pass 2^24, are left
// as the program wrote them (their order matters and is kept).
#pragma once
#include <span>

#include "filters/expr/ir.hpp"

namespace rigor::expr {

// What the evaluator knows about a clip's samples.
struct ClipSamples {
    bool integer = false;  // samples are integers in [0, max]
    double max = 0;
};

// Windows of fewer samples stay add chains: there the evaluators' own paths are faster
// (callgrind, 1920-wide gray8: the 3x3 box in 16-bit fixed point 2.5 instructions per
// pixel, by running sums 3.1; 5x5 6.3 against 3.4).
inline constexpr int kMinimumWindowSamples = 10;

// The graph with every qualifying add chain replaced by a WindowSum (clips beyond the
// span count as float).  Other nodes are kept as they are.
Expr form_window_sums(const Expr& e, std::span<const ClipSamples> clips,
                      int minimum_samples = kMinimumWindowSamples);

}  // namespace rigor::expr
