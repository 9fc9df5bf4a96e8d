#include "pixel/regress/descale.hpp"

#include <cmath>
#include <vector>

#include "filters/base/error.hpp"
#include "pixel/regress/resize.hpp"

namespace rigor::pixel::regress {

using rigor::regress::ResizeKernel;

namespace {

// The normal equations of one axis: n unknowns, m observations, banded with half-width bw.
class AxisSolver {
public:
    AxisSolver(const ResizeKernel& kernel, int n, int m, double shift) : n_(n), m_(m) {
        // Row k of the impulse plane is e_k; resizing its width n → m gives A's column k.
        Plane impulses = make_float_plane(n, n);
        for (int k = 0; k < n; ++k) impulses.row_as<float>(k)[k] = 1.0f;
        ResizeRequest req{m, n, shift, 0, 0, 0};
        const Plane a = resize_plane(impulses, kernel, req);
        columns_.resize(n);
        for (int k = 0; k < n; ++k) {
            const float* col = a.row_as<float>(k);
            for (int i = 0; i < m; ++i)
                if (col[i] != 0.0f) columns_[k].push_back({i, double(col[i])});
        }
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
    struct Entry {
        int row;
        double value;
    };
    bool overlaps(int k, int l) const {
        if (columns_[k].empty() || columns_[l].empty()) return false;
        return columns_[l].front().row <= columns_[k].back().row;
    }
    double dot(int k, int l) const {
        double s = 0;
        for (const Entry& a : columns_[k])
            for (const Entry& b : columns_[l])
                if (a.row == b.row) s += a.value * b.value;
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

Plane descale_plane(const Plane& src, const ResizeKernel& kernel, int width, int height, double src_left,
                    double src_top) {
    require_float(src, "descale input");
    if (width < 1 || height < 1 || width > src.width() || height > src.height())
        throw UserError("descale to " + std::to_string(width) + "x" + std::to_string(height) +
                        " needs a size from 1x1 up to the source's " + std::to_string(src.width()) + "x" +
                        std::to_string(src.height()));
    const AxisSolver horizontal(kernel, width, src.width(), src_left);
    const AxisSolver vertical(kernel, height, src.height(), src_top);
    Plane rows = make_float_plane(width, src.height());
    std::vector<double> work;
    for (int y = 0; y < src.height(); ++y) horizontal.solve(src.row_as<float>(y), 1, rows.row_as<float>(y), 1, work);
    Plane out = make_float_plane(width, height);
    const std::ptrdiff_t rs = rows.stride() / 4, os = out.stride() / 4;
    for (int x = 0; x < width; ++x)
        vertical.solve(rows.row_as<float>(0) + x, rs, out.row_as<float>(0) + x, os, work);
    return out;
}

}  // namespace rigor::pixel::regress
