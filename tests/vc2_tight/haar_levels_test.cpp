// The exact Haar decoder bounds (pixel/vc2_tight/haar_levels.hpp) against the real chain
// picture → analysis → quantisation at every index → synthesis: every picture of one block
// with few bits gives exactly the coarsest level's bounds (brute force), finer levels and
// random 10-bit pictures never exceed them, the tight table's decoder bounds narrowed by them
// are never looser and still hold, and the work cap leaves levels out.
#include <catch2/catch.hpp>

#include <random>

#include "brute_force.hpp"
#include "filters/formats/vc2_wavelet_json.hpp"
#include "pixel/vc2_tight/haar_levels.hpp"
#include "pixel/vc2_tight/tight_table.hpp"

using namespace rigor::pixel::vc2_tight;
using namespace vc2_tight_test;
using rigor::vc2::SampleArray;
using rigor::vc2::TransformConfig;
namespace vc2 = rigor::pixel::vc2;

namespace {

IntegerRange signed_range(int bits) { return {-(1 << (bits - 1)), (1 << (bits - 1)) - 1}; }

struct HaarChain {
    TransformConfig config;
    rigor::vc2::QuantisationMatrix matrix = *rigor::vc2::default_quantisation_matrix(config);
    TightBounds tight;  // its decoder bounds narrowed by `haar`
    HaarLevels haar;

    HaarChain(const TransformConfig& c, IntegerRange range)
        : config(c), tight(tight_bounds(minimum_geometry(c), range, matrix)),
          haar(haar_levels(c, range, matrix, tight.maximum_quantisation_index)) {}

    void decode_all(const SampleArray& picture, Observed& seen) const {
        decode_at_every_index(config, matrix, vc2::analyse(config, picture), tight.maximum_quantisation_index + 1, seen);
    }
};

// Every observed value of the arrays `haar` bounds lies within them; with `exact`, every
// bound of the exact (coarsest) level is also met by some value.  Returns the bounds met.
long compare(const HaarLevels& haar, const Observed& seen, bool exact) {
    long met = 0;
    for (const HaarArrayBound& a : haar.arrays) {
        INFO("(" << a.level << ", " << a.name << ")");
        const std::vector<Extremes> phase = extremes_by_phase(a, seen);
        for (std::size_t k = 0; k < phase.size(); ++k) {
            INFO("phase " << k << ": seen " << phase[k].lo << " … " << phase[k].hi << ", bound " << a.phases[k].lower
                          << " … " << a.phases[k].upper);
            CHECK(phase[k].lo >= a.phases[k].lower);
            CHECK(phase[k].hi <= a.phases[k].upper);
            if (exact && a.exact) {
                CHECK(phase[k].lo == a.phases[k].lower);
                CHECK(phase[k].hi == a.phases[k].upper);
            }
            met += (phase[k].lo == a.phases[k].lower) + (phase[k].hi == a.phases[k].upper);
        }
    }
    return met;
}

}  // namespace

TEST_CASE("Haar levels: every picture of one block gives exactly the coarsest level's bounds (brute force)") {
    struct Case {
        TransformConfig config;
        long width, height;
        int bits;
    };
    // One block: 2×2 (one 2-D level), 2×1 (one horizontal-only level); two levels (4×4,
    // 4×2) with one bit, where the finer level is a superset.
    const Case cases[] = {
        {{4, 4, 1, 0}, 2, 2, 3}, {{3, 3, 1, 0}, 2, 2, 3}, {{4, 4, 0, 1}, 2, 1, 5}, {{3, 3, 0, 1}, 2, 1, 5},
        {{4, 4, 2, 0}, 4, 4, 1}, {{3, 3, 1, 1}, 4, 2, 2}, {{4, 4, 0, 2}, 4, 1, 3},
    };
    for (const Case& k : cases) {
        const TransformConfig& c = k.config;
        INFO("w" << c.wavelet_index << " d" << c.dwt_depth << " D" << c.dwt_depth_ho << " " << k.width << "x"
                 << k.height << " at " << k.bits << " bits");
        const IntegerRange range = signed_range(k.bits);
        const HaarChain chain(c, range);
        REQUIRE(chain.haar.levels == c.dwt_depth + c.dwt_depth_ho);
        Observed seen;
        for_every_picture(k.width, k.height, range.lower, range.upper,
                          [&](const SampleArray& p) { chain.decode_all(p, seen); });
        const long met = compare(chain.haar, seen, true);
        WARN(met << " Haar bounds met by some picture");
        check_contains(chain.tight.decoder.arrays, seen);  // the narrowed tight bounds still hold
    }
}

