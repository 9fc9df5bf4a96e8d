#include "pixel/regress/descale.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "filters/base/error.hpp"
#include "filters/base/worker_pool.hpp"
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

}  // namespace

// One axis: the columns of A (unknown k's observations and weights) and the banded
// Cholesky factor U of AᵀA = UᵀU (half-width bw, stored u[k·(bw+1) + d] = U[k][k+d]).
struct DescaleAxis {
    int n = 0, m = 0, bw = 0;
    std::vector<int> begin;    // column k's entries are [begin[k], begin[k+1])
    std::vector<int> index;    // observation i
    std::vector<double> value; // A[i][k]
    std::vector<double> u;

    DescaleAxis(const ResizeKernel& kernel, int n_, int m_, double shift, double window, DescaleBorder border)
        : n(n_), m(m_) {
        const std::vector<std::vector<Entry>> rows = upscale_rows(kernel, n, m, shift, window, border);
        std::vector<std::vector<Entry>> columns(n);
        for (int i = 0; i < m; ++i)
            for (const Entry& e : rows[i]) columns[e.index].push_back({i, e.value});
        begin.push_back(0);
        for (const auto& c : columns) {
            for (const Entry& e : c) index.push_back(e.index), value.push_back(e.value);
            begin.push_back(int(index.size()));
        }
        // Band width: columns k and l interact when their supports overlap.
        auto overlaps = [&](int k, int l) {
            if (columns[k].empty() || columns[l].empty()) return false;
            return columns[l].front().index <= columns[k].back().index;
        };
        for (int k = 0; k < n; ++k)
            for (int l = k + 1; l < n && overlaps(k, l); ++l) bw = std::max(bw, l - k);
        auto dot = [&](int k, int l) {
            double s = 0;
            for (const Entry& a : columns[k])
                for (const Entry& b : columns[l])
                    if (a.index == b.index) s += a.value * b.value;
            return s;
        };
        const int b = bw + 1;
        u.assign(std::size_t(n) * b, 0.0);
        for (int k = 0; k < n; ++k)
            for (int d = 0; d <= bw && k + d < n; ++d) u[std::size_t(k) * b + d] = dot(k, k + d);
        // In place: AᵀA = UᵀU.
        for (int k = 0; k < n; ++k) {
            double d = u[std::size_t(k) * b];
            for (int j = std::max(0, k - bw); j < k; ++j) d -= u[std::size_t(j) * b + (k - j)] * u[std::size_t(j) * b + (k - j)];
            if (!(d > 1e-12))
                throw UserError("descale with " + kernel.describe() + " from " + std::to_string(m) + " to " +
                                std::to_string(n) + " samples is not invertible (singular normal equations)");
            const double root = std::sqrt(d);
            u[std::size_t(k) * b] = root;
            for (int e = 1; e <= bw && k + e < n; ++e) {
                double s = u[std::size_t(k) * b + e];
                for (int j = std::max(0, k + e - bw); j < k; ++j)
                    if (k - j <= bw) s -= u[std::size_t(j) * b + (k - j)] * u[std::size_t(j) * b + (k + e - j)];
                u[std::size_t(k) * b + e] = s / root;
            }
        }
    }
};

