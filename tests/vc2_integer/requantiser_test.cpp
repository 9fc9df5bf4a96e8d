// The Requantiser (pixel/vc2/quantisation.hpp: 64-bit fast path) against the spec's
// quantiser and its inverse, at every index, on values of every magnitude up to the
// 64-bit range (the fast path's limit 2^60 and both sides of it included).
#include <catch2/catch.hpp>

#include <random>

#include "pixel/vc2/quantisation.hpp"

namespace pixel = rigor::pixel::vc2;

TEST_CASE("the requantiser equals inverse_quant of forward_quant at every index", "[vc2][quantisation]") {
    std::mt19937_64 rng(16);
    long compared = 0;
    for (int qi = 0; qi <= pixel::kMaxQuantisationIndex; ++qi) {
        const pixel::Requantiser requantise(qi);
        std::vector<std::int64_t> values{0, 1, -1, 2, -2, 3, (std::int64_t{1} << 60) - 1, std::int64_t{1} << 60,
                                         -(std::int64_t{1} << 60), (std::int64_t{1} << 61) + 12345};
        for (int bits = 1; bits <= 61; ++bits)
            for (int k = 0; k < 4; ++k) {
                const std::int64_t v = static_cast<std::int64_t>(rng() >> (64 - bits));
                values.push_back(v);
                values.push_back(-v);
            }
        for (std::int64_t v : values) {
            REQUIRE(requantise(v) == pixel::inverse_quant(pixel::forward_quant(v, qi), qi));
            ++compared;
        }
    }
    CHECK(compared == (pixel::kMaxQuantisationIndex + 1) * (10 + 61 * 8));
}
