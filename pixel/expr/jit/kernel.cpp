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

// Each WindowSum becomes a Load of a row of its own (a clip numbered after the real
// ones, read at offset 0) that the row driver fills with the sums: 16-bit integer samples
// of the fewest bits holding the largest sum when it is at most 65535 (integer clips of
// 1 or 2 bytes: the fixed-point kernels then take the program, / 25 as a multiply-high),
// else binary32.  Either holds the exact sum, which the program's add chain also gives
// (window_sum.hpp), so the kernel's results are the program's.
rigor::expr::Expr windows_as_rows(const rigor::expr::Expr& e, std::size_t real_clips, std::vector<SampleLayout>& clips,
                                  std::vector<WindowSpec>& windows) {
    if (!e.uses(rigor::expr::Op::WindowSum)) return e;
    std::vector<rigor::expr::Node> nodes = e.nodes();
    for (rigor::expr::Node& n : nodes) {
        if (n.op != rigor::expr::Op::WindowSum) continue;
        WindowSpec spec = window_spec(n);
        const SampleLayout& c = clips[std::size_t(n.clip)];
        const std::int64_t top = std::int64_t(spec.width) * spec.height * ((std::int64_t(1) << c.bits) - 1);
        spec.words = !c.is_float && c.bytes_per_sample <= 2 && c.bits <= 16 && top <= 65535;
        windows.push_back(spec);
        rigor::expr::Node load;
        load.op = rigor::expr::Op::Load;
        load.clip = int(real_clips + windows.size() - 1);
        load.boundary = rigor::expr::Boundary::Clamp;
        n = load;
        clips.push_back(spec.words ? SampleLayout{2, false, bits_for(top)} : SampleLayout{4, true, 32});
    }
    return rigor::expr::Expr(std::move(nodes), e.root());
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
    std::vector<SampleLayout> layouts(clips.begin(), clips.end());
    std::vector<WindowSpec> windows;
    const rigor::expr::Expr program = windows_as_rows(e, clips.size(), layouts, windows);
    std::optional<GeneratedKernel> g;
    try {
        g = generate_fixed_kernel(program, layouts, out);
        if (!g) g = generate_float_kernel(program, layouts, out);
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
