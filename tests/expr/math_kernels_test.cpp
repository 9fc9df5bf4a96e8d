// The array kernels of math_kernels.hpp: the AVX2 + FMA build and the plain x86-64 build
// (whose fma is the C library's) give the same bits, on random and special inputs.
#include <catch2/catch.hpp>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "pixel/expr/math_kernels.hpp"

using rigor::pixel::expr::MathKernels;

namespace {
bool same_bits(const std::vector<float>& a, const std::vector<float>& b) {
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::bit_cast<std::uint32_t>(a[i]) != std::bit_cast<std::uint32_t>(b[i])) return false;
    return true;
}
}  // namespace

TEST_CASE("AVX2 + FMA and plain math kernels agree bit for bit", "[math]") {
    if (!rigor::pixel::expr::cpu_has_avx2_fma()) {
        WARN("no AVX2 + FMA here: only the plain kernels run");
        return;
    }
    const MathKernels& fast = rigor::pixel::expr::math_kernels_avx2();
    const MathKernels& plain = rigor::pixel::expr::math_kernels_plain();
    const float inf = std::numeric_limits<float>::infinity();
    std::vector<float> a = {0.0f, -0.0f, 1.0f, -1.0f, inf, -inf, std::numeric_limits<float>::quiet_NaN(),
                            1e-40f, -1e-40f, 88.72f, 88.73f, -87.0f, -104.0f, 3.14159265f, 1e6f, 1e10f, 0.5f, 2.5f};
    std::vector<float> b = {2.0f, 0.5f, -1.0f, 3.0f, 0.0f, -0.0f, 1.0f, 2.0f, 1.5f, 0.25f, -2.0f, 7.0f,
                            inf, -inf, 1e-3f, 2.0f, 100.0f, -3.0f};
    std::mt19937 rng(2026);
    std::uniform_real_distribution<float> wide(-300.0f, 300.0f), unit(0.0f, 4.0f);
    while (a.size() < 4096) {
        a.push_back(a.size() % 2 ? wide(rng) : unit(rng));
        b.push_back(a.size() % 3 ? wide(rng) / 50.0f : std::nearbyint(wide(rng) / 30.0f));
    }
    const long n = long(a.size());
    using Unary = MathKernels::Unary;
    for (auto [name, f, g] : {std::tuple{"exp", fast.exp, plain.exp}, std::tuple{"log", fast.log, plain.log},
                              std::tuple{"sin", fast.sin, plain.sin}, std::tuple{"cos", fast.cos, plain.cos},
                              std::tuple{"bitnot", fast.bitnot, plain.bitnot}}) {
        INFO(name);
        std::vector<float> x(a.size()), y(a.size());
        static_cast<Unary>(f)(a.data(), x.data(), n);
        static_cast<Unary>(g)(a.data(), y.data(), n);
        CHECK(same_bits(x, y));
    }
    using Binary = MathKernels::Binary;
    for (auto [name, f, g] : {std::tuple{"pow", fast.pow, plain.pow}, std::tuple{"fmod", fast.fmod, plain.fmod},
                              std::tuple{"bitand", fast.bitand_, plain.bitand_}}) {
        INFO(name);
        std::vector<float> x(a.size()), y(a.size());
        static_cast<Binary>(f)(a.data(), b.data(), x.data(), n);
        static_cast<Binary>(g)(a.data(), b.data(), y.data(), n);
        CHECK(same_bits(x, y));
    }
    std::vector<float> s1(a.size()), c1(a.size()), s2(a.size()), c2(a.size()), s3(a.size());
    fast.sincos(a.data(), s1.data(), c1.data(), n);
    plain.sincos(a.data(), s2.data(), c2.data(), n);
    fast.sin(a.data(), s3.data(), n);
    CHECK(same_bits(s1, s2));
    CHECK(same_bits(c1, c2));
    CHECK(same_bits(s1, s3));  // sincos's sine is sin's
    // In place (d = a), as generated code calls them.
    std::vector<float> inplace = a, out(a.size());
    fast.exp(inplace.data(), inplace.data(), n);
    fast.exp(a.data(), out.data(), n);
    CHECK(same_bits(inplace, out));
    // Spot values against the C library (within the spec's 1e-4 relative tolerance).
    std::vector<float> v = {1.0f, 0.5f, 10.0f}, r(3);
    fast.exp(v.data(), r.data(), 3);
    CHECK(r[0] == Approx(std::exp(1.0)).epsilon(1e-6));
    CHECK(r[2] == Approx(std::exp(10.0)).epsilon(1e-6));
    fast.log(v.data(), r.data(), 3);
    CHECK(r[1] == Approx(std::log(0.5)).epsilon(1e-6));
}
