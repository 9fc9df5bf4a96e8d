// The tight decoder bounds (pixel/vc2_tight/decoder_bounds.hpp) against the real chain
// picture → analysis → quantisation at every index (per band qi − matrix value) →
// synthesis: every small picture (brute force, exact size), random and saturated pictures
// from the minimum size up; never looser than the reference's model made edge-inclusive;
// and the perfect-reconstruction identity the bounds rest on, Σ_b U_b = D, entry by entry.
#include <catch2/catch.hpp>

#include <map>
#include <random>

#include "brute_force.hpp"
#include "pixel/vc2_tight/coupled_bands.hpp"
#include "pixel/vc2_tight/decoder_bounds.hpp"

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
    AnalysisBounds analysis;
    SynthesisBounds model;
    DecoderBounds tight;

    Chain(const TransformConfig& c, const PictureGeometry& geo, IntegerRange range)
        : config(c), analysis(analysis_bounds(geo, range)), model(synthesis_bounds(analysis)),
          tight(decoder_bounds(analysis, model, matrix)) {}

    // The picture decoded at every index up to one past the last that changes anything.
    void decode_all(const SampleArray& picture, Observed& seen) const {
        decode_at_every_index(config, matrix, vc2::analyse(config, picture), tight.maximum_quantisation_index + 1, seen);
    }

    // Row by row never looser than the edge-inclusive reference model; counts tighter bounds.
    long tighter_than_model() const { return tighter_than(tight.arrays, model.arrays); }
};

}  // namespace

TEST_CASE("tight decoder bounds contain every small picture decoded at every index (brute force)") {
    struct Case {
        TransformConfig config;
        long width, height;
        int bits;
    };
    const Case cases[] = {
        {{1, 1, 1, 0}, 2, 2, 3}, {{4, 4, 1, 0}, 2, 2, 3}, {{3, 3, 1, 0}, 2, 2, 3}, {{5, 5, 1, 0}, 2, 2, 3},
        {{6, 6, 1, 0}, 2, 2, 3}, {{0, 0, 1, 0}, 2, 2, 3}, {{1, 1, 2, 0}, 4, 4, 1}, {{1, 1, 0, 2}, 4, 1, 3},
    };
    for (const Case& k : cases) {
        const TransformConfig& c = k.config;
        INFO("w" << c.wavelet_index << " d" << c.dwt_depth << " D" << c.dwt_depth_ho << " " << k.width << "x"
                 << k.height << " at " << k.bits << " bits");
        const IntegerRange range{-(1 << (k.bits - 1)), (1 << (k.bits - 1)) - 1};
        const Chain chain(c, exact_geometry(c, k.width, k.height), range);
        Observed seen;
        for_every_picture(k.width, k.height, range.lower, range.upper,
                          [&](const SampleArray& p) { chain.decode_all(p, seen); });
        CHECK(check_contains(chain.tight.arrays, seen).phases > 0);
        chain.tighter_than_model();
    }
}

TEST_CASE("tight decoder bounds hold on random and saturated pictures from the minimum size up") {
    std::mt19937_64 random(21);
    for (const TransformConfig& c : {TransformConfig{1, 1, 2, 0}, TransformConfig{5, 5, 1, 0}, TransformConfig{6, 6, 1, 1},
                                    TransformConfig{0, 0, 1, 0}}) {
        INFO("w" << c.wavelet_index << " d" << c.dwt_depth << " D" << c.dwt_depth_ho);
        const PictureGeometry geo = minimum_geometry(c);
        const IntegerRange range{-512, 511};
        const Chain chain(c, geo, range);
        const long bx = 1L << (c.dwt_depth + c.dwt_depth_ho), by = 1L << c.dwt_depth;
        Observed seen;
        for (long extra : {0L, 2L})
            for (int i = 0; i < 2; ++i) {
                SampleArray p(geo.width + extra * bx, geo.height + extra * by);
                for (auto& v : p.samples)
                    v = i % 2 ? (random() & 1 ? range.upper : range.lower)
                              : std::uniform_int_distribution<std::int64_t>(range.lower, range.upper)(random);
                chain.decode_all(p, seen);
            }
        check_contains(chain.tight.arrays, seen);
        const long tighter = chain.tighter_than_model();
        WARN(tighter << " bounds tighter than the edge-inclusive reference model");
    }
}

