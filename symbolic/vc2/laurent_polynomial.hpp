// The 1-D responses of the static analysis are Laurent polynomials over CLN's exact
// rationals (the number layer under GiNaC): filters/vc2's one response engine
// (laurent_polynomial.hpp, axis_response.hpp) instantiated for cln::cl_RA.
#pragma once
#include <cln/rational.h>

#include "filters/vc2/laurent_polynomial.hpp"

namespace rigor::vc2 {

template <>
struct ResponseArithmetic<cln::cl_RA> {
    static bool is_zero(const cln::cl_RA& c) { return cln::zerop(c); }
    static int sign(const cln::cl_RA& c) { return cln::minusp(c) ? -1 : cln::zerop(c) ? 0 : 1; }
    static cln::cl_RA factor(int k, bool negate);
    static cln::cl_RA times(const cln::cl_RA& c, const cln::cl_RA& f) { return c * f; }
};

}  // namespace rigor::vc2

namespace rigor::symbolic::vc2 {

using LaurentPolynomial = rigor::vc2::LaurentPolynomial<cln::cl_RA>;

// 2^k as an exact rational (k may be negative).
cln::cl_RA power_of_two(int k);

}  // namespace rigor::symbolic::vc2
