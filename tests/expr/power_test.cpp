// pow and % (vector_math.hpp's formulas, math_kernels.hpp's kernels, float_power.cpp's
// generated code): C's special cases, fmod exact against the C library, the exponents
// generated code specialises, and every path (plain kernels, AVX2 kernels, generated code
// with and without a constant exponent, %'s library lanes) giving the same bits.
#include <catch2/catch.hpp>

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

#include "pixel/expr/math_kernels.hpp"
#include "pixel/expr/vector_math.hpp"
#include "tests/expr/expr_test_util.hpp"

using namespace rigor;
using namespace rigor::test_expr;
using rigor::pixel::expr::MathKernels;

namespace {

// Values where pow and % have special cases, and around them.
std::vector<float> special_values() {
    return {0.0f, -0.0f, 1.0f, -1.0f, 2.0f, -2.0f, 0.5f, -0.5f, 3.0f, -3.0f, kInf, -kInf, kNaN, -kNaN,
            1e-40f, -1e-40f, 1e-45f, 16777216.0f, 16777218.0f, 8388609.0f, -8388609.0f, 3e9f, -3e9f, 1e30f, 7.25f, -7.25f,
            255.0f, 0.999999f, 1.000001f, 2.2f, -2.2f, 1e-7f};
}

std::vector<float> run_kernel(MathKernels::Binary f, const std::vector<float>& a, const std::vector<float>& b) {
    std::vector<float> d(a.size());
    f(a.data(), b.data(), d.data(), long(a.size()));
    return d;
}

// Pairs of every special value with every other, then random ones (wide and small
// quotients, integers), so every lane kind meets every other in one vector.
void test_pairs(std::vector<float>& a, std::vector<float>& b) {
    const std::vector<float> s = special_values();
    for (float x : s)
        for (float y : s) a.push_back(x), b.push_back(y);
    std::mt19937 rng(14);
    std::uniform_real_distribution<float> wide(-1e6f, 1e6f), unit(0.0f, 1.0f);
    std::uniform_int_distribution<int> exponent(-140, 120);
    for (int k = 0; k < 6000; ++k) {
        float x = k % 3 == 0 ? std::ldexp(unit(rng), exponent(rng)) : wide(rng);
        float y = k % 4 == 0 ? std::ldexp(unit(rng), exponent(rng)) : k % 4 == 1 ? std::nearbyint(wide(rng) / 1e5f) : wide(rng) / 1e4f;
        a.push_back(k % 2 ? x : -x);
        b.push_back(y);
    }
}

// The output of `program` on the two clips `in`, from the interpreter and from generated
// code (which must serve the plane where the CPU has AVX2 and FMA).
std::pair<Frame, Frame> interpreted_and_generated(const std::vector<Frame>& in, const char* program, int threads) {
    pixel::expr::ExprSettings s;
    s.expressions = {program};
    s.threads = threads;
    const int w = in[0].width(), h = in[0].height();
    std::vector<VideoFormat> formats = {in[0].format(), in[1].format()};
    const Frame* ptrs[] = {&in[0], &in[1]};
    std::pair<Frame, Frame> out;
    s.lookup_tables = false;  // the evaluators themselves, not a table of one of them
    s.jit = false;
    pixel::expr::ExprFilter(s, formats, w, h).process(ptrs, 0, out.first);
    s.jit = true;
    pixel::expr::ExprFilter jit(s, formats, w, h);
    if (pixel::expr::cpu_has_avx2_fma()) CHECK(jit.jit_planes() == 1);
    jit.process(ptrs, 0, out.second);
    return out;
}

}  // namespace

TEST_CASE("fmod kernels equal the C library's fmodf bit for bit", "[power]") {
    std::vector<float> a, b;
    test_pairs(a, b);
    std::vector<const MathKernels*> kernels = {&pixel::expr::math_kernels_plain()};
    if (pixel::expr::cpu_has_avx2_fma()) kernels.push_back(&pixel::expr::math_kernels_avx2());
    int library_lanes = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        library_lanes += std::isfinite(a[i]) && b[i] != 0 && std::fabs(a[i] / b[i]) >= 16777216.0f;
    CHECK(library_lanes > 100);  // the lanes the vector formula leaves to the library are tested
    for (const MathKernels* k : kernels) {
        const std::vector<float> d = run_kernel(k->fmod, a, b);
        for (std::size_t i = 0; i < a.size(); ++i) {
            const float want = std::fmod(a[i], b[i]);
            INFO(a[i] << " % " << b[i] << " = " << d[i] << ", C: " << want);
            if (std::isnan(want)) REQUIRE(bits(d[i]) == bits(kNaN));  // the one quiet NaN
            else REQUIRE(bits(d[i]) == bits(want));
        }
    }
}

