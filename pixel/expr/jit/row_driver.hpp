// The generated code's row driver: what a Kernel needs around its calls, per thread and
// plane.  Each source row the kernel reads is mapped by the boundary rule (dy beyond the
// plane) and, when the program reads x[dx,dy] with dx != 0, copied with the boundary
// columns on both sides (integer rows read at several offsets are converted to binary32
// instead, and kept while rows move down); then whole steps of the kernel cover the row,
// the last one ending at the row's end.  On rows of at least three steps with reaches
// within one step, when no row is converted, only the first and last step read the copies (of just the columns
// those steps read); the steps between read the source rows themselves.  Made once (allocation), then run_rows() is
// noexcept and allocation-free.
#pragma once
#include <cstddef>
#include <vector>

#include "filters/expr/ir.hpp"
#include "pixel/expr/jit/kernel.hpp"
#include "pixel/expr/plane_job.hpp"
#include "pixel/expr/window_sum_rows.hpp"

namespace rigor::pixel::expr::jit {

class RowDriver {
public:
    // For a kernel and planes `width` samples wide; the kernel must outlive the driver.
    RowDriver(const Kernel& kernel, int width);

    // Whether the kernel serves this job: the sources have the target's size and a row
    // holds at least one kernel step.  Else the interpreter computes the plane.
    bool serves(const PlaneJob& job) const noexcept;

    // Computes rows [y_begin, y_end) of job.target (a job the kernel serves).  Converted
    // rows are kept only within one call: a new frame has the same row numbers and other
    // samples.  Uses AVX2 (as the kernel does).
    void run_rows(const PlaneJob& job, int y_begin, int y_end) noexcept;

private:
    // Column 0 of the binary32 copy of source row `source_row` of `clip` under `mode`
    // (Kernel::Row::as_float), and whether it must still be filled: x[dx,-1] of row y+1 is
    // x[dx,0] of row y, converted once.
    struct ConvertedRow {
        float* columns;
        bool fill;
    };
    ConvertedRow converted_row(int clip, rigor::expr::Boundary mode, int source_row);
    void forget_converted_rows();
    void run_row(const PlaneJob& job, int y) noexcept;

    const Kernel* kernel_;
    int width_;
    std::vector<const std::byte*> rows_;  // per Kernel::rows() slot: what the call reads
    std::vector<const std::byte*> interior_rows_;  // the same for the steps between the ends
    // Every row the kernel reads is a source row as it is (none converted to binary32,
    // no window sums): only those gain from ends of their own (run_row).
    bool plain_rows_ = true;
    std::vector<float> uniforms_;
    WindowSumRows window_sums_;  // rows of the kernel's WindowSum "clips"
    // Rows extended by the reach on both sides (when the program reads beside x): slot
    // s's copy starts at extended_ + s * extended_stride_, column 0 at extended_origin_[s].
    std::vector<std::byte> extended_;
    std::size_t extended_stride_ = 0;
    std::vector<std::size_t> extended_origin_;
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
};

}  // namespace rigor::pixel::expr::jit
