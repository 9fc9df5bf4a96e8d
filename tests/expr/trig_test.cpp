// tan, asin, acos, atan, atan2 (ir.hpp, pixel/expr/vector_math_trig.hpp): C's special
// values, the accuracy against glibc's double functions over a dense sweep of binary32
// arguments, the plain and AVX2 kernels and the interpreter and generated code giving
// the same bits, postfix/infix tokens and the akarin switch with the token's position.
#include <catch2/catch.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "filters/base/error.hpp"
#include "filters/expr/infix_parser.hpp"
#include "filters/expr/ir_text.hpp"
#include "filters/expr/parser.hpp"
#include "pixel/expr/math_kernels.hpp"
#include "tests/expr/expr_test_util.hpp"

using namespace rigor;
using namespace rigor::test_expr;
using rigor::pixel::expr::MathKernels;

namespace {

constexpr float kPi = 0x1.921fb6p+1f, kHalfPi = 0x1.921fb6p+0f, kQuarterPi = 0x1.921fb6p-1f;

float unary(MathKernels::Unary f, float x) {
    float r = 0;
    f(&x, &r, 1);
    return r;
}
float binary(MathKernels::Binary f, float a, float b) {
    float r = 0;
    f(&a, &b, &r, 1);
    return r;
}

// |got - want| in units of the binary32 spacing at want (the spacing of the smallest
// normal below it).
double ulps(float got, double want) {
    const double m = std::max(std::fabs(want), 0x1p-126);
    int e = 0;
    std::frexp(m, &e);
    return std::fabs(double(got) - want) / std::ldexp(1.0, e - 24);
}

// Every 4093rd binary32 pattern (about a million arguments) of the finite ones.
template <class F>
void sweep(F visit) {
    for (std::uint64_t b = 0; b < (std::uint64_t(1) << 32); b += 4093) {
        const float x = std::bit_cast<float>(std::uint32_t(b));
        if (std::isfinite(x)) visit(x);
    }
}

}  // namespace

TEST_CASE("tan asin acos atan atan2: C's special values", "[expr][trig]") {
    const MathKernels& k = pixel::expr::math_kernels();
    const float nan = std::numeric_limits<float>::quiet_NaN();
    // atan2 (C11 F.10.1.4), signed zeros and infinities.
    CHECK(bits(binary(k.atan2, 0.0f, 0.0f)) == bits(0.0f));
    CHECK(bits(binary(k.atan2, -0.0f, 0.0f)) == bits(-0.0f));
    CHECK(binary(k.atan2, 0.0f, -0.0f) == kPi);
    CHECK(binary(k.atan2, -0.0f, -0.0f) == -kPi);
    CHECK(binary(k.atan2, 0.0f, -3.0f) == kPi);
    CHECK(binary(k.atan2, -0.0f, -3.0f) == -kPi);
    CHECK(bits(binary(k.atan2, 0.0f, 3.0f)) == bits(0.0f));
    CHECK(binary(k.atan2, 2.0f, 0.0f) == kHalfPi);
    CHECK(binary(k.atan2, -2.0f, -0.0f) == -kHalfPi);
    CHECK(binary(k.atan2, 5.0f, -kInf) == kPi);
    CHECK(bits(binary(k.atan2, -5.0f, kInf)) == bits(-0.0f));
    CHECK(binary(k.atan2, kInf, 7.0f) == kHalfPi);
    CHECK(binary(k.atan2, kInf, kInf) == kQuarterPi);
    CHECK(binary(k.atan2, -kInf, -kInf) == -float(3 * M_PI / 4));
    CHECK(binary(k.atan2, 1.0f, 1.0f) == kQuarterPi);
    CHECK(std::isnan(binary(k.atan2, nan, 1.0f)));
    CHECK(std::isnan(binary(k.atan2, 1.0f, nan)));
    // atan, asin, acos at their ends; outside [-1, 1] NaN.
    CHECK(unary(k.atan, kInf) == kHalfPi);
    CHECK(unary(k.atan, -kInf) == -kHalfPi);
    CHECK(bits(unary(k.atan, -0.0f)) == bits(-0.0f));
    CHECK(unary(k.asin, 1.0f) == kHalfPi);
    CHECK(unary(k.asin, -1.0f) == -kHalfPi);
    CHECK(bits(unary(k.asin, -0.0f)) == bits(-0.0f));
    CHECK(bits(unary(k.acos, 1.0f)) == bits(0.0f));
    CHECK(unary(k.acos, -1.0f) == kPi);
    CHECK(unary(k.acos, 0.0f) == kHalfPi);
    for (float out : {1.0000001f, -1.0000001f, 2.0f, kInf, -kInf, nan}) {
        CHECK(std::isnan(unary(k.asin, out)));
        CHECK(std::isnan(unary(k.acos, out)));
    }
    // tan: ±0 kept, NaN for ±inf, NaN and beyond the reduction limit 2^22 pi/2.
    CHECK(bits(unary(k.tan, -0.0f)) == bits(-0.0f));
    CHECK(bits(unary(k.tan, 0.0f)) == bits(0.0f));
    CHECK(std::isnan(unary(k.tan, kInf)));
    CHECK(std::isnan(unary(k.tan, nan)));
    CHECK(std::isnan(unary(k.tan, 1e7f)));
    CHECK(std::isfinite(unary(k.tan, 6e6f)));
    CHECK(unary(k.tan, kQuarterPi) == Approx(1.0).epsilon(1e-6));
    // Every NaN is the one quiet NaN.
    CHECK(bits(unary(k.asin, 2.0f)) == bits(nan));
    CHECK(bits(unary(k.tan, kInf)) == bits(nan));
}

