// Window means (MeanMode) and the vszip border, each against a brute force written here
// from the definitions in filters/regress/params.hpp and the spec ("Borders of the box
// mean"): every window's (2r+1)² samples gathered one by one, combined in long double.
#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <vector>

#include "filters/base/error.hpp"
#include "filters/regress/border.hpp"
#include "filters/regress/model.hpp"
#include "pixel/regress/fused.hpp"
#include "pixel/regress/reference_way.hpp"
#include "pixel/regress/regression.hpp"
#include "pixel/regress/window_mean.hpp"
#include "planes.hpp"

using namespace rigor::regress;
using namespace rigor::pixel::regress;
using rigor::pixel::Plane;
using namespace rigor::pixel::regress::test;

namespace {

// vszip's float box blur, read as its loops index: the sample at offset k − r of a window
// centred on j is j − r + k inside; before the start the reflection r − k − j (clamped to
// n − 1); past the end the centre minus the overshoot, j − min(k − r − (n − 1 − j), j).
int vszip_sample(int j, int d, int n) {
    if (j + d < 0) return std::min(-(j + d), n - 1);
    if (j + d > n - 1) return j - std::min(d - (n - 1 - j), j);
    return j + d;
}

std::vector<long double> window(const Plane& p, int x, int y, int r, BorderMode border) {
    std::vector<long double> v;
    for (int dy = -r; dy <= r; ++dy)
        for (int dx = -r; dx <= r; ++dx) {
            const int sx = border == BorderMode::vszip ? vszip_sample(x, dx, p.width())
                                                       : border_index(x + dx, p.width(), border);
            const int sy = border == BorderMode::vszip ? vszip_sample(y, dy, p.height())
                                                       : border_index(y + dy, p.height(), border);
            v.push_back(at(p, sx, sy));
        }
    return v;
}

long double brute_mean(const std::vector<long double>& v, MeanMode m) {
    std::vector<long double> s = v;
    switch (m.kind) {
        case MeanMode::Kind::box: {
            long double t = 0;
            for (long double a : v) t += a;
            return t / v.size();
        }
        case MeanMode::Kind::lehmer: {
            long double num = 0, den = 0;
            for (long double a : v) num += std::pow(a + 1e-7L, (long double)m.p), den += std::pow(a + 1e-7L, (long double)m.p - 1);
            return den == 0 ? 0 : num / den;
        }
        case MeanMode::Kind::minimum: return *std::min_element(v.begin(), v.end());
        case MeanMode::Kind::maximum: return *std::max_element(v.begin(), v.end());
        case MeanMode::Kind::median:
            std::sort(s.begin(), s.end());
            return s[s.size() / 2];
    }
    return 0;
}

}  // namespace

TEST_CASE("vszip border: window_index is the reference's indexing", "[border][vszip]") {
    for (int n : {1, 2, 3, 5, 9, 20})
        for (int r = 1; r <= 6; ++r)
            for (int j = 0; j < n; ++j)
                for (int d = -r; d <= r; ++d) {
                    INFO("n " << n << " r " << r << " centre " << j << " offset " << d);
                    REQUIRE(window_index(j, d, n, BorderMode::vszip) == vszip_sample(j, d, n));
                }
    // The documented irregularity: past the end the offset, not the index, decides.
    CHECK(window_index(9, 1, 10, BorderMode::vszip) == 8);
    CHECK(window_index(8, 2, 10, BorderMode::vszip) == 7);   // mirror would read 9, reflect 8
    CHECK(window_index(0, -1, 10, BorderMode::vszip) == 1);  // the start reflects
}

TEST_CASE("box mean with every border equals the brute force including tiny planes", "[means][border]") {
    for (BorderMode border : {BorderMode::vszip, BorderMode::mirror, BorderMode::reflect, BorderMode::clamp})
        for (auto [w, h] : {std::pair{37, 150}, std::pair{5, 3}, std::pair{1, 7}, std::pair{9, 9}})
            for (int r : {1, 2, 4}) {
                const Plane src = random_plane(w, h, 7 + r, -0.5, 1.0);
                for (int threads : {1, 2}) {
                    const Plane got = box_mean(src, r, border, threads);
                    for (int y = 0; y < h; ++y)
                        for (int x = 0; x < w; ++x) {
                            INFO(to_string(border) << " " << w << "x" << h << " r " << r << " at " << x << "," << y);
                            REQUIRE(at(got, x, y) ==
                                    Approx(double(brute_mean(window(src, x, y, r, border), {}))).margin(1e-6));
                        }
                }
            }
}

