// The sliding (2r+1)×(2r+1) window sums behind every box mean here, at a cost per pixel
// independent of r: per-column running sums updated by one entering and one leaving row,
// then a running sum along the row over the border-extended columns.  Sums are double:
// the products of binary32 samples are exact in double, so the running updates do not
// drift visibly over a 1080-row plane.
//
// produce(src_row, rows) writes K rows (double, `width` each) of the values to average
// for source row src_row; consume(row, sums) receives the K window sums of output row
// `row` (divide by (2r+1)² for means).  Rows outside the plane are mapped by
// border_index(), so window counts are always (2r+1)².
#pragma once
#include <array>
#include <vector>

#include "filters/regress/border.hpp"

namespace rigor::regress {

template <int K, class Produce, class Consume>
void sliding_window_sums(int width, int height, int radius, BorderMode border, int row_begin, int row_end,
                         Produce&& produce, Consume&& consume) {
    if (row_begin >= row_end) return;
    const int w = width, r = radius, ext_w = w + 2 * r;
    const std::size_t plane_size = std::size_t{K} * std::size_t(w);
    std::vector<double> column(plane_size, 0.0), enter(plane_size), leave(plane_size),
        extended(std::size_t{K} * std::size_t(ext_w)), sums(plane_size);
    auto rows_of = [&](std::vector<double>& v, int stride) {
        std::array<double*, K> p;
        for (int k = 0; k < K; ++k) p[k] = v.data() + std::size_t(k) * stride;
        return p;
    };
    const auto enter_rows = rows_of(enter, w), leave_rows = rows_of(leave, w), sum_rows = rows_of(sums, w),
               column_rows = rows_of(column, w), ext_rows = rows_of(extended, ext_w);
    std::array<const double*, K> sum_const;
    for (int k = 0; k < K; ++k) sum_const[k] = sum_rows[k];

    for (int dy = -r; dy <= r; ++dy) {
        produce(border_index(row_begin + dy, height, border), enter_rows);
        for (std::size_t i = 0; i < plane_size; ++i) column[i] += enter[i];
    }
    for (int y = row_begin; y < row_end; ++y) {
        if (y > row_begin) {
            produce(border_index(y + r, height, border), enter_rows);
            produce(border_index(y - r - 1, height, border), leave_rows);
            for (std::size_t i = 0; i < plane_size; ++i) column[i] += enter[i] - leave[i];
        }
        // Border-extend each column-sum row, then run the K horizontal sums side by side
        // (independent dependency chains, so they overlap in the pipeline).
        for (int k = 0; k < K; ++k) {
            const double* c = column_rows[k];
            double* e = ext_rows[k];
            std::copy(c, c + w, e + r);
            for (int i = 0; i < r; ++i) {
                e[i] = c[border_index(i - r, w, border)];
                e[r + w + i] = c[border_index(w + i, w, border)];
            }
        }
        std::array<double, K> s{};
        for (int k = 0; k < K; ++k)
            for (int i = 0; i <= 2 * r; ++i) s[k] += ext_rows[k][i];
        for (int k = 0; k < K; ++k) sum_rows[k][0] = s[k];
        for (int x = 1; x < w; ++x)
            for (int k = 0; k < K; ++k) {
                s[k] += ext_rows[k][x + 2 * r] - ext_rows[k][x - 1];
                sum_rows[k][x] = s[k];
            }
        consume(y, sum_const);
    }
}

}  // namespace rigor::regress
