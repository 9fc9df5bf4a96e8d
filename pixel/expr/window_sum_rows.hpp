// The rows of WindowSum values (ir.hpp) for both evaluators, the block interpreter and
// the generated code's row driver: per window, column sums of its rows kept as int32 and
// updated by one entering and one leaving source row as output rows move down, then the
// sums along each output row over the boundary-extended column sums — a cost per pixel
// independent of the window's size.  The window-sum pass guarantees integer samples and
// sums at most 2^24, so int32 lanes are exact and the binary32 results equal the program's
// add chain bit for bit (whatever the row ranges threads take: sums are exact).  Windows
// marked `words` (their sums below 2^16, the caller's check) keep uint16 column sums and
// give uint16 rows of sums (word_row), 16 lanes per vector: the generated code's
// fixed-point kernels read them as 16-bit samples; wrap-around modulo 2^16 in the
// updates and prefix sums cancels, every sum held being below 2^16.  Windows marked
// `columns_only` stop at the column sums (column_row, boundary columns included), which
// the generated code adds along the row itself.
// Plan once (allocation), then restart()/compute() are noexcept and allocation-free.
#pragma once
#include <cstdint>
#include <vector>

#include "filters/expr/ir.hpp"
#include "pixel/expr/plane_job.hpp"

namespace rigor::pixel::expr {

struct WindowSpec {
    int clip = 0;
    int dx = 0, dy = 0;           // first offset
    int width = 1, height = 1;    // columns and rows summed
    rigor::expr::Boundary boundary = rigor::expr::Boundary::Default;
    // Sums as uint16 (word_row) instead of binary32 (row); only for windows whose
    // width * height * (largest sample) is at most 65535.
    bool words = false;
    // Only the column sums (a `words` window the generated code sums along the row itself,
    // by loads at dx = 0 .. width - 1 of column_row: jit/kernel.cpp): no row of sums.
    bool columns_only = false;
};

WindowSpec window_spec(const rigor::expr::Node& window_sum);

class WindowSumRows {
public:
    // For planes `plane_width` samples wide; rows are readable `padding` lanes past the
    // width (zeros there).
    WindowSumRows(std::vector<WindowSpec> windows, int plane_width, int padding);

    std::size_t size() const { return windows_.size(); }
    // Forget the column sums (a new frame or a new run of rows).
    void restart() noexcept;
    // Makes row(k) hold the window sums of output row y for every window: an update of
    // the column sums when y follows the last row computed, else a fresh sum.
    void compute(const PlaneJob& job, int y) noexcept;
    // Column 0 of window k's sums for the last row computed, as binary32 (windows not
    // marked `words`) or as uint16 (windows marked `words`).
    const float* row(std::size_t k) const { return windows_[k].sums.data() + windows_[k].sums_origin; }
    const std::uint16_t* word_row(std::size_t k) const {
        return windows_[k].word_sums.data() + windows_[k].sums_origin;
    }
    // Window k's column sums for the last row computed (a `words` window): column_row(k)[x]
    // is the sum of column x + dx of its rows, readable for x in [0, plane width + width - 1)
    // (the boundary columns extended as the rule maps them).
    const std::uint16_t* column_row(std::size_t k) const {
        return windows_[k].word_columns.data() + windows_[k].column_origin + windows_[k].spec.dx;
    }
    const WindowSpec& spec(std::size_t k) const { return windows_[k].spec; }

private:
    void compute_cloned(const PlaneJob& job, int y) noexcept;  // compute(), per instruction set
    struct Window {
        WindowSpec spec;
        int left = 0, right = 0;           // boundary columns before column 0 and after the last
        int column_origin = 0;             // column 0 in `columns` (or `word_columns`), aligned
        int sums_origin = 0;               // column 0 in `sums` (or `word_sums`), aligned
        std::vector<std::int32_t> columns; // column sums, boundary-extended both sides
        std::vector<float> sums;
        std::vector<std::uint32_t> float_prefix;  // prefix sums (wide windows)
        std::vector<std::uint16_t> word_columns;  // `words` windows: columns, sums, prefix sums
        std::vector<std::uint16_t> word_sums;
        std::vector<std::uint16_t> word_prefix;
    };
    template <class C>
    void fresh_columns(const Window& w, C* columns, const PlaneJob& job, int y) noexcept;
    template <class C>
    void update_columns(const Window& w, C* columns, const PlaneJob& job, int y) noexcept;
    void row_sums(Window& w, rigor::expr::Boundary mode) noexcept;
    void word_row_sums(Window& w, rigor::expr::Boundary mode) noexcept;

    std::vector<Window> windows_;
    int width_;
    int last_y_ = -1;
    bool valid_ = false;
};

}  // namespace rigor::pixel::expr
