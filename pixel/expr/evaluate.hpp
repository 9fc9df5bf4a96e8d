// Runs a compiled Program over rows of one output plane.  Plan once (PlaneJob), then
// evaluate_rows() is noexcept and allocation-free; it may run on disjoint row ranges in
// parallel, and every pixel's value is independent of the ranges and block positions.
#pragma once
#include <cstddef>
#include <span>
#include <vector>

#include "filters/expr/ir.hpp"
#include "pixel/expr/jit.hpp"
#include "pixel/expr/program.hpp"

namespace rigor::pixel::expr {

// Samples of one plane of one clip, as stored.
struct PlaneSource {
    const std::byte* data = nullptr;
    std::ptrdiff_t stride = 0;  // bytes
    int width = 0, height = 0;
    int bytes_per_sample = 1;   // 1, 2 (integer or half) or 4 (float)
    bool is_float = false;
};

struct PlaneTarget {
    std::byte* data = nullptr;
    std::ptrdiff_t stride = 0;
    int width = 0, height = 0;
    int bytes_per_sample = 1;
    bool is_float = false;
    int bits = 8;               // integer depth: results clamped to [0, 2^bits - 1]
};

struct PlaneJob {
    std::span<const PlaneSource> clips;
    PlaneTarget target;
    float frame_number = 0;
    std::span<const float> properties;  // values of Program::properties, NaN when missing
    rigor::expr::Boundary boundary = rigor::expr::Boundary::Clamp;  // what Boundary::Default means
};

// Scratch registers for one thread: registers() blocks of kBlock floats, 64-byte aligned.
// Given the plane width, also a row cache: each integer (or half) source row a program
// reads (one per clip, dy and boundary) is converted to float once per output row, with
// the boundary columns on both sides, so every x[dx,dy] of it is a view at an offset.
class Registers {
public:
    // With a kernel, also room for its per-row arguments (row pointers, uniforms).
    explicit Registers(const Program& p, int width = 0, const JitKernel* jit = nullptr);
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

    bool has_jit_room() const { return !jit_uniforms_.empty(); }
    const std::byte** jit_rows() { return jit_rows_.data(); }
    // Whether rows are extended for the kernel (it reads x[dx,dy] with dx != 0), and
    // column 0 of row slot s's extended copy (columns -reach_left .. width + reach_right).
    bool jit_extends_rows() const { return !jit_pad_.empty(); }
    std::byte* jit_extended_row(std::size_t s) { return jit_pad_.data() + s * jit_pad_stride_ + jit_pad_origin_[s]; }
    // Rows converted to binary32 for the kernel (JitKernel::Row::as_float), kept across
    // output rows: x[dx,-1] of row y+1 is x[dx,0] of row y, converted once.  Returns
    // column 0 of the converted copy of source row `source_row` of `clip` under `mode`,
    // and whether it must still be filled.
    struct ConvertedRow {
        float* columns;
        bool fill;
    };
    ConvertedRow jit_converted_row(int clip, rigor::expr::Boundary mode, int source_row, int reach_left);
    // Forgets the converted rows (a new frame: same row numbers, other samples).
    void forget_converted_rows() {
        for (ConvertedKey& k : converted_keys_) k = ConvertedKey{};
    }
    float* jit_uniforms() { return jit_uniforms_.data(); }

private:
    int cache_width_ = 0, pad_ = 0, reach_ = 0;
    std::size_t row_stride_ = 0;
    std::vector<RowKey> row_keys_;
    std::vector<int> row_slots_;  // per instruction: its row in the cache, or -1
    std::vector<float> rows_;
    std::vector<const float*> views_;
    std::vector<const std::byte*> jit_rows_;
    std::vector<float> jit_uniforms_;
    std::vector<std::byte> jit_pad_;
    std::size_t jit_pad_stride_ = 0;
    std::vector<std::size_t> jit_pad_origin_;
    struct ConvertedKey {
        int clip = -1;
        rigor::expr::Boundary mode = rigor::expr::Boundary::Clamp;
        int source_row = -1;
        unsigned long last_use = 0;
    };
    std::vector<ConvertedKey> converted_keys_;
    std::vector<float> converted_;
    std::size_t converted_stride_ = 0;
    unsigned long converted_clock_ = 0;
    std::vector<float> storage_;
    float* data_;
    int count_;
};

// Prepares a thread's registers (fills the constants).
void load_constants(const Program& p, Registers& regs) noexcept;

// Computes rows [y_begin, y_end) of job.target.  With a kernel compiled from the same
// graph as p (and regs made with it), the interior of each row runs as generated code
// and only the columns within reach of the edges through the interpreter; the results
// are the same bits either way.
void evaluate_rows(const Program& p, const PlaneJob& job, Registers& regs, int y_begin, int y_end,
                   const JitKernel* jit = nullptr) noexcept;

}  // namespace rigor::pixel::expr