TEST_CASE("Haar levels: random and saturated 8-bit pictures never exceed them, and are never looser than the decoder bounds") {
    std::mt19937_64 random(12);
    for (const TransformConfig& c : {TransformConfig{4, 4, 1, 0}, TransformConfig{3, 3, 1, 0}, TransformConfig{4, 4, 2, 0},
                                    TransformConfig{3, 3, 0, 1}}) {
        INFO("w" << c.wavelet_index << " d" << c.dwt_depth << " D" << c.dwt_depth_ho);
        const IntegerRange range = signed_range(8);
        const HaarChain chain(c, range);
        Observed seen;
        const PictureGeometry geo = minimum_geometry(c);
        for (int i = 0; i < 6; ++i) {
            SampleArray p(geo.width, geo.height);
            for (auto& v : p.samples)
                v = i % 2 ? (random() & 1 ? range.upper : range.lower)
                          : std::uniform_int_distribution<std::int64_t>(range.lower, range.upper)(random);
            chain.decode_all(p, seen);
        }
        compare(chain.haar, seen, false);
        check_contains(chain.tight.decoder.arrays, seen);
        // The table's decoder bounds without the Haar narrowing: never tighter than with it,
        // and strictly looser somewhere (else the narrowing did nothing).
        const DecoderBounds plain = decoder_bounds(chain.tight.analysis, chain.tight.synthesis, chain.matrix);
        std::vector<ArrayBound> narrowed = plain.arrays;
        narrow_by_haar_levels(chain.haar, narrowed);
        CHECK(tighter_than(narrowed, plain.arrays) > 0);
    }
}

TEST_CASE("Haar levels: only Haar in both directions, and the work cap leaves levels out") {
    const IntegerRange range = signed_range(10);
    CHECK_FALSE(haar_levels_apply({1, 1, 1, 0}));
    CHECK_FALSE(haar_levels_apply({3, 1, 1, 0}));
    CHECK_FALSE(haar_levels_apply({4, 4, 0, 0}));
    CHECK(haar_levels_apply({4, 4, 1, 1}));
    const TransformConfig c{4, 4, 2, 0};
    const auto matrix = *rigor::vc2::default_quantisation_matrix(c);
    const HaarLevels none = haar_levels(c, range, matrix, 60, 1, 1000);
    CHECK(none.levels == 0);
    CHECK(none.arrays.empty());
    const HaarLevels all = haar_levels(c, signed_range(3), matrix, 30);
    CHECK(all.levels == 2);
    CHECK(all.arrays.size() == 28);
    CHECK(all.work > 0);
    CHECK(haar_levels(c, signed_range(3), matrix, 30, 1, all.work - 1).levels == 1);
}

