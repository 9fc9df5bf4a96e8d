#include "symbolic/vc2/document_number.hpp"

#include <cln/real.h>

namespace rigor::symbolic::vc2 {

// 64 bits at a time (no text: the analysis converts every coefficient of every bound,
// ~10^5 of them for a 4-level transform).
boost::multiprecision::cpp_int document_integer(const cln::cl_I& v) {
    if (cln::integer_length(v) < 64) return cln::cl_I_to_Q(v);
    const cln::cl_I magnitude = cln::abs(v);
    boost::multiprecision::cpp_int out;
    for (uintC at = (cln::integer_length(magnitude) + 63) / 64 * 64; at > 0; at -= 64) {
        out <<= 64;
        out |= cln::cl_I_to_UQ(cln::ldb(magnitude, cln::cl_byte(64, at - 64)));
    }
    return cln::minusp(v) ? -out : out;
}

formats::Rational document_rational(const cln::cl_N& v) {
    const cln::cl_RA r = cln::the<cln::cl_RA>(v);
    return {document_integer(cln::numerator(r)), document_integer(cln::denominator(r))};
}

}  // namespace rigor::symbolic::vc2