namespace {

// The plain reference: x = (AᵀA)⁻¹ Aᵀ y for one line (y: m samples, x: n samples, with
// strides): Aᵀy, then Uᵀz = Aᵀy forward, then U x = z backward.
void solve_line(const DescaleAxis& a, const float* y, std::ptrdiff_t ys, float* x, std::ptrdiff_t xs,
                std::vector<double>& work) {
    const int n = a.n, bw = a.bw, b = bw + 1;
    work.assign(n, 0.0);
    for (int k = 0; k < n; ++k) {
        double s = 0;
        for (int e = a.begin[k]; e < a.begin[k + 1]; ++e) s += a.value[e] * y[a.index[e] * ys];
        work[k] = s;
    }
    for (int k = 0; k < n; ++k) {
        double s = work[k];
        for (int j = std::max(0, k - bw); j < k; ++j) s -= a.u[std::size_t(j) * b + (k - j)] * work[j];
        work[k] = s / a.u[std::size_t(k) * b];
    }
    for (int k = n - 1; k >= 0; --k) {
        double s = work[k];
        for (int d = 1; d <= bw && k + d < n; ++d) s -= a.u[std::size_t(k) * b + d] * work[k + d];
        work[k] = s / a.u[std::size_t(k) * b];
    }
    for (int k = 0; k < n; ++k) x[k * xs] = float(work[k]);
}

// kLanes lines at once: y[i·kLanes + l] is observation i of line l, x likewise for the n
// unknowns.  The same operations per line, in the same order, as solve_line (Aᵀy is
// merged into the forward sweep: unknown k's sum is complete before the sweep reads it).
constexpr int kLanes = 16;

__attribute__((target_clones("avx2", "default"))) void solve_lanes(const DescaleAxis& a, const double* __restrict y,
                                                                   double* __restrict x) noexcept {
    const int n = a.n, bw = a.bw, b = bw + 1;
    const double* u = a.u.data();
    for (int k = 0; k < n; ++k) {
        double s[kLanes] = {};
        for (int e = a.begin[k]; e < a.begin[k + 1]; ++e) {
            const double v = a.value[e];
            const double* yi = y + std::size_t(a.index[e]) * kLanes;
            for (int l = 0; l < kLanes; ++l) s[l] += v * yi[l];
        }
        for (int j = std::max(0, k - bw); j < k; ++j) {
            const double g = u[std::size_t(j) * b + (k - j)];
            const double* xj = x + std::size_t(j) * kLanes;
            for (int l = 0; l < kLanes; ++l) s[l] -= g * xj[l];
        }
        const double diag = u[std::size_t(k) * b];
        double* xk = x + std::size_t(k) * kLanes;
        for (int l = 0; l < kLanes; ++l) xk[l] = s[l] / diag;
    }
    for (int k = n - 1; k >= 0; --k) {
        double* xk = x + std::size_t(k) * kLanes;
        double s[kLanes];
        for (int l = 0; l < kLanes; ++l) s[l] = xk[l];
        for (int d = 1; d <= bw && k + d < n; ++d) {
            const double g = u[std::size_t(k) * b + d];
            const double* xd = x + std::size_t(k + d) * kLanes;
            for (int l = 0; l < kLanes; ++l) s[l] -= g * xd[l];
        }
        const double diag = u[std::size_t(k) * b];
        for (int l = 0; l < kLanes; ++l) xk[l] = s[l] / diag;
    }
}

struct LaneScratch {
    std::vector<double> y, x;
};

// Row solves of `src` into `out` (src rows × a.m → a.n), kLanes rows per block.
void solve_rows_block(const DescaleAxis& a, const Plane& src, Plane& out, int first, LaneScratch& s) noexcept {
    const int h = src.height();
    for (int l = 0; l < kLanes; ++l) {
        const float* row = src.row_as<float>(std::min(first + l, h - 1));
        for (int i = 0; i < a.m; ++i) s.y[std::size_t(i) * kLanes + l] = row[i];
    }
    solve_lanes(a, s.y.data(), s.x.data());
    for (int l = 0; l < kLanes && first + l < h; ++l) {
        float* row = out.row_as<float>(first + l);
        for (int k = 0; k < a.n; ++k) row[k] = float(s.x[std::size_t(k) * kLanes + l]);
    }
}

// Column solves of `src` into `out` (a.m rows → a.n rows), kLanes columns per block.
void solve_columns_block(const DescaleAxis& a, const Plane& src, Plane& out, int first, LaneScratch& s) noexcept {
    const int w = src.width();
    int col[kLanes];
    for (int l = 0; l < kLanes; ++l) col[l] = std::min(first + l, w - 1);
    for (int i = 0; i < a.m; ++i) {
        const float* row = src.row_as<float>(i);
        double* yi = s.y.data() + std::size_t(i) * kLanes;
        for (int l = 0; l < kLanes; ++l) yi[l] = row[col[l]];
    }
    solve_lanes(a, s.y.data(), s.x.data());
    const int lanes = std::min(kLanes, w - first);
    for (int k = 0; k < a.n; ++k) {
        float* row = out.row_as<float>(k) + first;
        const double* xk = s.x.data() + std::size_t(k) * kLanes;
        for (int l = 0; l < lanes; ++l) row[l] = float(xk[l]);
    }
}

}  // namespace

