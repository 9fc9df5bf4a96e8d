// pow's binary32 set (binary32_range.cpp power) where the base reaches 0 or negatives and
// the exponent holds non-integers, against the engine's own pow (ir.hpp: exp(b log|a|)
// with C's signs; a finite a < 0 with a non-integer b is NaN, only an odd integer b
// gives the sign of a, pow(-1, ±inf) = 1, b = 0, 0.5, 1, 2 exactly).  Every box of a grid
// of special ends is sampled at its corners, the special values inside it and random
// floats: each engine value must lie in the set (a too narrow one fails); and the sets
// the signs allow are as narrow as they can be: no negatives without an odd exponent,
// values only NaN for a negative base with no integer exponent.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

#include "filters/expr/ir.hpp"
#include "pixel/expr/probe.hpp"
#include "symbolic/expr/binary32_range.hpp"

using namespace rigor;
using symbolic::expr::Binary32Range;

namespace {

const expr::EngineProbe& probe() {
    static const expr::EngineProbe p = pixel::expr::engine_probe(1);
    return p;
}

Binary32Range power_set(const Binary32Range& a, const Binary32Range& b) {
    expr::Node n;
    n.op = expr::Op::Pow;
    n.args = {0, 1};
    const Binary32Range args[] = {a, b};
    const int grids[] = {-149, -149};
    return symbolic::expr::binary32_range(n, args, grids, probe());
}

std::int64_t key_of(float v) {
    std::uint32_t b;
    std::memcpy(&b, &v, 4);
    return b >> 31 ? -1 - std::int64_t(b & 0x7fffffffu) : std::int64_t(b);
}
float float_of(std::int64_t k) {
    const std::uint32_t b = k >= 0 ? std::uint32_t(k) : 0x80000000u | std::uint32_t(-1 - k);
    float v;
    std::memcpy(&v, &b, 4);
    return v;
}

const std::vector<float> kSpecial = {-INFINITY, -1e30f, -3.0f, -2.0f, -1.5f, -1.0f, -0.5f, -1e-30f, -0.0f, 0.0f,
                                     1e-30f,    0.25f,  0.5f,  0.7f,  1.0f,  1.5f,  2.0f,  2.5f,   3.0f,  1e30f, INFINITY};

// Values of [lo, hi] to run: the ends, the special values inside, random floats.  A set
// holds ±0 alike (binary32_range.hpp), so both zeros run where it reaches 0, except for
// the points -0 and +0 (1/x tells them apart).
std::vector<float> samples(float lo, float hi, std::mt19937& rng) {
    std::vector<float> v = {lo, hi};
    const bool point = key_of(lo) == key_of(hi);
    auto inside = [&](float s) { return key_of(lo) <= key_of(s) && key_of(s) <= key_of(hi); };
    for (float s : kSpecial)
        if (inside(s) || (!point && s == 0 && lo <= 0 && hi >= 0)) v.push_back(s);
    std::uniform_int_distribution<std::int64_t> k(key_of(lo), key_of(hi));
    std::uniform_real_distribution<float> u(lo, hi);
    for (int i = 0; i < 12; ++i) {
        v.push_back(float_of(k(rng)));
        if (std::isfinite(hi - lo) && !point) v.push_back(u(rng));
    }
    return v;
}

}  // namespace

TEST_CASE("pow's set holds every engine value of boxes around 0, -1 and negatives", "[symbolic_expr][power]") {
    std::mt19937 rng(13);
    long runs = 0;
    for (std::size_t i = 0; i < kSpecial.size(); ++i)
        for (std::size_t j = i; j < kSpecial.size(); ++j)
            for (const auto& [blo, bhi] : std::vector<std::pair<float, float>>{
                     {0.5f, 0.7f}, {0.25f, 0.75f}, {-0.7f, -0.5f}, {-2.5f, 2.5f}, {1.0f, 1.0f}, {3.0f, 3.0f}, {-3.0f, -3.0f},
                     {2.0f, 2.0f}, {0.5f, 0.5f}, {0.0f, 0.0f}, {-0.0f, 0.5f}, {1.5f, 2.5f}, {2.0f, 4.0f}, {0.5f, INFINITY},
                     {-INFINITY, -0.5f}, {INFINITY, INFINITY}, {-INFINITY, INFINITY}, {1e30f, 1e30f}, {16777216.0f, 3e7f}}) {
                const float alo = kSpecial[i], ahi = kSpecial[j];
                const Binary32Range a = Binary32Range::between(alo, ahi), b = Binary32Range::between(blo, bhi);
                const Binary32Range r = power_set(a, b);
                INFO("a = [" << alo << ", " << ahi << "], b = [" << blo << ", " << bhi << "]: set [" << r.lo << ", " << r.hi
                             << "] nan " << r.nan);
                for (float x : samples(alo, ahi, rng))
                    for (float y : samples(blo, bhi, rng)) {
                        const float v = probe().function(expr::Op::Pow, x, y);
                        ++runs;
                        INFO("pow(" << x << ", " << y << ") = " << v);
                        if (std::isnan(v)) CHECK(r.nan);
                        else CHECK(r.contains(v));
                    }
            }
    CHECK(runs > 500000);
}

TEST_CASE("pow of a base reaching negatives with a non-integer exponent is tight", "[symbolic_expr][power]") {
    auto set = [](float alo, float ahi, float blo, float bhi) {
        return power_set(Binary32Range::between(alo, ahi), Binary32Range::between(blo, bhi));
    };
    // Negatives give NaN, ±0 gives +0: {0, NaN}.
    Binary32Range r = set(-3, 0, 0.25f, 0.75f);
    CHECK(r.lo == 0);
    CHECK(r.hi == 0);
    CHECK(r.nan);
    // [0, 1] from the base's non-negative part, NaN from its negatives.
    r = set(-1, 1, 0.5f, 0.7f);
    CHECK(r.lo == 0);
    CHECK(r.hi >= 1);
    CHECK(r.hi < 1.001f);
    CHECK(r.nan);
    // Nothing but NaN for a negative base.
    r = set(-3, -1, 0.25f, 0.75f);
    CHECK_FALSE(r.has_values());
    CHECK(r.nan);
    // An even exponent keeps the sign positive: (-2)^4 .. (-1)^4 is [1, 16], no NaN.
    r = set(-2, -1, 4, 4);
    CHECK(r.lo >= 0);
    CHECK(r.hi >= 16);
    CHECK_FALSE(r.nan);
    // Integers and fractions between: negatives from 3, NaN from 2.5.
    r = set(-2, -1, 2, 4);
    CHECK(r.lo <= -8);
    CHECK(r.hi >= 16);
    CHECK(r.nan);
    // An odd one gives negatives, a negative base with an integer exponent no NaN.
    r = set(-2, -1, 3, 3);
    CHECK(r.lo <= -8);
    CHECK(r.hi < -0.99f);
    CHECK_FALSE(r.nan);
    // pow(-1, ±inf) = 1; pow(-inf, 0.5) = +inf.
    r = set(-1, -1, INFINITY, INFINITY);
    CHECK(r.contains(1));
    r = set(-INFINITY, -INFINITY, 0.5f, 0.5f);
    CHECK(r.contains(INFINITY));
}
