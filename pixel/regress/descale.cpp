#include "pixel/regress/descale.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "filters/base/error.hpp"
#include "pixel/regress/resize.hpp"

namespace rigor::pixel::regress {

using rigor::regress::DescaleBorder;
using rigor::regress::ResizeKernel;

namespace {

// zimg's rounding of a tap position (half up, so that round(x − 1) = round(x) − 1).
double round_half_up(double x) { return x < 0 ? std::floor(x + 0.5) : std::floor(x + 0.49999999999999994); }

struct Entry {
    int index;
    double value;
};

// Row i of the upscale matrix as (source index, weight) pairs, indices ascending.
std::vector<std::vector<Entry>> upscale_rows(const ResizeKernel& kernel, int n, int m, double shift, double window,
                                             DescaleBorder border) {
    const double ratio = m / (window > 0 ? window : double(n));
    const int support = int(std::ceil(kernel.radius() * kernel.blur));
    const int taps = support > 0 ? 2 * support : 1;
    std::vector<std::vector<Entry>> rows(m);
    for (int i = 0; i < m; ++i) {
        const double pos = (i + 0.5) / ratio + shift;
        const double begin = round_half_up(pos - taps / 2.0) + 0.5;
        double total = 0;
        for (int j = 0; j < taps; ++j) total += kernel.weight(begin + j - pos);
        if (total == 0) total = std::numeric_limits<double>::epsilon();
        std::vector<Entry>& row = rows[i];
        for (int j = 0; j < taps; ++j) {
            const double x = begin + j;
            double at = x;
            if (x < 0 || x > n) {
                if (border == DescaleBorder::zero) continue;
                if (border == DescaleBorder::repeat) at = x < 0 ? 0 : n - 0.5;
                else at = x < 0 ? -x : std::min(2.0 * n - x, n - 0.5);
            }
            const int k = std::clamp(int(std::floor(at)), 0, n - 1);
            const double w = kernel.weight(x - pos) / total;
            auto same = std::find_if(row.begin(), row.end(), [&](const Entry& e) { return e.index == k; });
            if (same != row.end()) same->value += w;
            else row.push_back({k, w});
        }
        std::sort(row.begin(), row.end(), [](const Entry& a, const Entry& b) { return a.index < b.index; });
        row.erase(std::remove_if(row.begin(), row.end(), [](const Entry& e) { return e.value == 0; }), row.end());
    }
    return rows;
}

// The normal equations of one axis: n unknowns, m observations, banded with half-width bw.
class AxisSolver {
public:
    AxisSolver(const ResizeKernel& kernel, int n, int m, double shift, double window, DescaleBorder border)
        : n_(n), m_(m) {
        const std::vector<std::vector<Entry>> rows = upscale_rows(kernel, n, m, shift, window, border);
        columns_.resize(n);
        for (int i = 0; i < m; ++i)
            for (const Entry& e : rows[i]) columns_[e.index].push_back({i, e.value});
        // Band width: columns k and l interact when their supports overlap.
        bw_ = 0;
        for (int k = 0; k < n; ++k)
            for (int l = k + 1; l < n && overlaps(k, l); ++l) bw_ = std::max(bw_, l - k);
        // Normal matrix in band storage: g[k][d] = (AᵀA)[k][k+d], d = 0 … bw.
        g_.assign(std::size_t(n) * (bw_ + 1), 0.0);
        for (int k = 0; k < n; ++k)
            for (int d = 0; d <= bw_ && k + d < n; ++d) g_[std::size_t(k) * (bw_ + 1) + d] = dot(k, k + d);
        factor(kernel);
    }

