// The sliding (2r+1)×(2r+1) window sums behind every box mean here: per-column running
// sums updated by one entering and one leaving row, then along the row summed directly
// (small radii) or through prefix sums (a cost per pixel independent of r), the edge
// columns through the border rule's taps.  The border rules are filters/regress/border.hpp's
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

// The window sums along a row, from the column sums c of one channel.  Interior columns
// [r, w − r), whose windows lie inside the row, are summed where they are read (the
// kernels' per-pixel loops, through the types below): up to kLargestDirectRadius
// directly (direct_window_sum: 2r adds, in registers, no pass over the row), above it
// as the difference of two prefix sums (a vectorised scan, a constant cost per pixel).
// The 2r edge columns (every column when w ≤ 2r) are summed once per row through the
// border rule's taps (border.hpp window_index) into WindowSumBuffers::sums.  callgrind
// of regression + reconstruct (bench/regress/regress_ir) at r = 5: 45.4 Ir/px summed
// directly, 48.1 through prefix sums (r = 4: 38.8 and 46.8; user CPU agrees at r = 4, 5).
inline constexpr int kLargestDirectRadius = 5;

// Per-thread buffers for K channels: the column sums, the window sums of the edge
// columns and, above kLargestDirectRadius, room for the prefix sums.
template <int K>
class WindowSumBuffers {
public:
    WindowSumBuffers(int width, int radius)
        : width_(width), radius_(radius), columns_(std::size_t{K} * std::size_t(width)),
          sums_(std::size_t{K} * std::size_t(width)),
          prefix_(radius > kLargestDirectRadius ? std::size_t{K} * std::size_t(width + 1) : 0) {}

    int width() const { return width_; }
    int radius() const { return radius_; }
    // Column sums of channel k, columns 0 … w − 1.
    double* column(int k) { return columns_.data() + std::size_t(k) * width_; }
    // Window sums of channel k at the edge columns (x < r or x ≥ w − r).
    double* sums(int k) { return sums_.data() + std::size_t(k) * width_; }
    // The w + 1 prefix sums of channel k's column sums (radius > kLargestDirectRadius).
    double* prefix(int k) { return prefix_.data() + std::size_t(k) * std::size_t(width_ + 1); }
    void clear_columns() { std::fill(columns_.begin(), columns_.end(), 0.0); }
    // The source rows of the current and the next window (2r + 1 each, sorted).
    std::vector<int>& window_rows(int k) { return window_rows_[k]; }
    // The columns whose windows reach past an edge (all of them when w ≤ 2r) and, 2r + 1
    // per column, the columns they read (border.hpp window_index), for `border`.
    void map_edge_columns(rigor::regress::BorderMode border) {
        if (mapped_border_ == int(border)) return;
        mapped_border_ = int(border);
        edge_columns_.clear();
        for (int x = 0; x < width_; ++x)
            if (x < radius_ || x >= width_ - radius_) edge_columns_.push_back(x);
        edge_taps_.resize(edge_columns_.size() * std::size_t(2 * radius_ + 1));
        std::size_t k = 0;
        for (int x : edge_columns_)
            for (int d = -radius_; d <= radius_; ++d) edge_taps_[k++] = rigor::regress::window_index(x, d, width_, border);
    }
    const std::vector<int>& edge_columns() const { return edge_columns_; }
    const int* edge_taps(std::size_t i) const { return edge_taps_.data() + i * std::size_t(2 * radius_ + 1); }
    // The row the column sums are one step from (the last row summed + 1; −1: none), and
    // which of window_rows(0/1) holds that last row's window.
    int& next_row() { return next_row_; }
    int& current_rows() { return current_rows_; }

private:
    int width_, radius_;
    std::vector<double> columns_, sums_, prefix_;
    std::vector<int> window_rows_[2] = {std::vector<int>(std::size_t(2 * radius_ + 1)),
                                        std::vector<int>(std::size_t(2 * radius_ + 1))};
    std::vector<int> edge_columns_, edge_taps_;
    int mapped_border_ = -1;
    int next_row_ = -1, current_rows_ = 0;
};

// P[0] = 0 and P[i + 1] = P[i] + c[i] for i < n, for K rows c side by side.  The serial
// running sum along a row does not vectorise; this scan does: within each group of four
// it adds the group shifted by one, then by two (a log-step scan), then the carry of
// the groups before (the last prefix, broadcast).  Vector extensions rather than
// intrinsics, so the baseline clone compiles it too (as two SSE2 halves).  The sums
// differ from a serial sum only in rounding order; they grow to at most w·max|c|,
// whose rounding (2⁻⁵² of that) is far below the binary32 outputs'.
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

