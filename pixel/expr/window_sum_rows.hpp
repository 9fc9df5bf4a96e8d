// The rows of WindowSum values (ir.hpp) for both evaluators, the block interpreter and
// the generated code's row driver: per window, column sums of its rows kept as int32 and
// updated by one entering and one leaving source row as output rows move down, then the
// sums along each output row over the boundary-extended column sums — a cost per pixel
// independent of the window's size.  The window-sum pass guarantees integer samples and
// sums at most 2^24, so int32 lanes are exact and the binary32 results equal the program's
// add chain bit for bit (whatever the row ranges threads take: sums are exact).
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
    // Column 0 of window k's sums for the last row computed, as binary32.
    const float* row(std::size_t k) const { return windows_[k].sums.data(); }

private:
    void compute_cloned(const PlaneJob& job, int y) noexcept;  // compute(), per instruction set
    struct Window {
        WindowSpec spec;
        int left = 0;                      // padding columns before column 0 of `columns`
        std::vector<std::int32_t> columns; // column sums, boundary-extended both sides
        std::vector<float> sums;
        std::vector<std::int32_t> eights;  // sums of 8 column sums (windows 9..64 wide)
        std::vector<std::int32_t> accumulator;
    };
    static constexpr int kBlockedWidth = 64;
    void fresh_columns(Window& w, const PlaneJob& job, int y) noexcept;
    void update_columns(Window& w, const PlaneJob& job, int y) noexcept;
    void row_sums(Window& w, rigor::expr::Boundary mode) noexcept;

    std::vector<Window> windows_;
    int width_;
    int last_y_ = -1;
    bool valid_ = false;
};

}  // namespace rigor::pixel::expr
