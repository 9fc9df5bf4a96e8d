// FrameSelector: the Select semantics of expr-language.md ("Frame selection (Select)")
// on hand-computed cases: argmin/argmax/argsort with ties to the first, rounding half away
// from zero, clamping, missing properties (an error, or a default), and the errors.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "filters/base/error.hpp"
#include "pixel/select/frame_selector.hpp"

using rigor::UserError;
using rigor::pixel::FrameProperties;
using rigor::pixel::select::FrameSelector;
using rigor::pixel::select::clip_index;

namespace {

// Evaluates a program with `clips` clips, all without properties, at frame `n`.
float value_of(const std::string& program, int clips = 4, long n = 0) {
    std::vector<FrameProperties> props(static_cast<std::size_t>(clips));
    std::vector<const FrameProperties*> ptrs;
    for (const auto& p : props) ptrs.push_back(&p);
    return FrameSelector(program, clips).evaluate(ptrs, n);
}

std::string error_of(const std::string& program, int clips = 2) {
    try {
        FrameSelector s(program, clips);
    } catch (const UserError& e) {
        return e.what();
    }
    return "(no error)";
}

}  // namespace

TEST_CASE("select: argminN / argmaxN count from the deepest, ties to the first", "[select]") {
    CHECK(value_of("2 1 0 3 argmin4") == 2);  // the spec's example
    CHECK(value_of("2 1 0 3 argmax4") == 3);
    CHECK(value_of("5 2 2 argmin3") == 1);    // tie: the first (deepest) of the minima
    CHECK(value_of("1 3 3 0 argmax4") == 1);
    CHECK(value_of("7 argmin1") == 0);
    CHECK(value_of("9 8 7 argmin2 +") == 9 + 1);  // only the top 2 take part
}

TEST_CASE("select: argsortN leaves the indices in sorted order, the smallest's on top", "[select]") {
    // Stack a b c (c on top) read as a + 10 b + 100 c.
    const std::string digits = " 100 * swap 10 * + +";
    // 3 1 2: ascending 1 (index 1), 2 (index 2), 3 (index 0) -> 0 2 1, top 1 (as 3 1 2 sort3 leaves 3 2 1).
    CHECK(value_of("3 1 2 argsort3" + digits) == 0 + 10 * 2 + 100 * 1);
    CHECK(value_of("3 1 2 sort3" + digits) == 3 + 10 * 2 + 100 * 1);
    // Ties keep argument order: 5 5 1 -> ascending 1 (2), 5 (0), 5 (1) -> 1 0 2.
    CHECK(value_of("5 5 1 argsort3" + digits) == 1 + 10 * 0 + 100 * 2);
    CHECK(value_of("4 3 2 1 argsort4 swap3 drop3") == 3);  // top: index of the smallest
    CHECK(value_of("4 3 2 1 argsort4 drop3") == 0);  // deepest: index of the largest
}

TEST_CASE("select: the result is rounded half away from zero and clamped to the clips", "[select]") {
    CHECK(clip_index(0.5f, 3) == 1);  // half to even would give 0
    CHECK(clip_index(1.5f, 3) == 2);
    CHECK(clip_index(2.5f, 4) == 3);  // half to even would give 2
    CHECK(clip_index(0.49999997f, 3) == 0);
    CHECK(clip_index(1.4999999f, 3) == 1);
    CHECK(clip_index(-0.4f, 3) == 0);
    CHECK(clip_index(-0.5f, 3) == 0);  // -1, clamped
    CHECK(clip_index(-7.0f, 3) == 0);
    CHECK(clip_index(7.0f, 3) == 2);
    CHECK(clip_index(2.6f, 3) == 2);
    CHECK(clip_index(1e30f, 3) == 2);
    CHECK(clip_index(std::numeric_limits<float>::infinity(), 3) == 2);
    CHECK(clip_index(-std::numeric_limits<float>::infinity(), 3) == 0);
    CHECK(clip_index(std::nanf(""), 3) == 0);  // rigor: NaN selects the first clip
    CHECK(clip_index(5.0f, 1) == 0);

    FrameProperties x{{"P", 0.5}}, y, z;
    const FrameProperties* props[] = {&x, &y, &z};
    FrameSelector s("x.P", 3);
    CHECK(s.choose(props, 0) == 1);
    x["P"] = 1.5;
    CHECK(s.choose(props, 0) == 2);
    x["P"] = 2.5;
    CHECK(s.choose(props, 0) == 2);
    x["P"] = -0.5;
    CHECK(s.choose(props, 0) == 0);
}

