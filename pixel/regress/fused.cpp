#include "pixel/regress/fused.hpp"

#include <cmath>

#include "filters/error.hpp"
#include "filters/regress/weights.hpp"
#include "pixel/regress/parallel_rows.hpp"
#include "pixel/regress/window_sums.hpp"

namespace rigor::regress {

RegressionPlanes regress_fused(const Plane& x, const Plane& y, const RegressParams& p, int threads) {
    p.validate();
    require_float(x, "x");
    require_float(y, "y");
    require_same_size(x, "x", y, "y");
    const int w = x.width(), h = x.height();
    RegressionPlanes out;
    out.weight = reliability_weight(p.radius, p.alpha, p.weight_method);
    out.slope = make_float_plane(w, h);
    out.correlation = make_float_plane(w, h);
    const bool with_intercept = p.intercept != 0;
    if (with_intercept) out.intercept = make_float_plane(w, h);

    const double inv_n = 1.0 / p.window_size(), eps = p.eps, wt = out.weight, one_minus_w = 1.0 - wt;
    const double inv_intercept = with_intercept ? 1.0 / p.intercept : 0.0;
    const bool rescale = wt != 1.0;
    parallel_rows(h, threads, [&](int begin, int end) {
        auto produce = [&](int sy, const std::array<double*, 5>& rows) noexcept {
            const float* xs = x.row_as<float>(sy);
            const float* ys = y.row_as<float>(sy);
            for (int i = 0; i < w; ++i) {
                const double a = xs[i], b = ys[i];
                rows[0][i] = a;
                rows[1][i] = b;
                rows[2][i] = a * a;
                rows[3][i] = a * b;
                rows[4][i] = b * b;
            }
        };
        auto consume = [&](int row, const std::array<const double*, 5>& s) noexcept {
            float* slope = out.slope.row_as<float>(row);
            float* corr = out.correlation.row_as<float>(row);
            float* icpt = with_intercept ? out.intercept.row_as<float>(row) : nullptr;
            for (int i = 0; i < w; ++i) {
                const double mx = s[0][i] * inv_n, my = s[1][i] * inv_n;
                const double var_x = std::max(s[2][i] * inv_n - mx * mx, 0.0);
                const double var_y = std::max(s[4][i] * inv_n - my * my, 0.0);
                const double cov = s[3][i] * inv_n - mx * my;
                const double a = cov / (var_x + eps);
                slope[i] = float(a);
                if (icpt) icpt[i] = float((my - a * mx) * inv_intercept);
                const double rho = std::sqrt(cov * cov / (var_x * var_y + eps));
                corr[i] = float(rescale ? std::max((rho - one_minus_w) / wt, 0.0) : rho);
            }
        };
        sliding_window_sums<5>(w, h, p.radius, p.border, begin, end, produce, consume);
    });
    return out;
}

Plane reconstruct_fused(const Plane& x, const Plane& slope, const Plane& correlation, const Plane* intercept,
                        const ReconstructParams& p, int threads) {
    p.validate();
    require_float(x, "x");
    require_float(slope, "slope");
    require_float(correlation, "correlation");
    require_same_size(x, "x", slope, "slope");
    require_same_size(x, "x", correlation, "correlation");
    if (intercept) {
        require_float(*intercept, "intercept");
        require_same_size(x, "x", *intercept, "intercept");
    }
    const int w = x.width(), h = x.height();
    Plane out = make_float_plane(w, h);
    const double inv_n = 1.0 / double((2 * p.radius + 1) * (2 * p.radius + 1)), eps = p.eps;
    parallel_rows(h, threads, [&](int begin, int end) {
        auto produce = [&](int sy, const std::array<double*, 3>& rows) noexcept {
            const float* a = slope.row_as<float>(sy);
            const float* c = correlation.row_as<float>(sy);
            const float* b = intercept ? intercept->row_as<float>(sy) : nullptr;
            for (int i = 0; i < w; ++i) {
                const double ci = c[i];
                rows[0][i] = double(a[i]) * ci;
                rows[1][i] = b ? double(b[i]) * ci : 0.0;
                rows[2][i] = ci;
            }
        };
        auto consume = [&](int row, const std::array<const double*, 3>& s) noexcept {
            const float* xs = x.row_as<float>(row);
            float* o = out.row_as<float>(row);
            for (int i = 0; i < w; ++i)
                o[i] = float((xs[i] * (s[0][i] * inv_n) + s[1][i] * inv_n) / (s[2][i] * inv_n + eps));
        };
        sliding_window_sums<3>(w, h, p.radius, p.border, begin, end, produce, consume);
    });
    return out;
}

Plane box_mean(const Plane& src, int radius, BorderMode border, int threads) {
    require_float(src, "box mean input");
    if (radius < 0) throw UserError("box mean radius must be ≥ 0");
    const int w = src.width(), h = src.height();
    Plane out = make_float_plane(w, h);
    const double inv_n = 1.0 / double((2 * radius + 1) * (2 * radius + 1));
    parallel_rows(h, threads, [&](int begin, int end) {
        auto produce = [&](int sy, const std::array<double*, 1>& rows) noexcept {
            const float* s = src.row_as<float>(sy);
            for (int i = 0; i < w; ++i) rows[0][i] = s[i];
        };
        auto consume = [&](int row, const std::array<const double*, 1>& s) noexcept {
            float* o = out.row_as<float>(row);
            for (int i = 0; i < w; ++i) o[i] = float(s[0][i] * inv_n);
        };
        sliding_window_sums<1>(w, h, radius, border, begin, end, produce, consume);
    });
    return out;
}

}  // namespace rigor::regress
