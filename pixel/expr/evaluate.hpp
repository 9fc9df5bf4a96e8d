// Runs a compiled Program over rows of one output plane.  Plan once (PlaneJob), then
// evaluate_rows() is noexcept and allocation-free; it may run on disjoint row ranges in
// parallel, and every pixel's value is independent of the ranges and block positions.
#pragma once
#include <cstddef>
#include <vector>

#include "filters/expr/ir.hpp"
#include "pixel/expr/plane_job.hpp"
#include "pixel/expr/program.hpp"
#include "pixel/expr/window_sum_rows.hpp"

namespace rigor::pixel::expr {

// Scratch registers for one thread: registers() blocks of kBlock floats, 64-byte aligned.
// Given the plane width, also a row cache: each integer (or half) source row a program
// reads (one per clip, dy and boundary) is converted to float once per output row, with
// the boundary columns on both sides, so every x[dx,dy] of it is a view at an offset.
class Registers {
public:
    explicit Registers(const Program& p, int width = 0);
    // Registers lie kRegisterStride floats apart: kBlock plus 3 cache lines, so that no
    // two of them are a multiple of 4 KiB apart (loads from one register would otherwise
    // falsely wait on stores to another: 4K aliasing, on every lane of D = A op B).
    static constexpr int kRegisterStride = kBlock + 48;
    float* get(int r) { return data_ + std::size_t(r) * kRegisterStride; }
    float* temp() { return get(count_); }
    // Where each register's current block is read from: its own storage, or for a float
    // sample run inside the plane the source row itself (no copy).
    const float** views() { return views_.data(); }

    struct RowKey {
        int clip, dy;
        rigor::expr::Boundary boundary;
    };
    // The cache (empty when no width was given or an offset is too large to pad).
    int cache_width() const { return cache_width_; }
    const std::vector<RowKey>& row_keys() const { return row_keys_; }
    int row_slot(std::size_t instruction) const { return row_slots_[instruction]; }
    int row_pad() const { return pad_; }
    // Largest |dx| read: only columns -row_reach() .. width + row_reach() are converted
    // per row; the rest of the padding stays 0 (read only by lanes past the row's end,
    // whose results are discarded).
    int row_reach() const { return reach_; }
    // Column 0 of slot's row; columns -row_pad() .. width + row_pad() + kBlock exist.
    float* cached_row(int slot) { return rows_.data() + std::size_t(slot) * row_stride_ + std::size_t(pad_); }
    // The WindowSum rows (one per WindowSum instruction, in code order; they need the
    // width) and which one an instruction reads (-1: not a WindowSum).
    WindowSumRows& window_sums() { return window_sums_; }
    int window_slot(std::size_t instruction) const { return window_slots_[instruction]; }

private:
    int cache_width_ = 0, pad_ = 0, reach_ = 0;
    std::size_t row_stride_ = 0;
    std::vector<RowKey> row_keys_;
    std::vector<int> row_slots_;  // per instruction: its row in the cache, or -1
    std::vector<int> window_slots_;
    WindowSumRows window_sums_;
    std::vector<float> rows_;
    std::vector<const float*> views_;
    std::vector<float> storage_;
    float* data_;
    int count_;
};

// Prepares a thread's registers (fills the constants).
void load_constants(const Program& p, Registers& regs) noexcept;

// Computes rows [y_begin, y_end) of job.target.
void evaluate_rows(const Program& p, const PlaneJob& job, Registers& regs, int y_begin, int y_end) noexcept;

}  // namespace rigor::pixel::expr
