// Interval ends kept short (symbolic/expr/bound_size.hpp): past 2^±4096 by powers of two,
// long ends in between by dyadics on their outer side, powers whose exact value would be
// too long by rounded square-and-multiply, exp past ±2900 by powers of two.  Each bound
// is checked against the exact value where CLN can afford it, and the programs that ran
// out of time or memory (exp of 10^30, 26 squarings of 1.1·x) are analysed at once.
#include <catch2/catch.hpp>

#include <cln/integer.h>
#include <cln/rational.h>
#include <cln/real.h>

#include "filters/expr/parser.hpp"
#include "symbolic/expr/bound_size.hpp"
#include "symbolic/expr/interval_evaluation.hpp"

using namespace rigor;
using cln::cl_I;
using cln::cl_RA;
using symbolic::expr::Bound;
using symbolic::expr::Interval;
using symbolic::expr::kHugeBits;
using symbolic::expr::two_to;

namespace {

long bits(const cl_RA& v) { return long(cln::integer_length(cln::numerator(v))) + long(cln::integer_length(cln::denominator(v))); }
bool short_end(const Bound& b) { return !b.finite() || bits(b.value) <= symbolic::expr::kLongBits; }

Interval range_of(const std::string& program, const cl_RA& lo, const cl_RA& hi) {
    symbolic::expr::InputRanges r;
    r["x"] = {Bound::of(lo), Bound::of(hi)};
    const expr::Expr e = expr::parse(program);
    return symbolic::expr::interval_ranges(e, r).root(e);
}

}  // namespace

TEST_CASE("long ends are replaced by short ones on their outer side", "[symbolic_expr][bound_size]") {
    const cl_RA huge = cln::expt_pos(cl_I(3), 40000), tiny = 1 / huge;  // 63400 bits each, past 2^4096
    const cl_RA near_one = (huge + 1) / huge;                              // long, about 1
    struct Case {
        cl_RA v;
        Bound lo, hi;  // expected, or (for near_one) checked below
    };
    const Case cases[] = {
        {huge, Bound::of(two_to(kHugeBits)), Bound::plus_infinity()},
        {-huge, Bound::minus_infinity(), Bound::of(-two_to(kHugeBits))},
        {tiny, Bound::of(0), Bound::of(two_to(-kHugeBits))},
        {-tiny, Bound::of(-two_to(-kHugeBits)), Bound::of(0)},
    };
    for (const Case& c : cases) {
        const Interval s = symbolic::expr::shortened(Interval::point(c.v));
        CHECK(s.lo == c.lo);
        CHECK(s.hi == c.hi);
        CHECK(s.lo <= Bound::of(c.v));
        CHECK(Bound::of(c.v) <= s.hi);
    }
    for (const cl_RA& v : {near_one, -near_one}) {
        const Interval s = symbolic::expr::shortened(Interval::point(v));
        REQUIRE(s.lo.finite());
        REQUIRE(s.hi.finite());
        CHECK(s.lo.value < v);
        CHECK(v < s.hi.value);
        CHECK(s.hi.value - s.lo.value < two_to(-1000));
        CHECK(short_end(s.lo));
        CHECK(short_end(s.hi));
    }
    // Short ends stay as they are, exactly.
    const Interval exact = symbolic::expr::shortened(Interval::point(cl_RA(1) / 3));
    CHECK(exact.is_point());
    CHECK(exact.lo == Bound::of(cl_RA(1) / 3));
}

TEST_CASE("powers too long to be exact are bracketed by rounded ones", "[symbolic_expr][bound_size]") {
    // (1 + 10^-30)^4096: about 820000 bits exactly, past 2 kLongBits; close to 1.
    const cl_RA x = 1 + 1 / cln::expt_pos(cl_RA(10), 30);
    for (const cl_RA& base : {x, -x, 1 / x}) {
        for (long n : {4096L, 4097L}) {
            INFO("n = " << n);
            const cl_RA exact = cln::expt_pos(base, n);
            const Interval p = symbolic::expr::power_of(base, n);
            REQUIRE(p.lo.finite());
            REQUIRE(p.hi.finite());
            CHECK(p.lo.value <= exact);
            CHECK(exact <= p.hi.value);
            CHECK(cln::abs(p.hi.value - p.lo.value) < two_to(-1000));
            CHECK(short_end(p.lo));
            CHECK(short_end(p.hi));
        }
    }
    // Short enough: exact.
    CHECK(symbolic::expr::power_of(cl_RA(3), 1000).is_point());
    CHECK(symbolic::expr::power_of(cl_RA(3), 1000).lo == Bound::of(cln::expt_pos(cl_I(3), 1000)));
}

TEST_CASE("exp past +-2900 is bounded by powers of two", "[symbolic_expr][bound_size]") {
    // e^2900 > 2^4183 > 2^4096: sound, and CLN can check it.
    CHECK(cln::exp(cln::cl_float(symbolic::expr::kExpHuge, cln::float_format(40))) >
          cln::cl_float(two_to(kHugeBits + 64), cln::float_format(40)));
    const Interval up = range_of("x 1e30 * exp", 1, 255);  // CLN overflowed here
    CHECK(up.lo == Bound::of(two_to(kHugeBits)));
    CHECK(up.hi == Bound::plus_infinity());
    const Interval down = range_of("x -1e30 * exp", 1, 255);  // and ran out of memory here
    CHECK(down.lo == Bound::of(0));
    CHECK(down.hi == Bound::of(two_to(-kHugeBits)));
    const Interval twice = range_of("x exp exp", 0, 255);  // e^(e^255): 4 GB before
    CHECK(twice.lo.finite());
    CHECK(twice.lo.value < cl_RA(2719) / 1000);
    CHECK(cl_RA(2718) / 1000 < twice.lo.value);
    CHECK(twice.hi == Bound::plus_infinity());
    // Below the threshold the enclosure stays: e^100 between 2^144 and 2^145.
    const Interval moderate = range_of("x exp", 100, 100);
    CHECK(Bound::of(two_to(144)) < moderate.lo);
    CHECK(moderate.hi < Bound::of(two_to(145)));
}

TEST_CASE("squaring 26 times stays short", "[symbolic_expr][bound_size]") {
    // (1.1 x)^(2^26): exactly, 2^26 times 1.1's bits (over 16 s); now a sound [0, +inf].
    std::string program = "x 1.1 *";
    for (int i = 0; i < 26; ++i) program += " dup *";
    const Interval r = range_of(program, 0, 255);
    CHECK(r.lo == Bound::of(0));
    CHECK(r.hi == Bound::plus_infinity());
    const Interval at_one = range_of(program, 1, 1);  // 1.1^(2^26) > 2^4096
    CHECK(at_one.lo == Bound::of(two_to(kHugeBits)));
    CHECK(at_one.hi == Bound::plus_infinity());
}
