// Two variants of the fuzz seed 'x y atan2 x tan + x 0.5 * asin - x 0.25 * acos +' that
// took 2.1-2.9 s of user CPU to analyse (release build): a chain of sin and cos after it,
// and an atan2 of it against cos(3x) on gray16.  Now under a second; what is checked
// here is the result, not the time: the real range's certified ends (exact rationals),
// the inputs of the extremes found, the binary32 enclosure's ends and the certified
// rounding error, all as the analysis gave them before it was made faster (the memo by
// hash, PiTurns and the enclosures' ends built through floats change no value).  The
// first case's binary32 ends and error bound follow the engine's sin and cos and their
// accuracy table: each end 1 ulp tighter, the bound 6e-8 smaller, since the two-part
// reduction (vector_math.hpp); its real range is the algebra's and did not change.
#include <catch2/catch.hpp>

#include "filters/expr/parser.hpp"
#include "pixel/expr/probe.hpp"
#include "symbolic/expr/analysis.hpp"
#include "symbolic/expr/number_text.hpp"

using namespace rigor;

namespace {

struct SlowInput {
    std::string program;
    std::string x, y;  // ranges "lo:hi"
    symbolic::expr::OutputFormat format;
    std::string real_min, real_max;                       // the algebra's range, exact
    std::string min_x, min_y, max_x, max_y;              // its extremes found
    std::string binary32_min, binary32_max;              // the enclosure's ends (binary32)
    double error_bound;                                  // |binary32 − real| before the store
};

symbolic::expr::Interval range_of(const std::string& text) {
    const std::size_t colon = text.find(':');
    return {symbolic::expr::Bound::of(symbolic::expr::parse_rational(text.substr(0, colon))),
            symbolic::expr::Bound::of(symbolic::expr::parse_rational(text.substr(colon + 1)))};
}

cln::cl_RA rational(const std::string& s) { return symbolic::expr::parse_rational(s); }

}  // namespace

TEST_CASE("the two slow fuzz inputs give the results they gave before they were fast", "[symbolic_expr][slow_inputs]") {
    const std::string denominator = "118571099379011784113736688648896417641748464297615937576404566024103044751294464";
    const std::vector<SlowInput> cases = {
        {"x y atan2 x tan + x 0.5 * asin - x 0.25 * acos + sin cos sin cos sin cos sin cos", "-1:1", "-1/3:2",
         {"grays", true, 32},
         "88537858049776931306681245421662078069629419972080365125097677538462947205971967/" + denominator,
         "93628479733557670455771121533649055434605704259449950987912309589772079739174913/" + denominator,
         "-17/21", "10/27", "-1/63", "2", "12527659/16777216", "13247965/16777216", 0.042933347797493582},
        {"x y atan2 x tan + x atan 0.5 * asin - x sin 0.25 * acos + x 3 * cos atan2", "0:1", "-1:1",
         {"gray16", false, 16},
         "-119056995004325236618400572837796510386025356511060117799564214829946316521472001/" + denominator,
         "221422999943586242389497874105536678427322107726417475342353166092365108546109441/" + denominator,
         "0", "-1", "59/63", "1", "-13176795/8388608", "13176795/4194304", 2.932488053477451},
    };
    const expr::EngineProbe probe = pixel::expr::engine_probe(1);
    for (const SlowInput& c : cases) {
        INFO(c.program);
        symbolic::expr::InputRanges r;
        r["x"] = range_of(c.x);
        r["y"] = range_of(c.y);
        symbolic::expr::EngineSetup setup;
        setup.probe = &probe;
        const symbolic::expr::Analysis a = symbolic::expr::analyse(expr::parse(c.program), r, c.format, setup);
        REQUIRE(a.range.lo.finite());
        REQUIRE(a.range.hi.finite());
        CHECK(a.range.lo.value == rational(c.real_min));
        CHECK(a.range.hi.value == rational(c.real_max));
        CHECK(a.minimum.inputs.at("x") == rational(c.min_x));
        CHECK(a.minimum.inputs.at("y") == rational(c.min_y));
        CHECK(a.maximum.inputs.at("x") == rational(c.max_x));
        CHECK(a.maximum.inputs.at("y") == rational(c.max_y));
        REQUIRE(a.running.evaluated);
        REQUIRE_FALSE(a.running.exhaustive);
        const symbolic::expr::EnclosedSide& b = a.running.enclosed.binary32;
        CHECK(double(b.lo.bound) == cln::double_approx(rational(c.binary32_min)));
        CHECK(double(b.hi.bound) == cln::double_approx(rational(c.binary32_max)));
        CHECK(a.running.error.bounded);
        CHECK(a.running.error.bound == c.error_bound);
    }
}