TEST_CASE("tan asin acos atan atan2: within their stated ulps of the double functions", "[expr][trig]") {
    const MathKernels& k = pixel::expr::math_kernels();
    double atan_worst = 0, asin_worst = 0, acos_worst = 0, tan_worst = 0, atan2_worst = 0;
    long tan_checked = 0;
    sweep([&](float x) {
        atan_worst = std::max(atan_worst, ulps(unary(k.atan, x), std::atan(double(x))));
        if (std::fabs(x) <= 1) {
            asin_worst = std::max(asin_worst, ulps(unary(k.asin, x), std::asin(double(x))));
            acos_worst = std::max(acos_worst, ulps(unary(k.acos, x), std::acos(double(x))));
        }
        if (std::fabs(x) < 1024) {
            tan_worst = std::max(tan_worst, ulps(unary(k.tan, x), std::tan(double(x))));
            ++tan_checked;
        }
    });
    // atan2 on pairs of magnitudes from 2^-60 to 2^60 and every sign.
    std::mt19937 rng(13);
    std::uniform_real_distribution<double> exponent(-60, 60);
    for (int i = 0; i < 400000; ++i) {
        const float y = float((i & 1 ? -1 : 1) * std::exp2(exponent(rng)));
        const float x = float((i & 2 ? -1 : 1) * std::exp2(exponent(rng)));
        atan2_worst = std::max(atan2_worst, ulps(binary(k.atan2, y, x), std::atan2(double(y), double(x))));
    }
    INFO("atan " << atan_worst << ", asin " << asin_worst << ", acos " << acos_worst << ", atan2 " << atan2_worst
                 << ", tan (|x| < 1024) " << tan_worst << " ulp");
    CHECK(tan_checked > 100000);
    CHECK(atan_worst <= 3);
    CHECK(asin_worst <= 3);
    CHECK(acos_worst <= 3);
    CHECK(atan2_worst <= 3);
    CHECK(tan_worst <= 5);
    // Not trivially met: the worst cases are off by a rounding or two, not exact.
    CHECK(atan_worst > 0.5);
}

TEST_CASE("tan asin acos atan atan2: AVX2 and plain kernels give the same bits", "[expr][trig]") {
    if (!pixel::expr::cpu_has_avx2_fma()) {
        WARN("no AVX2 + FMA here: only the plain kernels run");
        return;
    }
    const MathKernels& fast = pixel::expr::math_kernels_avx2();
    const MathKernels& plain = pixel::expr::math_kernels_plain();
    std::vector<float> a, b;
    std::mt19937 rng(7);
    for (int i = 0; i < 1 << 16; ++i) {
        a.push_back(i % 3 ? std::uniform_real_distribution<float>(-4, 4)(rng) : std::bit_cast<float>(std::uint32_t(rng())));
        b.push_back(i % 5 ? std::uniform_real_distribution<float>(-4, 4)(rng) : std::bit_cast<float>(std::uint32_t(rng())));
    }
    const long n = long(a.size());
    auto same = [](const std::vector<float>& x, const std::vector<float>& y) {
        for (std::size_t i = 0; i < x.size(); ++i)
            if (bits(x[i]) != bits(y[i])) return false;
        return true;
    };
    std::vector<float> x(a.size()), y(a.size());
    for (auto [f, g] : {std::pair{fast.tan, plain.tan}, std::pair{fast.asin, plain.asin}, std::pair{fast.acos, plain.acos},
                        std::pair{fast.atan, plain.atan}}) {
        f(a.data(), x.data(), n);
        g(a.data(), y.data(), n);
        CHECK(same(x, y));
    }
    fast.atan2(a.data(), b.data(), x.data(), n);
    plain.atan2(a.data(), b.data(), y.data(), n);
    CHECK(same(x, y));
}

