// CLN's exact numbers as the documents' (Boost's cpp_int / cpp_rational, which need no
// GiNaC: filters/formats/vc2_static_analysis.hpp), converted without text.
#pragma once
#include <cln/integer.h>
#include <cln/number.h>
#include <cln/rational.h>

#include "filters/formats/vc2_static_analysis.hpp"

namespace rigor::symbolic::vc2 {

boost::multiprecision::cpp_int document_integer(const cln::cl_I& v);
// `v` must be rational (throws otherwise, as cln::the does).
formats::Rational document_rational(const cln::cl_N& v);

}  // namespace rigor::symbolic::vc2
