// expr::dyadic_ranges on hand-computed cases: shifts, ranges of k, and refusals.
#include <catch2/catch.hpp>

#include <tuple>

#include "filters/expr/dyadic_range.hpp"
#include "filters/expr/optimize.hpp"
#include "filters/expr/parser.hpp"

using namespace rigor::expr;

namespace {
std::optional<DyadicRange> root_range(const std::string& program, std::vector<int> bits = {8, 8},
                                      FixedLanes lanes = FixedLanes::Signed16) {
    ParseOptions o;
    o.clips = int(bits.size());
    const Expr e = optimize(parse(program, o));
    auto r = dyadic_ranges(e, bits, lanes);
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

    // abs: the interval of |k| at the argument's shift, for either sign and straddling 0.
    for (auto [program, shift, lo, hi] : {std::tuple{"x y - abs", 0, 0, 255},
                                         std::tuple{"x 300 - 0.5 * abs", 1, 45, 300},  // |[-300, -45] / 2|
                                         std::tuple{"x 3 + abs", 0, 3, 258}}) {
        INFO(program);
        auto r = root_range(program);
        REQUIRE(r);
        CHECK((r->shift == shift && r->lo == lo && r->hi == hi));
    }

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
    CHECK_FALSE(root_range("x 128 * 32768 - abs"));   // |-32768| = 32768 > 32767
}

TEST_CASE("dyadic ranges in unsigned 16-bit lanes: 16-bit samples, never a negative k") {
    const std::vector<int> wide = {16, 16};
    auto top = root_range("x y max", wide, FixedLanes::Unsigned16);
    REQUIRE(top);
    CHECK(top->lo == 0);
    CHECK(top->hi == 65535);
    auto quarter = root_range("x 256 /", wide, FixedLanes::Unsigned16);
    REQUIRE(quarter);
    CHECK(quarter->shift == 8);
    CHECK(quarter->hi == 65535);
    // clamp(v, lo, hi) = max(min(v, hi), lo): v's interval through the same min and max.
    auto clamped = root_range("x 1000 60000 clamp", wide, FixedLanes::Unsigned16);
    REQUIRE(clamped);
    CHECK(clamped->lo == 1000);
    CHECK(clamped->hi == 60000);
    auto crossed = root_range("x 0.5 * 3 100 clamp", {8, 8});  // lo, hi at shift 1 with x 0.5 *
    REQUIRE(crossed);
    CHECK(crossed->shift == 1);
    CHECK(crossed->lo == 6);
    CHECK(crossed->hi == 200);
    CHECK_FALSE(root_range("x y +", wide, FixedLanes::Unsigned16));       // up to 131070
    CHECK_FALSE(root_range("x 1 -", wide, FixedLanes::Unsigned16));       // -1: no negative k
    CHECK_FALSE(root_range("x -3 max", {8}, FixedLanes::Unsigned16));     // a negative constant
    CHECK_FALSE(root_range("x 4 /", {16}, FixedLanes::Signed16));         // 65535 > 32767 signed
    CHECK(root_range("x 4 /", {16}, FixedLanes::Unsigned16));
    CHECK_FALSE(root_range("x 0.25 * y max", wide, FixedLanes::Unsigned16));  // y at shift 2: 4 * 65535
}
