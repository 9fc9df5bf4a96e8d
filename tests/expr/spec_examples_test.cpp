// The examples and rule lines of ../shared/spec/expr-language.md as hand-computed cases.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "filters/base/error.hpp"
#include "tests/expr/expr_test_util.hpp"

using namespace rigor;
using namespace rigor::test_expr;

namespace {
// Appended to a program leaving three values a b c (c on top): gives a*100 + b*10 + c.
const std::string kEncode3 = " swap2 100 * swap 10 * + +";
}  // namespace

TEST_CASE("sortN leaves the smallest on top") {
    CHECK(eval_scalar("3 1 2 sort3" + kEncode3) == 321);
    CHECK(eval_scalar("1 2 3 sort3" + kEncode3) == 321);
    CHECK(eval_scalar("2 3 1 sort2" + kEncode3) == 231);  // only the top two sorted: 3 1 -> 3 1
    CHECK(eval_scalar("2 1 3 sort2" + kEncode3) == 231);  // 1 3 -> 3 1
    CHECK(eval_scalar("5 9 7 8 sort3 drop2 10 * +") == 95);  // 9 7 8 -> 9 8 7; drop 8 7; 9*10 + 5
}

TEST_CASE("swapN, dupN and dropN") {
    CHECK(eval_scalar("1 2 3" + kEncode3) == 123);
    CHECK(eval_scalar("1 2 3 swap" + kEncode3) == 132);
    CHECK(eval_scalar("1 2 3 swap1" + kEncode3) == 132);
    CHECK(eval_scalar("1 2 3 swap2" + kEncode3) == 321);
    CHECK(eval_scalar("1 2 3 swap0" + kEncode3) == 123);
    CHECK(eval_scalar("7 8 9 dup 1000 * + + +") == 9024);
    CHECK(eval_scalar("7 8 9 dup0 1000 * + + +") == 9024);
    CHECK(eval_scalar("7 8 9 dup1 1000 * + + +") == 8024);
    CHECK(eval_scalar("7 8 9 dup2 1000 * + + +") == 7024);
    CHECK(eval_scalar("1 2 3 drop 10 * +") == 21);
    CHECK(eval_scalar("1 2 3 drop1 10 * +") == 21);
    CHECK(eval_scalar("1 2 3 drop2") == 1);
    CHECK_THROWS_WITH(eval_scalar("1 2 drop3"), Catch::Contains("insufficient values on stack: drop3"));
    CHECK_THROWS_WITH(eval_scalar("1 2 swap2"), Catch::Contains("insufficient values on stack: swap2"));
    CHECK_THROWS_WITH(eval_scalar("1 dup1"), Catch::Contains("insufficient values on stack: dup1"));
    CHECK_THROWS_WITH(eval_scalar("1 2 sort3"), Catch::Contains("insufficient values on stack: sort3"));
}

TEST_CASE("numbers, constants and arithmetic rules") {
    CHECK(eval_scalar("0x10") == 16);
    CHECK(eval_scalar("010") == 8);
    CHECK(eval_scalar(".5") == 0.5);
    CHECK(eval_scalar("5.") == 5);
    CHECK(eval_scalar("1e-7") == double(1e-7f));
    CHECK(eval_scalar("-5 abs") == 5);
    CHECK(eval_scalar("0 5 -") == -5);
    CHECK(eval_scalar("pi") == double(float(M_PI)));
    CHECK(std::isnan(eval_scalar("nan")));
    CHECK(eval_scalar("inf") == std::numeric_limits<double>::infinity());
    CHECK(eval_scalar("1 0 /") == std::numeric_limits<double>::infinity());
    CHECK(eval_scalar("-1 0 /") == -std::numeric_limits<double>::infinity());
    CHECK(std::isnan(eval_scalar("0 0 /")));
    // % is C fmodf: the sign of the dividend
    CHECK(eval_scalar("-7 2 %") == -1);
    CHECK(eval_scalar("7 -2 %") == 1);
    CHECK(eval_scalar("-7.5 2 %") == -1.5);
    CHECK(eval_scalar("2 10 pow") == 1024);
    CHECK(eval_scalar("2 3 **") == 8);
    CHECK(eval_scalar("3 4 max") == 4);
    CHECK(eval_scalar("3 4 min") == 3);
    CHECK(eval_scalar("5 0 3 clamp") == 3);
    CHECK(eval_scalar("-5 0 3 clip") == 0);
    CHECK(eval_scalar("2 0 3 clip") == 2);
    // sqrt of a negative value is 0
    CHECK(eval_scalar("-4 sqrt") == 0);
    CHECK(eval_scalar("9 sqrt") == 3);
    // round half to even, trunc, floor
    CHECK(eval_scalar("2.5 round") == 2);
    CHECK(eval_scalar("3.5 round") == 4);
    CHECK(eval_scalar("-2.5 round") == -2);
    CHECK(eval_scalar("0.5 round") == 0);
    CHECK(eval_scalar("2.6 round") == 3);
    CHECK(eval_scalar("-2.7 trunc") == -2);
    CHECK(eval_scalar("-2.2 floor") == -3);
}

