// The sliding (2r+1)×(2r+1) window sums behind every box mean here, at a cost per pixel
// independent of r: per-column running sums updated by one entering and one leaving
// row, then along the row the difference of two prefix sums (a vectorised scan) of the
// border-extended column sums.  The border rules are filters/regress/border.hpp's
// (border_index, window_index, border_at_radius); this file only schedules them.
//
// Precision and determinism: sums are double (a product of two binary32 samples is
// exact in double).  The column sums restart from the source rows at every multiple of
// kRestartRows, so rounding drift is bounded by kRestartRows updates and, since threads
// take whole blocks of kRestartRows rows, every output row is computed by the same
// operations whatever the thread count (results do not depend on it).
//
// The kernels (fused.cpp) write their own vertical update — products computed from the
// source rows on the fly, never stored — and call the helpers below from a function
// compiled twice (AVX2 and baseline); the helpers are always inlined into it.
#pragma once
#include <algorithm>
#include <array>
#include <cstring>
#include <vector>

#include "filters/regress/border.hpp"

namespace rigor::pixel::regress {

inline constexpr int kRestartRows = 64;

// Per-thread buffers for K channels: column sums padded by r on both sides (so the
// horizontal sum needs no copy) and the K rows of window sums handed to consume().
template <int K>
class WindowSumBuffers {
public:
    WindowSumBuffers(int width, int radius)
        : width_(width), radius_(radius), stride_(width + 2 * radius),
          columns_(std::size_t{K} * std::size_t(stride_)), sums_(std::size_t{K} * std::size_t(width)),
          prefix_(std::size_t{K} * std::size_t(stride_ + 1)) {}

