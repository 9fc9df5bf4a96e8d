// The fused kernels: hand cases, and agreement with a straightforward per-pixel
// implementation written here independently (windows summed directly, double).
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "filters/base/error.hpp"
#include "filters/regress/border.hpp"
#include "filters/regress/model.hpp"
#include "filters/regress/weights.hpp"
#include "pixel/regress/fused.hpp"
#include "pixel/regress/reference_way.hpp"
#include "planes.hpp"

using namespace rigor::regress;
using namespace rigor::pixel::regress;
using rigor::pixel::Plane;
using namespace rigor::pixel::regress::test;

namespace {

// Half-sample mirror written out, independently of filters/regress/border.hpp.
int mirror(int i, int n) {
    while (i < 0 || i >= n) i = i < 0 ? -i - 1 : 2 * n - 1 - i;
    return i;
}

struct Naive {
    double slope, intercept, correlation;
};

Naive naive_regression(const Plane& x, const Plane& y, int px, int py, int r, double w, double eps, double icpt) {
    double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
    const int n = (2 * r + 1) * (2 * r + 1);
    for (int dy = -r; dy <= r; ++dy)
        for (int dx = -r; dx <= r; ++dx) {
            const int qx = mirror(px + dx, x.width()), qy = mirror(py + dy, x.height());
            const double a = at(x, qx, qy), b = at(y, qx, qy);
            sx += a, sy += b, sxx += a * a, syy += b * b, sxy += a * b;
        }
    const double mx = sx / n, my = sy / n;
    const double vx = std::max(sxx / n - mx * mx, 0.0), vy = std::max(syy / n - my * my, 0.0);
    const double cov = sxy / n - mx * my;
    const double slope = cov / (vx + eps);
    const double rho = std::sqrt(cov * cov / (vx * vy + eps));
    return {slope, icpt != 0 ? (my - slope * mx) / icpt : 0.0, w == 1 ? rho : std::max((rho - (1 - w)) / w, 0.0)};
}

}  // namespace

TEST_CASE("y = 2x + 1 gives slope 2 where the variance is not tiny", "[fused][hand]") {
    const Plane x = random_plane(23, 17, 11, 0.0, 1.0);
    const Plane y = plane_from(23, 17, [&](int i, int j) { return 2.0 * at(x, i, j) + 1.0; });
    RegressParams p;
    p.intercept = 1;
    const RegressionPlanes r = regress_fused(x, y, p);
    for (int j = 0; j < 17; ++j)
        for (int i = 0; i < 23; ++i) {
            INFO("pixel " << i << "," << j);
            CHECK(at(r.slope, i, j) == Approx(2.0).epsilon(1e-4));
            CHECK(at(r.intercept, i, j) == Approx(1.0).epsilon(1e-3));
        }
}

TEST_CASE("y = -3x gives slope -3 and correlation 1 (alpha 1)", "[fused][hand]") {
    const Plane x = random_plane(20, 12, 12, 0.0, 1.0);
    const Plane y = plane_from(20, 12, [&](int i, int j) { return -3.0 * at(x, i, j); });
    RegressParams p;
    p.alpha = 1;
    const RegressionPlanes r = regress_fused(x, y, p);
    CHECK(r.weight == 1.0);
    for (int j = 0; j < 12; ++j)
        for (int i = 0; i < 20; ++i) {
            CHECK(at(r.slope, i, j) == Approx(-3.0).epsilon(1e-4));
            CHECK(at(r.correlation, i, j) == Approx(1.0).epsilon(1e-4));
        }
}

TEST_CASE("intercept 2 is half of intercept 1", "[fused][hand]") {
    const Plane x = random_plane(16, 16, 13, 0.0, 1.0), y = random_plane(16, 16, 14, -0.5, 0.5);
    RegressParams p1, p2;
    p1.intercept = 1;
    p2.intercept = 2;
    const auto r1 = regress_fused(x, y, p1), r2 = regress_fused(x, y, p2);
    for (int j = 0; j < 16; ++j)
        for (int i = 0; i < 16; ++i) CHECK(at(r2.intercept, i, j) == Approx(at(r1.intercept, i, j) / 2).margin(1e-7));
}

