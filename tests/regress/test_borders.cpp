// The border rules of the window means (filters/regress/border.hpp) against float64 brute
// forces written here from their definitions, not from border.hpp: every window's
// (2r+1)² samples gathered one by one through this file's own index rules, at every
// position of small random planes (corners included), radius 1..4 (the fused kernels
// 1..6), planes narrower and shorter than the window.  The kernels checked: the running window sums (box_mean),
// the order statistics (window_mean minimum/median), the fused regression and reconstruct
// — and that the default of every entry is vszip's mapping.
#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "filters/base/error.hpp"
#include "filters/regress/border.hpp"
#include "filters/regress/weights.hpp"
#include "pixel/regress/fused.hpp"
#include "pixel/regress/window_mean.hpp"
#include "planes.hpp"

using namespace rigor::regress;
using namespace rigor::pixel::regress;
using rigor::pixel::Plane;
using namespace rigor::pixel::regress::test;

namespace {

constexpr BorderMode kModes[] = {BorderMode::vszip, BorderMode::mirror, BorderMode::reflect, BorderMode::clamp};

// The sample a window of radius r centred on c reads at offset d along an axis of n.
int reference_index(BorderMode mode, int r, int c, int d, int n) {
    int i = c + d;
    if (mode == BorderMode::vszip && r > 22) mode = BorderMode::mirror;  // vszip's running-sum kernels
    switch (mode) {
        case BorderMode::mirror:  // fold about −½ and n − ½ until inside
            while (i < 0 || i >= n) i = i < 0 ? -1 - i : 2 * n - 1 - i;
            return i;
        case BorderMode::reflect:  // fold about 0 and n − 1 until inside
            if (n == 1) return 0;
            while (i < 0 || i >= n) i = i < 0 ? -i : 2 * (n - 1) - i;
            return i;
        case BorderMode::clamp: return std::clamp(i, 0, n - 1);
        case BorderMode::vszip:  // boxblur_comptime.zig: row/idx for k < r and k ≥ r, d = k − r
            if (d < 0 && c < -d) return std::min(-d - c, n - 1);
            if (d >= 0 && n - 1 - c < d) return c - std::min(d - (n - 1 - c), c);
            return i;
    }
    return -1;
}

std::vector<double> window(const Plane& p, int x, int y, int r, BorderMode mode) {
    std::vector<double> v;
    for (int dy = -r; dy <= r; ++dy)
        for (int dx = -r; dx <= r; ++dx)
            v.push_back(at(p, reference_index(mode, r, x, dx, p.width()), reference_index(mode, r, y, dy, p.height())));
    return v;
}

double mean_of(const std::vector<double>& v) {
    double s = 0;
    for (double a : v) s += a;
    return s / double(v.size());
}

// Small planes, several narrower or shorter than a radius-4 window (9).
const std::pair<int, int> kSizes[] = {{1, 1}, {2, 3}, {3, 2}, {1, 6}, {5, 1}, {4, 9}, {9, 4}, {8, 8}, {13, 11}};

}  // namespace

TEST_CASE("the reference index rules are the documented examples", "[border]") {
    // Hand values from params.hpp / border.hpp, n = 10, r = 2.
    CHECK(reference_index(BorderMode::mirror, 2, 0, -1, 10) == 0);
    CHECK(reference_index(BorderMode::mirror, 2, 0, -2, 10) == 1);
    CHECK(reference_index(BorderMode::reflect, 2, 0, -1, 10) == 1);
    CHECK(reference_index(BorderMode::reflect, 2, 9, 2, 10) == 7);
    CHECK(reference_index(BorderMode::clamp, 2, 0, -2, 10) == 0);
    CHECK(reference_index(BorderMode::vszip, 2, 0, -1, 10) == 1);   // the start reflects
    CHECK(reference_index(BorderMode::vszip, 2, 9, 1, 10) == 8);    // past the end: n − 1 − d
    CHECK(reference_index(BorderMode::vszip, 2, 8, 2, 10) == 7);    // mirror would read 9, reflect 8
    CHECK(reference_index(BorderMode::vszip, 23, 8, 2, 10) == 9);   // above radius 22: mirror
    // The definition's functions give the same samples for every centre and offset.
    for (BorderMode mode : kModes)
        for (int n : {1, 2, 3, 4, 7, 12})
            for (int r : {1, 2, 3, 4, 22, 23})
                for (int c = 0; c < n; ++c)
                    for (int d = -r; d <= r; ++d) {
                        INFO(to_string(mode) << " n " << n << " r " << r << " centre " << c << " offset " << d);
                        REQUIRE(window_index(c, d, n, border_at_radius(mode, r)) == reference_index(mode, r, c, d, n));
                    }
}