// After a vertical update: the window sums of the edge columns through b's edge map
// (map_edge_columns), and above kLargestDirectRadius the prefix sums the interior reads.
template <int K>
[[gnu::always_inline]] inline void prepare_row_sums(WindowSumBuffers<K>& b) noexcept {
    const int w = b.width(), r = b.radius();
    const std::vector<int>& edges = b.edge_columns();
    for (int k = 0; k < K; ++k) {
        const double* c = b.column(k);
        double* out = b.sums(k);
        for (std::size_t e = 0; e < edges.size(); ++e) {
            const int* taps = b.edge_taps(e);
            double s = c[taps[0]];
            for (int d = 1; d <= 2 * r; ++d) s += c[taps[d]];
            out[edges[e]] = s;
        }
    }
    if (r <= kLargestDirectRadius || w <= 2 * r) return;
    std::array<const double*, K> c;
    std::array<double*, K> P;
    for (int k = 0; k < K; ++k) c[k] = b.column(k), P[k] = b.prefix(k);
    prefix_sums<K>(c, w, P);
}

// The sum of the 2R + 1 terms t(0) … t(2R) of a direct window sum, in one fixed order
// for every number type (span_kernels.cpp sums four columns at once with it): blocks of
// four, B(o) = ((t(o) + t(o+1)) + t(o+2)) + t(o+3), added left to right, then the
// remaining terms left to right; below R = 4 (one block at most) that is plain left to
// right.  The blocks let a vector kernel share them: at R = 4 the windows of columns x
// and x + 4 are B(x−4) + B(x) + c[x+4] and B(x) + B(x+4) + c[x+8].
template <int R>
inline constexpr int kWindowBlocks = (2 * R + 1) / 4;
template <class Term>
[[gnu::always_inline]] inline auto window_block(Term&& t, int o) noexcept {
    return ((t(o) + t(o + 1)) + t(o + 2)) + t(o + 3);
}
// The terms after the blocks, t(4·blocks) … t(2R), added to s left to right.
template <int R, class T, class Term>
[[gnu::always_inline]] inline T plus_window_rest(T s, Term&& t) noexcept {
    for (int o = kWindowBlocks<R> ? 4 * kWindowBlocks<R> : 1; o <= 2 * R; ++o) s = s + t(o);
    return s;
}
template <int R, class T, class Term>
[[gnu::always_inline]] inline T direct_window_sum(Term&& t) noexcept {
    T s = kWindowBlocks<R> ? window_block(t, 0) : t(0);
    for (int j = 1; j < kWindowBlocks<R>; ++j) s = s + window_block(t, 4 * j);
    return plus_window_rest<R>(s, t);
}

// The window sums of channel k at column x, as the kernels' loops read them: `sums(k, x)`.
// Interior columns, radius R ≤ kLargestDirectRadius: summed directly.
template <int K, int R>
struct DirectWindowSums {
    std::array<const double*, K> c;
    [[gnu::always_inline]] double operator()(int k, int x) const noexcept {
        const double* p = c[std::size_t(k)] + x - R;
        return direct_window_sum<R, double>([p](int o) __attribute__((always_inline)) { return p[o]; });
    }
};
// Interior columns, larger radii: P[x + r + 1] − P[x − r].
template <int K>
struct PrefixWindowSums {
    std::array<const double*, K> P;
    int r;
    [[gnu::always_inline]] double operator()(int k, int x) const noexcept {
        return P[std::size_t(k)][x + r + 1] - P[std::size_t(k)][x - r];
    }
};
// Edge columns: what prepare_row_sums stored.
template <int K>
struct EdgeWindowSums {
    std::array<const double*, K> s;
    [[gnu::always_inline]] double operator()(int k, int x) const noexcept { return s[std::size_t(k)][x]; }
};

// Calls body(DirectWindowSums<K, R>{c}) for R = r (0 ≤ r ≤ kLargestDirectRadius), so
// that the caller's loop is compiled for that radius.
template <int K, class Body>
[[gnu::always_inline]] inline void with_direct_sums(const std::array<const double*, K>& c, int r, Body&& body) {
    static_assert(kLargestDirectRadius == 5, "one case per direct radius");
    switch (r) {
        case 0: return body(DirectWindowSums<K, 0>{c});
        case 1: return body(DirectWindowSums<K, 1>{c});
        case 2: return body(DirectWindowSums<K, 2>{c});
        case 3: return body(DirectWindowSums<K, 3>{c});
        case 4: return body(DirectWindowSums<K, 4>{c});
        default: return body(DirectWindowSums<K, 5>{c});
    }
}

