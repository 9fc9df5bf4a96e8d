// The sample conversions at the edges of an Expr program: the dispatched (AVX2 where the
// CPU has it) versions must equal the plain reference loops exactly, including the
// clamping, NaN → 0 and round-half-to-even cases.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "pixel/expr/convert.hpp"

using namespace rigor::pixel::expr;

TEST_CASE("integer-to-float and float-to-integer conversions equal their plain references", "[expr][convert]") {
    const unsigned seed = 20261121;
    INFO("seed " << seed);
    std::mt19937 rng(seed);
    std::vector<float> v = {0.0f, -0.0f, 0.5f, 1.5f, 2.5f, 127.5f, 128.5f, 254.5f, 255.5f, 256.0f, -1.0f, -0.5f,
                            65534.5f, 65535.5f, 70000.0f, std::numeric_limits<float>::infinity(),
                            -std::numeric_limits<float>::infinity(), std::numeric_limits<float>::quiet_NaN(),
                            1e-30f, 1e30f};
    std::uniform_real_distribution<float> wide(-1000.0f, 70000.0f), halves(0.0f, 300.0f);
    for (int i = 0; i < 5000; ++i) v.push_back(wide(rng));
    for (int i = 0; i < 5000; ++i) v.push_back(std::floor(halves(rng)) + 0.5f);
    // Odd lengths exercise the tails after the vector loop.
    for (int n : {1, 7, 8, 9, 31, static_cast<int>(v.size())}) {
        for (float top : {255.0f, 1023.0f, 65535.0f}) {
            std::vector<std::uint16_t> a(static_cast<std::size_t>(n)), b(static_cast<std::size_t>(n));
            float_to_u16(v.data(), a.data(), n, top);
            float_to_u16_plain(v.data(), b.data(), n, top);
            CHECK(a == b);
        }
        std::vector<std::uint8_t> a8(static_cast<std::size_t>(n)), b8(static_cast<std::size_t>(n));
        float_to_u8(v.data(), a8.data(), n, 255.0f);
        float_to_u8_plain(v.data(), b8.data(), n, 255.0f);
        CHECK(a8 == b8);
    }
    // Hand cases of the spec: clamp then round half to even, NaN → 0.
    std::uint8_t out[6];
    const float in[6] = {127.5f, 0.5f, 254.5f, 300.0f, -3.0f, std::numeric_limits<float>::quiet_NaN()};
    float_to_u8(in, out, 6, 255.0f);
    CHECK(out[0] == 128);
    CHECK(out[1] == 0);
    CHECK(out[2] == 254);
    CHECK(out[3] == 255);
    CHECK(out[4] == 0);
    CHECK(out[5] == 0);

    std::vector<std::uint8_t> s8(300);
    std::vector<std::uint16_t> s16(300);
    for (std::size_t i = 0; i < s8.size(); ++i) {
        s8[i] = static_cast<std::uint8_t>(rng());
        s16[i] = static_cast<std::uint16_t>(rng());
    }
    std::vector<float> f1(300), f2(300);
    u8_to_float(s8.data(), f1.data(), 300);
    u8_to_float_plain(s8.data(), f2.data(), 300);
    CHECK(f1 == f2);
    u16_to_float(s16.data(), f1.data(), 300);
    u16_to_float_plain(s16.data(), f2.data(), 300);
    CHECK(f1 == f2);
    CHECK(f1[5] == static_cast<float>(s16[5]));
}
