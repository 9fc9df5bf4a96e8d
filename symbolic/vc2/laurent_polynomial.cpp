#include "symbolic/vc2/laurent_polynomial.hpp"

#include <cln/integer.h>

namespace rigor::symbolic::vc2 {

cln::cl_RA power_of_two(int k) {
    if (k >= 0) return cln::ash(cln::cl_I(1), k);
    return cln::cl_RA(1) / cln::ash(cln::cl_I(1), -k);
}

}  // namespace rigor::symbolic::vc2

namespace rigor::vc2 {

cln::cl_RA ResponseArithmetic<cln::cl_RA>::factor(int k, bool negate) {
    const cln::cl_RA f = rigor::symbolic::vc2::power_of_two(k);
    return negate ? cln::cl_RA(-f) : f;
}

}  // namespace rigor::vc2
