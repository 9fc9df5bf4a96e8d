#include "pixel/regress/fused.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <type_traits>
#include <vector>

#include "filters/base/error.hpp"
#include "filters/base/worker_pool.hpp"
#include "filters/regress/formulas.hpp"
#include "filters/regress/weights.hpp"
#include "pixel/regress/lanes.hpp"
#include "pixel/regress/span_formulas.hpp"
#include "pixel/regress/span_kernels.hpp"
#include "pixel/regress/window_sums.hpp"

namespace rigor::pixel::regress {

using rigor::regress::BorderMode;
using rigor::regress::ReconstructParams;
using rigor::regress::RegressParams;
using rigor::regress::reliability_weight;

namespace {

// What one regression call needs per row block (planes and the constants of model.cpp).
struct RegressJob {
    FloatRows x, y;
    MutableFloatRows slope, correlation, intercept;  // intercept unused when intercept_divisor == 0
    int radius;
    BorderMode border;
    double inv_n, eps, wt, intercept_divisor;  // divisor 0: no intercept
    int out_row_offset = 0;  // output row y is written to row y − out_row_offset of `out`
    int ring_rows = 0;       // > 0: the outputs are a ring of that many rows (row y − offset mod ring_rows)
    int out_row(int y) const { return ring_rows ? (y - out_row_offset) % ring_rows : y - out_row_offset; }
};

// The vertical updates below at column i for T = double, or i … i + 3 for T = Doubles4
// (lanes.hpp: the same operations lane by lane, so the four-wide loop and its scalar
// tail compute what a scalar loop computes; the samples widened as they are loaded).
template <class T>
[[gnu::always_inline]] inline T widened(const float* p) noexcept {
    if constexpr (std::is_same_v<T, double>) return *p;
    else return lanes::widened4(p);
}
template <class T>
[[gnu::always_inline]] inline void add_to(double* c, T v) noexcept {
    if constexpr (std::is_same_v<T, double>) *c += v;
    else lanes::store4(c, lanes::load4(c) + v);
}
// body(T{}, i) for every column of [0, w): four at a time, then one at a time.
template <class Body>
[[gnu::always_inline]] inline void for_each_column(int w, Body&& body) noexcept {
    int i = 0;
#pragma GCC unroll 2
    for (; i + 4 <= w; i += 4) body(lanes::Doubles4{}, i);
    for (; i < w; ++i) body(0.0, i);
}

// Channels: Σx, Σy, Σx², Σxy, Σy².  Products are formed from the source rows on the
// fly (entering minus leaving), in double, where they are exact.
__attribute__((target_clones("avx2", "default"))) void regress_rows(const RegressJob& j, WindowSumBuffers<5>& b,
                                                                    int row_begin, int row_end) noexcept {
    namespace f = rigor::regress::formulas;
    const int w = j.x.width, h = j.x.height;
    auto update = [&](int enter, int leave) __attribute__((always_inline)) {
        const float* xe = j.x.row(enter);
        const float* ye = j.y.row(enter);
        double *c0 = b.column(0), *c1 = b.column(1), *c2 = b.column(2), *c3 = b.column(3), *c4 = b.column(4);
        if (leave < 0) {
            for_each_column(w, [&](auto t, int i) __attribute__((always_inline)) {
                using T = decltype(t);
                const T a = widened<T>(xe + i), v = widened<T>(ye + i);
                add_to(c0 + i, a), add_to(c1 + i, v), add_to(c2 + i, f::product(a, a));
                add_to(c3 + i, f::product(a, v)), add_to(c4 + i, f::product(v, v));
            });
            return;
        }
        const float* xl = j.x.row(leave);
        const float* yl = j.y.row(leave);
        for_each_column(w, [&](auto t, int i) __attribute__((always_inline)) {
            using T = decltype(t);
            const T a = widened<T>(xe + i), v = widened<T>(ye + i), p = widened<T>(xl + i), q = widened<T>(yl + i);
            add_to(c0 + i, a - p), add_to(c1 + i, v - q);
            add_to(c2 + i, f::product(a, a) - f::product(p, p)), add_to(c3 + i, f::product(a, v) - f::product(p, q));
            add_to(c4 + i, f::product(v, v) - f::product(q, q));
        });
    };
    // The per-pixel formulas: span_formulas.hpp (edges, large radii) and span_kernels.hpp.
    const RegressionConstants k{j.inv_n, j.eps, j.wt, j.intercept_divisor};
    const std::array<const double*, 5> columns{b.column(0), b.column(1), b.column(2), b.column(3), b.column(4)};
    auto consume = [&](int row) __attribute__((always_inline)) {
        float* slope = j.slope.row(j.out_row(row));
        float* corr = j.correlation.row(j.out_row(row));
        float* icpt = j.intercept_divisor != 0 ? j.intercept.row(j.out_row(row)) : nullptr;
        for_each_row_span(
            b,
            [&](const auto& sums, int begin, int end)
                __attribute__((always_inline)) { regression_span_of(sums, begin, end, k, slope, corr, icpt); },
            [&](int begin, int end) { regression_span(columns, b.radius(), begin, end, k, slope, corr, icpt); });
    };
    window_sums_rows<5>(b, h, j.border, row_begin, row_end, update, consume);
}

struct ReconstructJob {
    FloatRows x, slope, correlation, intercept;  // intercept.data null: none
    MutableFloatRows out;
    BorderMode border;
    double inv_n, eps;
    int src_row_offset = 0;  // source row y of slope/correlation/intercept is their row y − src_row_offset
    int ring_rows = 0;       // > 0: those planes are a ring of that many rows (row y − offset mod ring_rows)
    int src_row(int y) const { return ring_rows ? (y - src_row_offset) % ring_rows : y - src_row_offset; }
};

// Channels: Σa·c, Σc, and with an intercept Σb·c (K = 3).
template <int K>
[[gnu::always_inline]] inline void reconstruct_rows_k(const ReconstructJob& j, WindowSumBuffers<K>& b,
                                                      int row_begin, int row_end) noexcept {
    namespace f = rigor::regress::formulas;
    const int w = j.x.width, h = j.x.height;
    auto update = [&](int enter, int leave) __attribute__((always_inline)) {
        const float* ae = j.slope.row(j.src_row(enter));
        const float* ce = j.correlation.row(j.src_row(enter));
        const float* be = K == 3 ? j.intercept.row(j.src_row(enter)) : nullptr;
        double *c0 = b.column(0), *c1 = b.column(1), *c2 = b.column(K - 1);
        if (leave < 0) {
            for_each_column(w, [&](auto t, int i) __attribute__((always_inline)) {
                using T = decltype(t);
                const T a = widened<T>(ae + i), c = widened<T>(ce + i);
                add_to(c0 + i, f::product(a, c)), add_to(c1 + i, c);
                if constexpr (K == 3) add_to(c2 + i, f::product(widened<T>(be + i), c));
            });
            return;
        }
        const float* al = j.slope.row(j.src_row(leave));
        const float* cl = j.correlation.row(j.src_row(leave));
        const float* bl = K == 3 ? j.intercept.row(j.src_row(leave)) : nullptr;
        for_each_column(w, [&](auto t, int i) __attribute__((always_inline)) {
            using T = decltype(t);
            const T a = widened<T>(ae + i), c = widened<T>(ce + i), p = widened<T>(al + i), q = widened<T>(cl + i);
            add_to(c0 + i, f::product(a, c) - f::product(p, q)), add_to(c1 + i, c - q);
            if constexpr (K == 3)
                add_to(c2 + i, f::product(widened<T>(be + i), c) - f::product(widened<T>(bl + i), q));
        });
    };
    const std::array<const double*, 3> columns{b.column(0), b.column(1), K == 3 ? b.column(K - 1) : nullptr};
    auto consume = [&](int row) __attribute__((always_inline)) {
        const float* xs = j.x.row(row);
        float* o = j.out.row(row);
        for_each_row_span(
            b,
            [&](const auto& s, int begin, int end)
                __attribute__((always_inline)) { reconstruct_span_of<K>(s, begin, end, xs, j.inv_n, j.eps, o); },
            [&](int begin, int end) {
                reconstruct_span(columns, K == 3, b.radius(), begin, end, xs, j.inv_n, j.eps, o);
            });
    };
    window_sums_rows<K>(b, h, j.border, row_begin, row_end, update, consume);
}

__attribute__((target_clones("avx2", "default"))) void reconstruct_rows(const ReconstructJob& j,
                                                                        WindowSumBuffers<2>& b, int row_begin,
                                                                        int row_end) noexcept {
    reconstruct_rows_k<2>(j, b, row_begin, row_end);
}

__attribute__((target_clones("avx2", "default"))) void reconstruct_rows(const ReconstructJob& j,
                                                                        WindowSumBuffers<3>& b, int row_begin,
                                                                        int row_end) noexcept {
    reconstruct_rows_k<3>(j, b, row_begin, row_end);
}

struct BoxJob {
    const Plane& src;
    Plane& out;
    BorderMode border;
    double inv_n;
};

__attribute__((target_clones("avx2", "default"))) void box_rows(const BoxJob& j, WindowSumBuffers<1>& b,
                                                                int row_begin, int row_end) noexcept {
    const int w = j.src.width(), h = j.src.height();
    auto update = [&](int enter, int leave) __attribute__((always_inline)) {
        const float* e = j.src.row_as<float>(enter);
        double* c = b.column(0);
        if (leave < 0)
            for (int i = 0; i < w; ++i) c[i] += e[i];
        else {
            const float* l = j.src.row_as<float>(leave);
            for (int i = 0; i < w; ++i) c[i] += double(e[i]) - l[i];
        }
    };
    auto consume = [&](int row) __attribute__((always_inline)) {
        float* o = j.out.row_as<float>(row);
        auto span = [&](const auto& s, int begin, int end) __attribute__((always_inline)) {
            for (int i = begin; i < end; ++i) o[i] = float(s(0, i) * j.inv_n);
        };
        for_each_row_span(b, span, [&](int begin, int end) __attribute__((always_inline)) {
            with_direct_sums<1>({b.column(0)}, b.radius(),
                                [&](const auto& s) __attribute__((always_inline)) { span(s, begin, end); });
        });
    };
    window_sums_rows<1>(b, h, j.border, row_begin, row_end, update, consume);
}

// Runs rows(scratch, begin, end) for every restart block [begin, end) of rows
// [0, height) (window_sums.hpp) on a pool of `threads` threads (at least 1, at most one
// per block), handing blocks out one at a time (a loaded core takes fewer).  Each thread
// makes its scratch with make_scratch() before its first block and keeps it.  Which
// thread runs a block never changes what the block computes.
template <class MakeScratch, class Rows>
void for_each_restart_block(int height, int threads, MakeScratch make_scratch, Rows rows) {
    using Scratch = decltype(make_scratch());
    const int blocks = (height + kRestartRows - 1) / kRestartRows;
    WorkerPool pool(std::clamp(threads, 1, std::max(1, blocks)));
    std::vector<std::optional<Scratch>> scratch(std::size_t(pool.size()));
    parallel_for(pool, std::size_t(blocks), [&](std::size_t block, int thread) {
        std::optional<Scratch>& mine = scratch[std::size_t(thread)];
        if (!mine) mine.emplace(make_scratch());
        const int begin = int(block) * kRestartRows;
        rows(*mine, begin, std::min(height, begin + kRestartRows));
    });
}

// Runs rows(job, buffers, begin, end) over restart blocks, one buffer set per thread.
template <int K, class Job, class Rows>
void run_blocks(const Job& job, int width, int height, int radius, int threads, Rows rows) {
    for_each_restart_block(
        height, threads, [&] { return WindowSumBuffers<K>(width, radius); },
        [&](WindowSumBuffers<K>& buffers, int begin, int end) { rows(job, buffers, begin, end); });
}

}  // namespace

namespace {

void require_size(int width, int height, const char* what, int w, int h) {
    if (width != w || height != h)
        throw UserError(std::string("planes of different sizes: x is ") + std::to_string(w) + "x" +
                        std::to_string(h) + ", " + what + " is " + std::to_string(width) + "x" +
                        std::to_string(height));
}
template <class R>
void require_size(const R& r, const char* what, int w, int h) { require_size(r.width, r.height, what, w, h); }

}  // namespace

double regress_fused_rows(FloatRows x, FloatRows y, const RegressParams& p, MutableFloatRows slope,
                          MutableFloatRows correlation, MutableFloatRows intercept, int threads) {
    p.validate();
    const int w = x.width, h = x.height;
    require_size(y, "y", w, h);
    require_size(slope, "slope", w, h);
    require_size(correlation, "correlation", w, h);
    const bool with_intercept = p.intercept != 0;
    if (with_intercept) require_size(intercept, "intercept", w, h);
    const double weight = reliability_weight(p.radius, p.alpha, p.weight_method);
    const RegressJob job{x,     y,      slope, correlation, intercept, p.radius, p.border, 1.0 / p.window_size(),
                         p.eps, weight, with_intercept ? p.intercept : 0.0};
    run_blocks<5>(job, w, h, p.radius, threads,
                  [](const RegressJob& j, WindowSumBuffers<5>& b, int s, int e) { regress_rows(j, b, s, e); });
    return weight;
}

RegressionPlanes regress_fused(const Plane& x, const Plane& y, const RegressParams& p, int threads) {
    p.validate();
    require_float(x, "x");
    require_float(y, "y");
    require_same_size(x, "x", y, "y");
    const int w = x.width(), h = x.height();
    RegressionPlanes out;
    out.slope = make_float_plane(w, h);
    out.correlation = make_float_plane(w, h);
    if (p.intercept != 0) out.intercept = make_float_plane(w, h);
    out.weight = regress_fused_rows(rows_of(x), rows_of(y), p, rows_of(out.slope), rows_of(out.correlation),
                                    rows_of(out.intercept), threads);
    return out;
}

void reconstruct_fused_rows(FloatRows x, FloatRows slope, FloatRows correlation, FloatRows intercept,
                            const ReconstructParams& p, MutableFloatRows out, int threads) {
    p.validate();
    const int w = x.width, h = x.height;
    require_size(slope, "slope", w, h);
    require_size(correlation, "correlation", w, h);
    if (intercept.data) require_size(intercept, "intercept", w, h);
    require_size(out, "output", w, h);
    const ReconstructJob job{x, slope, correlation, intercept, out, p.border,
                             1.0 / double((2 * p.radius + 1) * (2 * p.radius + 1)), p.eps};
    auto rows = [](const ReconstructJob& j, auto& b, int s, int e) { reconstruct_rows(j, b, s, e); };
    if (intercept.data) run_blocks<3>(job, w, h, p.radius, threads, rows);
    else run_blocks<2>(job, w, h, p.radius, threads, rows);
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
    Plane out = make_float_plane(x.width(), x.height());
    reconstruct_fused_rows(rows_of(x), rows_of(slope), rows_of(correlation),
                           intercept ? rows_of(*intercept) : FloatRows{}, p, rows_of(out), threads);
    return out;
}

Plane regress_reconstruct_fused(const Plane& x, const Plane& y, const Plane& detail, const RegressParams& rp,
                                const ReconstructParams& cp, int threads) {
    rp.validate();
    cp.validate();
    require_float(x, "x");
    require_float(y, "y");
    require_float(detail, "reconstruct input");
    require_same_size(x, "x", y, "y");
    require_same_size(x, "x", detail, "reconstruct input");
    const int w = x.width(), h = x.height(), R = cp.radius;
    const bool with_intercept = rp.intercept != 0;
    const double wt = reliability_weight(rp.radius, rp.alpha, rp.weight_method);
    Plane out = make_float_plane(w, h);
    const double rec_inv_n = 1.0 / double((2 * R + 1) * (2 * R + 1));
    // Each block of output rows [b, e) needs the regression of rows [b − R, e + R)
    // (border-mapped rows fall inside [max(0, b − R), min(h, e + R)) for the modes of
    // border.hpp).  They are computed into per-thread scratch planes, restarting at
    // the first of them: the same operations for a block whatever the thread count.
    struct Scratch {
        RegressionPlanes regression;
        WindowSumBuffers<5> regress_buffers;
        WindowSumBuffers<2> buffers2;
        WindowSumBuffers<3> buffers3;
    };
    auto make_scratch = [&] {
        const int scratch_rows = std::min(h, kRestartRows + 2 * R);
        Scratch s{{}, WindowSumBuffers<5>(w, rp.radius), WindowSumBuffers<2>(w, R), WindowSumBuffers<3>(w, R)};
        s.regression.slope = make_float_plane(w, scratch_rows);
        s.regression.correlation = make_float_plane(w, scratch_rows);
        if (with_intercept) s.regression.intercept = make_float_plane(w, scratch_rows);
        return s;
    };
    for_each_restart_block(h, threads, make_scratch, [&](Scratch& s, int b, int e) {
        const int lo = std::max(0, b - R), hi = std::min(h, e + R);
        const RegressJob rj{rows_of(x), rows_of(y), rows_of(s.regression.slope), rows_of(s.regression.correlation),
                            rows_of(s.regression.intercept), rp.radius, rp.border, 1.0 / rp.window_size(), rp.eps,
                            wt, with_intercept ? rp.intercept : 0.0, lo};
        regress_rows(rj, s.regress_buffers, lo, hi);
        const ReconstructJob cj{rows_of(detail), rows_of(s.regression.slope), rows_of(s.regression.correlation),
                                with_intercept ? FloatRows(rows_of(s.regression.intercept)) : FloatRows{},
                                rows_of(out), cp.border, rec_inv_n, cp.eps, lo};
        if (with_intercept) reconstruct_rows(cj, s.buffers3, b, e);
        else reconstruct_rows(cj, s.buffers2, b, e);
    });
    return out;
}

struct SweepScratch::Parts {
    int width, ring, radius, recon_radius;
    bool with_intercept;
    RegressionPlanes rows;
    WindowSumBuffers<5> regress_buffers;
    std::optional<WindowSumBuffers<2>> buffers2;
    std::optional<WindowSumBuffers<3>> buffers3;
};
SweepScratch::SweepScratch() = default;
SweepScratch::~SweepScratch() = default;
SweepScratch::SweepScratch(SweepScratch&&) noexcept = default;
SweepScratch& SweepScratch::operator=(SweepScratch&&) noexcept = default;

void regress_then_reconstruct_rows(FloatRows x, FloatRows y, FloatRows detail, const RegressParams& rp,
                                   const ReconstructParams& cp, MutableFloatRows out, SweepScratch& scratch) {
    rp.validate();
    cp.validate();
    const int w = x.width, h = x.height, R = cp.radius;
    require_size(y, "y", w, h);
    require_size(detail, "reconstruct input", w, h);
    require_size(out, "output", w, h);
    const bool with_intercept = rp.intercept != 0;
    // Reconstruct row r reads regression rows [r − R − 1, r + R] (border-mapped rows of
    // every mode stay inside it on planes taller than 4R + 8; shorter planes keep every
    // row), and runs once rows [0, min(h, r + R + 1)) exist: a ring of 2R + 4 rows holds them.
    const int ring = h <= 4 * R + 8 ? h : 2 * R + 4;
    SweepScratch::Parts* s = scratch.parts.get();
    if (!s || s->width != w || s->ring != ring || s->radius != rp.radius || s->recon_radius != R ||
        s->with_intercept != with_intercept) {
        scratch.parts.reset(new SweepScratch::Parts{w, ring, rp.radius, R, with_intercept, {},
                                                    WindowSumBuffers<5>(w, rp.radius), {}, {}});
        s = scratch.parts.get();
        s->rows.slope = make_float_plane(w, ring);
        s->rows.correlation = make_float_plane(w, ring);
        if (with_intercept) s->rows.intercept = make_float_plane(w, ring);
        if (with_intercept) s->buffers3.emplace(w, R);
        else s->buffers2.emplace(w, R);
    }
    // Every sweep starts afresh at row 0 (a multiple of kRestartRows), so what the
    // buffers hold from an earlier call is never resumed.
    const RegressJob rj{x,
                        y,
                        rows_of(s->rows.slope),
                        rows_of(s->rows.correlation),
                        rows_of(s->rows.intercept),
                        rp.radius,
                        rp.border,
                        1.0 / rp.window_size(),
                        rp.eps,
                        reliability_weight(rp.radius, rp.alpha, rp.weight_method),
                        with_intercept ? rp.intercept : 0.0,
                        0,
                        ring};
    const ReconstructJob cj{detail,
                            rows_of(s->rows.slope),
                            rows_of(s->rows.correlation),
                            with_intercept ? FloatRows(rows_of(s->rows.intercept)) : FloatRows{},
                            out,
                            cp.border,
                            1.0 / double((2 * R + 1) * (2 * R + 1)),
                            cp.eps,
                            0,
                            ring};
    // Both sweeps resume row by row and restart at every multiple of kRestartRows, as the
    // blocks of the separate calls do.
    int regressed = 0;
    for (int row = 0; row < h; ++row) {
        for (const int need = std::min(h, row + R + 1); regressed < need;) {
            const int end = std::min(need, (regressed / kRestartRows + 1) * kRestartRows);
            regress_rows(rj, s->regress_buffers, regressed, end);
            regressed = end;
        }
        if (with_intercept) reconstruct_rows(cj, *s->buffers3, row, row + 1);
        else reconstruct_rows(cj, *s->buffers2, row, row + 1);
    }
}

Plane box_mean(const Plane& src, int radius, BorderMode border, int threads) {
    require_float(src, "box mean input");
    if (radius < 0) throw UserError("box mean radius must be ≥ 0");
    const int w = src.width(), h = src.height();
    Plane out = make_float_plane(w, h);
    const BoxJob job{src, out, border, 1.0 / double((2 * radius + 1) * (2 * radius + 1))};
    run_blocks<1>(job, w, h, radius, threads,
                  [](const BoxJob& j, WindowSumBuffers<1>& b, int s, int e) { box_rows(j, b, s, e); });
    return out;
}

}  // namespace rigor::pixel::regress
