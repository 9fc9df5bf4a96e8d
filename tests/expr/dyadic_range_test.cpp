// expr::dyadic_ranges on hand-computed cases: shifts, ranges of k, and refusals.
#include <catch2/catch.hpp>

#include "filters/expr/dyadic_range.hpp"
#include "filters/expr/optimize.hpp"
#include "filters/expr/parser.hpp"

using namespace rigor::expr;

namespace {
std::optional<DyadicRange> root_range(const std::string& program, std::vector<int> bits = {8, 8}) {
    ParseOptions o;
    o.clips = int(bits.size());
    const Expr e = optimize(parse(program, o));
    auto r = dyadic_ranges(e, bits);
    if (!r) return std::nullopt;
    return (*r)[e.root()];
}
}  // namespace

TEST_CASE("dyadic ranges of integer programs") {
    auto blend = root_range("x y + 0.5 *");
    REQUIRE(blend);
    CHECK(blend->shift == 1);
    CHECK(blend->lo == 0);
    CHECK(blend->hi == 510);  // (x + y) / 2 = k / 2 with k in [0, 510]

    auto times4 = root_range("x 4 *");
    REQUIRE(times4);
    CHECK(times4->shift == 0);
    CHECK(times4->lift == 2);
    CHECK(times4->hi == 1020);

    auto centred = root_range("x 128 - 2 *");
    REQUIRE(centred);
    CHECK(centred->lo == -256);
    CHECK(centred->hi == 254);

    auto sixteenth = root_range("x 16 /");
    REQUIRE(sixteenth);
    CHECK(sixteenth->shift == 4);
    CHECK(sixteenth->hi == 255);

    auto three_quarters = root_range("x 0.75 *");  // 3/4: a product at shift 2
    REQUIRE(three_quarters);
    CHECK(three_quarters->shift == 2);
    CHECK(three_quarters->hi == 765);

    auto mixed = root_range("x 0.5 * y 0.25 * +");  // shifts 1 and 2 aligned at 2
    REQUIRE(mixed);
    CHECK(mixed->shift == 2);
    CHECK(mixed->hi == 510 + 255);

    auto diff = root_range("x y - x y min max");  // max([-255, 255], [0, 255])
    REQUIRE(diff);
    CHECK(diff->lo == 0);
    CHECK(diff->hi == 255);
}

TEST_CASE("dyadic ranges refuse what 16-bit fixed point cannot hold exactly") {
    CHECK_FALSE(root_range("x 0.1 *"));               // not a dyadic rational
    CHECK_FALSE(root_range("x 3 /"));                 // division by a non-power of two
    CHECK_FALSE(root_range("x y * y *"));             // 255^3 beyond 16 bits
    CHECK_FALSE(root_range("x", {16}));               // 16-bit samples: 65535 > 32767
    CHECK_FALSE(root_range("x", {0}));                // a float clip
    CHECK_FALSE(root_range("x 1 + sqrt"));            // functions
    CHECK_FALSE(root_range("x y >"));                 // comparisons
    CHECK_FALSE(root_range("x 0.00001 +"));           // needs more than 14 fraction bits
    CHECK_FALSE(root_range("x y * 2 /"));             // x y up to 65025 before the halving
}
