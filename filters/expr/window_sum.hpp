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

// Windows of fewer samples stay add chains: there the evaluators' own paths are faster.
// Sums that fit 15 bits (count * max <= 32767: the 3x3 box of 8- to 11-bit clips) run in
// the generated code as 16-bit rows whose / 9 is a multiply-high (pixel/expr/
// window_sum_rows.hpp) and gain from 9 samples on; other sums from 10 (a 12-bit 3x3 box's
// rows would span 16 bits, where the multiply-high does not hold).  Callgrind,
// instructions per pixel, 1920-wide, generated code: gray8 3x3 box 1.40 by running sums
// against 1.62 as the fixed-point add chain (1.06 against 1.60 at 1920x1080 since the
// generated code adds the column sums itself, pixel/expr/jit/kernel.cpp), 2x2 1.52 against 1.29; gray12 3x3 2.13
// against 1.69; gray16 3x3 3.23 against 2.81; gray8 5x5 1.69 against 5.5.
inline constexpr int kMinimumWindowSamples = 10;
inline constexpr int kMinimumWordWindowSamples = 9;

// The graph with every qualifying add chain replaced by a WindowSum (clips beyond the
// span count as float): at least minimum_samples loads, or minimum_word_samples when
// count * max <= 32767.  Other nodes are kept as they are.
Expr form_window_sums(const Expr& e, std::span<const ClipSamples> clips,
                      int minimum_samples = kMinimumWindowSamples,
                      int minimum_word_samples = kMinimumWordWindowSamples);

}  // namespace rigor::expr