TEST_CASE("comparisons, logic and select") {
    CHECK(eval_scalar("1 2 <") == 1);
    CHECK(eval_scalar("1 2 >") == 0);
    CHECK(eval_scalar("2 2 =") == 1);
    CHECK(eval_scalar("2 2 >=") == 1);
    CHECK(eval_scalar("3 2 <=") == 0);
    CHECK(eval_scalar("1 2 = not") == 1);  // there is no != token
    CHECK(eval_scalar("0 not") == 1);
    CHECK(eval_scalar("-1 not") == 1);
    CHECK(eval_scalar("0.5 not") == 0);
    CHECK(eval_scalar("1 -1 and") == 0);
    CHECK(eval_scalar("0.1 3 and") == 1);
    CHECK(eval_scalar("0 -1 or") == 0);
    CHECK(eval_scalar("1 -1 xor") == 1);
    CHECK(eval_scalar("1 1 xor") == 0);
    CHECK(eval_scalar("1 10 20 ?") == 10);
    CHECK(eval_scalar("0 10 20 ?") == 20);
    CHECK(eval_scalar("nan 10 20 ?") == 20);  // NaN is not > 0
}

TEST_CASE("bit operations round half to even to int32") {
    CHECK(eval_scalar("5 3 bitand") == 1);
    CHECK(eval_scalar("5 3 bitor") == 7);
    CHECK(eval_scalar("5 3 bitxor") == 6);
    CHECK(eval_scalar("0 bitnot") == -1);
    CHECK(eval_scalar("5 bitnot") == -6);
    CHECK(eval_scalar("2.5 0 bitor") == 2);
    CHECK(eval_scalar("3.5 0 bitor") == 4);
    CHECK(eval_scalar("-1 255 bitand") == 255);
}

TEST_CASE("variables") {
    Frame in = make_frame("grays", 3, 1, [](int, int x, int) { return x + 1; });
    Frame out = run({"x 2 * a! a@ a@ * x +"}, {in});
    for (int x = 0; x < 3; ++x) CHECK(sample(out, 0, x, 0) == 4.0 * (x + 1) * (x + 1) + (x + 1));
    CHECK_THROWS_WITH(eval_scalar("1 a! b@"), Catch::Contains("reference to uninitialized variable: b@"));
}

TEST_CASE("X Y width height N refer to the current plane") {
    Frame in = make_frame("yuv420p8", 6, 4, [](int, int, int) { return 0; });
    Frame out = run({"width 10 * height + N 100 * +"}, {in}, frame_at(fmt("yuv420p16"), 3));
    CHECK(sample(out, 0, 0, 0) == 364);
    CHECK(sample(out, 1, 2, 1) == 332);
    CHECK(sample(out, 2, 0, 1) == 332);
    Frame pos = run({"X 10 * Y +"}, {in});
    CHECK(sample(pos, 0, 5, 3) == 53);
    CHECK(sample(pos, 1, 2, 1) == 21);
    CHECK(pos.plane(1).width() == 3);
}

