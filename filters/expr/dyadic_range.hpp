// Exact fixed-point form of a program on integer samples: for each node, whether every
// value it takes is k / 2^shift with k an integer in a known range [lo, hi].  When the
// whole program is of that form with every k within 16-bit integers (signed, or unsigned
// for 16-bit samples), evaluating it in integer arithmetic gives exactly the binary32
// results ir.hpp defines: every intermediate is then a binary32 number (|k| < 2^16 <=
// 2^24, shift <= 14) and IEEE addition, subtraction, multiplication, min, max, clamp
// and abs of such numbers are exact when the exact result is one too.  Generated code uses this
// to run 16 pixels per vector in 16-bit lanes instead of 8 in binary32
// (pixel/expr/jit/fixed_kernel.cpp).
//
// Rules (value = k 2^-s):
//   sample of an integer plane of `bits` bits: s = 0, k in [0, 2^bits - 1]
//   constant c: the smallest s <= kMaxShift with c 2^s an integer
//   a + b, a - b, min, max, clamp: all at s = max of theirs (k shifted left), interval
//     sums, differences, max and min (clamp(v, lo, hi) = max(min(v, hi), lo))
//   abs a: s = sa, k in the interval of |ka| (IEEE abs is exact)
//   a * b: s = sa + sb, k = ka kb, the interval product; a * 2^t (constant power of
//     two) and a / 2^t only move the binary point (s - t, or k shifted when s - t < 0)
//   sortN's rank-th value: all at the largest shift; between the rank-th smallest lower
//     and the rank-th smallest upper bound (no NaN or -0 here, so sorting integers is
//     sorting the binary32 values)
// Anything else (division by other numbers, comparisons, functions, float samples, X,
// Y, properties...) leaves the program to binary32 evaluation.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "filters/expr/ir.hpp"

namespace rigor::expr {

struct DyadicRange {
    int shift = 0;           // value = k / 2^shift
    std::int64_t lo = 0, hi = 0;  // range of k
    // The power-of-two scaling this node applies to its first argument (a * 2^t or
    // a / 2^-t with a constant), which moves the binary point without an operation:
    // the node's k is the argument's k shifted left by `lift` (0 when only s changes).
    bool rescales = false;
    int lift = 0;
    int scaled_arg = 0;  // which argument is rescaled (the other is the power of two)
};

inline constexpr int kMaxShift = 14;
inline constexpr std::int64_t kFixedMin = -32768, kFixedMax = 32767;

// The integers k may take: signed 16-bit lanes, or unsigned ones (k >= 0 at every node:
// samples of up to 16 bits, where signed lanes end at 2^15 - 1).
enum class FixedLanes { Signed16, Unsigned16 };
constexpr std::int64_t lanes_min(FixedLanes l) { return l == FixedLanes::Signed16 ? kFixedMin : 0; }
constexpr std::int64_t lanes_max(FixedLanes l) { return l == FixedLanes::Signed16 ? kFixedMax : 65535; }

// Per node, or nullopt when some reachable node is not exactly representable so (or a
// k leaves [lanes_min, lanes_max]).  clip_bits[c]: bit depth of integer clip c, or 0
// for a float (or half) clip.
std::optional<std::vector<DyadicRange>> dyadic_ranges(const Expr& e, std::span<const int> clip_bits,
                                                      FixedLanes lanes = FixedLanes::Signed16);

}  // namespace rigor::expr
