// quantised_range and line_offsets against every coefficient of small ranges at every
// useful index, and the reference's claim that maximum_dequantised_magnitude is the
// largest magnitude any index gives (its bounds rest on it).
#include <catch2/catch.hpp>

#include <random>

#include "pixel/vc2/quantisation.hpp"
#include "pixel/vc2_tight/quantisation_error.hpp"

using namespace rigor::pixel::vc2_tight;
using namespace rigor::pixel::vc2;

TEST_CASE("quantised_range equals the brute-force extremes") {
    std::mt19937_64 random(5);
    for (int trial = 0; trial < 300; ++trial) {
        const std::int64_t hi = std::uniform_int_distribution<std::int64_t>(0, trial < 200 ? 300 : 40000)(random);
        const std::int64_t lo = -std::uniform_int_distribution<std::int64_t>(0, trial < 200 ? 300 : 40000)(random);
        for (int qi = 0; qi <= smallest_zeroing_quantisation_index(std::max(hi, -lo)) + 1; ++qi) {
            std::int64_t elo = 0, ehi = 0;
            for (std::int64_t c = lo; c <= hi; ++c) {
                const std::int64_t e = inverse_quant(forward_quant(c, qi), qi) - c;
                elo = std::min(elo, e);
                ehi = std::max(ehi, e);
            }
            const QuantisedRange r = quantised_range(lo, hi, qi);
            INFO("[" << lo << ", " << hi << "] at " << qi);
            CHECK(r.error_lo == elo);
            CHECK(r.error_hi == ehi);
            CHECK(r.dequantised_lo == inverse_quant(forward_quant(lo, qi), qi));
            CHECK(r.dequantised_hi == inverse_quant(forward_quant(hi, qi), qi));
        }
    }
}

TEST_CASE("no index dequantises a value beyond maximum_dequantised_magnitude") {
    for (std::int64_t v = 1; v <= 70000; ++v) {
        std::int64_t most = 0;
        for (int qi = 0; qi <= smallest_zeroing_quantisation_index(v); ++qi)
            most = std::max(most, inverse_quant(forward_quant(v, qi), qi));
        if (most != maximum_dequantised_magnitude(v)) FAIL_CHECK(v << ": " << most << " vs " << maximum_dequantised_magnitude(v));
    }
}

TEST_CASE("line_offsets equals the brute-force extremes of 8Q(c) - j c") {
    std::mt19937_64 random(8);
    for (int trial = 0; trial < 150; ++trial) {
        const std::int64_t hi = std::uniform_int_distribution<std::int64_t>(0, trial < 130 ? 300 : 5000)(random);
        const std::int64_t lo = -std::uniform_int_distribution<std::int64_t>(0, trial < 130 ? 300 : 5000)(random);
        for (int qi = 0; qi <= smallest_zeroing_quantisation_index(std::max(hi, -lo)) + 1; ++qi)
            for (int j = 0; j <= 8; ++j) {
                std::int64_t least = 0, most = 0;  // c = 0 gives 0
                for (std::int64_t c = lo; c <= hi; ++c) {
                    const std::int64_t v = 8 * inverse_quant(forward_quant(c, qi), qi) - j * c;
                    least = std::min(least, v);
                    most = std::max(most, v);
                }
                const LineOffsets l = line_offsets(lo, hi, qi, j);
                INFO("[" << lo << ", " << hi << "] at " << qi << ", slope " << j << "/8");
                CHECK(l.lo == least);
                CHECK(l.hi == most);
            }
    }
}