TEST_CASE("pow follows C's special cases and is exact at the exponents 0.5, 1, 2", "[power]") {
    std::vector<float> a, b;
    test_pairs(a, b);
    const std::vector<float> d = run_kernel(pixel::expr::math_kernels().pow, a, b);
    for (std::size_t i = 0; i < a.size(); ++i) {
        const float x = a[i], y = b[i];
        const double want = std::pow(double(x), double(y));  // exact specials, near-exact elsewhere
        INFO("pow(" << x << ", " << y << ") = " << d[i] << ", C: " << want);
        if (y == 2.0f) REQUIRE((std::isnan(x) ? bits(d[i]) == bits(kNaN) : bits(d[i]) == bits(x * x)));
        else if (y == 1.0f) REQUIRE((std::isnan(x) ? bits(d[i]) == bits(kNaN) : bits(d[i]) == bits(x)));
        else if (y == 0.5f && !std::isnan(x) && x >= 0) REQUIRE(bits(d[i]) == bits(std::sqrt(x) + 0.0f));
        else if (std::isnan(want)) REQUIRE(bits(d[i]) == bits(kNaN));
        else if (want == 0 || std::isinf(want) || want == 1 || want == -1) REQUIRE(bits(d[i]) == bits(float(want)));
        else if (std::fabs(want) > 1e-37 && std::fabs(want) < 1e37) {
            // vector_math.hpp's bound, |b log a| 2^-22 relative (exp turns the product's
            // relative error, log's few ulp plus its own rounding, into the result's) plus
            // a few ulp of exp itself.
            const double t = std::fabs(double(y) * std::log(std::fabs(double(x))));
            REQUIRE(std::fabs(double(d[i]) - want) <= (t * 0x1p-22 + 0x1p-21) * std::fabs(want));
        }
    }
    // The cases C names (C11 F.10.4.4), spelled out.
    auto p = [](float x, float y) {
        float r;
        pixel::expr::math_kernels().pow(&x, &y, &r, 1);
        return r;
    };
    CHECK(bits(p(-0.0f, -3.0f)) == bits(-kInf));
    CHECK(bits(p(-0.0f, 3.0f)) == bits(-0.0f));
    CHECK(bits(p(-0.0f, 2.0f)) == bits(0.0f));
    CHECK(bits(p(-0.0f, 0.5f)) == bits(0.0f));
    CHECK(bits(p(-kInf, 0.5f)) == bits(kInf));
    CHECK(bits(p(-kInf, 3.0f)) == bits(-kInf));
    CHECK(bits(p(-kInf, -3.0f)) == bits(-0.0f));
    CHECK(bits(p(-kInf, -0.5f)) == bits(0.0f));
    CHECK(bits(p(-kInf, 2.5f)) == bits(kInf));
    CHECK(p(-1.0f, kInf) == 1.0f);
    CHECK(p(-1.0f, -kInf) == 1.0f);
    CHECK(p(1.0f, kNaN) == 1.0f);
    CHECK(p(kNaN, 0.0f) == 1.0f);
    CHECK(p(kNaN, -0.0f) == 1.0f);
    CHECK(std::isnan(p(-8.0f, 1.0f / 3.0f)));
    CHECK(p(-2.0f, 3.0f) == -8.0f);
    CHECK(p(0.5f, kInf) == 0.0f);
    CHECK(p(2.0f, -kInf) == 0.0f);
}

TEST_CASE("plain and AVX2 pow kernels agree bit for bit, in place too", "[power]") {
    if (!pixel::expr::cpu_has_avx2_fma()) return;
    std::vector<float> a, b;
    test_pairs(a, b);
    const MathKernels& fast = pixel::expr::math_kernels_avx2();
    const MathKernels& plain = pixel::expr::math_kernels_plain();
    for (auto [name, f, g] : {std::tuple{"pow", fast.pow, plain.pow}, std::tuple{"fmod", fast.fmod, plain.fmod}}) {
        INFO(name);
        const std::vector<float> x = run_kernel(f, a, b), y = run_kernel(g, a, b);
        REQUIRE(std::memcmp(x.data(), y.data(), x.size() * sizeof(float)) == 0);
        std::vector<float> in_place = a;
        f(in_place.data(), b.data(), in_place.data(), long(a.size()));
        REQUIRE(std::memcmp(in_place.data(), x.data(), x.size() * sizeof(float)) == 0);
    }
}