// The columns of one row in three spans, left edge, interior, right edge, after
// prepare_row_sums: span(sums, begin, end) for the edges (EdgeWindowSums) and, above
// kLargestDirectRadius, the interior (PrefixWindowSums); direct(begin, end) for the
// interior up to kLargestDirectRadius (summed from b.column(k) where it is read).
template <int K, class Span, class Direct>
[[gnu::always_inline]] inline void for_each_row_span(WindowSumBuffers<K>& b, Span&& span, Direct&& direct) {
    const int w = b.width(), r = b.radius();
    std::array<const double*, K> s, P;
    for (int k = 0; k < K; ++k) s[std::size_t(k)] = b.sums(k), P[std::size_t(k)] = b.prefix(k);
    const int lo = std::min(r, w), hi = std::max(lo, w - r);
    if (lo > 0) span(EdgeWindowSums<K>{s}, 0, lo);
    if (hi > lo) {
        if (r <= kLargestDirectRadius) direct(lo, hi);
        else span(PrefixWindowSums<K>{P, r}, lo, hi);
    }
    if (w > hi) span(EdgeWindowSums<K>{s}, hi, w);
}

// Window sums for output rows [row_begin, row_end) (within one restart block):
// update(enter_row, leave_row) adds source row enter_row's values to the column sums
// and subtracts leave_row's (leave_row = −1: nothing leaves); consume(row) reads
// the window sums through for_each_row_span.  Rows and columns outside the plane are
// mapped by border.hpp for the rule border_at_radius(mode, r) (vszip above radius 22 is
// mirror, as vszip itself).
// The window centred on y reads the multiset of rows window_index(y, d), |d| ≤ r; from
// one window to the next, when one row enters and one leaves (inside the plane, and at
// its edges for every rule, vszip's included, on planes taller than the window) the
// column sums are updated by that pair; when more change (short planes) they are summed
// afresh.  A call whose row_begin is the row after the previous call's last, inside the
// same restart block, resumes from that call's column sums (b keeps them): the same
// operations as one call over both ranges, so a caller may interleave two sweeps row by
// row.  Any other row_begin starts afresh (the same buffers always serve one plane set,
// one mode).
template <int K, class Update, class Consume>
[[gnu::always_inline]] inline void window_sums_rows(WindowSumBuffers<K>& b, int height,
                                                    rigor::regress::BorderMode mode, int row_begin, int row_end,
                                                    Update&& update, Consume&& consume) noexcept {
    if (row_begin >= row_end) return;
    const int r = b.radius();
    const rigor::regress::BorderMode border = rigor::regress::border_at_radius(mode, r);
    auto rows_of = [&](int y, std::vector<int>& rows) {
        for (int d = -r; d <= r; ++d) rows[std::size_t(d + r)] = rigor::regress::window_index(y, d, height, border);
        std::sort(rows.begin(), rows.end());
    };
    auto afresh = [&](const std::vector<int>& rows) __attribute__((always_inline)) {
        b.clear_columns();
        for (int row : rows) update(row, -1);
    };
    b.map_edge_columns(border);
    const bool resume = row_begin == b.next_row() && row_begin % kRestartRows != 0;
    std::vector<int>*cur = &b.window_rows(b.current_rows()), *next = &b.window_rows(1 - b.current_rows());
    if (!resume) {
        rows_of(row_begin, *cur);
        afresh(*cur);
    }
    for (int y = row_begin; y < row_end; ++y) {
        if (y > row_begin || resume) {
            rows_of(y, *next);
            // The sorted multisets' differences: rows of next not in cur, and of cur not in next.
            int enter = -1, leave = -1, entering = 0, leaving = 0;
            for (std::size_t i = 0, j = 0; i < next->size() || j < cur->size();) {
                if (j == cur->size() || (i < next->size() && (*next)[i] < (*cur)[j])) enter = (*next)[i++], ++entering;
                else if (i == next->size() || (*cur)[j] < (*next)[i]) leave = (*cur)[j++], ++leaving;
                else ++i, ++j;
            }
            if (entering == 1 && leaving == 1) update(enter, leave);
            else if (entering != 0) afresh(*next);
            std::swap(cur, next);
        }
        prepare_row_sums<K>(b);
        consume(y);
    }
    b.next_row() = row_end;
    b.current_rows() = cur == &b.window_rows(0) ? 0 : 1;
}

}  // namespace rigor::pixel::regress
