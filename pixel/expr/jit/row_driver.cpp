#include "pixel/expr/jit/row_driver.hpp"

#include <algorithm>
#include <cstring>

#include "pixel/expr/source_rows.hpp"

namespace rigor::pixel::expr::jit {

using rigor::expr::Boundary;

RowDriver::RowDriver(const Kernel& kernel, int width)
    : kernel_(&kernel), width_(width), window_sums_(kernel.window_sums(), width, kernel.step()) {
    rows_.assign(kernel.rows().size() + 1, nullptr);
    interior_rows_ = rows_;
    plain_rows_ = kernel.window_sums().empty();
    for (const Kernel::Row& r : kernel.rows()) plain_rows_ = plain_rows_ && !r.as_float;
    uniforms_.assign(std::size_t(kernel.uniform_count()), 0.0f);
    const int reach = kernel.reach_left() + kernel.reach_right();
    if (reach > 0 && width > 0) {
        extended_stride_ = (std::size_t(width + reach) * 4 + 63) & ~std::size_t(63);
        extended_.assign(kernel.rows().size() * extended_stride_, std::byte{0});
        for (const Kernel::Row& r : kernel.rows())
            extended_origin_.push_back(std::size_t(kernel.reach_left() * r.bytes_per_sample));
        // Converted rows: one per converted slot and one more, so the rows of the
        // previous output row survive until they are read again.
        std::size_t converted = 0;
        for (const Kernel::Row& r : kernel.rows()) converted += r.as_float;
        if (converted > 0) {
            converted_stride_ = (std::size_t(width + reach) + 15) & ~std::size_t(15);
            converted_keys_.resize(converted + 1);
            converted_.assign(converted_keys_.size() * converted_stride_, 0.0f);
        }
    }
}

bool RowDriver::serves(const PlaneJob& job) const noexcept {
    const int w = job.target.width;
    for (const PlaneSource& s : job.clips)
        if (s.width != w || s.height != job.target.height) return false;
    if (w < kernel_->step() || w > width_) return false;
    return (kernel_->reach_left() == 0 && kernel_->reach_right() == 0) || !extended_.empty();
}

RowDriver::ConvertedRow RowDriver::converted_row(int clip, Boundary mode, int source_row) {
    ++converted_clock_;
    std::size_t oldest = 0;
    const std::size_t origin = std::size_t(kernel_->reach_left());
    for (std::size_t k = 0; k < converted_keys_.size(); ++k) {
        ConvertedKey& key = converted_keys_[k];
        if (key.clip == clip && key.mode == mode && key.source_row == source_row) {
            key.last_use = converted_clock_;
            return {converted_.data() + k * converted_stride_ + origin, false};
        }
        if (key.last_use < converted_keys_[oldest].last_use) oldest = k;
    }
    converted_keys_[oldest] = {clip, mode, source_row, converted_clock_};
    return {converted_.data() + oldest * converted_stride_ + origin, true};
}

void RowDriver::forget_converted_rows() {
    for (ConvertedKey& k : converted_keys_) k = ConvertedKey{};
}

namespace {

// Columns [c0, c1) of source row `row` (w samples of Bytes bytes) into ext (column 0 of
// the extended copy), columns outside [0, w) by the boundary rule; the sample size a
// constant, so single samples are moves rather than calls.
template <std::size_t Bytes>
void extend_columns(std::byte* ext, const std::byte* row, int c0, int c1, int w, Boundary mode) {
    const int inside0 = std::max(c0, 0), inside1 = std::min(c1, w);
    if (inside1 > inside0)
        std::memcpy(ext + std::size_t(inside0) * Bytes, row + std::size_t(inside0) * Bytes,
                    std::size_t(inside1 - inside0) * Bytes);
    auto mapped = [&](int x0, int x1) {
        for (int x = x0; x < x1; ++x)
            std::memcpy(ext + std::ptrdiff_t(x) * std::ptrdiff_t(Bytes), row + std::size_t(map_index(x, w, mode)) * Bytes,
                        Bytes);
    };
    mapped(c0, std::min(c1, 0));
    mapped(std::max(c0, w), c1);
}

void extend_columns(std::byte* ext, const std::byte* row, int c0, int c1, int w, Boundary mode, std::size_t bps) {
    switch (bps) {
        case 1: extend_columns<1>(ext, row, c0, c1, w, mode); break;
        case 2: extend_columns<2>(ext, row, c0, c1, w, mode); break;
        default: extend_columns<4>(ext, row, c0, c1, w, mode); break;
    }
}

}  // namespace

// Row y of the target: each source row mapped (and extended by the boundary rule when
// the program reads beside x), then whole steps of the kernel, the last one ending at
// the row's end (overlapping the one before: the same values again).  With ends of
// their own (row of three steps or more, reaches within a step): the first step [0,
// step) reads the copies' columns [-left, step + right), the last [w - step, w) their
// columns [w - step - left, w + right), and the steps between, within [step, w - step),
// read only columns [step - left, w - step + right) of [0, w): the source rows.  Inlined
// into both versions of run_rows.
[[gnu::always_inline]] inline void RowDriver::run_row(const PlaneJob& job, int y) noexcept {
    const Kernel& kernel = *kernel_;
    const int w = job.target.width;
    const int left = kernel.reach_left(), right = kernel.reach_right();
    const int step = kernel.step();
    const bool ends = plain_rows_ && !extended_.empty() && w >= 3 * step && left <= step && right <= step;
    for (std::size_t s = 0; s < kernel.rows().size(); ++s) {
        const Kernel::Row& r = kernel.rows()[s];
        if (std::size_t(r.clip) >= job.clips.size()) {  // a window's row, boundary columns included
            const std::size_t k = std::size_t(r.clip) - job.clips.size();
            const WindowSpec& spec = window_sums_.spec(k);
            rows_[s] = interior_rows_[s] =
                spec.columns_only ? reinterpret_cast<const std::byte*>(window_sums_.column_row(k))
                : spec.words      ? reinterpret_cast<const std::byte*>(window_sums_.word_row(k))
                                  : reinterpret_cast<const std::byte*>(window_sums_.row(k));
            continue;
        }
        const PlaneSource& src = job.clips[std::size_t(r.clip)];
        const Boundary mode = r.boundary == Boundary::Default ? job.boundary : r.boundary;
        const std::byte* row = src.data + std::ptrdiff_t(map_index(y + r.dy, src.height, mode)) * src.stride;
        interior_rows_[s] = row;
        if (extended_.empty()) {
            rows_[s] = row;
            continue;
        }
        if (r.as_float) {  // integer samples converted to binary32, boundary columns included
            const int source_row = map_index(y + r.dy, src.height, mode);
            const ConvertedRow c = converted_row(r.clip, mode, source_row);
            if (c.fill) read_samples(src, source_row, -left, w + left + right, mode, c.columns - left);
            rows_[s] = interior_rows_[s] = reinterpret_cast<const std::byte*>(c.columns);
            continue;
        }
        std::byte* ext = extended_.data() + s * extended_stride_ + extended_origin_[s];
        const std::size_t bps = std::size_t(r.bytes_per_sample);
        if (ends) {
            extend_columns(ext, row, -left, step + right, w, mode, bps);
            extend_columns(ext, row, w - step - left, w + right, w, mode, bps);
        } else {
            extend_columns(ext, row, -left, w + right, w, mode, bps);
        }
        rows_[s] = ext;
    }
    float* u = uniforms_.data();
    u[0] = float(y);
    u[1] = job.frame_number;
    u[2] = float(job.target.width);
    u[3] = float(job.target.height);
    for (int k = Kernel::kFirstProperty; k < kernel.uniform_count(); ++k)
        u[k] = job.properties[std::size_t(k - Kernel::kFirstProperty)];
    RowArgs args;
    args.rows = rows_.data();
    args.out = job.target.data + std::ptrdiff_t(y) * job.target.stride;
    args.uniforms = u;
    args.streaming = job.target.stride * job.target.height >= kStreamingBytes;
    auto run = [&](const std::byte* const* rows, int x_begin, int x_end) {
        args.rows = rows;
        args.x_begin = x_begin;
        args.x_end = x_end;
        kernel.run(args);
    };
    if (ends) {
        run(rows_.data(), 0, step);
        const int interior_end = step + (w - 2 * step) / step * step;
        if (interior_end > step) run(interior_rows_.data(), step, interior_end);
        if (interior_end < w - step) run(interior_rows_.data(), w - 2 * step, w - step);
        run(rows_.data(), w - step, w);
        return;
    }
    run(rows_.data(), 0, w / step * step);
    if (w / step * step < w) run(rows_.data(), w - step, w);
}

// Compiled for AVX2, as the interpreter's AVX2 version (the conversions of source rows
// inlined here are the interpreter's, source_rows.hpp): a Kernel exists only where the
// CPU has AVX2 and FMA.
__attribute__((target("avx2"))) void RowDriver::run_rows(const PlaneJob& job, int y_begin, int y_end) noexcept {
    forget_converted_rows();  // drivers outlive frames; converted rows must not
    window_sums_.restart();
    const bool windows = window_sums_.size() > 0;
    for (int y = y_begin; y < y_end; ++y) {
        if (windows) window_sums_.compute(job, y);
        run_row(job, y);
    }
}

}  // namespace rigor::pixel::expr::jit