TEST_CASE("box mean: every border at every position equals the float64 brute force", "[border][means]") {
    int seed = 1;
    for (BorderMode mode : kModes)
        for (auto [w, h] : kSizes)
            for (int r = 1; r <= 4; ++r) {
                const Plane src = random_plane(w, h, 600 + seed++, -0.5, 1.0);
                for (int threads : {1, 2}) {
                    const Plane got = box_mean(src, r, mode, threads);
                    for (int y = 0; y < h; ++y)
                        for (int x = 0; x < w; ++x) {
                            INFO(to_string(mode) << " " << w << "x" << h << " r " << r << " at " << x << "," << y);
                            REQUIRE(at(got, x, y) == Approx(mean_of(window(src, x, y, r, mode))).margin(1e-6));
                        }
                }
            }
}

TEST_CASE("vszip above radius 22 is vszip's running-sum mirror, at 22 its irregular mapping", "[border][vszip]") {
    const int w = 50, h = 47;  // at least 2r + 1 = 47: vszip's running sums stay inside the plane
    const Plane src = random_plane(w, h, 77, 0.0, 1.0);
    for (int r : {22, 23}) {
        const Plane got = box_mean(src, r, BorderMode::vszip, 2);
        for (int y : {0, 1, 20, h - 2, h - 1})
            for (int x : {0, 2, 25, w - 3, w - 1}) {
                INFO("r " << r << " at " << x << "," << y);
                REQUIRE(at(got, x, y) == Approx(mean_of(window(src, x, y, r, BorderMode::vszip))).margin(1e-6));
            }
    }
    // The two rules differ at the far corner (so the switch is observable).
    const auto far = [&](BorderMode m) { return mean_of(window(src, w - 1, h - 1, 22, m)); };
    CHECK(std::abs(far(BorderMode::vszip) - far(BorderMode::mirror)) > 1e-4);
}

TEST_CASE("minimum and median: every border at every position equals the brute force", "[border][means]") {
    for (BorderMode mode : kModes)
        for (auto [w, h] : kSizes)
            for (int r = 1; r <= 4; ++r) {
                const Plane src = random_plane(w, h, 900 + w * 31 + h * 7 + r, -0.5, 0.5);
                const Plane lo = window_mean(src, r, parse_mean_mode("minimum"), mode, 2);
                const Plane mid = window_mean(src, r, parse_mean_mode("median"), mode, 1);
                for (int y = 0; y < h; ++y)
                    for (int x = 0; x < w; ++x) {
                        INFO(to_string(mode) << " " << w << "x" << h << " r " << r << " at " << x << "," << y);
                        std::vector<double> v = window(src, x, y, r, mode);
                        std::sort(v.begin(), v.end());
                        REQUIRE(at(lo, x, y) == float(v.front()));
                        REQUIRE(at(mid, x, y) == float(v[v.size() / 2]));
                    }
            }
}

