// The bounds as tight_bounds gives them (pixel/vc2_tight/tight_table.hpp): analysis and
// decoder bounds narrowed by the integer lifts (integer_lift_bounds.hpp) and the decoder's
// per-band choice (decoder_bounds.hpp) — still contain every small picture (brute force,
// exact size, every index), random, saturated and witness pictures from the minimum size
// up; never looser than the unnarrowed bounds; and Haar's arrays exact (the affine model
// alone gives 513 for (1, LL) at 10 bits, beyond the true 511).
#include <catch2/catch.hpp>

#include <random>

#include "brute_force.hpp"
#include "pixel/vc2_tight/tight_table.hpp"

using namespace rigor::pixel::vc2_tight;
using namespace vc2_tight_test;
using rigor::vc2::Coefficients;
using rigor::vc2::SampleArray;
using rigor::vc2::TransformConfig;
namespace vc2 = rigor::pixel::vc2;

namespace {

struct Chain {
    TransformConfig config;
    rigor::vc2::QuantisationMatrix matrix = *rigor::vc2::default_quantisation_matrix(config);
    TightBounds bounds;

    Chain(const TransformConfig& c, const PictureGeometry& geo, IntegerRange range)
        : config(c), bounds(tight_bounds(geo, range, matrix)) {}

    // Analysed, then decoded at every index up to one past the last that changes anything.
    void run(const SampleArray& picture, Observed& analysed, Observed& decoded) const {
        const Coefficients coeffs = vc2::analyse(config, picture, recorder(analysed));
        decode_at_every_index(config, matrix, coeffs, bounds.maximum_quantisation_index + 1, decoded);
    }

    void check(const Observed& analysed, const Observed& decoded) const {
        CHECK(check_contains(bounds.analysis.arrays, analysed).phases > 0);
        if (!bounds.decoder.arrays.empty()) CHECK(check_contains(bounds.decoder.arrays, decoded).phases > 0);
    }
};

}  // namespace

TEST_CASE("narrowed bounds contain every small picture analysed and decoded at every index (brute force)") {
    struct Case {
        TransformConfig config;
        long width, height;
        int bits;
    };
    const Case cases[] = {
        {{3, 3, 1, 0}, 2, 2, 3}, {{4, 4, 1, 0}, 2, 2, 3}, {{3, 3, 2, 0}, 4, 4, 1}, {{4, 4, 0, 2}, 4, 1, 3},
        {{3, 3, 0, 2}, 4, 1, 3}, {{1, 1, 1, 0}, 2, 2, 3}, {{5, 5, 1, 0}, 2, 2, 3}, {{1, 1, 0, 2}, 4, 1, 3},
    };
    for (const Case& k : cases) {
        const TransformConfig& c = k.config;
        INFO("w" << c.wavelet_index << " d" << c.dwt_depth << " D" << c.dwt_depth_ho << " " << k.width << "x"
                 << k.height << " at " << k.bits << " bits");
        const IntegerRange range{-(1 << (k.bits - 1)), (1 << (k.bits - 1)) - 1};
        const Chain chain(c, exact_geometry(c, k.width, k.height), range);
        Observed analysed, decoded;
        for_every_picture(k.width, k.height, range.lower, range.upper,
                          [&](const SampleArray& p) { chain.run(p, analysed, decoded); });
        chain.check(analysed, decoded);
    }
}

TEST_CASE("narrowed bounds hold on random, saturated and witness pictures from the minimum size up") {
    std::mt19937_64 random(12);
    for (const TransformConfig& c : {TransformConfig{3, 3, 2, 0}, TransformConfig{4, 4, 1, 1}, TransformConfig{1, 1, 2, 0},
                                    TransformConfig{3, 1, 1, 1}, TransformConfig{6, 6, 1, 0}}) {
        INFO("w" << c.wavelet_index << " W" << c.wavelet_index_ho << " d" << c.dwt_depth << " D" << c.dwt_depth_ho);
        const PictureGeometry geo = minimum_geometry(c);
        const IntegerRange range{-512, 511};
        const Chain chain(c, geo, range);
        const long bx = 1L << (c.dwt_depth + c.dwt_depth_ho), by = 1L << c.dwt_depth;
        Observed analysed, decoded;
        for (long extra : {0L, 2L})
            for (int i = 0; i < 4; ++i) {
                SampleArray p(geo.width + extra * bx, geo.height + extra * by);
                for (auto& v : p.samples)
                    v = i % 2 ? (random() & 1 ? range.upper : range.lower)
                              : std::uniform_int_distribution<std::int64_t>(range.lower, range.upper)(random);
                chain.run(p, analysed, decoded);
            }
        WitnessOptions o;
        o.moves = 20;
        const Witnesses w = find_witnesses(chain.bounds, chain.matrix, o);
        for (const SampleArray& p : w.pictures) chain.run(p, analysed, decoded);
        chain.check(analysed, decoded);

        // Never looser than the bounds before narrowing.
        const AnalysisBounds wide = analysis_bounds(geo, range);
        const long a = tighter_than(chain.bounds.analysis.arrays, wide.arrays);
        const long d = tighter_than(chain.bounds.decoder.arrays,
                                    decoder_bounds(wide, synthesis_bounds(wide), chain.matrix).arrays);
        WARN(a << " analysis and " << d << " decoder bounds narrowed");
    }
}

TEST_CASE("Haar analysis bounds are exact once every intermediate value is an integer") {
    // Haar without shift, two levels, 10 bits: every low-pass array keeps the picture's
    // range (⌊(a + b + 1)/2⌋ of two values in [−512, 511] is in it), every high-pass one is
    // a difference (of differences) of such values.
    const TransformConfig c{3, 3, 2, 0};
    const rigor::vc2::QuantisationMatrix matrix = *rigor::vc2::default_quantisation_matrix(c);
    const TightBounds b = tight_bounds(minimum_geometry(c), {-512, 511}, matrix);
    struct Expect {
        int level;
        const char* name;
        IntegerRange range;
    };
    for (const Expect& e : {Expect{2, "LL", {-512, 511}}, Expect{1, "LL", {-512, 511}}, Expect{1, "Input", {-512, 511}},
                            Expect{1, "LH", {-1023, 1023}}, Expect{1, "HL", {-1023, 1023}},
                            Expect{1, "HH", {-2046, 2046}}, Expect{2, "HH", {-2046, 2046}}}) {
        INFO("(" << e.level << ", " << e.name << ")");
        const IntegerRange r = b.analysis.find(e.level, e.name).range();
        CHECK(r.lower == e.range.lower);
        CHECK(r.upper == e.range.upper);
    }
    // The affine model alone is beyond it at (1, LL) (two roundings of ½ and one more).
    CHECK(analysis_bounds(minimum_geometry(c), {-512, 511}).find(1, "LL").range().upper == 513);
}