TEST_CASE("select: properties of each clip, N, missing properties are errors unless given a default", "[select]") {
    FrameProperties x{{"PlaneStatsAverage", 0.2}}, y{{"PlaneStatsAverage", 0.45}};
    const FrameProperties* props[] = {&x, &y};
    FrameSelector closest("x.PlaneStatsAverage 0.5 - abs y.PlaneStatsAverage 0.5 - abs argmin2", 2);
    CHECK(closest.choose(props, 0) == 1);
    x["PlaneStatsAverage"] = 0.52;
    CHECK(closest.choose(props, 0) == 0);
    // Properties are read as binary32, like every Expr value.
    CHECK(FrameSelector("y.PlaneStatsAverage", 2).evaluate(props, 0) == 0.45f);
    CHECK(closest.properties_read().size() == 2);
    CHECK(FrameSelector("x.A x.A + y.B x.A + +", 2).properties_read() ==
          std::vector<std::pair<int, std::string>>{{0, "A"}, {1, "B"}});

    CHECK(FrameSelector("N 3 %", 2).evaluate(props, 7) == 1);
    CHECK(FrameSelector("N 2 %", 2).choose(props, 7) == 1);
    CHECK(FrameSelector("N 2 %", 2).choose(props, 8) == 0);

    // Missing (issue 16): an error naming the property, the clip and the frame ...
    try {
        (void)FrameSelector("x.PlaneStatsAverage y.Missing +", 2).evaluate(props, 7);
        FAIL("a missing property was read");
    } catch (const rigor::UserError& e) {
        CHECK(std::string(e.what()) == "frame 7 of clip y has no property 'Missing' (y.Missing, read by the "
                                       "select expression)");
    }
    // ... unless a default is given: for the name, or for every name (akarin's NaN or 0).
    rigor::expr::MissingProperties nan_rule, zero_rule, named;
    nan_rule.otherwise = NAN;
    zero_rule.otherwise = 0;
    named.defaults["Missing"] = 2;
    CHECK(std::isnan(FrameSelector("x.Missing", 2, nan_rule).evaluate(props, 0)));
    CHECK(FrameSelector("x.Missing", 2, nan_rule).choose(props, 0) == 0);
    CHECK(FrameSelector("x.Missing x.Missing =", 2, nan_rule).evaluate(props, 0) == 0);  // NaN != NaN
    CHECK(FrameSelector("x.Missing 0 1 ?", 2, nan_rule).evaluate(props, 0) == 1);        // NaN is false
    CHECK(FrameSelector("y.Missing 1 +", 2, nan_rule).choose(props, 0) == 0);
    CHECK(FrameSelector("y.Missing 1 +", 2, zero_rule).choose(props, 0) == 1);
    CHECK(FrameSelector("y.Missing x.PlaneStatsAverage +", 2, named).evaluate(props, 0) == 2.52f);
    CHECK_THROWS_AS(FrameSelector("y.Other", 2, named).evaluate(props, 0), rigor::UserError);
    // A given property wins over every default.
    CHECK(FrameSelector("x.PlaneStatsAverage", 2, zero_rule).evaluate(props, 0) == 0.52f);
}

TEST_CASE("select: pixels, unknown clips and malformed programs are errors naming the token", "[select]") {
    for (const char* pixel : {"x", "y 1 +", "x[1,0]", "x[-1,1]:m", "X", "Y", "width", "height", "0 0 x[]", "src1"}) {
        const std::string e = error_of(pixel);
        INFO(pixel << " -> " << e);
        CHECK(e.find("pixel values are not available") != std::string::npos);
        CHECK(e.find("select reads only frame properties") != std::string::npos);
        CHECK(e.find("(token ") != std::string::npos);
    }
    CHECK(error_of("z.A", 2).find("reference to undefined clip: z.A") != std::string::npos);
    CHECK(error_of("src2.A", 2).find("reference to undefined clip: src2.A") != std::string::npos);
    CHECK(error_of("src1.A", 2) == "(no error)");
    // Written with a count on the stack: argminN takes its N from the token, so the 2 and
    // one distance are left over.
    CHECK(error_of("x.P 0.5 - abs y.P 0.5 - abs 2 argmin2").find("2 unconsumed values") != std::string::npos);
    CHECK(error_of("1 argmin2").find("insufficient values on stack: argmin2") != std::string::npos);
    CHECK(error_of("1 2 argmin").find("illegal token: argmin") != std::string::npos);
    CHECK(error_of("1 argsort0").find("illegal token: argsort0") != std::string::npos);
    CHECK(error_of("   ").find("empty expression") != std::string::npos);
    CHECK(error_of("x.A", 0).find("at least one candidate clip") != std::string::npos);
}