    // x = (AᵀA)⁻¹ Aᵀ y for one line (y: m samples with stride, x: n samples with stride).
    void solve(const float* y, std::ptrdiff_t ys, float* x, std::ptrdiff_t xs, std::vector<double>& work) const {
        work.assign(n_, 0.0);
        for (int k = 0; k < n_; ++k) {
            double s = 0;
            for (const auto& [i, v] : columns_[k]) s += v * y[i * ys];
            work[k] = s;
        }
        const int b = bw_ + 1;
        // L z = rhs (L = Uᵀ, U upper banded stored in g_).
        for (int k = 0; k < n_; ++k) {
            double s = work[k];
            for (int j = std::max(0, k - bw_); j < k; ++j) s -= g_[std::size_t(j) * b + (k - j)] * work[j];
            work[k] = s / g_[std::size_t(k) * b];
        }
        for (int k = n_ - 1; k >= 0; --k) {
            double s = work[k];
            for (int d = 1; d <= bw_ && k + d < n_; ++d) s -= g_[std::size_t(k) * b + d] * work[k + d];
            work[k] = s / g_[std::size_t(k) * b];
        }
        for (int k = 0; k < n_; ++k) x[k * xs] = float(work[k]);
    }

private:
    bool overlaps(int k, int l) const {
        if (columns_[k].empty() || columns_[l].empty()) return false;
        return columns_[l].front().index <= columns_[k].back().index;
    }
    double dot(int k, int l) const {
        double s = 0;
        for (const Entry& a : columns_[k])
            for (const Entry& b : columns_[l])
                if (a.index == b.index) s += a.value * b.value;
        return s;
    }
    // In-place banded Cholesky AᵀA = UᵀU.
    void factor(const ResizeKernel& kernel) {
        const int b = bw_ + 1;
        for (int k = 0; k < n_; ++k) {
            double d = g_[std::size_t(k) * b];
            for (int j = std::max(0, k - bw_); j < k; ++j) d -= g_[std::size_t(j) * b + (k - j)] * g_[std::size_t(j) * b + (k - j)];
            if (!(d > 1e-12))
                throw UserError("descale with " + kernel.describe() + " from " + std::to_string(m_) + " to " +
                                std::to_string(n_) + " samples is not invertible (singular normal equations)");
            const double u = std::sqrt(d);
            g_[std::size_t(k) * b] = u;
            for (int e = 1; e <= bw_ && k + e < n_; ++e) {
                double s = g_[std::size_t(k) * b + e];
                for (int j = std::max(0, k + e - bw_); j < k; ++j)
                    if (k - j <= bw_) s -= g_[std::size_t(j) * b + (k - j)] * g_[std::size_t(j) * b + (k + e - j)];
                g_[std::size_t(k) * b + e] = s / u;
            }
        }
    }

    int n_, m_, bw_ = 0;
    std::vector<std::vector<Entry>> columns_;
    std::vector<double> g_;
};

}  // namespace

std::vector<double> upscale_matrix(const ResizeKernel& kernel, int n, int m, double shift, double window,
                                   DescaleBorder border) {
    std::vector<double> a(std::size_t(m) * n, 0.0);
    const auto rows = upscale_rows(kernel, n, m, shift, window, border);
    for (int i = 0; i < m; ++i)
        for (const Entry& e : rows[i]) a[std::size_t(i) * n + e.index] = e.value;
    return a;
}

Plane descale_plane(const Plane& src, const ResizeKernel& kernel, const DescaleRequest& r) {
    require_float(src, "descale input");
    const int width = r.width, height = r.height;
    if (width < 1 || height < 1 || width > src.width() || height > src.height())
        throw UserError("descale to " + std::to_string(width) + "x" + std::to_string(height) +
                        " needs a size from 1x1 up to the source's " + std::to_string(src.width()) + "x" +
                        std::to_string(src.height()));
    if (!(r.src_width >= 0 && r.src_height >= 0 && std::isfinite(r.src_left) && std::isfinite(r.src_top)))
        throw UserError("descale: src_width/src_height must be positive and the shifts finite");
    const AxisSolver horizontal(kernel, width, src.width(), r.src_left, r.src_width, r.border);
    const AxisSolver vertical(kernel, height, src.height(), r.src_top, r.src_height, r.border);
    Plane rows = make_float_plane(width, src.height());
    std::vector<double> work;
    for (int y = 0; y < src.height(); ++y) horizontal.solve(src.row_as<float>(y), 1, rows.row_as<float>(y), 1, work);
    // The column solves run on the transposed plane, so that each reads one contiguous line.
    Plane columns = make_float_plane(src.height(), width), solved = make_float_plane(height, width);
    for (int y = 0; y < src.height(); ++y)
        for (int x = 0; x < width; ++x) columns.row_as<float>(x)[y] = rows.row_as<float>(y)[x];
    for (int x = 0; x < width; ++x) vertical.solve(columns.row_as<float>(x), 1, solved.row_as<float>(x), 1, work);
    Plane out = make_float_plane(width, height);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) out.row_as<float>(y)[x] = solved.row_as<float>(x)[y];
    return out;
}

}  // namespace rigor::pixel::regress