TEST_CASE("every mean mode equals the brute force of its definition", "[means]") {
    const Plane src = random_plane(23, 19, 99, 0.05, 1.0);  // positive: every Lehmer power is real
    for (const char* name : {"box", "arithmetic", "harmonic", "geometric", "contraharmonic", "lehmer", "lehmer:5",
                             "minimum", "maximum", "median"}) {
        const MeanMode m = parse_mean_mode(name);
        for (BorderMode border : {BorderMode::vszip, BorderMode::mirror})
            for (int r : {1, 3}) {
                const Plane got = window_mean(src, r, m, border, 2);
                for (int y = 0; y < src.height(); ++y)
                    for (int x = 0; x < src.width(); ++x) {
                        INFO(name << " " << to_string(border) << " r " << r << " at " << x << "," << y);
                        const double want = double(brute_mean(window(src, x, y, r, border), m));
                        REQUIRE(at(got, x, y) == Approx(want).epsilon(2e-6).margin(1e-6));
                    }
            }
        // Radius 0: a window of one sample, the identity in every mode.
        const Plane same = window_mean(src, 0, m, BorderMode::vszip, 1);
        CHECK(at(same, 4, 5) == at(src, 4, 5));
    }
    CHECK(parse_mean_mode("geometric").p == 0.5);
    CHECK(parse_mean_mode("lehmer:-1.5").p == -1.5);
    CHECK_THROWS_WITH(parse_mean_mode("mode"), Catch::Contains("unknown mean 'mode'"));
    CHECK_THROWS_WITH(parse_mean_mode("lehmer:x"), Catch::Contains("lehmer:P"));
    CHECK_THROWS_WITH(parse_border_mode("wrap"), Catch::Contains("vszip"));
}

TEST_CASE("regression in another mean is the model run with that mean", "[means][regression]") {
    // Independent check of the dispatch: slope = cov / (var_x + eps) from brute-force
    // Lehmer means (p = 3) of x, y, x², xy (the model's steps with that M; a median or
    // a minimum of x ≥ 0 would make var_x = M[x²] − M[x]² exactly 0).
    const Plane x = random_plane(17, 15, 3, 0.0, 1.0), y = random_plane(17, 15, 4, -0.5, 0.5);
    RegressParams p;
    p.radius = 1;
    p.alpha = 1;  // w = 1: c = ρ
    p.mean = parse_mean_mode("lehmer");
    p.border = BorderMode::vszip;
    const RegressionPlanes r = regression(x, y, p, 2);
    const Plane xx = plane_from(17, 15, [&](int i, int j) { return double(at(x, i, j)) * at(x, i, j); });
    const Plane xy = plane_from(17, 15, [&](int i, int j) { return double(at(x, i, j)) * at(y, i, j); });
    int checked = 0;
    for (int j = 0; j < 15; ++j)
        for (int i = 0; i < 17; ++i) {
            const long double mx = brute_mean(window(x, i, j, 1, p.border), p.mean);
            const long double my = brute_mean(window(y, i, j, 1, p.border), p.mean);
            const long double sxx = brute_mean(window(xx, i, j, 1, p.border), p.mean);
            const long double sxy = brute_mean(window(xy, i, j, 1, p.border), p.mean);
            const long double var = std::max(sxx - mx * mx, 0.0L);
            if (var < 1e-3) continue;  // ill-conditioned: float rounding dominates
            INFO("at " << i << "," << j);
            CHECK(at(r.slope, i, j) == Approx(double((sxy - mx * my) / (var + 1e-7L))).epsilon(1e-4).margin(1e-4));
            ++checked;
        }
    CHECK(checked > 100);
    // The box mean still takes the fused kernels, and they agree with the model's steps.
    RegressParams box = p;
    box.mean = MeanMode{};
    const RegressionPlanes fused = regression(x, y, box, 1);
    NamedPlanes in;
    in.emplace("x", x);
    in.emplace("y", y);
    const NamedPlanes steps = run_reference_way(regression_model(box, 1.0), in, box.border, 1);
    for (int j = 0; j < 15; ++j)
        for (int i = 0; i < 17; ++i)
            CHECK(at(fused.correlation, i, j) == Approx(at(steps.at("correlation"), i, j)).margin(1e-4));
}

