// The fused kernels' vector span kernels (pixel/regress/span_kernels.hpp) against their
// plain reference loops, bit for bit (dav1d's checkasm habit): every direct radius, span
// lengths with and without a tail of fewer than eight columns, with and without an
// intercept, w = 1 and w ≠ 1, flat windows (variance 0) and noisy ones.
#include <catch2/catch.hpp>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "pixel/regress/span_kernels.hpp"
#include "pixel/regress/window_sums.hpp"

using namespace rigor::pixel::regress;

namespace {

// Column sums of 2r + 1 rows of samples in [0, 1) (x) and [−0.5, 0.5) (y), as the kernels
// see them; every fourth stretch of columns is flat (the same sample everywhere).
struct Columns {
    std::vector<double> c[5];
};

Columns random_columns(int n, int r, std::mt19937& rng) {
    std::uniform_real_distribution<float> ux(0.0f, 1.0f), uy(-0.5f, 0.5f);
    Columns out;
    for (auto& c : out.c) c.assign(std::size_t(n), 0.0);
    const int rows = 2 * r + 1;
    for (int x = 0; x < n; ++x) {
        const bool flat = (x / 7) % 4 == 3;
        const float fx = ux(rng), fy = uy(rng);
        for (int j = 0; j < rows; ++j) {
            const double a = flat ? fx : ux(rng), v = flat ? fy : uy(rng);
            out.c[0][std::size_t(x)] += a, out.c[1][std::size_t(x)] += v, out.c[2][std::size_t(x)] += a * a;
            out.c[3][std::size_t(x)] += a * v, out.c[4][std::size_t(x)] += v * v;
        }
    }
    return out;
}

// Column sums 2^53 + 2j, −2^53 or a sample in [0, 1), at random: windows whose large
// parts cancel keep or lose the small ones by the order of the additions ((2^53 + 2 + 0.7)
// − 2^53 is 2, (−2^53 + 0.7) + 2^53 + 2 is 3), so that order shows in the outputs, which in
// realistic sums it almost never does.
Columns wild_columns(int n, std::mt19937& rng) {
    std::uniform_real_distribution<double> u(0.0, 1.0);
    std::uniform_int_distribution<int> kind(0, 2), j(0, 3);
    Columns out;
    for (auto& c : out.c) {
        c.resize(std::size_t(n));
        for (double& v : c) {
            const int k = kind(rng);
            v = k == 0 ? std::ldexp(1.0, 53) + 2 * j(rng) : k == 1 ? -std::ldexp(1.0, 53) : u(rng);
        }
    }
    return out;
}

std::uint32_t bits(float v) { return std::bit_cast<std::uint32_t>(v); }
// Equal bits, or both NaN (wild sums reach ∞/∞).
bool same(float a, float b) { return bits(a) == bits(b) || (std::isnan(a) && std::isnan(b)); }

}  // namespace

TEST_CASE("regression_span equals regression_span_plain bit for bit", "[fused][span]") {
    const std::uint32_t seed = 20261203;
    INFO("seed " << seed);
    std::mt19937 rng(seed);
    for (int r = 1; r <= kLargestDirectRadius; ++r)
        for (int length : {1, 7, 8, 9, 37, 64})
            for (double wt : {1.0, 0.62})
                for (bool intercept : {false, true})
                    for (bool wild : {false, true}) {
                        const int n = length + 2 * r;
                        const Columns cs = wild ? wild_columns(n, rng) : random_columns(n, r, rng);
                        const std::array<const double*, 5> c{cs.c[0].data(), cs.c[1].data(), cs.c[2].data(),
                                                             cs.c[3].data(), cs.c[4].data()};
                        const RegressionConstants k{1.0 / double((2 * r + 1) * (2 * r + 1)), 1e-7, wt,
                                                    intercept ? 1.0 : 0.0};
                        std::vector<float> s1(std::size_t(n), -1), c1(s1), i1(s1), s2(s1), c2(s1), i2(s1);
                        regression_span(c, r, r, r + length, k, s1.data(), c1.data(), intercept ? i1.data() : nullptr);
                        regression_span_plain(c, r, r, r + length, k, s2.data(), c2.data(),
                                              intercept ? i2.data() : nullptr);
                        INFO("r " << r << " length " << length << " w " << wt << " intercept " << intercept << " wild "
                                  << wild);
                        for (int x = 0; x < n; ++x) {
                            INFO("column " << x);
                            REQUIRE(same(s1[std::size_t(x)], s2[std::size_t(x)]));
                            REQUIRE(same(c1[std::size_t(x)], c2[std::size_t(x)]));
                            REQUIRE(same(i1[std::size_t(x)], i2[std::size_t(x)]));
                        }
                        CHECK(s1[std::size_t(r)] != -1.0f);  // the span was written
                    }
}

TEST_CASE("reconstruct_span equals reconstruct_span_plain bit for bit", "[fused][span]") {
    const std::uint32_t seed = 20261204;
    INFO("seed " << seed);
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> u(-0.3f, 0.3f);
    for (int r = 0; r <= kLargestDirectRadius; ++r)
        for (int length : {1, 7, 8, 9, 37, 64})
            for (bool intercept : {false, true})
                for (bool wild : {false, true}) {
                    const int n = length + 2 * r;
                    const Columns cs = wild ? wild_columns(n, rng) : random_columns(n, r, rng);  // Σa·c, Σc, Σb·c
                    const std::array<const double*, 3> c{cs.c[3].data(), cs.c[2].data(), cs.c[1].data()};
                    std::vector<float> x(static_cast<std::size_t>(n));
                    for (float& v : x) v = u(rng);
                    std::vector<float> o1(std::size_t(n), -1), o2(o1);
                    const double inv_n = 1.0 / double((2 * r + 1) * (2 * r + 1));
                    reconstruct_span(c, intercept, r, r, r + length, x.data(), inv_n, 1e-7, o1.data());
                    reconstruct_span_plain(c, intercept, r, r, r + length, x.data(), inv_n, 1e-7, o2.data());
                    INFO("r " << r << " length " << length << " intercept " << intercept << " wild " << wild);
                    for (int i = 0; i < n; ++i) {
                        INFO("column " << i);
                        REQUIRE(same(o1[std::size_t(i)], o2[std::size_t(i)]));
                    }
                    CHECK(o1[std::size_t(r)] != -1.0f);
                }
}