TEST_CASE("Haar levels: a wavelet file holding Haar gives its index's bounds") {
    // Read as a file and held as a custom wavelet (as one of another name would be).
    rigor::vc2::Wavelet w = rigor::formats::read_wavelet_file(std::string(RIGOR_DATA_DIR) + "/vc2/wavelets/haar_with_shift.json");
    w.index = rigor::vc2::kCustomWavelet;
    w.name = "my_haar";
    TransformConfig c{rigor::vc2::kCustomWavelet, rigor::vc2::kCustomWavelet, 1, 0};
    c.custom_wavelet = w;
    c.custom_wavelet_ho = w;
    REQUIRE(haar_levels_apply(c));
    const TransformConfig by_index{4, 4, 1, 0};
    const auto matrix = *rigor::vc2::default_quantisation_matrix(by_index);
    const HaarLevels file = haar_levels(c, signed_range(3), matrix, 30), index = haar_levels(by_index, signed_range(3), matrix, 30);
    REQUIRE(file.arrays.size() == index.arrays.size());
    for (std::size_t i = 0; i < file.arrays.size(); ++i)
        for (std::size_t k = 0; k < file.arrays[i].phases.size(); ++k) {
            CHECK(file.arrays[i].phases[k].lower == index.arrays[i].phases[k].lower);
            CHECK(file.arrays[i].phases[k].upper == index.arrays[i].phases[k].upper);
        }
}

TEST_CASE("Haar levels: each exact bound's block, made into a picture and coded at its index, reaches it exactly") {
    // 10 bits, as the table: Haar (index 3) depth 1 reaches DC and Output −1152 (the linear
    // witnesses stopped at −768); two levels and horizontal-only levels realise the coarsest
    // level's inputs through the finer ones.
    struct Case {
        TransformConfig config;
        int bits;
    };
    const Case cases[] = {{{3, 3, 1, 0}, 10}, {{4, 4, 1, 0}, 10}, {{3, 3, 0, 1}, 10},
                          {{4, 4, 2, 0}, 6},  {{3, 3, 1, 1}, 6},  {{4, 4, 0, 2}, 6}};
    for (const Case& k : cases) {
        const TransformConfig& c = k.config;
        INFO("w" << c.wavelet_index << " d" << c.dwt_depth << " D" << c.dwt_depth_ho << " at " << k.bits << " bits");
        const IntegerRange range = signed_range(k.bits);
        const HaarChain chain(c, range);
        const PictureGeometry geo = minimum_geometry(c);
        long reached = 0;
        for (const HaarArrayBound& a : chain.haar.arrays) {
            if (!a.exact) continue;
            REQUIRE(a.lowest.size() == a.phases.size());
            REQUIRE(a.highest.size() == a.phases.size());
            for (std::size_t p = 0; p < a.phases.size(); ++p)
                for (bool high : {false, true}) {
                    const HaarBlock& b = high ? a.highest[p] : a.lowest[p];
                    const std::int64_t bound = high ? a.phases[p].upper : a.phases[p].lower;
                    INFO("(" << a.level << ", " << a.name << ") phase " << p << (high ? " highest " : " lowest ") << bound
                             << " at qi " << b.qi);
                    REQUIRE(b.qi >= 0);
                    const SampleArray picture = haar_block_picture(c, range, b, geo.width, geo.height);
                    const auto [lo, hi] = std::minmax_element(picture.samples.begin(), picture.samples.end());
                    REQUIRE(*lo >= range.lower);
                    REQUIRE(*hi <= range.upper);
                    rigor::vc2::Coefficients q = vc2::analyse(c, picture);
                    rigor::pixel::vc2_bit_widths::quantise_in_place(q, chain.matrix, b.qi);
                    Observed seen;
                    vc2::synthesise(c, q, recorder(seen));
                    const Extremes e = extremes_by_phase(a, seen)[p];
                    CHECK((high ? e.hi : e.lo) == bound);
                    ++reached;
                }
        }
        CHECK(reached > 0);
        if (c == TransformConfig{3, 3, 1, 0}) {
            const auto dc = std::find_if(chain.haar.arrays.begin(), chain.haar.arrays.end(),
                                         [](const HaarArrayBound& a) { return a.name == "DC"; });
            REQUIRE(dc != chain.haar.arrays.end());
            CHECK(std::min_element(dc->phases.begin(), dc->phases.end(), [](auto& x, auto& y) { return x.lower < y.lower; })
                      ->lower == -1152);
        }
    }
}