TEST_CASE("pow kernels on chunks of plain lanes equal vmath::pow lane by lane", "[power]") {
    // Whole chunks of plain lanes (the kernels' fast sequence: positive normal bases and +0,
    // exponents 0.5, 1, 2, 4, ±0 and random ones, |b log a| < 86), the same with one lane
    // of a chunk made -0, a negative base or a NaN (pow itself for that chunk), lengths
    // not a multiple of a chunk; every kernel, out of place and in place.
    std::mt19937 rng(21);
    std::uniform_real_distribution<float> log_a(-10.0f, 10.0f), exponent(-6.0f, 6.0f);
    const float chosen_b[] = {0.5f, 1.0f, 2.0f, 4.0f, 0.0f, -0.0f, -1.0f, -0.5f};
    for (long n : {1L, 63L, 64L, 200L, 1000L}) {
        std::vector<float> a(static_cast<std::size_t>(n)), b(a.size());
        for (std::size_t i = 0; i < a.size(); ++i) {
            a[i] = i % 4 == 0 ? 0.0f : std::exp(log_a(rng));
            b[i] = i % 3 == 0 ? chosen_b[rng() % 8] : exponent(rng);
        }
        if (n == 1000) a[700] = -0.0f, a[800] = -2.0f, b[900] = kNaN;
        std::vector<float> want(a.size());
        for (std::size_t i = 0; i < a.size(); ++i) want[i] = pixel::expr::vmath::pow(a[i], b[i]);
        std::vector<MathKernels::Binary> kernels = {pixel::expr::math_kernels_plain().pow};
        if (pixel::expr::cpu_has_avx2_fma()) kernels.push_back(pixel::expr::math_kernels_avx2().pow);
        for (MathKernels::Binary f : kernels) {
            const std::vector<float> got = run_kernel(f, a, b);
            std::vector<float> in_place = b;
            f(a.data(), in_place.data(), in_place.data(), n);
            for (std::size_t i = 0; i < a.size(); ++i) {
                INFO("n " << n << " pow(" << a[i] << ", " << b[i] << ") = " << got[i] << " want " << want[i]);
                REQUIRE(bits(got[i]) == bits(want[i]));
                REQUIRE(bits(in_place[i]) == bits(want[i]));
            }
        }
    }
}

TEST_CASE("generated pow and % equal the interpreter on special values", "[power][jit]") {
    // Two float clips of special and random values, every pairing present; programs with
    // a variable exponent, each specialised constant exponent and general constants;
    // % with quotients beyond 2^24 (the library lanes) in some vectors only.
    std::vector<float> xa, ya;
    test_pairs(xa, ya);
    const int w = 67, h = int((xa.size() + w - 1) / w);
    auto value = [&](const std::vector<float>& v) {
        return [&v, w](int, int x, int y) { return double(v[std::size_t(y * w + x) % v.size()]); };
    };
    const std::vector<Frame> in = {make_frame("grays", w, h, value(xa)), make_frame("grays", w, h, value(ya))};
    const char* programs[] = {"x y pow", "x 2 pow", "x 1 pow", "x 0.5 pow", "x 0 pow", "x -0 pow", "x 3 pow",
                              "x -3 pow", "x 2.2 pow", "x -0.5 pow", "x inf pow", "x -inf pow", "x 16777216 pow",
                              "x nan pow", "2 y pow", "x y %", "x 3 %", "x 1e-30 %", "x -0.5 %", "x inf %",
                              "x 0 %", "x y % y x pow +", "x y pow x 2 pow x 3 % y 0.5 pow + + +"};
    for (const char* program : programs)
        for (int threads : {1, 2}) {
            INFO(program);
            const auto [want, got] = interpreted_and_generated(in, program, threads);
            for (int y = 0; y < h; ++y) {
                INFO("row " << y);
                REQUIRE(std::memcmp(got.plane(0).row(y), want.plane(0).row(y), want.plane(0).row_bytes()) == 0);
            }
        }
}

