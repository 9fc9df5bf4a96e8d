// A plane program whose value depends on one 8-bit sample alone, run as a table: the
// program is evaluated once for each of the 256 input values, and each output sample is
// then table[input sample]. Only 8-bit input: a 16-bit table (65536 entries, up to
// 256 KiB) was measured slower than the engine on full-range 1080p samples (`x 3 %`
// gray16: 640 fps against 1119, bench_expr), its look-ups missing the L1 and L2 caches.
//
// Why it is exact: the table is computed by the block interpreter itself (evaluate.hpp)
// on a one-row plane holding the samples 0, 1, ..., 255 and written into a
// target of the output format, so every entry is the very sample (converted, rounded and
// clamped by the same store) that the engine writes for a pixel of that value. The
// engine's value at a pixel depends only on that pixel's sample when the program reads
// one clip at offset [0,0] and no coordinate (X, Y, width, height), frame number, frame
// property, absolute load or window sum; its results are independent of block positions
// and row lengths (evaluate.hpp), and generated code gives the same bits (kernel.hpp).
#pragma once
#include <cstddef>
#include <memory>
#include <span>
#include <vector>

#include "pixel/expr/plane_job.hpp"
#include "pixel/expr/program.hpp"
#include "pixel/io/format.hpp"

namespace rigor::pixel::expr {

class LookupTable {
public:
    // The clip the program reads through the table (0 when it reads none), or -1 when the
    // program's value depends on more than one integer sample of one clip.
    static int table_clip(const Program& p);

    // The table of `p`, compiled for clips of the formats `inputs`, into samples of `out`'s
    // layout (its data, stride and size are ignored), or null when `p` does not qualify
    // (table_clip) or the clip it reads is not 8-bit integer.
    static std::unique_ptr<const LookupTable> build(const Program& p, std::span<const VideoFormat> inputs,
                                                    const PlaneTarget& out);

    // Number of entries (256). A plane with fewer pixels than this is cheaper to
    // evaluate directly.
    std::size_t entries() const { return entries_; }
    int clip() const { return clip_; }

    // Writes rows [y_begin, y_end) of job.target from the table clip's plane.
    void map_rows(const PlaneJob& job, int y_begin, int y_end) const noexcept;

private:
    LookupTable() = default;
    int clip_ = 0, out_bytes_ = 1;
    std::size_t entries_ = 0;
    std::vector<std::byte> samples_;  // entries_ output samples, as stored
};

}  // namespace rigor::pixel::expr