TEST_CASE("both backends of the one model agree with a long double brute force", "[means][model]") {
    // The fused kernels (formulas.hpp instantiated in double/float) and the model's steps
    // run plane by plane (formulas.hpp instantiated as Formula, evaluated in binary32)
    // against the spec's formulas over brute-force box windows in long double.
    const int w = 29, h = 21;
    const Plane x = random_plane(w, h, 51, 0.0, 1.0), noise = random_plane(w, h, 52, -0.1, 0.1);
    const Plane y = plane_from(w, h, [&](int i, int j) { return 0.4 * at(x, i, j) - 0.1 + at(noise, i, j); });
    for (BorderMode border : {BorderMode::vszip, BorderMode::mirror}) {
        RegressParams p;
        p.radius = 2;
        p.intercept = 1;
        p.border = border;
        ReconstructParams cp;
        cp.radius = 1;
        cp.border = border;
        const double wt = 0.73473014512262302;  // r = 2, alpha 0.2, threshold (spec table)
        const RegressionPlanes fused = regress_fused(x, y, p, 2);
        const Plane fused_out = reconstruct_fused(x, fused.slope, fused.correlation, &fused.intercept, cp, 2);
        NamedPlanes in;
        in.emplace("x", x);
        in.emplace("y", y);
        NamedPlanes steps = run_reference_way(regression_model(p, wt), in, border, 2);
        NamedPlanes rin;
        rin.emplace("x", x);
        rin.emplace("slope", steps.at("slope"));
        rin.emplace("correlation", steps.at("correlation"));
        rin.emplace("intercept", steps.at("intercept"));
        const NamedPlanes rsteps = run_reference_way(reconstruct_model(cp, true), rin, border, 2);
        // Brute force: a, b, c per pixel, then the reconstruct windows over them.
        std::vector<long double> a(w * h), b(w * h), c(w * h);
        const Plane xx = plane_from(w, h, [&](int i, int j) { return double(at(x, i, j)) * at(x, i, j); });
        const Plane xy = plane_from(w, h, [&](int i, int j) { return double(at(x, i, j)) * at(y, i, j); });
        const Plane yy = plane_from(w, h, [&](int i, int j) { return double(at(y, i, j)) * at(y, i, j); });
        for (int j = 0; j < h; ++j)
            for (int i = 0; i < w; ++i) {
                auto m = [&](const Plane& q) { return brute_mean(window(q, i, j, p.radius, border), {}); };
                const long double mx = m(x), my = m(y), vx = std::max(m(xx) - mx * mx, 0.0L),
                                  vy = std::max(m(yy) - my * my, 0.0L), cov = m(xy) - mx * my;
                a[j * w + i] = cov / (vx + 1e-7L);
                b[j * w + i] = my - a[j * w + i] * mx;
                const long double rho = std::sqrt(cov * cov / (vx * vy + 1e-7L));
                c[j * w + i] = std::max((rho - (1 - wt)) / wt, 0.0L);
            }
        const Plane pa = plane_from(w, h, [&](int i, int j) { return double(a[j * w + i] * c[j * w + i]); });
        const Plane pb = plane_from(w, h, [&](int i, int j) { return double(b[j * w + i] * c[j * w + i]); });
        const Plane pc = plane_from(w, h, [&](int i, int j) { return double(c[j * w + i]); });
        for (int j = 0; j < h; ++j)
            for (int i = 0; i < w; ++i) {
                INFO(to_string(border) << " at " << i << "," << j);
                const double want_a = double(a[j * w + i]), want_c = double(c[j * w + i]);
                CHECK(at(fused.slope, i, j) == Approx(want_a).margin(1e-4));
                CHECK(at(steps.at("slope"), i, j) == Approx(want_a).margin(1e-3));
                CHECK(at(fused.correlation, i, j) == Approx(want_c).margin(1e-4));
                CHECK(at(steps.at("correlation"), i, j) == Approx(want_c).margin(1e-3));
                auto m = [&](const Plane& q) { return brute_mean(window(q, i, j, cp.radius, border), {}); };
                const double want = double((at(x, i, j) * m(pa) + m(pb)) / (m(pc) + 1e-7L));
                CHECK(at(fused_out, i, j) == Approx(want).margin(1e-4));
                CHECK(at(rsteps.at("reconstructed"), i, j) == Approx(want).margin(2e-3));
            }
    }
}
