// Expr programs compiled to x86-64 AVX2 machine code (the route of akarin.Expr, which
// uses LLVM): one function per plane that evaluates a run of a row, 8 pixels per loop
// iteration, with every intermediate value in a ymm register (spilled only under
// pressure), sample conversions fused into the first use and the last operation.
//
// Semantics are those of ir.hpp, written once: every operation is the same IEEE
// binary32 instruction the block interpreter (pixel/expr/evaluate.cpp) vectorises to,
// and what is not inlined (the bit operations; the rare lanes of % that need the C
// library) calls the interpreter's own array kernels (pixel/expr/math_kernels.hpp), so
// both agree bit for bit; tests compare them.
//
// The kernel reads each source row through a pointer the caller gives per row: the
// caller maps rows (dy beyond the plane) and, when the program reads x[dx,dy] with dx
// != 0, passes copies of the rows extended by the boundary rule on both sides, so the
// kernel covers whole rows with no edge cases of its own (row_driver.hpp does that).
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "filters/expr/ir.hpp"
#include "pixel/expr/jit/executable_code.hpp"
#include "pixel/expr/window_sum_rows.hpp"

namespace rigor::pixel::expr::jit {

// Sample layout of a plane as the kernel reads or writes it.
struct SampleLayout {
    int bytes_per_sample = 1;  // 1, 2 or 4
    bool is_float = false;
    int bits = 8;              // integer output: clamp to [0, 2^bits - 1]
};

// Arguments of one call: rows of the sources, the output row, and the uniforms.
struct RowArgs {
    const std::byte* const* rows = nullptr;  // per Kernel::rows() entry: column 0 of that source row
    std::byte* out = nullptr;                // column 0 of the output row
    const float* constants = nullptr;        // Kernel's pool (set by run())
    const float* uniforms = nullptr;         // Kernel::Uniform order
    std::int64_t x_begin = 0, x_end = 0;     // columns; x_end - x_begin a multiple of step()
    // Nonzero: the output plane is large (kStreamingBytes), its rows will be out of the
    // cache before anyone reads them; kernels that have them may store non-temporally.
    std::int64_t streaming = 0;
};

// The output plane size from which RowDriver sets RowArgs::streaming: twice this
// machine class's 1 MiB L2 per core (what a normal store would fill with lines that are
// evicted unread, after reading each one from memory first).
inline constexpr std::ptrdiff_t kStreamingBytes = std::ptrdiff_t(1) << 21;

class Kernel {
public:
    // Scalars fixed for a row: uniforms[0] = Y, [1] = N, [2] = width, [3] = height,
    // [4 + k] = property k (Program::properties order).
    static constexpr int kFirstProperty = 4;

    // A source row the kernel reads: clip, dy and boundary (Default: the job's).
    struct Row {
        int clip, dy;
        rigor::expr::Boundary boundary;
        int bytes_per_sample;  // as the kernel reads the row (4 when as_float)
        // An integer row read at several offsets: the caller converts it to binary32 once
        // per output row (into the extended copy), and the kernel reads floats.
        bool as_float = false;
    };

    // Generated code for `e` reading clips of the given sample layouts and writing `out`,
    // or nullptr when it cannot be generated here (no AVX2, what the generators do not
    // handle: x[], order statistics of more than 12 values, half-float samples, programs
    // beyond 2048 nodes, offsets beyond 4096 columns; or no executable memory).  The
    // interpreter then runs the program alone.
    static std::unique_ptr<const Kernel> compile(const rigor::expr::Expr& e, std::span<const SampleLayout> clips,
                                                 SampleLayout out);

    const std::vector<Row>& rows() const { return rows_; }
    int uniform_count() const { return uniform_count_; }
    // Columns needed left and right of a pixel: the kernel may run over
    // [reach_left(), width - reach_right()).
    int reach_left() const { return reach_left_; }
    int reach_right() const { return reach_right_; }
    // Pixels per loop iteration (8, 16 or 32: vectors of 8 unrolled as registers allow).
    int step() const { return step_; }
    // The program's WindowSum nodes: the kernel reads each as a binary32 row of a clip
    // numbered after the real ones (clip = clip count + index here, dx = dy = 0), which
    // the row driver computes (window_sum_rows.hpp).
    const std::vector<WindowSpec>& window_sums() const { return window_sums_; }
    // Whether the program runs in 16-bit fixed point (exact integer programs, see
    // rigor::expr::dyadic_ranges) rather than binary32.
    bool fixed_point() const { return fixed_point_; }

    void run(RowArgs args) const noexcept {
        args.constants = constants_.data();
        reinterpret_cast<void (*)(const RowArgs*)>(const_cast<void*>(code_.entry()))(&args);
    }

private:
    Kernel() = default;
    ExecutableCode code_;
    std::vector<float> constants_;
    std::vector<Row> rows_;
    std::vector<WindowSpec> window_sums_;
    int uniform_count_ = 0;
    int reach_left_ = 0, reach_right_ = 0;
    int step_ = 8;
    bool fixed_point_ = false;
};

}  // namespace rigor::pixel::expr::jit
