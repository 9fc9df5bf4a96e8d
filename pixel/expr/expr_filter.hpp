// The Expr filter on whole frames (spec: expr-language.md, "Values and formats"):
// one expression per output plane (fewer repeat the last; more is an error; an empty
// one copies the first clip's plane when the formats are equal, else is an error),
// output format = the first clip's unless given (only sample type and depth may
// change), rows split among threads with results independent of the thread count.
// Each plane runs as generated machine code (jit/) where the CPU and the program allow,
// else through the block interpreter (evaluate.hpp); both give the same bits. A program
// whose value depends on one integer sample alone runs as a table of its values instead
// (lookup_table.hpp: the interpreter's own outputs for every input value).
#pragma once
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "filters/base/worker_pool.hpp"
#include "filters/expr/ir.hpp"
#include "filters/expr/properties.hpp"
#include "pixel/expr/evaluate.hpp"
#include "pixel/expr/jit/kernel.hpp"
#include "pixel/expr/jit/row_driver.hpp"
#include "pixel/expr/lookup_table.hpp"
#include "pixel/expr/program.hpp"
#include "pixel/io/frame.hpp"

namespace rigor::pixel::expr {

struct ExprSettings {
    std::vector<std::string> expressions;        // one per plane, as given
    std::optional<VideoFormat> output_format;    // sample type and depth used
    rigor::expr::Boundary boundary = rigor::expr::Boundary::Clamp;
    int threads = 1;
    // Generate machine code for each plane's program where the CPU and the program
    // allow (jit/kernel.hpp); false: the block interpreter alone (same results, slower).
    bool jit = true;
    // What a frame property that a frame lacks reads as (filters/expr/properties.hpp): by
    // default an error naming it; `missing_properties.otherwise = NAN` is akarin.Expr's rule.
    rigor::expr::MissingProperties missing_properties;
    // Refuse rigor's own operations (ceil, sgn, argminN ...; filters/expr/parser.hpp), for
    // scripts that must also run on akarin.Expr.
    bool akarin = false;
    // Form window sums (filters/expr/window_sum.hpp) from add chains over a rectangle of
    // integer samples; false keeps the chains (same results: the sums are exact).
    bool window_sums = true;
    // Run a plane whose program depends on one integer sample alone as a table of its
    // values (lookup_table.hpp) when the plane has at least as many pixels as the table
    // has entries; false: generated code or the interpreter (same results).
    bool lookup_tables = true;
};

class ExprFilter {
public:
    // Validates everything and compiles the programs; throws rigor::UserError (one
    // message naming every plane whose expression is wrong).
    ExprFilter(const ExprSettings& settings, std::span<const VideoFormat> input_formats, int width, int height);

    const VideoFormat& output_format() const { return output_format_; }
    int width() const { return width_; }
    // Planes whose program runs as generated machine code (of those, in fixed point).
    int jit_planes() const;
    int fixed_point_planes() const;
    // Planes mapped through a lookup table (lookup_table.hpp).
    int table_planes() const;
    // Expressions parsed and compiled: planes given the same text share one.
    int compiled_expressions() const { return compiled_expressions_; }
    int height() const { return height_; }

    // Computes frame `frame_number` from one frame per input clip (same order as the
    // formats given to the constructor) into `out` (allocated if its shape differs).
    void process(std::span<const Frame* const> inputs, long frame_number, Frame& out) const;
    // The clip whose plane p the output plane p is, sample for sample (an empty
    // expression, or `x` when that clip has the output format), or -1: a host may share
    // that plane instead of having it copied.
    int copy_source(int p) const;
    // The names of the frame properties the programs read of clip `clip`, each once: all
    // that process() looks up (a host need read no others from its frames).
    std::vector<std::string> properties_read(int clip) const;

    // The same on planes the caller holds (a host language's arrays, read and written in
    // place): per input clip its planes (in the format given to the constructor, plane
    // sizes as a Frame's) and properties, and the output planes.  Throws rigor::UserError
    // when a plane's size or samples differ from the formats.  A target whose data is null
    // is skipped (the host supplies that plane, e.g. one copy_source() names).
    struct ClipPlanes {
        std::span<const PlaneSource> planes;
        const FrameProperties* properties = nullptr;  // null: none
    };
    void process(std::span<const ClipPlanes> inputs, long frame_number, std::span<const PlaneTarget> out) const;

private:
    // An expression parsed, optimised, compiled and generated once, then read by every
    // plane it is given for: all planes of one filter read and write the same sample
    // formats, so equal text means an equal program and equal code.
    struct Compiled {
        Program program;
        std::unique_ptr<const jit::Kernel> kernel;  // null: interpreter only
        std::unique_ptr<const LookupTable> table;   // null: the program needs more than one sample
    };
    struct PlanePlan {
        bool copy = false;  // empty expression: copy plane of clip 0
        bool table = false;  // map through compiled->table (the plane is at least as large)
        std::shared_ptr<const Compiled> compiled;
    };
    // One thread's memory for one plane, each part made on first use: the interpreter's
    // registers, and the row driver of the plane's kernel.
    struct PlaneScratch {
        std::unique_ptr<Registers> registers;
        std::unique_ptr<jit::RowDriver> driver;
    };
    VideoFormat output_format_;
    int width_, height_;
    std::vector<VideoFormat> input_formats_;
    std::vector<PlanePlan> planes_;
    rigor::expr::Boundary boundary_;
    rigor::expr::MissingProperties missing_properties_;
    int threads_;
    int compiled_expressions_ = 0;
    // Threads and each thread's scratch per plane, kept from frame to frame (made on
    // first use; process() is const for its callers but not reentrant).
    mutable std::unique_ptr<WorkerPool> pool_;
    mutable std::vector<std::vector<PlaneScratch>> scratch_;  // [thread][plane]
};

}  // namespace rigor::pixel::expr
