// Interval ends kept to a size exact arithmetic can afford.
//
// Exact rationals grow without limit: a product has the bits of both factors, so
// squaring doubles them (`x 1.1 * dup * dup * …` 26 times: 2^26 times 1.1's bits, over
// 16 s), a power multiplies them by its exponent ((1 + 10^-30)^(10^20): 10^22 bits), and
// exp(10^30) has no rational of any affordable size.  Ends longer than kLongBits (numerator
// and denominator together) are replaced by shorter ones on their outer side, so every
// interval only widens and stays sound:
//   - |v| beyond 2^kHugeBits (far past binary32's 2^128 and binary64's 2^1024): a lower
//     end 2^K (-inf when negative), an upper end +inf (-2^K when negative);
//   - nonzero |v| below 2^-kHugeBits: 0 or ±2^-K, outward;
//   - otherwise the dyadic of kKeptBits significant bits next to v on its outer side.
// The binary32 engine never sees such values; what changes is only that a point of the
// real model past these sizes becomes an interval, no longer exact.
#pragma once
#include <cln/integer.h>
#include <cln/rational.h>
#include <optional>

#include "symbolic/expr/interval.hpp"

namespace rigor::symbolic::expr {

// 2^12: exact arithmetic on numbers of 2^13 bits is fast enough to evaluate a program at
// hundreds of points (2^14 and 2^15 made 26 squarings of 1.1·x take 2.2 s, gcds mostly).
inline constexpr long kHugeBits = 1L << 12;
inline constexpr long kLongBits = 1L << 13;
inline constexpr long kKeptBits = 1L << 10;

// The end on its outer side (lower: <= b, upper: >= b), at most about kLongBits long.
Bound shortened_lower(const Bound& b);
Bound shortened_upper(const Bound& b);
Interval shortened(const Interval& a);

// |x|^y (x != 0) as [2^K, +inf] or [0, 2^-K] when a log2 estimate says it lies past
// 2^±kHugeBits by a wide margin; nullopt otherwise.
std::optional<Interval> power_past_limits(const cln::cl_RA& x, double y);

// x^n (n >= 1) as an interval: exact while x's bits times n stay within kLongBits, else
// bounded as above (by a log2 estimate with a wide margin past 2^±kHugeBits, and by
// square-and-multiply rounded outward to kKeptBits between).
Interval power_of(const cln::cl_RA& x, const cln::cl_I& n);

// The bound e^x at x past ±kExpHuge: [2^K, +inf] or [0, 2^-K] (e^2900 > 2^4183).
inline const cln::cl_RA kExpHuge = 2900;

}  // namespace rigor::symbolic::expr