// D = Σ_b U_b: the synthesis gains of every band pushed back through the analysis to the
// pixels sum to the mirror analysis array's pixel gains, at edge and interior classes.
TEST_CASE("perfect reconstruction: the bands' pixel weights sum to the mirror array's") {
    for (const TransformConfig& c : {TransformConfig{1, 1, 2, 0}, TransformConfig{5, 5, 1, 0}, TransformConfig{6, 6, 1, 1}}) {
        INFO("w" << c.wavelet_index << " d" << c.dwt_depth << " D" << c.dwt_depth_ho);
        const PictureGeometry geo = minimum_geometry(c);
        long pair = 0;  // every 5th class pair (edge classes come first on each line)
        const auto ag = rigor::vc2::analysis_graph(c), sg = rigor::vc2::synthesis_graph(c);
        const ArrayShapes shapes = array_shapes(sg, vc2::synthesis_regions(c));
        long checked = 0;
        for (std::size_t i = 0; i < sg.arrays.size(); ++i) {
            const auto& a = sg.arrays[i];
            const auto* m = ag.find(a.mirror_level, a.mirror_name);
            REQUIRE(m);
            for (const AxisClass& cx : axis_classes(shapes.x[i], geo.width))
                for (const AxisClass& cy : axis_classes(shapes.y[i], geo.height)) {
                    if (pair++ % 5 != 0) continue;
                    const ClassResponse rx = class_response(sg.ax, a.x, cx, {geo.width});
                    const ClassResponse ry = class_response(sg.ay, a.y, cy, {geo.height});
                    // Σ_b ux_b[p]·uy_b[q] as exact dyadics, by pixel.
                    std::map<std::pair<long, long>, Dyadic> sum;
                    for (const auto& band : sg.bands) {
                        const auto ab = std::find_if(ag.bands.begin(), ag.bands.end(), [&](const auto& x) {
                            return x.level == band.level && x.orient == band.orient;
                        });
                        REQUIRE(ab != ag.bands.end());
                        auto push = [&](const rigor::vc2::AxisNetwork& net, int from, int input, const ClassResponse& r,
                                        int src, long extent, int& bits) {
                            const int extra = fraction_bits(net);
                            bits = r.fraction_bits + extra;
                            std::vector<FixedPolynomial> g(net.nodes.size());
                            r.gain(src).for_each_nonzero([&](long k, const mpz_class& v) {
                                g[static_cast<std::size_t>(from)].add(k, mpz_class(v << static_cast<mp_bitcnt_t>(extra)));
                            });
                            rigor::vc2::propagate_back(net, g, from, {extent});
                            return g[static_cast<std::size_t>(input)];
                        };
                        int bx = 0, by = 0;
                        const FixedPolynomial ux = push(ag.ax, ab->x, ag.input_x, rx, band.x, geo.width, bx);
                        const FixedPolynomial uy = push(ag.ay, ab->y, ag.input_y, ry, band.y, geo.height, by);
                        ux.for_each_nonzero([&](long p, const mpz_class& u) {
                            uy.for_each_nonzero([&](long q, const mpz_class& v) {
                                sum[{p, q}] += Dyadic(mpz_class(u * v), bx + by);
                            });
                        });
                    }
                    const ClassResponse mx = class_response(ag.ax, m->x, cx, {geo.width});
                    const ClassResponse my = class_response(ag.ay, m->y, cy, {geo.height});
                    std::map<std::pair<long, long>, Dyadic> mirror;
                    mx.gain(ag.input_x).for_each_nonzero([&](long p, const mpz_class& u) {
                        my.gain(ag.input_y).for_each_nonzero([&](long q, const mpz_class& v) {
                            mirror[{p, q}] = Dyadic(mpz_class(u * v), mx.fraction_bits + my.fraction_bits);
                        });
                    });
                    std::erase_if(sum, [](const auto& e) { return e.second == Dyadic(0); });
                    INFO("(" << a.level << ", " << a.name << ") at " << cx.position << ", " << cy.position);
                    CHECK(sum == mirror);
                    ++checked;
                }
        }
        CHECK(checked > 0);
    }
}

