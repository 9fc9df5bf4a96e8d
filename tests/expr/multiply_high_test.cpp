// The float tail as a 16-bit multiply-high (pixel/expr/jit/fixed_multiply_high.cpp):
// the parameters found reproduce an independent reference, round(k / c) computed in
// double, and the search declines where no multiply-high can round as binary32 does
// (ties, and products whose rounding offset 1/2 is no whole number of k's steps: k 0.3).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "pixel/expr/jit/fixed_generator.hpp"

using namespace rigor;
using pixel::expr::jit::FixedGenerator;
using pixel::expr::jit::multiply_high_tail;

namespace {

std::int64_t formula(const FixedGenerator::MultiplyHigh& p, std::int64_t k, std::int64_t top) {
    const std::int64_t q = ((k + p.bias) * p.multiplier) >> (16 + p.shift);
    return p.min_top ? std::min(q, top) : q;
}

expr::DyadicRange range(std::int64_t lo, std::int64_t hi, int shift = 0) {
    expr::DyadicRange r;
    r.lo = lo;
    r.hi = hi;
    r.shift = shift;
    return r;
}

}  // namespace

TEST_CASE("the 3x3 box's / 9 as a multiply-high: every sum of 8- and 10-bit samples rounds as k / 9 does", "[jit]") {
    for (int bits : {8, 10}) {
        const std::int64_t hi = 9 * ((std::int64_t(1) << bits) - 1);
        for (int out : {8, 10, 16}) {
            const auto p = multiply_high_tail(range(0, hi), {0, true, 9.0f}, out);
            REQUIRE(p);
            const std::int64_t top = (std::int64_t(1) << out) - 1;
            INFO(bits << "-bit sums into " << out << " bits: b " << p->bias << ", M " << p->multiplier << ", r " << p->shift);
            CHECK(p->min_top == (hi / 9 > top));
            // k / 9 is never a half-integer: nearest rounding, no ties.
            for (std::int64_t k = 0; k <= hi; ++k)
                REQUIRE(formula(*p, k, top) == std::min(top, std::int64_t(std::nearbyint(double(k) / 9.0))));
        }
    }
}

TEST_CASE("the / 9 over 16-bit column sums' range: an 8-bit store's saturating pack is the clamp", "[jit]") {
    // The generated code adds three column sums of 10-bit layout (k up to 3 * 1023, true
    // sums up to 2295) and drops VPMINUW for an 8-bit output when every unclamped q is at
    // most 32767: VPACKUSWB then saturates q to min(q, 255).  Every k of that range.
    const std::int64_t hi = 3 * 1023;
    const auto p = multiply_high_tail(range(0, hi), {0, true, 9.0f}, 8);
    REQUIRE(p);
    std::int64_t largest = 0;
    for (std::int64_t k = 0; k <= hi; ++k) {
        const std::int64_t q = ((k + p->bias) * p->multiplier) >> (16 + p->shift);  // unclamped
        largest = std::max(largest, q);
        const std::int64_t packed = std::clamp<std::int64_t>(q, 0, 255);  // VPACKUSWB of a word below 2^15
        REQUIRE(packed == std::min<std::int64_t>(255, std::int64_t(std::nearbyint(double(k) / 9.0))));
    }
    CHECK(p->min_top);
    CHECK(p->largest == largest);
    CHECK(largest <= 32767);
}

TEST_CASE("odd divisors of box sums and the product by 1/9: multiply-highs equal round(k / c) in double", "[jit]") {
    int found = 0;
    for (int c = 3; c <= 301; c += 2) {
        const std::int64_t hi = 25 * 255;  // a 5x5 sum of 8-bit samples
        const auto p = multiply_high_tail(range(0, hi), {0, true, float(c)}, 8);
        if (!p) continue;
        ++found;
        INFO("/ " << c);
        for (std::int64_t k = 0; k <= hi; ++k)
            REQUIRE(formula(*p, k, 255) == std::min<std::int64_t>(255, std::int64_t(std::nearbyint(double(k) / c))));
    }
    CHECK(found == 150);  // every odd c: k / c is at least 1 / (2c) from a tie
    // A product, the box written `9 sums 0.11111111 *`: binary32's 1/9 is 1/9 (1 + d),
    // |d| < 2^-24, and k (1 + d) / 9 stays on the side of the half-integer k / 9 is
    // (at least 1/18 away), so round(k / 9) in double is the binary32 store.
    const auto p = multiply_high_tail(range(0, 9 * 255), {0, false, 1.0f / 9.0f}, 8);
    REQUIRE(p);
    for (std::int64_t k = 0; k <= 9 * 255; ++k)
        REQUIRE(formula(*p, k, 255) == std::int64_t(std::nearbyint(double(k) / 9.0)));
}

TEST_CASE("no multiply-high where binary32 rounds ties to even or the tail leaves 16 bits", "[jit]") {
    // k / 6: 0.5 -> 0, 1.5 -> 2, 2.5 -> 2; the steps of round(k / 6) fall at k = 4, 9,
    // 16, 21 (gaps 5, 7), which floor((k + b) M / 2^n) cannot make (gaps differ by <= 1).
    CHECK_FALSE(multiply_high_tail(range(0, 1000), {0, true, 6.0f}, 8));
    // k / 4 / 9 = k / 36: ties again; and k / 4 * 0.3f, whose binary32 product is rounded
    // onto a half-integer at k = 20 (5 * 0.3f = 1.5 + 6e-8 -> 1.5) and other places.
    CHECK_FALSE(multiply_high_tail(range(0, 4080, 2), {0, true, 9.0f}, 8));
    CHECK_FALSE(multiply_high_tail(range(0, 4080, 2), {0, false, 0.3f}, 8));
    CHECK_FALSE(multiply_high_tail(range(0, 255), {0, false, 0.3f}, 8));  // round(0.3 k) = floor((k + 5/3) 0.3)
    CHECK_FALSE(multiply_high_tail(range(-10, 1000), {0, true, 9.0f}, 8));  // negative sums
    CHECK_FALSE(multiply_high_tail(range(0, 1000), {0, false, 2.5f}, 16));  // a scale above 1
    CHECK_FALSE(multiply_high_tail(range(0, 1000), {0, true, 0.0f}, 8));    // x / 0: inf and NaN
}
