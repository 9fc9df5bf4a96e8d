// The exact response of one entry of a 1-D axis network to every upstream node, on the
// infinite lines of the static analysis: filters/vc2/axis_response.hpp (the one 1-D
// response engine, whose header states the math) over CLN rationals.
#pragma once
#include "filters/vc2/axis_response.hpp"
#include "symbolic/vc2/laurent_polynomial.hpp"

namespace rigor::symbolic::vc2 {

using AxisResponse = rigor::vc2::AxisResponse<cln::cl_RA>;

inline AxisResponse axis_response(const rigor::vc2::AxisNetwork& network, int node, long index) {
    return rigor::vc2::axis_response(network, node, index, cln::cl_RA(1));
}

}  // namespace rigor::symbolic::vc2