TEST_CASE("flat areas give slope 0 and correlation 0", "[fused][hand]") {
    const Plane x = plane_from(12, 9, [](int, int) { return 0.25; });
    const Plane y = random_plane(12, 9, 15, -0.5, 0.5);
    const auto r = regress_fused(x, y, RegressParams{});
    for (int j = 0; j < 9; ++j)
        for (int i = 0; i < 12; ++i) {
            CHECK(at(r.slope, i, j) == Approx(0.0).margin(1e-6));
            CHECK(at(r.correlation, i, j) == 0.0f);
        }
}

TEST_CASE("fused regression and reconstruct equal a straightforward implementation", "[fused][random]") {
    const std::uint32_t seed = 20240601;
    INFO("seed " << seed);
    for (int radius : {1, 2, 4}) {
        const int w = 37, h = 29;
        const Plane x = random_plane(w, h, seed + radius, 0.0, 1.0);
        const Plane noise = random_plane(w, h, seed + 100 + radius, -0.1, 0.1);
        const Plane y = plane_from(w, h, [&](int i, int j) { return 0.4 * at(x, i, j) - 0.2 + at(noise, i, j); });
        RegressParams p;  // the straightforward sums below mirror (the default, vszip: test_borders)
        p.radius = radius;
        p.intercept = 1;
        p.border = BorderMode::mirror;
        p.weight_method = radius == 2 ? WeightMethod::fisher : WeightMethod::threshold;
        const double wt = reliability_weight(radius, p.alpha, p.weight_method);
        const auto fused = regress_fused(x, y, p, 2);
        for (int j = 0; j < h; ++j)
            for (int i = 0; i < w; ++i) {
                const Naive n = naive_regression(x, y, i, j, radius, wt, p.eps, p.intercept);
                INFO("radius " << radius << " pixel " << i << "," << j);
                CHECK(at(fused.slope, i, j) == Approx(n.slope).margin(1e-5));
                CHECK(at(fused.intercept, i, j) == Approx(n.intercept).margin(1e-5));
                CHECK(at(fused.correlation, i, j) == Approx(n.correlation).margin(1e-5));
            }
        // reconstruct: (x·M[a·c] + M[b·c]) / (M[c] + eps), summed directly.
        ReconstructParams rp;
        rp.radius = radius;
        rp.border = BorderMode::mirror;
        const Plane out = reconstruct_fused(x, fused.slope, fused.correlation, &fused.intercept, rp, 2);
        const int n = (2 * radius + 1) * (2 * radius + 1);
        for (int j = 0; j < h; ++j)
            for (int i = 0; i < w; ++i) {
                double mac = 0, mbc = 0, mc = 0;
                for (int dy = -radius; dy <= radius; ++dy)
                    for (int dx = -radius; dx <= radius; ++dx) {
                        const int qx = mirror(i + dx, w), qy = mirror(j + dy, h);
                        const double c = at(fused.correlation, qx, qy);
                        mac += at(fused.slope, qx, qy) * c, mbc += at(fused.intercept, qx, qy) * c, mc += c;
                    }
                const double expect = (at(x, i, j) * mac / n + mbc / n) / (mc / n + rp.eps);
                INFO("reconstruct radius " << radius << " pixel " << i << "," << j);
                CHECK(at(out, i, j) == Approx(expect).margin(1e-5));
            }
    }
}

