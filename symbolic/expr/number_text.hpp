// Numbers between the binary32 IR and exact algebra.
//
// A constant of the IR is a binary32 value; the text a user wrote ("0.3") is gone.  We
// print the shortest decimal that reads back to the same float (shortest_decimal in
// filters/expr/ir_text.hpp, so printed programs parse to the identical IR), and take
// that decimal, not the float's binary expansion, as the constant's exact rational
// value: `x 0.3 *` is x·3/10 in the algebra.  The numeric engine differs from the
// algebra only by binary32 rounding.
#pragma once
#include <cln/rational.h>
#include <cln/real.h>
#include <string>

namespace rigor::symbolic::expr {

// The exact rational of a finite float's shortest decimal (throws UserError for NaN/inf).
cln::cl_RA decimal_rational(float v);

// The exact value of a finite binary32 number (its binary expansion, not its decimal).
cln::cl_RA binary32_rational(float v);

// Exact rational from a decimal string ("1.5e-3", "-2", "7/3"); throws UserError.
cln::cl_RA parse_rational(const std::string& text);

// A rational as text: an integer, a terminating decimal of at most 15 significant
// digits, or "p/q".
std::string rational_text(const cln::cl_RA& r);

// A rational for the screen: rational_text when at most 24 characters long, else its
// first 12 significant digits, truncated toward zero and so all certified, marked by
// "..." and a power of ten ("3.63602917958...e238"); reports give the full rational in
// their JSON.
std::string readable_text(const cln::cl_RA& r);

// Nearest double (for messages and numeric checks).
double to_double(const cln::cl_RA& r);

}  // namespace rigor::symbolic::expr