TEST_CASE("relative pixels: clamp and edge-inclusive mirror, also beyond the plane") {
    const int w = 5, h = 3;
    Frame in = make_frame("grays", w, h, [](int, int x, int y) { return x + 10 * y; });
    auto at = [&](const std::string& e, int x, int y, expr::Boundary b = expr::Boundary::Clamp) {
        return sample(run({e}, {in}, bnd(b)), 0, x, y);
    };
    CHECK(at("x[-1,0]:m", 0, 0) == 0);
    CHECK(at("x[-2,0]:m", 0, 0) == 1);
    CHECK(at("x[1,0]:m", 4, 0) == 4);   // index w reads w-1
    CHECK(at("x[2,0]:m", 4, 0) == 3);   // index w+1 reads w-2
    CHECK(at("x[-7,0]:m", 0, 0) == 3);  // -7 -> 6 -> 3: keeps reflecting
    CHECK(at("x[13,0]:m", 4, 0) == 2);  // 17 -> 2
    CHECK(at("x[0,-1]:m", 1, 0) == 1);
    CHECK(at("x[0,-2]:m", 1, 0) == 11);
    CHECK(at("x[0,4]:m", 1, 2) == 1);   // row 6 = 2h reflects twice back to row 0
    CHECK(at("x[-3,0]:c", 1, 0) == 0);
    CHECK(at("x[10,0]", 1, 1) == 14);
    CHECK(at("x[0,-9]", 2, 2) == 2);
    // the boundary setting decides when there is no suffix; a suffix overrides it
    CHECK(at("x[-2,0]", 0, 0, expr::Boundary::Mirror) == 1);
    CHECK(at("x[-2,0]:c", 0, 0, expr::Boundary::Mirror) == 0);
    CHECK(at("x[-2,0]:m", 0, 0, expr::Boundary::Clamp) == 1);

    // whole planes against an independent formula, offsets up to 3 planes away
    auto mirror = [](int i, int n) {
        int m = ((i % (2 * n)) + 2 * n) % (2 * n);
        return m < n ? m : 2 * n - 1 - m;
    };
    auto clamp = [](int i, int n) { return i < 0 ? 0 : i >= n ? n - 1 : i; };
    for (int dx : {-16, -6, -5, -1, 0, 2, 5, 11})
        for (int dy : {-7, -3, -1, 0, 1, 4, 9})
            for (bool m : {false, true}) {
                std::string e = "x[" + std::to_string(dx) + "," + std::to_string(dy) + "]" + (m ? ":m" : ":c");
                Frame out = run({e}, {in});
                INFO(e);
                for (int y = 0; y < h; ++y)
                    for (int x = 0; x < w; ++x) {
                        int sx = m ? mirror(x + dx, w) : clamp(x + dx, w);
                        int sy = m ? mirror(y + dy, h) : clamp(y + dy, h);
                        REQUIRE(sample(out, 0, x, y) == sx + 10 * sy);
                    }
            }
}

TEST_CASE("x[] absolute pixels: round half to even, then clamp") {
    Frame in = make_frame("grays", 5, 3, [](int, int x, int y) { return x + 10 * y; });
    auto at = [&](const std::string& e) { return sample(run({e}, {in}), 0, 0, 0); };
    CHECK(at("-3 1 x[]") == 10);
    CHECK(at("99 -5 x[]") == 4);
    CHECK(at("1.5 0.5 x[]") == 2);
    CHECK(at("2.5 1.5 x[]") == 22);
    CHECK(at("3 1e9 x[]") == 23);
    CHECK(at("nan 1 x[]") == 10);
    Frame out = run({"X 1 + Y x[]"}, {in});
    CHECK(sample(out, 0, 4, 2) == 24);
    CHECK(sample(out, 0, 1, 2) == 22);
}

TEST_CASE("integer output: clamp, then round half to even, NaN becomes 0") {
    const std::vector<std::pair<double, double>> cases = {
        {127.5, 128}, {0.5, 0}, {1.5, 2}, {2.5, 2}, {-3, 0}, {300, 255}, {254.5, 254}, {255.4, 255}, {254.6, 255}};
    Frame in = make_frame("grays", int(cases.size()), 1, [&](int, int x, int) { return cases[std::size_t(x)].first; });
    Frame out = run({"x"}, {in}, fmt("gray8"));
    for (std::size_t i = 0; i < cases.size(); ++i) {
        INFO(cases[i].first);
        CHECK(sample(out, 0, int(i), 0) == cases[i].second);
    }
    Frame special = make_frame("grays", 3, 1, [](int, int, int) { return 0.0; });
    Frame s8 = run({"X 0 = 0 0 / X 1 = 1 0 / -1 0 / ? ?"}, {special}, fmt("gray8"));
    CHECK(sample(s8, 0, 0, 0) == 0);    // NaN
    CHECK(sample(s8, 0, 1, 0) == 255);  // +inf
    CHECK(sample(s8, 0, 2, 0) == 0);    // -inf
    Frame s10 = run({"x 2000 +"}, {special}, fmt("gray10"));
    CHECK(sample(s10, 0, 0, 0) == 1023);
    Frame s16 = run({"x 70000 +"}, {special}, fmt("gray16"));
    CHECK(sample(s16, 0, 0, 0) == 65535);
    // float output is not clamped
    Frame sf = run({"x 300 +"}, {make_frame("gray8", 1, 1, [](int, int, int) { return 200; })}, fmt("grays"));
    CHECK(sample(sf, 0, 0, 0) == 500);
    // integer inputs enter as code values, never normalised
    Frame i16 = make_frame("gray16", 1, 1, [](int, int, int) { return 40000; });
    CHECK(sample(run({"x 2 /"}, {i16}, fmt("grays")), 0, 0, 0) == 20000);
}

