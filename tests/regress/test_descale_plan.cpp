// The planned, lane-parallel descale against the plain one-line-at-a-time solve, and
// against the least-squares definition (AᵀA x = Aᵀy with the test's own dense matrices).
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>

#include "filters/base/error.hpp"
#include "filters/regress/resize_kernel.hpp"
#include "pixel/regress/descale.hpp"
#include "planes.hpp"

using namespace rigor::regress;
using namespace rigor::pixel::regress;
using rigor::pixel::Plane;
using namespace rigor::pixel::regress::test;

namespace {

bool bit_equal(const Plane& a, const Plane& b) {
    if (a.width() != b.width() || a.height() != b.height()) return false;
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x)
            if (std::memcmp(&a.row_as<float>(y)[x], &b.row_as<float>(y)[x], 4) != 0) return false;
    return true;
}

// x = (AᵀA)⁻¹Aᵀy for one line by dense Gaussian elimination in long double (independent
// of the banded Cholesky under test).
std::vector<long double> dense_least_squares(const std::vector<double>& a, int m, int n, const std::vector<double>& y) {
    std::vector<long double> g(std::size_t(n) * (n + 1), 0.0L);
    for (int k = 0; k < n; ++k) {
        for (int l = 0; l < n; ++l)
            for (int i = 0; i < m; ++i) g[k * (n + 1) + l] += (long double)a[i * n + k] * a[i * n + l];
        for (int i = 0; i < m; ++i) g[k * (n + 1) + n] += (long double)a[i * n + k] * y[i];
    }
    for (int c = 0; c < n; ++c) {
        int p = c;
        for (int r = c + 1; r < n; ++r)
            if (std::fabs(g[r * (n + 1) + c]) > std::fabs(g[p * (n + 1) + c])) p = r;
        for (int j = 0; j <= n; ++j) std::swap(g[c * (n + 1) + j], g[p * (n + 1) + j]);
        for (int r = 0; r < n; ++r)
            if (r != c) {
                const long double f = g[r * (n + 1) + c] / g[c * (n + 1) + c];
                for (int j = c; j <= n; ++j) g[r * (n + 1) + j] -= f * g[c * (n + 1) + j];
            }
    }
    std::vector<long double> x(n);
    for (int k = 0; k < n; ++k) x[k] = g[k * (n + 1) + n] / g[k * (n + 1) + k];
    return x;
}

}  // namespace

TEST_CASE("planned descale equals the line-by-line solve bit for bit at 1 2 and 3 threads", "[descale]") {
    struct Case {
        const char* kernel;
        int sw, sh, w, h;
        double left, top;
        DescaleBorder border;
    };
    // Sizes that are not multiples of the 16 lanes, shifts, every border mode.
    for (const Case& c : {Case{"lanczos:3", 97, 53, 61, 35, 0, 0, DescaleBorder::zero},
                          Case{"bicubic:0.3333333:0.3333333", 70, 45, 47, 30, 0.25, -0.5, DescaleBorder::mirror},
                          Case{"bilinear", 33, 17, 22, 12, 0, 0.125, DescaleBorder::repeat},
                          Case{"catrom", 16, 16, 16, 9, 0, 0, DescaleBorder::mirror}}) {
        INFO(c.kernel);
        const Plane src = random_plane(c.sw, c.sh, 5, 0.0, 1.0);
        const DescalePlan plan(parse_resize_kernel(c.kernel), DescaleRequest{c.w, c.h, c.left, c.top, 0, 0, c.border},
                               c.sw, c.sh);
        const Plane reference = plan.apply_reference(src);
        for (int threads : {1, 2, 3}) CHECK(bit_equal(plan.apply(src, threads), reference));
        // The plan is reused: a second picture through the same plan is as a fresh one's.
        const Plane other = random_plane(c.sw, c.sh, 6, -0.5, 0.5);
        CHECK(bit_equal(plan.apply(other, 2), descale_plane(other, parse_resize_kernel(c.kernel),
                                                            DescaleRequest{c.w, c.h, c.left, c.top, 0, 0, c.border})));
    }
}

TEST_CASE("planned descale is the least-squares solution of the upscale", "[descale]") {
    // Each row of the result, with the column solve skipped (height kept), must be the dense
    // least-squares solution of the row's upscale (the independent definition).
    const ResizeKernel k = parse_resize_kernel("lanczos:3");
    const int sw = 45, sh = 3, w = 30;
    const Plane src = random_plane(sw, sh, 11, 0.0, 1.0);
    const std::vector<double> a = upscale_matrix(k, w, sw, 0.0, 0.0, DescaleBorder::mirror);
    const DescalePlan plan(k, DescaleRequest{w, sh, 0, 0, 0, 0, DescaleBorder::mirror}, sw, sh);
    // Height sh → sh with lanczos is not the identity, so compare the row solve through a
    // 1-row picture (mirrored, every vertical tap folds onto the one row: A = [1]).
    for (int row = 0; row < sh; ++row) {
        Plane line = make_float_plane(sw, 1);
        for (int i = 0; i < sw; ++i) line.row_as<float>(0)[i] = at(src, i, row);
        const Plane got = DescalePlan(k, DescaleRequest{w, 1, 0, 0, 0, 0, DescaleBorder::mirror}, sw, 1).apply(line, 2);
        std::vector<double> y(sw);
        for (int i = 0; i < sw; ++i) y[i] = at(src, i, row);
        const auto want = dense_least_squares(a, sw, w, y);
        for (int i = 0; i < w; ++i) {
            INFO("row " << row << " x " << i);
            CHECK(at(got, i, 0) == Approx(double(want[i])).margin(2e-6));
        }
    }
    CHECK(plan.width() == w);
    CHECK_THROWS_WITH(plan.apply(random_plane(sw + 1, sh, 1, 0, 1)), Catch::Contains("planned for 45x3"));
}