TEST_CASE("the reference way (one pass per step, float32) agrees with the fused path", "[fused][reference]") {
    const int w = 64, h = 48;
    const Plane x = random_plane(w, h, 77, 0.0, 1.0);
    const Plane y = plane_from(w, h, [&](int i, int j) { return 0.3 * at(x, i, j) - 0.1 + 0.05 * std::sin(i * 0.3 + j); });
    RegressParams p;
    p.radius = 2;
    const double wt = reliability_weight(p.radius, p.alpha, p.weight_method);
    NamedPlanes in;
    in.emplace("x", Plane(x));
    in.emplace("y", Plane(y));
    const auto ref = run_reference_way(regression_model(p, wt), in, p.border);
    const auto fused = regress_fused(x, y, p);
    ReconstructParams rp;
    NamedPlanes rin;
    rin.emplace("x", Plane(x));
    rin.emplace("slope", Plane(ref.at("slope")));
    rin.emplace("correlation", Plane(ref.at("correlation")));
    const auto ref_out = run_reference_way(reconstruct_model(rp, false), rin, rp.border);
    const Plane fused_out = reconstruct_fused(x, fused.slope, fused.correlation, nullptr, rp);
    for (int j = 0; j < h; ++j)
        for (int i = 0; i < w; ++i) {
            INFO("pixel " << i << "," << j);
            CHECK(at(ref.at("slope"), i, j) == Approx(at(fused.slope, i, j)).margin(2e-3));
            CHECK(at(ref.at("correlation"), i, j) == Approx(at(fused.correlation, i, j)).margin(2e-3));
            CHECK(at(ref_out.at("reconstructed"), i, j) == Approx(at(fused_out, i, j)).margin(2e-3));
        }
}

TEST_CASE("bad input is refused with a clear error", "[fused][errors]") {
    const Plane x = random_plane(8, 8, 1, 0, 1), y = random_plane(9, 8, 2, 0, 1);
    RegressParams p;
    CHECK_THROWS_WITH(regress_fused(x, y, p), Catch::Contains("different sizes"));
    p.radius = 0;
    CHECK_THROWS_WITH(regress_fused(x, x, p), Catch::Contains("radius"));
    p.radius = 1;
    p.alpha = 0;
    CHECK_THROWS_WITH(regress_fused(x, x, p), Catch::Contains("alpha"));
    CHECK_THROWS_WITH(parse_weight_method("median"), Catch::Contains("unknown weight method 'median'"));
    CHECK_THROWS_WITH(regress_fused(Plane(8, 8, 1), x, RegressParams{}), Catch::Contains("float"));
}

TEST_CASE("border modes map indices as documented", "[border]") {
    CHECK(border_index(-1, 5, BorderMode::mirror) == 0);
    CHECK(border_index(-2, 5, BorderMode::mirror) == 1);
    CHECK(border_index(5, 5, BorderMode::mirror) == 4);
    CHECK(border_index(-1, 5, BorderMode::reflect) == 1);
    CHECK(border_index(6, 5, BorderMode::reflect) == 2);
    CHECK(border_index(-3, 5, BorderMode::clamp) == 0);
    CHECK(border_index(-7, 3, BorderMode::mirror) == mirror(-7, 3));
}

TEST_CASE("results do not depend on the thread count (restart blocks)", "[fused][threads]") {
    const int w = 70, h = 203;  // several 64-row restart blocks and a partial one
    const Plane x = random_plane(w, h, 901, 0.0, 1.0), y = random_plane(w, h, 902, -0.5, 0.5);
    for (int radius : {1, 4}) {
        RegressParams p;
        p.radius = radius;
        p.intercept = 1;
        ReconstructParams rp;
        rp.radius = radius;
        const auto one = regress_fused(x, y, p, 1);
        const Plane out_one = reconstruct_fused(x, one.slope, one.correlation, &one.intercept, rp, 1);
        for (int threads : {2, 3, 7}) {
            const auto many = regress_fused(x, y, p, threads);
            const Plane out_many = reconstruct_fused(x, many.slope, many.correlation, &many.intercept, rp, threads);
            const Plane box_one = box_mean(x, radius, BorderMode::mirror, 1);
            const Plane box_many = box_mean(x, radius, BorderMode::mirror, threads);
            INFO("radius " << radius << ", " << threads << " threads");
            for (int j = 0; j < h; ++j)
                for (int i = 0; i < w; ++i) {
                    REQUIRE(at(many.slope, i, j) == at(one.slope, i, j));
                    REQUIRE(at(many.intercept, i, j) == at(one.intercept, i, j));
                    REQUIRE(at(many.correlation, i, j) == at(one.correlation, i, j));
                    REQUIRE(at(out_many, i, j) == at(out_one, i, j));
                    REQUIRE(at(box_many, i, j) == at(box_one, i, j));
                }
        }
    }
}