std::vector<double> upscale_matrix(const ResizeKernel& kernel, int n, int m, double shift, double window,
                                   DescaleBorder border) {
    std::vector<double> a(std::size_t(m) * n, 0.0);
    const auto rows = upscale_rows(kernel, n, m, shift, window, border);
    for (int i = 0; i < m; ++i)
        for (const Entry& e : rows[i]) a[std::size_t(i) * n + e.index] = e.value;
    return a;
}

DescalePlan::DescalePlan(const ResizeKernel& kernel, const DescaleRequest& r, int src_width, int src_height)
    : src_width_(src_width), src_height_(src_height), width_(r.width), height_(r.height) {
    if (width_ < 1 || height_ < 1 || width_ > src_width || height_ > src_height)
        throw UserError("descale to " + std::to_string(width_) + "x" + std::to_string(height_) +
                        " needs a size from 1x1 up to the source's " + std::to_string(src_width) + "x" +
                        std::to_string(src_height));
    if (!(r.src_width >= 0 && r.src_height >= 0 && std::isfinite(r.src_left) && std::isfinite(r.src_top)))
        throw UserError("descale: src_width/src_height must be positive and the shifts finite");
    horizontal_ = std::make_unique<DescaleAxis>(kernel, width_, src_width, r.src_left, r.src_width, r.border);
    vertical_ = std::make_unique<DescaleAxis>(kernel, height_, src_height, r.src_top, r.src_height, r.border);
}

DescalePlan::~DescalePlan() = default;
DescalePlan::DescalePlan(DescalePlan&&) noexcept = default;
DescalePlan& DescalePlan::operator=(DescalePlan&&) noexcept = default;

void DescalePlan::check(const Plane& src) const {
    require_float(src, "descale input");
    if (src.width() != src_width_ || src.height() != src_height_)
        throw UserError("descale planned for " + std::to_string(src_width_) + "x" + std::to_string(src_height_) +
                        " pictures got one of " + std::to_string(src.width()) + "x" + std::to_string(src.height()));
}

Plane DescalePlan::apply(const Plane& src, int threads) const {
    check(src);
    const DescaleAxis &h = *horizontal_, &v = *vertical_;
    const int row_blocks = (src_height_ + kLanes - 1) / kLanes, column_blocks = (width_ + kLanes - 1) / kLanes;
    WorkerPool pool(std::clamp(threads, 1, std::max(row_blocks, column_blocks)));
    std::vector<LaneScratch> scratch(std::size_t(pool.size()));
    const std::size_t lines = std::size_t(std::max(src_width_, src_height_)) * kLanes;
    for (LaneScratch& s : scratch) s.y.resize(lines), s.x.resize(lines);
    Plane rows = make_float_plane(width_, src_height_), out = make_float_plane(width_, height_);
    parallel_for(pool, std::size_t(row_blocks), [&](std::size_t block, int t) {
        solve_rows_block(h, src, rows, int(block) * kLanes, scratch[std::size_t(t)]);
    });
    parallel_for(pool, std::size_t(column_blocks), [&](std::size_t block, int t) {
        solve_columns_block(v, rows, out, int(block) * kLanes, scratch[std::size_t(t)]);
    });
    return out;
}

Plane DescalePlan::apply_reference(const Plane& src) const {
    check(src);
    Plane rows = make_float_plane(width_, src_height_), out = make_float_plane(width_, height_);
    std::vector<double> work;
    for (int y = 0; y < src_height_; ++y) solve_line(*horizontal_, src.row_as<float>(y), 1, rows.row_as<float>(y), 1, work);
    // The column solves on the transposed plane, so that each reads one contiguous line.
    Plane columns = make_float_plane(src_height_, width_), solved = make_float_plane(height_, width_);
    for (int y = 0; y < src_height_; ++y)
        for (int x = 0; x < width_; ++x) columns.row_as<float>(x)[y] = rows.row_as<float>(y)[x];
    for (int x = 0; x < width_; ++x) solve_line(*vertical_, columns.row_as<float>(x), 1, solved.row_as<float>(x), 1, work);
    for (int y = 0; y < height_; ++y)
        for (int x = 0; x < width_; ++x) out.row_as<float>(y)[x] = solved.row_as<float>(x)[y];
    return out;
}

Plane descale_plane(const Plane& src, const ResizeKernel& kernel, const DescaleRequest& r, int threads) {
    require_float(src, "descale input");
    return DescalePlan(kernel, r, src.width(), src.height()).apply(src, threads);
}

}  // namespace rigor::pixel::regress
