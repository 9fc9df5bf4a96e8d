#include "pixel/regress/window_mean.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "filters/base/error.hpp"
#include "filters/base/worker_pool.hpp"
#include "filters/regress/border.hpp"
#include "pixel/regress/fused.hpp"

namespace rigor::pixel::regress {

using rigor::regress::BorderMode;
using rigor::regress::MeanMode;
using rigor::regress::window_index;

namespace {

// The module's Lehmer mean over a window (vsexprtools' MeanMode.LEHMER expression):
// D = v − neutral + 1e-7 with neutral 0 for float planes, Σ D^p / Σ D^(p−1), 0 when the
// denominator is 0.  The sums are box sums (the window's n cancels in the ratio); the
// powers are formed in double and stored in binary32 before the sums.
Plane lehmer_mean(const Plane& src, int radius, double p, BorderMode border, int threads) {
    const int w = src.width(), h = src.height();
    Plane num = make_float_plane(w, h), den = make_float_plane(w, h);
    for (int y = 0; y < h; ++y) {
        const float* s = src.row_as<float>(y);
        float *a = num.row_as<float>(y), *b = den.row_as<float>(y);
        for (int x = 0; x < w; ++x) {
            const double d = double(s[x]) + 1e-7;
            a[x] = float(std::pow(d, p));
            b[x] = float(std::pow(d, p - 1));
        }
    }
    const Plane mn = box_mean(num, radius, border, threads), md = box_mean(den, radius, border, threads);
    Plane out = make_float_plane(w, h);
    for (int y = 0; y < h; ++y) {
        const float *a = mn.row_as<float>(y), *b = md.row_as<float>(y);
        float* o = out.row_as<float>(y);
        for (int x = 0; x < w; ++x) o[x] = b[x] == 0 ? 0.0f : float(double(a[x]) / b[x]);
    }
    return out;
}

// Minimum, maximum or median of each window's samples, read through border.hpp's
// window_index for the rule border_at_radius(mode, r).
Plane order_mean(const Plane& src, int radius, MeanMode::Kind kind, BorderMode mode, int threads) {
    const int w = src.width(), h = src.height(), r = radius, n = (2 * r + 1) * (2 * r + 1);
    const BorderMode border = rigor::regress::border_at_radius(mode, r);
    Plane out = make_float_plane(w, h);
    std::vector<int> columns(std::size_t(w) * (2 * r + 1));
    for (int x = 0; x < w; ++x)
        for (int d = -r; d <= r; ++d) columns[std::size_t(x) * (2 * r + 1) + (d + r)] = window_index(x, d, w, border);
    WorkerPool pool(std::clamp(threads, 1, std::max(1, h)));
    std::vector<std::vector<float>> scratch(std::size_t(pool.size()), std::vector<float>(std::size_t(n)));
    parallel_for(pool, std::size_t(h), [&](std::size_t row, int t) {
        const int y = int(row);
        std::vector<float>& v = scratch[std::size_t(t)];
        std::vector<const float*> rows;
        for (int d = -r; d <= r; ++d) rows.push_back(src.row_as<float>(window_index(y, d, h, border)));
        float* o = out.row_as<float>(y);
        for (int x = 0; x < w; ++x) {
            const int* cx = columns.data() + std::size_t(x) * (2 * r + 1);
            std::size_t k = 0;
            for (const float* s : rows)
                for (int j = 0; j <= 2 * r; ++j) v[k++] = s[cx[j]];
            if (kind == MeanMode::Kind::minimum) o[x] = *std::min_element(v.begin(), v.end());
            else if (kind == MeanMode::Kind::maximum) o[x] = *std::max_element(v.begin(), v.end());
            else {
                std::nth_element(v.begin(), v.begin() + n / 2, v.end());
                o[x] = v[std::size_t(n / 2)];
            }
        }
    });
    return out;
}

}  // namespace

Plane window_mean(const Plane& src, int radius, MeanMode mode, BorderMode border, int threads) {
    require_float(src, "window mean input");
    if (radius < 0) throw UserError("window mean radius must be ≥ 0");
    if (radius == 0) return src;
    switch (mode.kind) {
        case MeanMode::Kind::box: return box_mean(src, radius, border, threads);
        case MeanMode::Kind::lehmer: return lehmer_mean(src, radius, mode.p, border, threads);
        default: return order_mean(src, radius, mode.kind, border, threads);
    }
}

}  // namespace rigor::pixel::regress
