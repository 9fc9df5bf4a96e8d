// The fast paths of pow with a constant exponent, exp and log (vector_math.hpp's plain
// lanes, math_kernels.hpp's kernels, the generated code of float_power.cpp and
// float_transcendental.cpp) give the bits of the general formulas for every input: a
// strided sweep over all binary32 bit patterns, in order (so most 64-lane chunks and
// generated-code iterations hold plain lanes only and take the fast path, and some
// mix), plus the special values and the edges of the plain sets.
#include <catch2/catch.hpp>

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

#include "pixel/expr/math_kernels.hpp"
#include "pixel/expr/vector_math.hpp"
#include "tests/expr/expr_test_util.hpp"

using namespace rigor;
using namespace rigor::test_expr;
using rigor::pixel::expr::MathKernels;

namespace {

// Every `stride`th bit pattern from 0 up (positives, +inf and NaNs, then negatives),
// then special values and the edges of log's and exp's plain sets, each also as a lone
// lane amid plain ones.
std::vector<float> sweep(std::uint32_t stride) {
    std::vector<float> v;
    for (std::uint64_t u = 0; u <= 0xffffffffu; u += stride) v.push_back(std::bit_cast<float>(std::uint32_t(u)));
    const float specials[] = {0.0f, -0.0f, 1.0f, -1.0f, 2.0f, -2.0f, 0.5f, kInf, -kInf, kNaN, -kNaN,
                              0x1p-126f, std::nextafter(0x1p-126f, 0.0f), 1e-45f, -1e-45f, 1e-40f,
                              std::nextafter(1.0f, 2.0f), std::nextafter(1.0f, 0.0f), 255.0f, 1.0f / 255.0f,
                              86.0f, std::nextafter(86.0f, 0.0f), -86.0f, std::nextafter(-86.0f, 0.0f), 88.72283935546875f,
                              88.8f, -103.97f, -104.0f, 3e38f, -3e38f, std::bit_cast<float>(0x7f7fffffu)};
    for (float s : specials) {
        v.push_back(s);
        for (int k = 0; k < 40; ++k) v.push_back(0.25f + float(k) * 0.01f);  // plain company
    }
    // |c log a| near 86 for the exponents below: bases e^(±86/|c|) and around them.
    for (float c : {2.2f, 1.0f / 2.2f, 3.0f, -1.0f, 0.45f})
        for (float sgn : {1.0f, -1.0f}) {
            const float a = std::exp(sgn * 86.0f / std::fabs(c));
            float x = a;
            for (int k = 0; k < 64; ++k) x = std::nextafter(x, 0.0f);
            for (int k = 0; k < 128; ++k, x = std::nextafter(x, kInf)) v.push_back(x), v.push_back(-x);
        }
    return v;
}

const float kExponents[] = {2.2f, 1.0f / 2.2f, 0.5f, 1.0f, 2.0f, 3.0f, -1.0f, 0.45f, 0.0f, -0.0f, -3.0f, -2.5f,
                            16777216.0f, 33554432.0f, -16777215.0f, 1e-30f, 1e30f, kInf, -kInf, kNaN};

// `program` on one float clip holding `v`, by the interpreter and by generated code, and
// the clip's samples as the frame holds them (signalling NaNs quieted).
struct Outputs {
    std::vector<float> interpreted, generated, input;
};
Outputs interpreter_and_generated(const std::vector<float>& v, const std::string& program) {
    const int w = 253, h = int((v.size() + w - 1) / w);
    const Frame in = make_frame("grays", w, h, [&](int, int x, int y) {
        const std::size_t k = std::size_t(y * w + x);
        return double(k < v.size() ? v[k] : 1.0f);
    });
    pixel::expr::ExprSettings s;
    s.expressions = {program};
    s.threads = 1;
    const std::vector<VideoFormat> formats = {in.format()};
    const Frame* ptrs[] = {&in};
    Outputs out;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w && std::size_t(y * w + x) < v.size(); ++x)
            out.input.push_back(reinterpret_cast<const float*>(in.plane(0).row(y))[x]);
    for (bool jit : {false, true}) {
        s.jit = jit;
        pixel::expr::ExprFilter f(s, formats, w, h);
        if (jit && pixel::expr::cpu_has_avx2_fma()) REQUIRE(f.jit_planes() == 1);
        Frame o;
        f.process(ptrs, 0, o);
        std::vector<float>& d = jit ? out.generated : out.interpreted;
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w && std::size_t(y * w + x) < v.size(); ++x)
                d.push_back(reinterpret_cast<const float*>(o.plane(0).row(y))[x]);
    }
    return out;
}

// The first lane where got and want differ in their bits, or -1.
long first_difference(const std::vector<float>& got, const std::vector<float>& want) {
    for (std::size_t i = 0; i < want.size(); ++i)
        if (bits(got[i]) != bits(want[i])) return long(i);
    return -1;
}

}  // namespace

