// The memo of transcendental enclosures (symbolic/expr/enclosure_memo.hpp) changes no
// result: 4 trig programs and 12 random ones with every transcendental function, interval ranges of random
// boxes and exact values at random points, each computed with a fresh evaluation and
// through one shared memo, agree bound for bound.  And the enclosures' slack (interval.cpp's
// widen, now powers of two) is never below the decimal slack it replaced.
#include <catch2/catch.hpp>

#include <random>

#include "filters/expr/parser.hpp"
#include "symbolic/expr/enclosure_memo.hpp"
#include "symbolic/expr/interval.hpp"
#include "symbolic/expr/interval_evaluation.hpp"
#include "symbolic/expr/number_text.hpp"
#include "tests/symbolic_expr/random_programs.hpp"

using namespace rigor;
using symbolic::expr::Bound;
using symbolic::expr::Interval;

namespace {

bool same(const Interval& a, const Interval& b) { return a.lo == b.lo && a.hi == b.hi && a.may_be_nan == b.may_be_nan; }

}  // namespace

TEST_CASE("a shared enclosure memo gives the same ranges and values as none", "[symbolic_expr][memo]") {
    std::mt19937 rng(1313);
    std::uniform_int_distribution<int> grid(0, 16);
    const std::vector<std::string> trig = {"x tan y atan +", "x 0.5 * asin y 0.25 * acos -", "x y atan2 x tan +",
                                           "x y atan2 x tan + x 0.5 * asin - x 0.25 * acos +"};
    long shared_hits = 0;
    for (int t = 0; t < 16; ++t) {
        const std::string text = t < int(trig.size()) ? trig[std::size_t(t)] : test::random_program(rng, 2);
        INFO(text);
        const expr::Expr e = expr::parse(text);
        symbolic::expr::EnclosureMemo memo;
        for (int k = 0; k < 8; ++k) {
            // Boxes on a 1/16 grid of [-1, 1], so that ends repeat and the memo is used.
            cln::cl_RA a = cln::cl_RA(grid(rng) - 8) / 8, b = cln::cl_RA(grid(rng) - 8) / 8;
            cln::cl_RA c = cln::cl_RA(grid(rng) - 8) / 8, d = cln::cl_RA(grid(rng) - 8) / 8;
            if (b < a) std::swap(a, b);
            if (d < c) std::swap(c, d);
            symbolic::expr::InputRanges r;
            r["x"] = {Bound::of(a), Bound::of(b)};
            r["y"] = {Bound::of(c), Bound::of(d)};
            const auto fresh = symbolic::expr::interval_ranges(e, r);
            const auto through = symbolic::expr::interval_ranges(e, r, memo);
            REQUIRE(fresh.nodes.size() == through.nodes.size());
            for (std::size_t i = 0; i < fresh.nodes.size(); ++i) CHECK(same(fresh.nodes[i], through.nodes[i]));
            CHECK(fresh.notes == through.notes);
            const std::map<std::string, cln::cl_RA> p = {{"x", a}, {"y", d}};
            const auto v1 = symbolic::expr::evaluate_at(e, p), v2 = symbolic::expr::evaluate_at(e, p, memo);
            CHECK(v1.exact == v2.exact);
            CHECK(v1.value.has_value() == v2.value.has_value());
            if (v1.value && v2.value) CHECK(symbolic::expr::rational_text(*v1.value) == symbolic::expr::rational_text(*v2.value));
        }
        shared_hits += long(memo.size());
    }
    CHECK(shared_hits > 0);  // the memo was used at all
}

TEST_CASE("enclosure slack is at least |v| 10^-32 + 10^-80 on each side", "[symbolic_expr][memo]") {
    const cln::cl_RA rel = cln::cl_RA(1) / cln::expt_pos(cln::cl_I(10), 32), abs = cln::cl_RA(1) / cln::expt_pos(cln::cl_I(10), 80);
    for (const char* s : {"1/3", "-7/5", "1/1000", "2", "123456789/7", "-1/1000000007", "9/10"}) {
        const cln::cl_RA x = symbolic::expr::parse_rational(s);
        INFO(s);
        for (const symbolic::expr::Enclosure& en :
             {symbolic::expr::enclose_exp(x), symbolic::expr::enclose_sin(x), symbolic::expr::enclose_atan(x),
              symbolic::expr::enclose_tan(x / 1000), symbolic::expr::enclose_atan2(x, cln::cl_RA(3)), symbolic::expr::enclose_pi()}) {
            const cln::cl_RA mid = (en.lower + en.upper) / 2, half = (en.upper - en.lower) / 2;
            CHECK(half >= cln::abs(mid) * rel + abs);
            CHECK(half <= cln::abs(mid) * rel * 5 + abs * 2);  // and not much wider (2^-104 < 5 10^-32)
        }
    }
}