TEST_CASE("fused regression and reconstruct: every border at every position equals the brute force",
          "[border][fused]") {
    for (BorderMode mode : kModes)
        // 37 columns: interiors long enough for the vector kernels' 8-column steps at every
        // radius, r = 5 the largest summed directly, r = 6 through prefix sums (window_sums.hpp).
        for (auto [w, h] : {std::pair{3, 2}, std::pair{6, 9}, std::pair{11, 7}, std::pair{37, 15}})
            for (int r = 1; r <= 6; ++r) {
                const Plane x = random_plane(w, h, 300 + r, 0.0, 1.0), noise = random_plane(w, h, 400 + r, -0.2, 0.2);
                const Plane y = plane_from(w, h, [&](int i, int j) { return 0.4 * at(x, i, j) - 0.1 + at(noise, i, j); });
                RegressParams p;
                p.radius = r;
                p.intercept = 1;
                p.border = mode;
                ReconstructParams rp;
                rp.radius = r <= 4 ? 5 - r : r - 1;  // 4 … 1, 4, 5: another window over the regression's planes
                rp.border = mode;
                const double wt = reliability_weight(r, p.alpha, p.weight_method);
                const RegressionPlanes got = regress_fused(x, y, p, 2);
                const Plane out = reconstruct_fused(x, got.slope, got.correlation, &got.intercept, rp, 2);
                std::vector<double> a(std::size_t(w) * h), b(a.size()), c(a.size());
                for (int j = 0; j < h; ++j)
                    for (int i = 0; i < w; ++i) {
                        const std::vector<double> wx = window(x, i, j, r, mode), wy = window(y, i, j, r, mode);
                        double mx = 0, my = 0, sxx = 0, syy = 0, sxy = 0;
                        for (std::size_t k = 0; k < wx.size(); ++k)
                            mx += wx[k], my += wy[k], sxx += wx[k] * wx[k], syy += wy[k] * wy[k], sxy += wx[k] * wy[k];
                        const double n = double(wx.size());
                        mx /= n, my /= n, sxx /= n, syy /= n, sxy /= n;
                        const double vx = std::max(sxx - mx * mx, 0.0), vy = std::max(syy - my * my, 0.0);
                        const double cov = sxy - mx * my, slope = cov / (vx + p.eps);
                        const std::size_t at_ij = std::size_t(j) * w + i;
                        a[at_ij] = slope;
                        b[at_ij] = my - slope * mx;
                        c[at_ij] = std::max((std::sqrt(cov * cov / (vx * vy + p.eps)) - (1 - wt)) / wt, 0.0);
                        INFO(to_string(mode) << " " << w << "x" << h << " r " << r << " at " << i << "," << j);
                        REQUIRE(at(got.slope, i, j) == Approx(a[at_ij]).margin(1e-4));
                        REQUIRE(at(got.intercept, i, j) == Approx(b[at_ij]).margin(1e-4));
                        REQUIRE(at(got.correlation, i, j) == Approx(c[at_ij]).margin(1e-4));
                    }
                // reconstruct from the kernels' own a, b, c (so only its windows are tested).
                const Plane ac = plane_from(w, h, [&](int i, int j) { return double(at(got.slope, i, j)) * at(got.correlation, i, j); });
                const Plane bc = plane_from(w, h, [&](int i, int j) { return double(at(got.intercept, i, j)) * at(got.correlation, i, j); });
                for (int j = 0; j < h; ++j)
                    for (int i = 0; i < w; ++i) {
                        const double mc = mean_of(window(got.correlation, i, j, rp.radius, mode));
                        const double want = (at(x, i, j) * mean_of(window(ac, i, j, rp.radius, mode)) +
                                             mean_of(window(bc, i, j, rp.radius, mode))) /
                                            (mc + rp.eps);
                        INFO(to_string(mode) << " " << w << "x" << h << " recon r " << rp.radius << " at " << i << ","
                                             << j << " M[c] " << mc);
                        if (mc < 1e-3) continue;  // the division is ill-conditioned there (spec, numerical notes)
                        REQUIRE(at(out, i, j) == Approx(want).epsilon(1e-4).margin(1e-4));
                    }
            }
}

TEST_CASE("the default border is vszip's mapping everywhere", "[border][default]") {
    CHECK(kDefaultBorder == BorderMode::vszip);
    CHECK(RegressParams{}.border == BorderMode::vszip);
    CHECK(ReconstructParams{}.border == BorderMode::vszip);
    // The kernels with default parameters are the vszip results bit for bit, not mirror's.
    const Plane x = random_plane(12, 10, 5, 0.0, 1.0), y = random_plane(12, 10, 6, -0.5, 0.5);
    RegressParams vszip, mirror;
    vszip.border = BorderMode::vszip;
    mirror.border = BorderMode::mirror;
    const RegressionPlanes d = regress_fused(x, y, RegressParams{}), v = regress_fused(x, y, vszip),
                           m = regress_fused(x, y, mirror);
    bool differs = false;
    for (int j = 0; j < 10; ++j)
        for (int i = 0; i < 12; ++i) {
            REQUIRE(at(d.slope, i, j) == at(v.slope, i, j));
            REQUIRE(at(d.correlation, i, j) == at(v.correlation, i, j));
            differs = differs || at(d.slope, i, j) != at(m.slope, i, j);
        }
    CHECK(differs);
}

TEST_CASE("border names parse, print and are refused with the choices", "[border]") {
    for (BorderMode mode : kModes) CHECK(parse_border_mode(to_string(mode)) == mode);
    CHECK(border_mode_choices().rfind("vszip (default", 0) == 0);
    for (BorderMode mode : kModes) CHECK(border_mode_choices().find(to_string(mode)) != std::string_view::npos);
    CHECK_THROWS_WITH(parse_border_mode("zero"), Catch::Contains("expected vszip, mirror, reflect or clamp"));
}