TEST_CASE("generated pow with a varying exponent equals the interpreter on plain lanes and lone special ones",
          "[power][jit]") {
    // Generated code computes whole iterations of plain lanes (a positive normal, b not
    // 0.5/1/2/4, |b log a| < 86) without pow's special cases and leaves an iteration with
    // any other lane to the interpreter's kernel.  Rows 0..29: plain lanes only, the
    // edges of that set included (a = 2^-126, a = 1, b = 0, b = -0, |b log a| just below
    // 86); rows 30..59: the same with one lane of each row made a special value or a
    // value just beyond those edges, at a column moving along the row.
    const int w = 203, h = 90;
    std::mt19937 rng(15);
    std::uniform_real_distribution<float> log_a(-12.0f, 12.0f), exponent(-7.0f, 7.0f);
    const float edge_a[] = {0x1p-126f, 1.0f, 0x1p-126f * 1.5f, 88.0f, 1e30f};
    const float edge_b[] = {0.0f, -0.0f, 3.0f, -3.0f, 0.49999997f, 1.0000001f, 3.9999998f};
    std::vector<float> xa(std::size_t(w * h)), ya(xa.size());
    for (std::size_t k = 0; k < xa.size(); ++k) {
        xa[k] = k % 11 == 0 ? edge_a[k / 11 % 5] : std::exp(log_a(rng));
        ya[k] = k % 13 == 0 ? edge_b[k / 13 % 7] : exponent(rng);
        // |b log a| < 86 on plain lanes: b scaled into range where needed.
        const float t = std::fabs(ya[k] * std::log(xa[k]));
        if (t >= 85.0f) ya[k] *= 80.0f / t;
    }
    xa[7] = 2.718281828f, ya[7] = 85.9f;    // t just below 86
    xa[8] = 2.718281828f, ya[8] = -85.9f;
    const float special_a[] = {0.0f, -0.0f, -2.0f, 0x1p-127f, kInf, -kInf, kNaN, 0x1p-126f * 0.999f};
    const float special_b[] = {0.5f, 1.0f, 2.0f, 4.0f, kInf, -kInf, kNaN, 86.5f, -90.0f};
    for (int y = 30; y < 60; ++y) {
        const std::size_t k = std::size_t(y * w + (y * 37) % w);
        if (y % 2) xa[k] = special_a[std::size_t(y) % 8];
        else ya[k] = special_b[std::size_t(y) % 9], xa[k] = 2.718281828f;
    }
    // Rows 60..89: the lanes the warm path corrects inline, many per vector: bases +0 (any
    // exponent: +0, +inf or 1) and exponents 0.5, 1, 2, 4 on plain bases, beside plain
    // lanes; in rows 75..89 also a lane the interpreter's kernel takes (-0, a negative base).
    const float warm_b[] = {0.5f, 1.0f, 2.0f, 4.0f, 0.0f, -0.0f, -1.0f, -2.0f, -0.5f, 3.0f};
    for (int y = 60; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const std::size_t k = std::size_t(y * w + x);
            if (x % 3 == 0) xa[k] = 0.0f, ya[k] = rng() % 2 ? warm_b[rng() % 10] : exponent(rng);
            else if (x % 5 == 0) ya[k] = warm_b[rng() % 4];
            if (y >= 75 && x == (y * 29) % w) xa[k] = y % 2 ? -0.0f : -3.0f;
        }
    auto value = [&](const std::vector<float>& v) {
        return [&v, w](int, int x, int y) { return double(v[std::size_t(y * w + x)]); };
    };
    const std::vector<Frame> in = {make_frame("grays", w, h, value(xa)), make_frame("grays", w, h, value(ya))};
    // C's values where they are exact (C11 F.10.4.4), from the binary64 pow rounded once
    // to binary32 (a^2 is exact in binary64; sqrt rounded twice through binary64 is
    // sqrt rounded once, 53 >= 2 * 24 + 2; glibc's powf itself is not correctly rounded):
    // pow(+0, b) = +0 for b > 0, +inf for b < 0, 1 for b = ±0; pow(a, 1) = a,
    // pow(a, 2) = fl(a a), pow(a, 0.5) = fl(sqrt(a)) for a > 0.
    {
        const auto [want, got] = interpreted_and_generated(in, "x y pow", 2);
        int exact_lanes = 0;
        for (int y = 60; y < h; ++y)
            for (int x = 0; x < w; ++x) {
                const float a = xa[std::size_t(y * w + x)], b = ya[std::size_t(y * w + x)];
                const bool exact = (bits(a) == 0 && std::isfinite(b)) || (a > 0 && (b == 1.0f || b == 2.0f || b == 0.5f));
                if (!exact) continue;
                ++exact_lanes;
                const float g = reinterpret_cast<const float*>(got.plane(0).row(y))[x];
                const float e = reinterpret_cast<const float*>(want.plane(0).row(y))[x];
                INFO("x " << a << " y " << b << " at (" << x << ", " << y << "): " << g << ", interpreted " << e);
                REQUIRE(bits(g) == bits(float(std::pow(double(a), double(b)))));
                REQUIRE(bits(e) == bits(g));
            }
        CHECK(exact_lanes > 1000);
    }
    for (const char* program : {"x y pow", "y x pow", "x y pow x 0.5 * y pow +", "x y 1 + pow 2 *"}) {
        INFO(program);
        const auto [want, got] = interpreted_and_generated(in, program, 1);
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) {
                const float g = reinterpret_cast<const float*>(got.plane(0).row(y))[x];
                const float e = reinterpret_cast<const float*>(want.plane(0).row(y))[x];
                INFO("x " << xa[std::size_t(y * w + x)] << " y " << ya[std::size_t(y * w + x)] << " at (" << x << ", " << y
                          << "): " << g << " want " << e);
                REQUIRE(bits(g) == bits(e));
            }
    }
}
