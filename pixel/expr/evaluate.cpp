#include "pixel/expr/evaluate.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "filters/base/error.hpp"
#include "filters/expr/scalar.hpp"
#include "pixel/expr/convert.hpp"
#include "pixel/expr/math_kernels.hpp"
#include "pixel/expr/source_rows.hpp"
#include "pixel/expr/vector_math.hpp"
#include "pixel/io/half.hpp"

namespace rigor::pixel::expr {

using rigor::expr::Boundary;
using rigor::expr::Op;

namespace {
std::vector<WindowSpec> window_specs(const Program& p) {
    std::vector<WindowSpec> specs;
    for (const Instruction& in : p.code)
        if (in.op == Op::WindowSum)
            specs.push_back({in.clip, in.dx, in.dy, in.window_width, in.window_height, in.boundary});
    return specs;
}
}  // namespace

Registers::Registers(const Program& p, int width)
    : window_sums_(window_specs(p), width, kBlock), count_(p.registers) {
    window_slots_.assign(p.code.size(), -1);
    for (std::size_t k = 0, slot = 0; k < p.code.size(); ++k)
        if (p.code[k].op == Op::WindowSum) window_slots_[k] = int(slot++);
    if (window_sums_.size() > 0 && width <= 0)
        throw InternalError("Registers: a program with window sums needs the plane width");
    // Row cache: padding covers the largest |dx| (beyond 64 columns, no cache: the
    // per-block loads handle any offset).
    int pad = 0;
    row_slots_.assign(p.code.size(), -1);
    for (const Instruction& in : p.code)
        if (in.op == Op::Load) pad = std::max(pad, in.dx < 0 ? -in.dx : in.dx);
    if (width > 0 && pad <= 64) {
        pad_ = (pad + 15) & ~15;  // column 0 stays 64-byte aligned
        reach_ = pad;
        cache_width_ = width;
        // Only rows read at least twice (x[-1,0] x[0,0] x[1,0]) are cached: a row read
        // once converts faster block by block straight into its register.
        auto same_row = [](const Instruction& a, const Instruction& b) {
            return a.clip == b.clip && a.dy == b.dy && a.boundary == b.boundary;
        };
        for (std::size_t k = 0; k < p.code.size(); ++k) {
            const Instruction& in = p.code[k];
            if (in.op != Op::Load) continue;
            int uses = 0;
            for (const Instruction& other : p.code) uses += other.op == Op::Load && same_row(in, other);
            if (uses < 2) continue;
            std::size_t slot = 0;
            while (slot < row_keys_.size() && !(row_keys_[slot].clip == in.clip && row_keys_[slot].dy == in.dy &&
                                                row_keys_[slot].boundary == in.boundary))
                ++slot;
            if (slot == row_keys_.size()) row_keys_.push_back({in.clip, in.dy, in.boundary});
            row_slots_[k] = int(slot);
        }
        row_stride_ = std::size_t(width + 2 * pad_ + kBlock);
        rows_.assign(row_keys_.size() * row_stride_, 0.0f);
    }
    // One extra register (temp) for order statistics, plus room to align to 64 bytes.
    storage_.assign(std::size_t(p.registers + 1) * kRegisterStride + 16, 0.0f);
    auto addr = reinterpret_cast<std::uintptr_t>(storage_.data());
    data_ = storage_.data() + (((64 - addr % 64) % 64) / sizeof(float));
    views_.resize(std::size_t(p.registers + 1));
    for (int r = 0; r <= p.registers; ++r) views_[std::size_t(r)] = get(r);
}

void load_constants(const Program& p, Registers& regs) noexcept {
    for (int i = 0; i < p.constant_count; ++i) {
        float* d = regs.get(p.code[std::size_t(i)].dst);
        for (int k = 0; k < kBlock; ++k) d[k] = p.code[std::size_t(i)].value;
    }
}

namespace {

#define RIGOR_ALWAYS_INLINE [[gnu::always_inline]] inline

// Rounds an absolute coordinate (x[] semantics): half to even, NaN -> 0, clamped.
RIGOR_ALWAYS_INLINE int absolute_index(float v, int n) noexcept {
    float r = vmath::round_even(v);
    if (!(r > 0)) return 0;
    if (r >= float(n - 1)) return n - 1;
    return int(r);
}

RIGOR_ALWAYS_INLINE void store(const PlaneTarget& t, int y, int x0, int n, const float* v) noexcept {
    std::byte* row = t.data + std::ptrdiff_t(y) * t.stride;
    if (t.is_float && t.bytes_per_sample == 4) {
        std::memcpy(reinterpret_cast<float*>(row) + x0, v, std::size_t(n) * sizeof(float));
        return;
    }
    if (t.is_float) {
        std::uint16_t* p = reinterpret_cast<std::uint16_t*>(row) + x0;
        for (int i = 0; i < n; ++i) p[i] = float_to_half(v[i]);
        return;
    }
    // Integer output: clamp to [0, 2^bits - 1] (NaN -> 0), then round half to even.
    const float top = float((1u << t.bits) - 1u);
    if (t.bytes_per_sample == 1)
        float_to_u8(v, reinterpret_cast<std::uint8_t*>(row) + x0, n, top);
    else
        float_to_u16(v, reinterpret_cast<std::uint16_t*>(row) + x0, n, top);
}

// Element-wise loops over m lanes; every kernel reads lane i of its inputs before
// writing lane i of its output, so in-place register reuse is safe.  Two registers are
// either the same block or disjoint blocks (never partly overlapping), so there is no
// loop-carried dependence: ivdep lets the compiler vectorise without the run-time
// overlap check that would otherwise send every in-place operation (a = a + b) to the
// scalar fallback loop.  Unrolled 4 times (32 lanes per AVX2 iteration), the loop
// counter and branch cost a quarter of what they do per vector.
#define RIGOR_UNARY(expr_)                       \
    _Pragma("GCC ivdep") _Pragma("GCC unroll 4") \
    for (int i = 0; i < m; ++i) {                \
        float a = A[i];                          \
        D[i] = (expr_);                          \
    }                                            \
    break
#define RIGOR_BINARY(expr_)                      \
    _Pragma("GCC ivdep") _Pragma("GCC unroll 4") \
    for (int i = 0; i < m; ++i) {                \
        float a = A[i], b = B[i];                \
        D[i] = (expr_);                          \
    }                                            \
    break

// One block of pixels [x0, x0+n) of row y.
RIGOR_ALWAYS_INLINE void run_block(const Program& p, const PlaneJob& job, Registers& regs, bool use_cache, int y,
                                   int x0, int n) noexcept {
    const int m = (n + 15) & ~15;  // lanes computed: whole vectors (registers have kBlock)
    const float** view = regs.views();
    const MathKernels& math = math_kernels();
    // A float32 result of a whole block is written straight into the output row by the
    // last instruction (no copy through a register).
    const std::size_t last = p.code.size() - 1;
    float* direct_out = nullptr;
    if (job.target.is_float && job.target.bytes_per_sample == 4 && m == n &&
        p.code.size() > std::size_t(p.constant_count) && p.code[last].dst == p.result)
        direct_out = reinterpret_cast<float*>(job.target.data + std::ptrdiff_t(y) * job.target.stride) + x0;
    for (std::size_t k = std::size_t(p.constant_count); k < p.code.size(); ++k) {
        const Instruction& in = p.code[k];
        float* D = k == last && direct_out ? direct_out : regs.get(in.dst);
        const float* A = view[in.a];
        const float* B = view[in.b];
        const float* C = view[in.c];
        const float* new_view = D;  // set after the kernel: arguments may share in.dst
        switch (in.op) {
            case Op::Load: {
                const PlaneSource& s = job.clips[std::size_t(in.clip)];
                const int xs = x0 + in.dx;
                if (use_cache && regs.row_slot(k) >= 0 && !(s.is_float && s.bytes_per_sample == 4) &&
                    !(k == last && direct_out)) {
                    new_view = regs.cached_row(regs.row_slot(k)) + xs;  // converted once per row
                    break;
                }
                if (s.is_float && s.bytes_per_sample == 4 && xs >= 0 && xs + m <= s.width && y + in.dy >= 0 &&
                    y + in.dy < s.height && !(k == last && direct_out)) {
                    // In-range float samples are read where they are.
                    new_view = reinterpret_cast<const float*>(s.data + std::ptrdiff_t(y + in.dy) * s.stride) + xs;
                    break;
                }
                Boundary mode = in.boundary == Boundary::Default ? job.boundary : in.boundary;
                read_samples(s, y + in.dy, xs, n, mode, D);
                for (int i = n; i < m; ++i) D[i] = 0.0f;
                break;
            }
            case Op::WindowSum: {  // computed for the row (evaluate_rows): a view at x0
                const float* sums = regs.window_sums().row(std::size_t(regs.window_slot(k))) + x0;
                if (k == last && direct_out) std::memcpy(D, sums, std::size_t(n) * sizeof(float));
                else new_view = sums;
                break;
            }
            case Op::LoadAbsolute: {
                const PlaneSource& s = job.clips[std::size_t(in.clip)];
                for (int i = 0; i < n; ++i) {
                    int xx = absolute_index(A[i], s.width), yy = absolute_index(B[i], s.height);
                    D[i] = read_sample(s, s.data + std::ptrdiff_t(yy) * s.stride, xx);
                }
                for (int i = n; i < m; ++i) D[i] = 0.0f;
                break;
            }
            case Op::Property: {
                float v = job.properties[std::size_t(in.uniform)];
                for (int i = 0; i < m; ++i) D[i] = v;
                break;
            }
            case Op::FrameNumber: for (int i = 0; i < m; ++i) D[i] = job.frame_number; break;
            case Op::X: for (int i = 0; i < m; ++i) D[i] = float(x0 + i); break;
            case Op::Y: for (int i = 0; i < m; ++i) D[i] = float(y); break;
            case Op::Width: for (int i = 0; i < m; ++i) D[i] = float(job.target.width); break;
            case Op::Height: for (int i = 0; i < m; ++i) D[i] = float(job.target.height); break;
            case Op::Add: RIGOR_BINARY(a + b);
            case Op::Sub: RIGOR_BINARY(a - b);
            case Op::Mul: RIGOR_BINARY(a * b);
            case Op::Div: RIGOR_BINARY(a / b);
            case Op::Mod: math.fmod(A, B, D, m); break;
            case Op::Pow:
                if (in.constant_exponent) math.pow_constant(A, in.value, D, m);
                else math.pow(A, B, D, m);
                break;
            case Op::Max: RIGOR_BINARY(a > b ? a : b);
            case Op::Min: RIGOR_BINARY(a < b ? a : b);
            case Op::Clamp:
#pragma GCC ivdep
#pragma GCC unroll 4
                for (int i = 0; i < m; ++i) {
                    float v = A[i] < C[i] ? A[i] : C[i];
                    D[i] = v > B[i] ? v : B[i];
                }
                break;
            case Op::Abs: RIGOR_UNARY(vmath::abs(a));
            case Op::Sqrt: RIGOR_UNARY(a > 0.0f ? std::sqrt(a) : 0.0f);
            case Op::Exp: math.exp(A, D, m); break;
            case Op::Log: math.log(A, D, m); break;
            case Op::Sin:
                if (in.dst2 >= 0) {  // sin and cos of one operand in one pass
                    float* D2 = regs.get(in.dst2);
                    math.sincos(A, D, D2, m);
                    view[in.dst2] = D2;
                    break;
                }
                math.sin(A, D, m);
                break;
            case Op::Cos: math.cos(A, D, m); break;
            case Op::Trunc: RIGOR_UNARY(vmath::trunc(a));
            case Op::Round: RIGOR_UNARY(vmath::round_even(a));
            case Op::Floor: RIGOR_UNARY(vmath::floor(a));
            case Op::Ceil: RIGOR_UNARY(vmath::ceil(a));
            case Op::Sign: RIGOR_UNARY(vmath::sign(a));
            case Op::Tan: math.tan(A, D, m); break;
            case Op::Asin: math.asin(A, D, m); break;
            case Op::Acos: math.acos(A, D, m); break;
            case Op::Atan: math.atan(A, D, m); break;
            case Op::Atan2: math.atan2(A, B, D, m); break;
            case Op::Gt: RIGOR_BINARY(a > b ? 1.0f : 0.0f);
            case Op::Lt: RIGOR_BINARY(a < b ? 1.0f : 0.0f);
            case Op::Eq: RIGOR_BINARY(a == b ? 1.0f : 0.0f);
            case Op::Ge: RIGOR_BINARY(a >= b ? 1.0f : 0.0f);
            case Op::Le: RIGOR_BINARY(a <= b ? 1.0f : 0.0f);
            case Op::And: RIGOR_BINARY((a > 0.0f) & (b > 0.0f) ? 1.0f : 0.0f);
            case Op::Or: RIGOR_BINARY((a > 0.0f) | (b > 0.0f) ? 1.0f : 0.0f);
            case Op::Xor: RIGOR_BINARY((a > 0.0f) != (b > 0.0f) ? 1.0f : 0.0f);
            case Op::Not: RIGOR_UNARY(a <= 0.0f ? 1.0f : 0.0f);
            case Op::BitAnd: math.bitand_(A, B, D, m); break;
            case Op::BitOr: math.bitor_(A, B, D, m); break;
            case Op::BitXor: math.bitxor_(A, B, D, m); break;
            case Op::BitNot: math.bitnot(A, D, m); break;
            case Op::Select:
#pragma GCC ivdep
#pragma GCC unroll 4
                for (int i = 0; i < m; ++i) {
                    // Both read unconditionally: written as A[i] > 0 ? B[i] : C[i], GCC
                    // emits masked loads (VMASKMOVPS), slow on AMD cores.
                    float b = B[i], c = C[i];
                    D[i] = A[i] > 0.0f ? b : c;
                }
                break;
            case Op::SortedNth:
            case Op::ArgSortNth:
            case Op::ArgMin:
            case Op::ArgMax: {
                // Counting ranks (scalar.hpp index_of_rank), lanes innermost so each
                // comparison is one vector operation; results collect in temp.
                float* T = regs.temp();
                const std::size_t count = in.many.size();
                // Fallback when no rank matches (NaN arguments), as scalar.hpp.
                const std::size_t fallback = count - 1 - std::size_t(in.rank);
                for (int i = 0; i < m; ++i)
                    T[i] = in.op == Op::SortedNth ? view[in.many[fallback]][i] : float(fallback);
                if (in.op == Op::ArgMin || in.op == Op::ArgMax) {
                    for (int i = 0; i < m; ++i) T[i] = 0.0f;
                    for (std::size_t j = 1; j < count; ++j) {
                        const float* V = view[in.many[j]];
                        for (int i = 0; i < m; ++i) {
                            float cur = view[in.many[std::size_t(T[i])]][i];
                            bool better = in.op == Op::ArgMin ? V[i] < cur : V[i] > cur;
                            T[i] = better ? float(j) : T[i];
                        }
                    }
                } else {
                    std::int32_t rank[kBlock];
                    for (std::size_t c = 0; c < count; ++c) {
                        const float* Vc = view[in.many[c]];
                        for (int i = 0; i < m; ++i) rank[i] = 0;
                        for (std::size_t j = 0; j < count; ++j) {
                            const float* Vj = view[in.many[j]];
                            const bool before = j < c;
                            for (int i = 0; i < m; ++i)
                                rank[i] += (Vj[i] < Vc[i]) | (before & (Vj[i] == Vc[i]));
                        }
                        const float result_c = float(c);
                        for (int i = 0; i < m; ++i) {
                            bool hit = rank[i] == in.rank;
                            float vc = Vc[i];  // read unconditionally: no masked load
                            T[i] = hit ? (in.op == Op::SortedNth ? vc : result_c) : T[i];
                        }
                    }
                }
                std::memcpy(D, T, std::size_t(m) * sizeof(float));
                break;
            }
            case Op::Constant: break;
        }
        view[in.dst] = new_view;
    }
    if (!direct_out) store(job.target, y, x0, n, view[p.result]);
}

#undef RIGOR_UNARY
#undef RIGOR_BINARY

}  // namespace

// Compiled twice (AVX2 and baseline) and chosen at load time.  Both follow the same
// IEEE operations lane by lane without contraction, so they give identical results.
__attribute__((target_clones("avx2", "default"))) void evaluate_rows(const Program& p, const PlaneJob& job,
                                                                     Registers& regs, int y_begin,
                                                                     int y_end) noexcept {
    const int w = job.target.width;
    bool use_cache = regs.cache_width() > 0;
    use_cache = use_cache && !regs.row_keys().empty();
    for (const PlaneSource& s : job.clips) use_cache = use_cache && s.width == w && w <= regs.cache_width();
    // Rows split into equal blocks (1920 -> 2 x 960, not 1024 + 896): same pass count,
    // no short tail block.
    const int blocks = (w + kBlock - 1) / kBlock;
    const int block = blocks > 0 ? std::min(kBlock, ((w + blocks - 1) / blocks + 15) & ~15) : kBlock;
    const bool windows = regs.window_sums().size() > 0;
    if (windows) regs.window_sums().restart();
    for (int y = y_begin; y < y_end; ++y) {
        if (windows) regs.window_sums().compute(job, y);
        if (use_cache) {
            const int pad = regs.row_reach();
            for (std::size_t slot = 0; slot < regs.row_keys().size(); ++slot) {
                const Registers::RowKey& key = regs.row_keys()[slot];
                const PlaneSource& s = job.clips[std::size_t(key.clip)];
                if (s.is_float && s.bytes_per_sample == 4) continue;  // read in place instead
                Boundary mode = key.boundary == Boundary::Default ? job.boundary : key.boundary;
                read_samples(s, y + key.dy, -pad, w + 2 * pad, mode, regs.cached_row(int(slot)) - pad);
            }
        }
        for (int x0 = 0; x0 < w; x0 += block)
            run_block(p, job, regs, use_cache, y, x0, w - x0 < block ? w - x0 : block);
    }
}

}  // namespace rigor::pixel::expr
