// The lifting loop with its interior fast path (pixel/vc2/lifting.hpp) against the plain
// loop that clamps every tap by the spec's edge rule: equal on every line length from the
// shortest, where every sample is near an edge, to lines with a long interior.
#include <catch2/catch.hpp>

#include <random>

#include "filters/vc2/wavelet.hpp"
#include "pixel/vc2/lifting.hpp"
#include "tests/support/random_wavelet.hpp"

namespace vc2 = rigor::vc2;
namespace pixel = rigor::pixel::vc2;

namespace {

// Every length 2…48 and strides 1 and 3 for one stage; the number of lines compared.
int compare_on_every_length(const vc2::LiftingStage& stage, std::mt19937& rng) {
    std::uniform_int_distribution<std::int64_t> sample(-(1 << 20), 1 << 20);
    int lines = 0;
    for (long n = 2; n <= 48; n += 2)
        for (long stride : {1L, 3L}) {
            std::vector<std::int64_t> fast(static_cast<std::size_t>(n * stride));
            for (auto& s : fast) s = sample(rng);
            std::vector<std::int64_t> reference = fast;
            pixel::lift_line(fast.data(), n, stride, stage);
            pixel::lift_line_reference(reference.data(), n, stride, stage);
            REQUIRE(fast == reference);
            ++lines;
        }
    return lines;
}

// lift_lines on `count` columns of an n-row array against the plain loop on each column.
int compare_columns_on_every_length(const vc2::LiftingStage& stage, std::mt19937& rng) {
    std::uniform_int_distribution<std::int64_t> sample(-(1 << 20), 1 << 20);
    int columns = 0;
    for (long n = 2; n <= 48; n += 2)
        for (long count : {1L, 3L, 8L}) {
            std::vector<std::int64_t> together(static_cast<std::size_t>(n * count));
            for (auto& s : together) s = sample(rng);
            std::vector<std::int64_t> reference = together;
            pixel::lift_lines(together.data(), n, count, count, stage);
            for (long x = 0; x < count; ++x) pixel::lift_line_reference(reference.data() + x, n, count, stage);
            REQUIRE(together == reference);
            columns += static_cast<int>(count);
        }
    return columns;
}

// Runs compare(stage, rng) on every stage of the seven wavelets and their inverses and of
// 100 random wavelets; returns the sum of what it counted.
template <class Compare>
int over_every_stage(std::mt19937& rng, Compare compare) {
    int counted = 0;
    for (int index = 0; index <= 6; ++index) {
        const vc2::Wavelet& w = vc2::wavelet(index);
        for (const vc2::LiftingStage& s : w.synthesis_stages) counted += compare(s, rng);
        for (const vc2::LiftingStage& s : w.synthesis_stages) counted += compare(s.inverse(), rng);
    }
    for (int trial = 0; trial < 100; ++trial) {
        const vc2::Wavelet w = rigor::test::random_wavelet(rng);
        for (const vc2::LiftingStage& s : w.synthesis_stages) counted += compare(s, rng);
    }
    return counted;
}

}  // namespace

TEST_CASE("lifting with the interior fast path equals the plain edge-rule loop", "[vc2][lifting]") {
    std::mt19937 rng(12);
    const int lines = over_every_stage(rng, compare_on_every_length);
    CHECK(lines > 7 * 2 * 48);
}

TEST_CASE("lifting every column at once equals the plain edge-rule loop on each", "[vc2][lifting]") {
    std::mt19937 rng(13);
    const int columns = over_every_stage(rng, compare_columns_on_every_length);
    CHECK(columns > 7 * 2 * 24 * 12);
}
