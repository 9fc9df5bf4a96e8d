// Exact rationals and doubles, both ways, over the whole binary64 range; rationals to
// binary32 numbers, rounded in either direction.
//
// CLN's double-floats (cl_DF) have no subnormals: cl_DF(4.9e-324) throws
// floating_point_underflow_exception, and cln::double_approx flushes a rational below
// 2^-1022 to 0 and one past DBL_MAX to inf.  These functions handle every double
// (subnormals, ±0, ±inf) and every rational, and never throw.
#pragma once
#include <cln/rational.h>

namespace rigor::symbolic::expr {

// The exact value of a finite double, subnormals included.
cln::cl_RA double_rational(double d);

// The largest double <= r (-inf when r < -DBL_MAX) and the smallest double >= r (+inf
// when r > DBL_MAX); +0 rather than -0.  Correct directed rounding, also for r in or
// below the subnormal range (`rigor analyse` of a program whose rounding error was
// 1e-427 stepped from 0 to the first subnormal and made CLN throw).
double double_at_most(const cln::cl_RA& r);
double double_at_least(const cln::cl_RA& r);

// The same to binary32 (input domains, input_domain.cpp): the smallest float >= r (+inf
// when r > FLT_MAX, -FLT_MAX when r < -FLT_MAX) and the largest <= r (likewise mirrored).
// A zero result is signed as IEEE 754's directed roundings sign it: -0 when r < 0 rounds
// up to it, +0 otherwise.
float float_at_least(const cln::cl_RA& r);
float float_at_most(const cln::cl_RA& r);

}  // namespace rigor::symbolic::expr
