// How big a GiNaC expression is, and the limits the algebra of `rigor analyse` keeps to.
//
// GiNaC evaluates as it builds: x·x is x², (c·x)^n is c^n·x^n and (x + a/b)^n takes the
// content (1/b)^n out, so numbers grow with the program — 26 squarings of 1.1·x make a
// coefficient of 2^26 times 1.1's bits, (x + 1 + 10^-30)^(10^20) one of 10^22 bits — and
// printing or differentiating walks the expression as a tree, whose shared parts are
// repeated.  The algebra stops (UserError, reported as "no algebra: ...") when a power
// would make its numbers longer than kAlgebraBits, or when an expression has more than
// kAlgebraNodes nodes as a tree or a number longer than kAlgebraBits.
#pragma once
#include <cstdint>
#include <ginac/ginac.h>

namespace rigor::symbolic::expr {

inline constexpr std::uint64_t kAlgebraNodes = 100000;
inline constexpr long kAlgebraBits = 1L << 16;

struct AlgebraSize {
    std::uint64_t nodes = 0;  // as a tree (saturating at kAlgebraNodes + 1)
    long number_bits = 0;     // the longest number's numerator and denominator (0 for ±1)
};

AlgebraSize algebra_size(const GiNaC::ex& e);

// Throws UserError past the limits above (`what` names the expression in the message).
void check_algebra_size(const GiNaC::ex& e, const char* what);
// Throws UserError when base^exponent (a numeric exponent) could make numbers longer
// than kAlgebraBits: the base's longest number times the exponent's numerator.
void check_power_size(const GiNaC::ex& base, const GiNaC::ex& exponent);

}  // namespace rigor::symbolic::expr