TEST_CASE("one expression per plane: repeat last, empty copies, errors") {
    Frame in = make_frame("yuv444p8", 4, 2, [](int p, int x, int y) { return 10 * p + x + y; });
    Frame out = run({"x 100 +", "x 50 +"}, {in});
    CHECK(sample(out, 0, 1, 1) == 102);
    CHECK(sample(out, 1, 1, 1) == 62);
    CHECK(sample(out, 2, 1, 1) == 72);  // the last expression repeats
    Frame copy = run({"x 1 +", ""}, {in});
    CHECK(sample(copy, 0, 3, 1) == 5);
    CHECK(sample(copy, 1, 3, 1) == 14);
    CHECK(sample(copy, 2, 3, 0) == 23);
    Frame copy420 = run({"", "x 1 +"}, {make_frame("yuv420p10", 4, 4, [](int p, int x, int) { return 700 + p * 10 + x; })});
    CHECK(sample(copy420, 0, 3, 3) == 703);
    CHECK(sample(copy420, 2, 1, 1) == 722);
    // empty with a different output format: an error, never garbage
    CHECK_THROWS_AS(run({"x", ""}, {in}, fmt("yuv444p16")), UserError);
    CHECK_THROWS_WITH(run({"x", "  "}, {in}, fmt("yuv444ps")),
                      Catch::Contains("expression for planes 1, 2: empty, it would copy a yuv444p8 plane"));
    // every plane's error, not only the first: each text once, with the planes it is for
    CHECK_THROWS_WITH(run({"x +", "x foo", "1 x"}, {in}),
                      Catch::Equals("expression for plane 0: insufficient values on stack: + (token 2, column 3); "
                                    "expression for plane 1: unknown token 'foo' (token 2, column 3); "
                                    "expression for plane 2: 2 unconsumed values on stack: 1 x (after the last token)"));
    CHECK_THROWS_WITH(run({"x", "x y"}, {in}),
                      Catch::Equals("expression for planes 1, 2: reference to undefined clip: y (token 2, column 3)"));
    // more expressions than planes
    CHECK_THROWS_WITH(run({"x", "x", "x", "x"}, {in}), Catch::Contains("4 expressions given"));
    CHECK_THROWS_WITH(run({"x", "x"}, {make_frame("gray8", 2, 2, [](int, int, int) { return 0; })}),
                      Catch::Contains("2 expressions given"));
    // output format may only change sample type and depth
    CHECK_THROWS_AS(run({"x"}, {in}, fmt("yuv420p8")), UserError);
    // inputs must share subsampling (depths may differ)
    Frame other = make_frame("yuv420p8", 4, 2, [](int, int, int) { return 0; });
    CHECK_THROWS_WITH(run({"x y +"}, {in, other}), Catch::Contains("subsampling"));
    Frame deeper = make_frame("yuv444p16", 4, 2, [](int, int, int) { return 1000; });
    CHECK(sample(run({"x y +"}, {in, deeper}, fmt("yuv444p16")), 0, 1, 1) == 1002);
}

TEST_CASE("clips x y z a and srcN, properties with NaN when missing") {
    std::vector<Frame> clips;
    for (int i = 0; i < 5; ++i) clips.push_back(make_frame("grays", 2, 1, [i](int, int, int) { return i + 1; }));
    Frame out = run({"x y 10 * + z 100 * + a 1000 * + src4 10000 * +"}, clips);
    CHECK(sample(out, 0, 1, 0) == 54321);
    CHECK(sample(run({"src2 src0 -"}, clips), 0, 0, 0) == 2);
    clips[1].properties()["Gain"] = 2.5;
    CHECK(sample(run({"x y.Gain *"}, clips), 0, 0, 0) == 2.5);
    CHECK(std::isnan(sample(run({"x y.Missing *"}, clips), 0, 0, 0)));
    CHECK_THROWS_WITH(run({"src5"}, clips), Catch::Contains("reference to undefined clip: src5"));
}