TEST_CASE("pow with a constant exponent: the kernel equals general pow bit for bit, in place too", "[power][fast]") {
    std::vector<const MathKernels*> kernels = {&pixel::expr::math_kernels_plain()};
    if (pixel::expr::cpu_has_avx2_fma()) kernels.push_back(&pixel::expr::math_kernels_avx2());
    for (const MathKernels* k : kernels) {
        // The plain kernels call the C library's fmaf per operation: a sparser sweep.
        const std::vector<float> a = sweep(k == &pixel::expr::math_kernels_plain() ? 65537u : 4093u);
        for (float c : kExponents) {
            INFO("exponent " << c << (k == kernels[0] ? " (plain kernels)" : " (AVX2 kernels)"));
            const std::vector<float> b(a.size(), c);
            std::vector<float> want(a.size()), got(a.size()), in_place = a;
            k->pow(a.data(), b.data(), want.data(), long(a.size()));
            k->pow_constant(a.data(), c, got.data(), long(a.size()));
            k->pow_constant(in_place.data(), c, in_place.data(), long(a.size()));
            const long d = first_difference(got, want), p = first_difference(in_place, want);
            INFO("lane " << d << ": pow(" << (d >= 0 ? a[std::size_t(d)] : 0.0f) << ") = "
                         << (d >= 0 ? got[std::size_t(d)] : 0.0f) << ", general " << (d >= 0 ? want[std::size_t(d)] : 0.0f));
            CHECK(d == -1);
            CHECK(p == -1);
        }
    }
}

TEST_CASE("pow with a constant exponent: the fast path is taken and generated code equals the interpreter",
          "[power][fast][jit]") {
    const std::vector<float> a = sweep(4093u);
    // The plain lanes exist (most of the positive range for c = 2.2): the fast path has
    // work to do, and the sweep's chunks are mostly of plain lanes.
    namespace vmath = pixel::expr::vmath;
    const vmath::ConstantExponent k = vmath::constant_exponent(2.2f);
    std::size_t plain = 0;
    for (float x : a) {
        const float m = vmath::pow_constant_log_input(x, k);
        plain += vmath::pow_constant_is_plain(m, vmath::pow_constant_product(m, k));
    }
    CHECK(plain > a.size() / 5);
    for (float c : kExponents) {
        char text[64];
        std::snprintf(text, sizeof text, "x %.9g pow", double(c));
        INFO(text);
        const auto [interpreted, generated, input] = interpreter_and_generated(a, text);
        std::vector<float> want(a.size());
        const std::vector<float> b(a.size(), c);
        pixel::expr::math_kernels().pow(input.data(), b.data(), want.data(), long(a.size()));
        const long d = first_difference(interpreted, want), g = first_difference(generated, want);
        INFO("interpreter lane " << d << ", generated lane " << g);
        CHECK(d == -1);
        CHECK(g == -1);
    }
}

TEST_CASE("exp and log: the kernels equal the whole formulas bit for bit, in place too", "[fast]") {
    namespace vmath = pixel::expr::vmath;
    std::vector<const MathKernels*> kernels = {&pixel::expr::math_kernels_plain()};
    if (pixel::expr::cpu_has_avx2_fma()) kernels.push_back(&pixel::expr::math_kernels_avx2());
    for (const MathKernels* k : kernels) {
        const std::vector<float> a = sweep(k == &pixel::expr::math_kernels_plain() ? 65537u : 4093u);
        for (bool exp : {true, false}) {
            INFO((exp ? "exp" : "log") << (k == kernels[0] ? " (plain kernels)" : " (AVX2 kernels)"));
            std::vector<float> want(a.size()), got(a.size()), in_place = a;
            std::size_t plain = 0;
            for (std::size_t i = 0; i < a.size(); ++i) {
                want[i] = exp ? vmath::exp(a[i]) : vmath::log(a[i]);  // the whole formula, lane by lane
                plain += exp ? vmath::exp_is_plain(a[i]) : vmath::log_is_plain(a[i]);
            }
            CHECK(plain > a.size() / 5);  // the fast path has whole chunks to do
            (exp ? k->exp : k->log)(a.data(), got.data(), long(a.size()));
            (exp ? k->exp : k->log)(in_place.data(), in_place.data(), long(a.size()));
            const long d = first_difference(got, want);
            INFO("lane " << d << ": f(" << (d >= 0 ? a[std::size_t(d)] : 0.0f) << ") = "
                         << (d >= 0 ? got[std::size_t(d)] : 0.0f) << ", whole formula " << (d >= 0 ? want[std::size_t(d)] : 0.0f));
            CHECK(d == -1);
            CHECK(first_difference(in_place, want) == -1);
        }
    }
}

TEST_CASE("exp and log: generated code equals the interpreter and the whole formulas", "[fast][jit]") {
    namespace vmath = pixel::expr::vmath;
    const std::vector<float> a = sweep(4093u);
    // The last two hold several values live (fewer vectors per iteration), with pow's
    // constant and varying paths beside exp and log.
    for (const char* program : {"x exp", "x log", "x 1 + log 0.5 * exp sqrt", "x log x exp +", "x exp log",
                                "x 2.2 pow x 3 pow x -1 pow x exp x log x 0.45 pow + + + + x 1 + x pow * *",
                                "x x 1 + x 2 + x 3 + x 4 + x 5 + x 6 + x 7 + log exp * * * * * * *"}) {
        INFO(program);
        const auto [interpreted, generated, input] = interpreter_and_generated(a, program);
        const long g = first_difference(generated, interpreted);
        INFO("generated lane " << g << ": x = " << (g >= 0 ? a[std::size_t(g)] : 0.0f));
        CHECK(g == -1);
        if (std::string(program) == "x exp" || std::string(program) == "x log") {
            std::vector<float> want(a.size());
            for (std::size_t i = 0; i < a.size(); ++i)
                want[i] = program[2] == 'e' ? vmath::exp(input[i]) : vmath::log(input[i]);
            CHECK(first_difference(interpreted, want) == -1);
        }
    }
}