// The coupled bound's linear part (coupled_bands.hpp): the extreme of (Σ_b α_b·ux_b ⊗ uy_b)·x
// over the picture box equals the brute-force extreme over the box's vertices, exactly
// and in doubles; the slope descent never ends worse than it starts.
TEST_CASE("coupled bands: the summed weight map's extreme equals brute force over the box") {
    auto poly = [](long first, std::initializer_list<long> taps) {
        FixedPolynomial p;
        long k = first;
        for (long t : taps) p.add(k++, mpz_class(t));
        return p;
    };
    // Two bands with opposite signs on shared pixels (fixed point: 1 and 2 fraction bits).
    const FixedPolynomial ux0 = poly(0, {1, 2, 1}), uy0 = poly(0, {3, 1});
    const FixedPolynomial ux1 = poly(1, {-2, 3}), uy1 = poly(-1, {1, -4, 2});
    const CoupledMaps maps({&ux0, &ux1}, {&uy0, &uy1}, 1, 2);
    const long lo = -4, hi = 3;
    for (std::size_t s0 = 0; s0 < kCoupledSlopes; ++s0)
        for (std::size_t s1 = 0; s1 < kCoupledSlopes; ++s1) {
            const std::vector<std::size_t> slopes{s0, s1}, live{0, 1};
            // The weights by pixel, exactly: Σ_b (j_b/8)·ux_b(i)·uy_b(j)·2^−3.
            std::map<std::pair<long, long>, Dyadic> v;
            const FixedPolynomial* ux[] = {&ux0, &ux1};
            const FixedPolynomial* uy[] = {&uy0, &uy1};
            for (std::size_t b = 0; b < 2; ++b)
                for (long i = ux[b]->lowest(); i <= ux[b]->highest(); ++i)
                    for (long j = uy[b]->lowest(); j <= uy[b]->highest(); ++j)
                        v[{i, j}] += Dyadic(mpz_class(kLineSlopeEighths[slopes[b]]) * (*ux[b])[i] * (*uy[b])[j], 3 + 3);
            std::vector<Dyadic> w;
            for (const auto& [pixel, weight] : v) w.push_back(weight);
            REQUIRE(w.size() <= 16);
            Dyadic best_hi(0), best_lo(0);
            for (unsigned mask = 0; mask < (1u << w.size()); ++mask) {
                Dyadic t(0);
                for (std::size_t k = 0; k < w.size(); ++k) t += w[k] * Dyadic(mask >> k & 1 ? hi : lo);
                if (mask == 0 || t > best_hi) best_hi = t;
                if (mask == 0 || t < best_lo) best_lo = t;
            }
            INFO("slopes " << s0 << " " << s1);
            CHECK(maps.extreme<Dyadic>(live, slopes, Dyadic(lo), Dyadic(hi), 1) == best_hi);
            CHECK(maps.extreme<Dyadic>(live, slopes, Dyadic(lo), Dyadic(hi), -1) == best_lo);
            CHECK(maps.extreme<double>(live, slopes, lo, hi, 1) == Approx(best_hi.to_double()));
            CHECK(maps.extreme<double>(live, slopes, lo, hi, -1) == Approx(best_lo.to_double()));
        }
    // The descent from slopes (4, 0) with terms favouring slope 2 for band 1.
    const std::vector<std::array<double, kCoupledSlopes>> rest{{5, 4, 3, 2, 1}, {9, 0, 0.5, 7, 8}};
    const std::vector<std::size_t> start{4, 0}, live{0, 1};
    auto objective = [&](const std::vector<std::size_t>& s) {
        return maps.extreme<double>(live, s, lo, hi, 1) + rest[0][s[0]] + rest[1][s[1]];
    };
    const std::vector<std::size_t> chosen = maps.choose(live, rest, start, lo, hi, 1);
    CHECK(objective(chosen) < objective(start));
}

// The coupled bound against each band's line alone (couple_bands = false): never looser,
// tighter somewhere on LeGall depth 2 (its decoded Output: ±8567 alone at 10 bits), and
// still containing random and saturated pictures.
TEST_CASE("coupled decoder bounds: never looser than the bands' lines alone, and sound") {
    std::mt19937_64 random(33);
    const TransformConfig c{1, 1, 2, 0};
    const PictureGeometry geo = minimum_geometry(c);
    const IntegerRange range{-512, 511};
    const Chain chain(c, geo, range);
    const DecoderBounds alone = decoder_bounds(chain.analysis, chain.model, chain.matrix, 1, false);
    CHECK(tighter_than(chain.tight.arrays, alone.arrays) > 0);
    CHECK(alone.find(2, "Output").range().upper == 8567);
    CHECK(chain.tight.find(2, "Output").range().upper < 8567);
    Observed seen;
    for (int i = 0; i < 4; ++i) {
        SampleArray p(geo.width, geo.height);
        for (auto& v : p.samples)
            v = i % 2 ? (random() & 1 ? range.upper : range.lower)
                      : std::uniform_int_distribution<std::int64_t>(range.lower, range.upper)(random);
        chain.decode_all(p, seen);
    }
    check_contains(chain.tight.arrays, seen);
}