    int width() const { return width_; }
    int radius() const { return radius_; }
    // Column sums of channel k; index 0 is column 0, indices −r … w+r−1 are valid.
    double* column(int k) { return columns_.data() + std::size_t(k) * stride_ + radius_; }
    double* sums(int k) { return sums_.data() + std::size_t(k) * width_; }
    // Room for the w + 2r + 1 prefix sums of channel k's padded column sums.
    double* prefix(int k) { return prefix_.data() + std::size_t(k) * std::size_t(stride_ + 1); }
    void clear_columns() { std::fill(columns_.begin(), columns_.end(), 0.0); }

private:
    int width_, radius_, stride_;
    std::vector<double> columns_, sums_, prefix_;
};

// P[0] = 0 and P[i + 1] = P[i] + c[i] for i < n, for K rows c side by side.  The serial
// running sum along a row does not vectorise; this scan does: within each group of four
// it adds the group shifted by one, then by two (a log-step scan), then the carry of
// the groups before (the last prefix, broadcast).  Vector extensions rather than
// intrinsics, so the baseline clone compiles it too (as two SSE2 halves).  The sums
// differ from a serial sum only in rounding order; they grow to at most
// (w + 2r)·max|c|, whose rounding (2⁻⁵² of that) is far below the binary32 outputs'.
template <int K>
[[gnu::always_inline]] inline void prefix_sums(const std::array<const double*, K>& c, int n,
                                               const std::array<double*, K>& P) noexcept {
    using v4d = double __attribute__((vector_size(32)));
    const v4d zero = {0, 0, 0, 0};
    std::array<v4d, K> carry;
    for (int k = 0; k < K; ++k) carry[k] = zero, P[k][0] = 0;
    int i = 0;
    for (; i + 4 <= n; i += 4)
        for (int k = 0; k < K; ++k) {
            v4d v;
            std::memcpy(&v, c[k] + i, sizeof v);
            v += __builtin_shufflevector(zero, v, 0, 4, 5, 6);
            v += __builtin_shufflevector(zero, v, 0, 1, 4, 5);
            v += carry[k];
            std::memcpy(P[k] + 1 + i, &v, sizeof v);
            carry[k] = __builtin_shufflevector(v, v, 3, 3, 3, 3);
        }
    for (int k = 0; k < K; ++k) {
        double s = carry[k][0];
        for (int j = i; j < n; ++j) P[k][1 + j] = s += c[k][j];
    }
}

// After a vertical update: fill the r padding columns each side from the border mode,
// then run the K horizontal window sums side by side (independent dependency chains).
// vszip's mapping depends on the window's centre (border.hpp): the windows that reach
// past an edge are summed directly, the others by the running sum.
template <int K>
[[gnu::always_inline]] inline void horizontal_window_sums_by_centre(WindowSumBuffers<K>& b,
                                                                    rigor::regress::BorderMode border) noexcept {
    const int w = b.width(), r = b.radius();
    std::array<const double*, K> c;
    std::array<double*, K> P;
    for (int k = 0; k < K; ++k) c[k] = b.column(k), P[k] = b.prefix(k);
    if (w > 2 * r) prefix_sums<K>(c, w, P);  // P over columns 0 … w − 1
    for (int k = 0; k < K; ++k) {
        double* out = b.sums(k);
        auto direct = [&](int x) {
            double s = 0;
            for (int d = -r; d <= r; ++d) s += c[k][rigor::regress::window_index(x, d, w, border)];
            out[x] = s;
        };
        if (w <= 2 * r) {
            for (int x = 0; x < w; ++x) direct(x);
            continue;
        }
        for (int x = 0; x < r; ++x) direct(x), direct(w - 1 - x);
        const double* p = P[k];
        for (int x = r; x < w - r; ++x) out[x] = p[x + r + 1] - p[x - r];
    }
}

template <int K>
[[gnu::always_inline]] inline void horizontal_window_sums(WindowSumBuffers<K>& b,
                                                          rigor::regress::BorderMode border) noexcept {
    if (border == rigor::regress::BorderMode::vszip) return horizontal_window_sums_by_centre<K>(b, border);
    const int w = b.width(), r = b.radius();
    for (int k = 0; k < K; ++k) {
        double* c = b.column(k);
        for (int i = 1; i <= r; ++i) {
            c[-i] = c[rigor::regress::border_index(-i, w, border)];
            c[w - 1 + i] = c[rigor::regress::border_index(w - 1 + i, w, border)];
        }
    }
    // The window sum at x is P[x + 2r + 1] − P[x], P the prefix sums from column −r.
    std::array<const double*, K> c;
    std::array<double*, K> P;
    for (int k = 0; k < K; ++k) c[k] = b.column(k) - r, P[k] = b.prefix(k);
    prefix_sums<K>(c, w + 2 * r, P);
    for (int k = 0; k < K; ++k) {
        const double* p = P[k];
        double* out = b.sums(k);
        for (int x = 0; x < w; ++x) out[x] = p[x + 2 * r + 1] - p[x];
    }
}

// Window sums for output rows [row_begin, row_end) (within one restart block):
// update(enter_row, leave_row) adds source row enter_row's values to the column sums
// and subtracts leave_row's (leave_row = −1: nothing leaves); consume(row) reads
// b.sums(k).  Rows and columns outside the plane are mapped by border.hpp for the rule
// border_at_radius(mode, r) (vszip above radius 22 is mirror, as vszip itself).
template <int K, class Update, class Consume>
[[gnu::always_inline]] inline void window_sums_rows(WindowSumBuffers<K>& b, int height,
                                                    rigor::regress::BorderMode mode, int row_begin, int row_end,
                                                    Update&& update, Consume&& consume) noexcept {
    const int r = b.radius();
    const rigor::regress::BorderMode border = rigor::regress::border_at_radius(mode, r);
    if (border == rigor::regress::BorderMode::vszip) {
        // Windows reaching past an edge (and the one after them) are summed afresh: the
        // mapping depends on the centre, so they are not one row in, one row out.
        auto at_edge = [&](int y) { return y - r < 0 || y + r > height - 1; };
        for (int y = row_begin; y < row_end; ++y) {
            if (y == row_begin || at_edge(y) || at_edge(y - 1)) {
                b.clear_columns();
                for (int dy = -r; dy <= r; ++dy) update(rigor::regress::window_index(y, dy, height, border), -1);
            } else {
                update(y + r, y - r - 1);
            }
            horizontal_window_sums<K>(b, border);
            consume(y);
        }
        return;
    }
    b.clear_columns();
    for (int dy = -r; dy <= r; ++dy) update(rigor::regress::border_index(row_begin + dy, height, border), -1);
    for (int y = row_begin; y < row_end; ++y) {
        if (y > row_begin)
            update(rigor::regress::border_index(y + r, height, border),
                   rigor::regress::border_index(y - r - 1, height, border));
        horizontal_window_sums<K>(b, border);
        consume(y);
    }
}

}  // namespace rigor::pixel::regress