TEST_CASE("the one-sweep regression + reconstruct equals the two calls", "[fused][sweep]") {
    const int w = 53, h = 150;  // three restart blocks, the last partial
    const Plane x = random_plane(w, h, 31, 0.0, 1.0), noise = random_plane(w, h, 32, -0.05, 0.05);
    const Plane y = plane_from(w, h, [&](int i, int j) { return 0.5 * at(x, i, j) - 0.2 + at(noise, i, j); });
    const Plane detail = random_plane(w, h, 33, -0.1, 0.1);
    for (int radius : {1, 4})
        for (double intercept : {0.0, 1.0})
            for (int recon_radius : {0, 2, 4}) {
                RegressParams p;
                p.radius = radius;
                p.intercept = intercept;
                ReconstructParams rp;
                rp.radius = recon_radius;
                const auto r = regress_fused(x, y, p, 1);
                const Plane two = reconstruct_fused(detail, r.slope, r.correlation,
                                                    intercept != 0 ? &r.intercept : nullptr, rp, 1);
                const Plane one = regress_reconstruct_fused(x, y, detail, p, rp, 1);
                const Plane one3 = regress_reconstruct_fused(x, y, detail, p, rp, 3);
                INFO("radius " << radius << " intercept " << intercept << " recon radius " << recon_radius);
                for (int j = 0; j < h; ++j)
                    for (int i = 0; i < w; ++i) {
                        INFO("pixel " << i << "," << j);
                        REQUIRE(at(one, i, j) == Approx(at(two, i, j)).margin(1e-5));
                        REQUIRE(at(one3, i, j) == at(one, i, j));
                    }
            }
}

TEST_CASE("regress_then_reconstruct_rows equals the two calls bit for bit", "[fused][sweep]") {
    // Planes taller than 4R + 8 (the ring of 2R + 4 rows, three restart blocks) and
    // shorter (every row kept), every border mode on either side, with and without an
    // intercept, a reconstruct input other than x; one scratch for every call (kept
    // from a call to the next of the same size and parameters).
    SweepScratch scratch;
    for (const auto [w, h] : {std::pair{53, 150}, std::pair{9, 13}}) {
        const Plane x = random_plane(w, h, 41, 0.0, 1.0), noise = random_plane(w, h, 42, -0.05, 0.05);
        const Plane y = plane_from(w, h, [&](int i, int j) { return 0.5 * at(x, i, j) - 0.2 + at(noise, i, j); });
        const Plane detail = random_plane(w, h, 43, -0.1, 0.1);
        for (BorderMode border : {BorderMode::vszip, BorderMode::mirror, BorderMode::reflect, BorderMode::clamp})
            for (int radius : {1, 3})
                for (double intercept : {0.0, 1.0})
                    for (int recon_radius : {0, 1, 4}) {
                        RegressParams p;
                        p.radius = radius;
                        p.intercept = intercept;
                        p.border = border;
                        ReconstructParams rp;
                        rp.radius = recon_radius;
                        rp.border = border == BorderMode::vszip ? BorderMode::mirror : BorderMode::vszip;
                        const auto r = regress_fused(x, y, p, 1);
                        const Plane two = reconstruct_fused(detail, r.slope, r.correlation,
                                                            intercept != 0 ? &r.intercept : nullptr, rp, 1);
                        Plane one = make_float_plane(w, h);
                        regress_then_reconstruct_rows(rows_of(x), rows_of(y), rows_of(detail), p, rp, rows_of(one),
                                                      scratch);
                        INFO(w << "x" << h << " border " << int(border) << " radius " << radius << " intercept "
                               << intercept << " recon radius " << recon_radius);
                        for (int j = 0; j < h; ++j)
                            for (int i = 0; i < w; ++i) {
                                INFO("pixel " << i << "," << j);
                                REQUIRE(at(one, i, j) == at(two, i, j));
                            }
                    }
    }
}
