// Enclosures of functions at rationals that CLN's 40-digit floats cannot hold exactly
// (symbolic/expr/interval.cpp): the argument's rounding must not move the result past the
// enclosure.  Checked against the same function at 300 digits, where the rounding of the
// argument is far below the enclosure's width.
#include <catch2/catch.hpp>

#include <cln/float.h>
#include <cln/float_io.h>
#include <cln/lfloat.h>
#include <cln/rational.h>
#include <cln/rational_io.h>
#include <cln/real.h>
#include <cln/real_io.h>
#include <functional>

#include "symbolic/expr/interval.hpp"

using namespace rigor;
using cln::cl_RA;

namespace {

cln::cl_F precise(const cl_RA& x) { return cln::cl_float(x, cln::float_format(300)); }

void check_inside(const char* name, const symbolic::expr::Enclosure& e, const cln::cl_R& truth) {
    INFO(name << ": [" << e.lower << ", " << e.upper << "] vs " << truth);
    CHECK(e.lower <= truth);
    CHECK(truth <= e.upper);
}

}  // namespace

TEST_CASE("enclosures hold at arguments a 40-digit float rounds", "[symbolic_expr][enclosure_argument]") {
    const cl_RA tiny = 1 / cln::expt_pos(cl_RA(10), 30);
    const cl_RA near_one = 1 + tiny, big = cln::expt_pos(cl_RA(10), 60) + cl_RA(1) / 3;
    check_inside("log(1 + 1e-30)", *symbolic::expr::enclose_log(near_one), cln::ln(precise(near_one)));
    check_inside("sin(1e60 + 1/3)", symbolic::expr::enclose_sin(big), cln::sin(precise(big)));
    check_inside("cos(1e60 + 1/3)", symbolic::expr::enclose_cos(big), cln::cos(precise(big)));
    check_inside("tan(1e60 + 1/3)", symbolic::expr::enclose_tan(big), cln::sin(precise(big)) / cln::cos(precise(big)));
    const cl_RA y = cln::expt_pos(cl_RA(10), 30) + cl_RA(1) / 7;
    check_inside("pow(1 + 1e-30, 1e30 + 1/7)", *symbolic::expr::enclose_pow(near_one, y),
                 cln::exp(precise(y) * cln::ln(precise(near_one))));
    check_inside("sqrt(1 + 1e-30)", symbolic::expr::enclose_sqrt(near_one), cln::sqrt(precise(near_one)));
    check_inside("exp(1e-30 + 1/3)", symbolic::expr::enclose_exp(tiny + cl_RA(1) / 3), cln::exp(precise(tiny + cl_RA(1) / 3)));
    check_inside("atan(1e60 + 1/3)", symbolic::expr::enclose_atan(big), cln::atan(precise(big)));
}
