// Powers far past any float (bound_size.hpp, kHugeBits = 2^12): bounded by powers
// of two instead of exact rationals of millions of bits, which made `rigor analyse` of a
// nested pow run out of memory (fuzz_analyse).  The bounds must stay sound: each is
// checked against the exact power (CLN), and values below the threshold stay exact.
#include <catch2/catch.hpp>

#include <cln/integer.h>
#include <cln/rational.h>

#include "filters/expr/parser.hpp"
#include "symbolic/expr/bound_size.hpp"
#include "symbolic/expr/interval_evaluation.hpp"

using namespace rigor;
using symbolic::expr::Bound;
using symbolic::expr::Interval;

namespace {

Interval range_of(const std::string& program, const cln::cl_RA& lo, const cln::cl_RA& hi) {
    symbolic::expr::InputRanges r;
    r["x"] = {Bound::of(lo), Bound::of(hi)};
    const expr::Expr e = expr::parse(program);
    return symbolic::expr::interval_ranges(e, r).root(e);
}

const cln::cl_RA two_to_k = cln::ash(cln::cl_I(1), symbolic::expr::kHugeBits);

}  // namespace

TEST_CASE("huge powers are bounded by powers of two, soundly", "[symbolic_expr][power]") {
    // 3^20000 has 31700 bits: past 2^4096 + margin, so [2^4096, inf], and truly above.
    const Interval big = range_of("x 20000 pow", 3, 3);
    CHECK(big.lo == Bound::of(two_to_k));
    CHECK(big.hi == Bound::plus_infinity());
    CHECK(cln::expt_pos(cln::cl_I(3), 20000) > two_to_k);
    // Odd power of a negative base: the negation.
    const Interval neg = range_of("x 20001 pow", -3, -3);
    CHECK(neg.lo == Bound::minus_infinity());
    CHECK(neg.hi == Bound::of(-two_to_k));
    // A range whose lower end is small stays exact there.
    const Interval mixed = range_of("x 20000 pow", 1, 3);
    CHECK(mixed.lo == Bound::of(1));
    CHECK(mixed.hi == Bound::plus_infinity());
    // Non-integer exponents: huge and tiny corners.
    const Interval frac = range_of("x 20000.5 pow", 3, 4);
    CHECK(frac.lo == Bound::of(two_to_k));
    CHECK(frac.hi == Bound::plus_infinity());
    const Interval tiny = range_of("x 20000.5 pow", cln::cl_RA(1) / 4, cln::cl_RA(1) / 3);
    CHECK(tiny.lo == Bound::of(0));
    CHECK(tiny.hi == Bound::of(1 / two_to_k));
    CHECK(cln::expt_pos(cln::cl_RA(1) / 3, 20000) < 1 / two_to_k);  // (1/3)^20000.5 is smaller still
    // Below the threshold nothing changes: 3^1000 exactly.
    const Interval exact = range_of("x 1000 pow", 3, 3);
    CHECK(exact.is_point());
    CHECK(exact.lo == Bound::of(cln::expt_pos(cln::cl_I(3), 1000)));
}

TEST_CASE("a nested huge pow is analysed without exhausting memory", "[symbolic_expr][power]") {
    // The fuzz input: x^221220.02 is about 2^(2.5e6) at x = 2558, then raised to 220.02.
    // The outer pow's base is then [2^4096, +inf]: unbounded, so the range is all reals
    // (sound; the analysis's hazard search then finds the overflow to inf).
    const Interval r = range_of("x 221220.02 pow 220.02 pow 25255 *", 2, 2558);
    CHECK(r.hi == Bound::plus_infinity());
    const Interval inner = range_of("x 221220.02 pow", 2, 2558);
    CHECK(inner.lo == Bound::of(two_to_k));
    CHECK(inner.hi == Bound::plus_infinity());
}
