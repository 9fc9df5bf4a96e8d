// The shortcuts that made analyse of long trig programs fast give the very answers of the
// plain rational arithmetic they replace:
//   - PiTurns (symbolic/expr/pi_turns.hpp): whether a pole of tan or a peak of sin/cos
//     lies in [lo, hi], against ceiling/floor of the rational quotients (the old code);
//   - the enclosures' ends (interval.cpp's widen, built through exact floats): the float's
//     rational r ∓ (2^-266 + 2^(top − 106)), |r| < 2^top, summed as rationals here.
#include <catch2/catch.hpp>

#include <cln/float.h>
#include <cln/integer.h>
#include <cln/lfloat.h>
#include <cln/real.h>
#include <random>

#include "symbolic/expr/interval.hpp"
#include "symbolic/expr/number_text.hpp"
#include "symbolic/expr/pi_turns.hpp"

using namespace rigor;
using cln::cl_I;
using cln::cl_RA;
using symbolic::expr::Enclosure;

namespace {

// The decision as interval_evaluation.cpp made it before PiTurns: rational quotients.
bool by_rationals(const cl_RA& lo, const cl_RA& hi, const Enclosure& pi, long o, long s) {
    auto t = [&](const cl_RA& v, const cl_RA& p) { return (v / p - cl_RA(o) / 2) / s; };
    const cl_I first = cln::ceiling1(std::min(t(lo, pi.lower), t(lo, pi.upper)));
    const cl_I last = cln::floor1(std::max(t(hi, pi.lower), t(hi, pi.upper)));
    return first <= last;
}

cl_RA power_of_two(long e) { return e >= 0 ? cl_RA(cln::ash(cl_I(1), e)) : cl_RA(1) / cln::ash(cl_I(1), -e); }

}  // namespace

TEST_CASE("PiTurns decides as the rational quotients do, next to poles and peaks too", "[symbolic_expr][shortcuts]") {
    const Enclosure pi = symbolic::expr::enclose_pi();
    const symbolic::expr::PiTurns turns(pi);
    std::mt19937_64 rng(4242);
    std::uniform_int_distribution<long> k(-40, 40), o(-1, 2), s(1, 2), num(-1000000, 1000000);
    long checked = 0, inside = 0;
    for (int i = 0; i < 4000; ++i) {
        const long oo = o(rng), ss = s(rng);
        cl_RA lo, hi;
        const int kind = i % 4;
        if (kind == 0) {  // anywhere, widths from 0 to ~30
            lo = cl_RA(num(rng)) / 30000;
            hi = lo + cl_RA(std::abs(num(rng))) / 3000000 * (i % 3);
        } else {
            // An end on, or 2^-d beside, a point (k + o/2)·s·π for either π end: where the
            // doubles cannot tell and the exact division decides.
            const cl_RA p = (i & 8) ? pi.lower : pi.upper;
            const cl_RA at = (cl_RA(k(rng)) + cl_RA(oo) / 2) * ss * p;
            const cl_RA nudge = power_of_two(-long(rng() % 300)) * ((rng() & 1) ? 1 : -1);
            const cl_RA width = kind == 3 ? cl_RA(0) : power_of_two(-long(rng() % 200));
            if (kind == 1) lo = at + nudge, hi = lo + width;
            else hi = at + nudge, lo = hi - width;
        }
        INFO("lo " << symbolic::expr::rational_text(lo) << " hi " << symbolic::expr::rational_text(hi) << " o " << oo << " s " << ss);
        const bool expected = by_rationals(lo, hi, pi, oo, ss);
        CHECK(turns.between(lo, hi, oo, ss) == expected);
        ++checked, inside += expected;
    }
    CHECK(inside > 400);  // both answers were asked for
    CHECK(checked - inside > 400);
}

TEST_CASE("enclosure ends are the float's rational -/+ (2^-266 + 2^(top - 106))", "[symbolic_expr][shortcuts]") {
    const cln::float_format_t digits = cln::float_format(symbolic::expr::kDigits);
    auto expect = [](const cln::cl_R& approx, const Enclosure& got) {
        const cl_RA r = cln::rational(approx);
        cl_RA slack = power_of_two(-266);
        if (!cln::zerop(r)) {
            const long top = long(cln::integer_length(cln::numerator(cln::abs(r)))) - long(cln::integer_length(cln::denominator(r))) + 1;
            slack = slack + power_of_two(top - 106);
        }
        CHECK(got.lower == r - slack);
        CHECK(got.upper == r + slack);
    };
    for (const char* s : {"1/3", "-7/5", "1/1000", "2", "123456789/7", "-1/1000000007", "9/10", "-300", "1/3000000000000"}) {
        const cl_RA x = symbolic::expr::parse_rational(s);
        INFO(s);
        const cln::cl_F f = cln::cl_float(x, digits);
        expect(cln::exp(f), symbolic::expr::enclose_exp(x));
        expect(cln::sin(f), symbolic::expr::enclose_sin(x));
        expect(cln::cos(f), symbolic::expr::enclose_cos(x));
        expect(cln::atan(f), symbolic::expr::enclose_atan(x));
        expect(cln::atan(cln::cl_float(cl_RA(3), digits), f), symbolic::expr::enclose_atan2(x, 3));
        const cln::cl_F g = cln::cl_float(x / 1000, digits);
        expect(cln::sin(g) / cln::cos(g), symbolic::expr::enclose_tan(x / 1000));
    }
    expect(cln::pi(digits), symbolic::expr::enclose_pi());
}
