#include "pixel/expr/jit/kernel.hpp"

#include <xbyak/xbyak.h>

#include "filters/base/error.hpp"
#include "pixel/expr/jit/generated_kernel.hpp"
#include "pixel/expr/math_kernels.hpp"

namespace rigor::pixel::expr::jit {

namespace {
// The caller extends rows by the reach on both sides, per thread: offsets of thousands
// of columns (valid, reflected far beyond the plane) stay with the interpreter.
constexpr int kMaxReach = 4096;
// The bits of the smallest integer layout holding [0, top].
int bits_for(std::int64_t top) {
    int b = 1;
    while ((std::int64_t(1) << b) - 1 < top) ++b;
    return b;
}

// Windows of at most this many columns whose 16-bit column sums still add below 2^16
// are summed along the row by the generated code.  Callgrind, instructions per pixel,
// gray8 1920x1080, generated code, rows of sums against loads of the column sums: 3x3
// box / 9 1.285 against 1.187, 5x5 / 25 1.559 against 1.505, 7x7 / 49 1.753 against 1.761.
constexpr int kMaxShiftedColumns = 5;

// Each WindowSum becomes a Load of a row of its own (a clip numbered after the real
// ones) that the row driver fills with the sums: 16-bit integer samples of the fewest
// bits holding the largest sum when it is at most 65535 (integer clips of 1 or 2 bytes:
// the fixed-point kernels then take the program, / 25 as a multiply-high), else binary32.
// For the fixed-point generator (shift_columns), a 16-bit window of 2 to
// kMaxShiftedColumns columns becomes instead the sum of its columns' sums: Loads at
// dx = 0 .. width - 1 of its rows of column sums
// (WindowSpec::columns_only, WindowSumRows::column_row), when their 16-bit layout still
// adds below 2^16; the driver then updates the column sums and nothing else, and the
// kernel adds along the row in registers (the vertical sum in 16-bit lanes, then the
// horizontal adds by shifted loads).  Either holds the exact sum, which the program's add
// chain also gives (window_sum.hpp; integer additions below 2^16 round nothing), so the
// kernel's results are the program's.
rigor::expr::Expr windows_as_rows(const rigor::expr::Expr& e, std::size_t real_clips, std::vector<SampleLayout>& clips,
                                  std::vector<WindowSpec>& windows, bool shift_columns) {
    using rigor::expr::Node;
    using rigor::expr::NodeId;
    using rigor::expr::Op;
    if (!e.uses(Op::WindowSum)) return e;
    rigor::expr::ExprBuilder b;
    std::vector<NodeId> id(e.size());  // old node -> new
    for (NodeId i = 0; i < e.size(); ++i) {
        Node n = e.node(i);
        for (NodeId& a : n.args) a = id[a];
        if (n.op != Op::WindowSum) {
            id[i] = b.add(std::move(n));
            continue;
        }
        WindowSpec spec = window_spec(n);
        const SampleLayout& c = clips[std::size_t(n.clip)];
        const std::int64_t sample_top = (std::int64_t(1) << c.bits) - 1;
        const std::int64_t top = std::int64_t(spec.width) * spec.height * sample_top;
        spec.words = !c.is_float && c.bytes_per_sample <= 2 && c.bits <= 16 && top <= 65535;
        const int column_bits = bits_for(std::int64_t(spec.height) * sample_top);
        const bool shifted = shift_columns && spec.words && spec.width >= 2 && spec.width <= kMaxShiftedColumns &&
                             std::int64_t(spec.width) * ((std::int64_t(1) << column_bits) - 1) <= 65535;
        Node load;
        load.op = Op::Load;
        load.clip = int(real_clips + windows.size());
        load.boundary = rigor::expr::Boundary::Clamp;
        if (!shifted) {
            windows.push_back(spec);
            clips.push_back(spec.words ? SampleLayout{2, false, bits_for(top)} : SampleLayout{4, true, 32});
            id[i] = b.add(load);
            continue;
        }
        // Column sums x + dx + j, j = 0 .. width - 1, added in order.
        spec.columns_only = true;
        windows.push_back(spec);
        clips.push_back(SampleLayout{2, false, column_bits});
        NodeId sum = b.add(load);
        for (int j = 1; j < spec.width; ++j) {
            load.dx = j;
            sum = b.op(Op::Add, {sum, b.add(load)});
        }
        id[i] = sum;
    }
    return std::move(b).finish(id[e.root()]);
}
}  // namespace

int row_slot(std::vector<Kernel::Row>& rows, const rigor::expr::Node& load, int bytes_per_sample) {
    for (std::size_t s = 0; s < rows.size(); ++s)
        if (rows[s].clip == load.clip && rows[s].dy == load.dy && rows[s].boundary == load.boundary) return int(s);
    rows.push_back({load.clip, load.dy, load.boundary, bytes_per_sample});
    return int(rows.size()) - 1;
}

std::unique_ptr<const Kernel> Kernel::compile(const rigor::expr::Expr& e, std::span<const SampleLayout> clips,
                                              SampleLayout out) {
#if defined(__x86_64__)
    if (!cpu_has_avx2_fma()) return nullptr;
    std::vector<WindowSpec> windows;
    std::optional<GeneratedKernel> g;
    // The fixed-point generator with window sums added along rows in registers; else the
    // binary32 one with rows of sums (it would convert rows read at several offsets).
    auto as_rows = [&](bool shift_columns) {
        std::vector<SampleLayout> layouts(clips.begin(), clips.end());
        windows.clear();
        const rigor::expr::Expr program = windows_as_rows(e, clips.size(), layouts, windows, shift_columns);
        return std::pair{program, layouts};
    };
    try {
        const auto [fixed_program, fixed_layouts] = as_rows(true);
        g = generate_fixed_kernel(fixed_program, fixed_layouts, out);
        if (!g) {
            const auto [program, layouts] = as_rows(false);
            g = generate_float_kernel(program, layouts, out);
        }
    } catch (const Xbyak::Error& x) {  // an operand the generators should never form
        throw InternalError(std::string("Expr JIT: Xbyak refused an instruction: ") + x.what());
    }
    if (!g || g->reach_left > kMaxReach || g->reach_right > kMaxReach) return nullptr;
    std::unique_ptr<Kernel> k(new Kernel());
    try {
        k->code_ = ExecutableCode(g->code);
    } catch (const IoError&) {
        return nullptr;  // no executable memory here: the interpreter runs alone
    }
    k->constants_ = std::move(g->constants);
    k->rows_ = std::move(g->rows);
    k->window_sums_ = std::move(windows);
    k->uniform_count_ = g->uniform_count;
    k->reach_left_ = g->reach_left;
    k->reach_right_ = g->reach_right;
    k->step_ = g->step;
    k->fixed_point_ = g->fixed_point;
    return k;
#else
    (void)e;
    (void)clips;
    (void)out;
    return nullptr;
#endif
}

}  // namespace rigor::pixel::expr::jit
