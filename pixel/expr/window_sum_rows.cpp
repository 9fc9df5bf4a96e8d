#include "pixel/expr/window_sum_rows.hpp"

#include <algorithm>
#include <cstdint>
#include <type_traits>

#include "pixel/expr/source_rows.hpp"
#include "pixel/expr/window_sum_kernels.hpp"

namespace rigor::pixel::expr {

using rigor::expr::Boundary;

WindowSpec window_spec(const rigor::expr::Node& n) {
    return {n.clip, n.dx, n.dy, n.window_width, n.window_height, n.boundary};
}

namespace {

// Vectors of this many bytes start at column 0 of the rows of column sums and sums, so
// the vector loads and stores at whole steps never split a cache line.
constexpr std::size_t kRowAlignment = 64;

// v sized `before + used` elements plus one alignment's worth; the index of column 0: at
// least `before`, its address a multiple of kRowAlignment.
template <class T>
int aligned_origin(std::vector<T>& v, int before, std::size_t used) {
    v.assign(std::size_t(before) + used + kRowAlignment / sizeof(T), T(0));
    const auto address = reinterpret_cast<std::uintptr_t>(v.data() + before);
    return before + int((kRowAlignment - address % kRowAlignment) % kRowAlignment / sizeof(T));
}

}  // namespace

WindowSumRows::WindowSumRows(std::vector<WindowSpec> windows, int plane_width, int padding) : width_(plane_width) {
    for (const WindowSpec& s : windows) {
        Window w;
        w.spec = s;
        // Output column x reads column sums x+dx .. x+dx+width-1.
        w.left = std::max(0, -s.dx);
        w.right = std::max(0, s.dx + s.width - 1);
        const std::size_t columns = std::size_t(plane_width + w.right), sums = std::size_t(plane_width + padding);
        if (s.words) {
            w.column_origin = aligned_origin(w.word_columns, w.left, columns);
            w.sums_origin = aligned_origin(w.word_sums, 0, sums);
            w.word_prefix.assign(std::size_t(plane_width + s.width), 0);
        } else {
            w.column_origin = aligned_origin(w.columns, w.left, columns);
            w.sums_origin = aligned_origin(w.sums, 0, sums);
            w.float_prefix.assign(std::size_t(plane_width + s.width), 0);
        }
        windows_.push_back(std::move(w));
    }
}

void WindowSumRows::restart() noexcept { valid_ = false; }

namespace {

// Integer sample x of a stored row (the pass admits integer clips only; a float row is
// read as its value, exact for the integers it would hold).
[[gnu::always_inline]] inline const std::byte* source_row(const PlaneSource& s, int y, Boundary mode) noexcept {
    return s.data + std::ptrdiff_t(map_index(y, s.height, mode)) * s.stride;
}

// c[x] += sign * row[x] over the plane's columns, row as stored, in the column sums' type
// (uint16 column sums wrap modulo 2^16; every sum they hold fits, so the wrap cancels);
// Sign 0: c[x] = row[x] (a window's first row, no clearing pass before it).
template <int Sign, class C>
[[gnu::always_inline]] inline void accumulate(C* c, const PlaneSource& s, const std::byte* row, int w) noexcept {
    auto update = [](C old, std::int32_t v) { return Sign == 0 ? C(v) : C(old + Sign * v); };
    if (s.bytes_per_sample == 1 && !s.is_float) {
        const auto* r = reinterpret_cast<const std::uint8_t*>(row);
        for (int x = 0; x < w; ++x) c[x] = update(c[x], std::int32_t(r[x]));
    } else if (s.bytes_per_sample == 2 && !s.is_float) {
        const auto* r = reinterpret_cast<const std::uint16_t*>(row);
        for (int x = 0; x < w; ++x) c[x] = update(c[x], std::int32_t(r[x]));
    } else {
        for (int x = 0; x < w; ++x) c[x] = update(c[x], std::int32_t(read_sample(s, row, x)));
    }
}

// c[x] += enter[x] - leave[x]: the window moved down one row (window_sum_kernels.hpp:
// the rows widened as they are loaded).
template <class C, class T>
[[gnu::always_inline]] inline void slide(C* c, const T* enter, const T* leave, int w) noexcept {
    if constexpr (std::is_same_v<C, std::uint16_t>) {
        if constexpr (std::is_same_v<T, std::uint8_t>) word_slide(c, enter, leave, w);
        else for (int x = 0; x < w; ++x) c[x] = std::uint16_t(c[x] + enter[x] - leave[x]);
    } else {
        dword_slide(c, enter, leave, w);
    }
}

// The boundary columns of c (column 0 at c, `left` before it, `right` after column n - 1):
// the column sums of the columns they map to.
template <class C>
[[gnu::always_inline]] inline void extend_columns(C* c, int left, int right, int n, Boundary mode) noexcept {
    for (int x = -left; x < 0; ++x) c[x] = c[map_index(x, n, mode)];
    for (int x = n; x < n + right; ++x) c[x] = c[map_index(x, n, mode)];
}

}  // namespace

template <class C>
[[gnu::always_inline]] inline void WindowSumRows::fresh_columns(const Window& w, C* c, const PlaneJob& job,
                                                                 int y) noexcept {
    const PlaneSource& s = job.clips[std::size_t(w.spec.clip)];
    const Boundary mode = w.spec.boundary == Boundary::Default ? job.boundary : w.spec.boundary;
    accumulate<0>(c, s, source_row(s, y + w.spec.dy, mode), width_);
    for (int j = 1; j < w.spec.height; ++j) accumulate<1>(c, s, source_row(s, y + w.spec.dy + j, mode), width_);
}

template <class C>
[[gnu::always_inline]] inline void WindowSumRows::update_columns(const Window& w, C* c, const PlaneJob& job,
                                                                  int y) noexcept {
    const PlaneSource& s = job.clips[std::size_t(w.spec.clip)];
    const Boundary mode = w.spec.boundary == Boundary::Default ? job.boundary : w.spec.boundary;
    const std::byte* enter = source_row(s, y + w.spec.dy + w.spec.height - 1, mode);
    const std::byte* leave = source_row(s, y - 1 + w.spec.dy, mode);
    if (enter == leave) return;  // clamped or mirrored onto the same row
    if (s.bytes_per_sample == 1 && !s.is_float) {
        slide(c, reinterpret_cast<const std::uint8_t*>(enter), reinterpret_cast<const std::uint8_t*>(leave), width_);
    } else if (s.bytes_per_sample == 2 && !s.is_float) {
        slide(c, reinterpret_cast<const std::uint16_t*>(enter), reinterpret_cast<const std::uint16_t*>(leave), width_);
    } else {
        accumulate<1>(c, s, enter, width_);
        accumulate<-1>(c, s, leave, width_);
    }
}

// The sums along the row (window_sum_kernels.hpp: direct for narrow windows, wider by
// prefix sums at a cost independent of the width), 16-bit or binary32.
[[gnu::always_inline]] inline void WindowSumRows::word_row_sums(Window& w, Boundary mode) noexcept {
    const int n = width_;
    std::uint16_t* c = w.word_columns.data() + w.column_origin;
    extend_columns(c, w.left, w.right, n, mode);
    const std::uint16_t* first = c + w.spec.dx;  // output x sums first[x .. x+width-1]
    word_window_sums(first, n, w.spec.width, w.word_prefix.data(), w.word_sums.data() + w.sums_origin);
}

[[gnu::always_inline]] inline void WindowSumRows::row_sums(Window& w, Boundary mode) noexcept {
    const int n = width_;
    std::int32_t* c = w.columns.data() + w.column_origin;
    extend_columns(c, w.left, w.right, n, mode);
    const std::int32_t* first = c + w.spec.dx;  // output x sums first[x .. x+width-1]
    float_window_sums(first, n, w.spec.width, w.float_prefix.data(), w.sums.data() + w.sums_origin);
}

// Compiled twice (AVX2 and baseline); integer sums are exact, so both give the same bits.
// Called only from this file: clang 14 names a target_clones function's resolver apart
// from its plain symbol, so a call from another file would not link (the fuzz build).
__attribute__((target_clones("avx2", "default"))) void WindowSumRows::compute_cloned(const PlaneJob& job,
                                                                                     int y) noexcept {
    const bool follows = valid_ && y == last_y_ + 1;
    for (Window& w : windows_) {
        const Boundary mode = w.spec.boundary == Boundary::Default ? job.boundary : w.spec.boundary;
        if (w.spec.words) {
            std::uint16_t* c = w.word_columns.data() + w.column_origin;
            if (follows) update_columns(w, c, job, y);
            else fresh_columns(w, c, job, y);
            if (w.spec.columns_only) extend_columns(c, w.left, w.right, width_, mode);
            else word_row_sums(w, mode);
            continue;
        }
        std::int32_t* c = w.columns.data() + w.column_origin;
        if (follows) update_columns(w, c, job, y);
        else fresh_columns(w, c, job, y);
        row_sums(w, mode);
    }
    last_y_ = y;
    valid_ = true;
}

void WindowSumRows::compute(const PlaneJob& job, int y) noexcept { compute_cloned(job, y); }

}  // namespace rigor::pixel::expr