TEST_CASE("tan asin acos atan atan2: interpreter and generated code give the kernels' bits", "[expr][trig]") {
    std::vector<float> values = {0.0f, -0.0f, 1.0f, -1.0f, 0.5f, -0.5f, 1.0000001f, kInf, -kInf,
                                 std::numeric_limits<float>::quiet_NaN(), 1e7f, -6e6f, 1.5707964f, 1e-40f};
    std::mt19937 rng(5);
    while (values.size() < 4200)
        values.push_back(values.size() % 2 ? std::uniform_real_distribution<float>(-3, 3)(rng)
                                           : std::bit_cast<float>(std::uint32_t(rng())));
    const int w = 70, h = int((values.size() + w - 1) / w);
    const Frame in = make_frame("grays", w, h, [&](int, int x, int y) {
        const std::size_t i = std::size_t(y * w + x);
        return double(i < values.size() ? values[i] : 0.0f);
    });
    const Frame other = make_frame("grays", w, h, [&](int, int x, int y) {
        const std::size_t i = std::size_t(y * w + x);
        return double(i < values.size() ? values[values.size() - 1 - i] : 0.0f);
    });
    const MathKernels& k = pixel::expr::math_kernels();
    struct Case {
        const char* program;
        MathKernels::Unary unary;
    };
    for (const Case c : {Case{"x tan", k.tan}, Case{"x asin", k.asin}, Case{"x acos", k.acos}, Case{"x atan", k.atan},
                         Case{"x y atan2", nullptr}}) {
        INFO(c.program);
        Frame outs[2];
        for (bool jit : {false, true}) {
            pixel::expr::ExprSettings s;
            s.expressions = {c.program};
            s.jit = jit;
            s.lookup_tables = false;  // the evaluators themselves, not a table
            const std::vector<pixel::VideoFormat> formats = {in.format(), other.format()};
            pixel::expr::ExprFilter filter(s, formats, w, h);
            if (jit && pixel::expr::cpu_has_avx2_fma()) CHECK(filter.jit_planes() == 1);
            const Frame* inputs[] = {&in, &other};
            filter.process(inputs, 0, outs[jit]);
        }
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) {
                const float a = float(sample(in, 0, x, y)), b = float(sample(other, 0, x, y));
                const float want = c.unary ? unary(c.unary, a) : binary(k.atan2, a, b);
                INFO("x = " << a << ", y = " << b);
                REQUIRE(bits(float(sample(outs[0], 0, x, y))) == bits(want));
                REQUIRE(bits(float(sample(outs[1], 0, x, y))) == bits(want));
            }
    }
}

TEST_CASE("tan asin acos atan atan2: tokens and infix and the akarin switch", "[expr][trig]") {
    CHECK(expr::to_postfix(expr::parse_infix("atan2(y - 128, x - 128) + tan(x) * asin(0.5) - acos(y / 255) + atan(x)")) ==
          "y 128 - x 128 - atan2 x tan 0.5 asin * + y 255 / acos - x atan +");
    CHECK(expr::to_infix(expr::parse("y x atan2 x asin +")) == "atan2(y, x) + asin(x)");
    expr::ParseOptions akarin;
    akarin.akarin = true;
    CHECK_THROWS_WITH(expr::parse("x y atan2", akarin),
                      "'atan2' is a rigor extension that akarin.Expr does not have (refused in akarin mode) "
                      "(token 3, column 5)");
    for (const char* p : {"x tan", "x asin", "x acos", "x atan"})
        CHECK_THROWS_WITH(expr::parse(p, akarin), Catch::Contains("is a rigor extension") && Catch::Contains("(token 2, column 3)"));
    CHECK_NOTHROW(expr::parse("x tan x asin x acos x atan x y atan2 + + + +"));
    CHECK_THROWS_AS(expr::parse("atan2"), UserError);  // too few operands
}
