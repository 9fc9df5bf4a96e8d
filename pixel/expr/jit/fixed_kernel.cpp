// 16-bit fixed-point kernels for integer programs whose every value is k / 2^s with k a
// 16-bit integer (rigor::expr::dyadic_ranges proves it, so the results are exactly those of
// binary32 evaluation): 16 pixels per vector instead of 8, no conversions to float and
// back.  Signed lanes where every k fits [-2^15, 2^15 - 1]; else unsigned lanes where
// every k fits [0, 2^16 - 1] (16-bit samples: `x y max`, `x 256 /`, clamps, medians),
// whose adds, subtractions and products never wrap either (the ranges are the exact
// results' bounds), compared by VPMAXUW/VPMINUW and shifted logically.  `x y + 0.5 *` on 8-bit clips, for instance, becomes (x + y) rounded half to
// even by one bit.  A program whose root alone is not of that form, a division or
// multiplication by another constant (a 3x3 box sum / 9), computes its argument so and
// the root in binary32 on that exact value (emit_float_tail), or by a 16-bit
// multiply-high checked equal to it at every value (fixed_multiply_high.cpp).  No spills and no calls:
// programs needing more than the 14 value registers go to the binary32 generator.
#include <algorithm>
#include <cmath>
#include <cstring>

#include "filters/expr/dyadic_range.hpp"
#include "pixel/expr/jit/fixed_generator.hpp"

namespace rigor::pixel::expr::jit {

using rigor::expr::DyadicRange;
using namespace Xbyak::util;  // register names

std::vector<bool> FixedGenerator::foldable_loads(const rigor::expr::Expr& e, std::span<const SampleLayout> clips,
                                                const std::vector<DyadicRange>& r) {
    std::vector<int> uses(e.size(), 0);
    for (const Node& n : e.nodes())
        for (NodeId a : n.args) ++uses[a];
    std::vector<bool> folded(e.size(), false);
    for (NodeId i = 0; i < e.size(); ++i) {
        const Node& n = e.node(i);
        const bool generic = n.op == Op::Add || n.op == Op::Sub || n.op == Op::Max || n.op == Op::Min;
        if (!generic || r[i].rescales || n.args.size() != 2) continue;
        const NodeId b = n.args[1];
        const Node& load = e.node(b);
        folded[b] = load.op == Op::Load && uses[b] == 1 && n.args[0] != b &&
                    clips[std::size_t(load.clip)].bytes_per_sample == 2 && r[b].shift == r[i].shift;
    }
    return folded;
}

void FixedGenerator::emit(NodeId i, int u, int position) {
    const Node& n = e_.node(i);
    const DyadicRange& range = r_[i];
    if (n.op == Op::Load) {
        if (folded_[i]) return;  // read by its one user (aligned)
        const SampleLayout& t = clips_[std::size_t(n.clip)];
        const Xbyak::Address m = load_address(n, u);
        const int d = reg(i, u) = take();
        if (t.bytes_per_sample == 1) a_.vpmovzxbw(ymm(d), VecOperand::m(m));
        else a_.vmovdqu(ymm(d), VecOperand::m(m));
        return;
    }
    if (range.rescales) {  // a * 2^t: the binary point moves; k shifts left by `lift`
        const NodeId a = n.args[std::size_t(range.scaled_arg)];
        const bool dying = sched_.last_use[a] == position;
        if (range.lift == 0 && dying) {
            reg(i, u) = reg(a, u);  // the same k, now read at another shift
            return;
        }
        const int src = reg(a, u);
        release_dying(i, u, position);
        const int d = reg(i, u) = take();
        if (range.lift > 0) a_.vpsllw(ymm(d), ymm(src), std::uint8_t(range.lift));
        else a_.vmovdqa(ymm(d), ymm(src));
        return;
    }
    if (n.op == Op::SortedNth) {
        emit_sorted(i, u, position);
        return;
    }
    if (n.op == Op::Clamp) {
        emit_clamp(i, u, position);
        return;
    }
    if (n.op == Op::Abs) {  // |k|: signed lanes (|k| <= 32767 by the plan); unsigned k >= 0
        const int ra = reg(n.args[0], u);
        release_dying(i, u, position);
        const int d = reg(i, u) = take();
        if (unsigned_) {
            if (d != ra) a_.vmovdqa(ymm(d), ymm(ra));
        } else {
            a_.vpabsw(ymm(d), ymm(ra));
        }
        return;
    }
    VecOperand A, B;
    if (n.op == Op::Mul) {  // k = ka kb at shift sa + sb: no alignment
        auto operand = [&](std::size_t k) {
            const NodeId a = n.args[k];
            if (e_.node(a).op == Op::Constant) return pooled(r_[a].lo);
            return VecOperand::r(reg(a, u));
        };
        A = operand(0);
        B = operand(1);
    } else {
        A = aligned(i, 0, u, range.shift, kScratchA);
        B = aligned(i, 1, u, range.shift, kScratchB);
    }
    const int ra = in_register(A, kScratchA);
    if (saturating_ && saturating_->sub == i && saturating_->absolute) {
        // |ka - kb| = max(ka - kb, 0) | max(kb - ka, 0), d taken while a and b are held.
        const int d = take();
        a_.vpsubusw(ymm(d), ymm(ra), B);
        const int rb = in_register(B, kScratchB);  // ra is a's register or kScratchA
        a_.vpsubusw(ymm(kScratchB), ymm(rb), VecOperand::r(ra));
        a_.vpor(ymm(d), ymm(d), VecOperand::r(kScratchB));
        release_dying(i, u, position);
        reg(i, u) = d;
        return;
    }
    release_dying(i, u, position);
    const int d = reg(i, u) = take();
    switch (n.op) {
        case Op::Add: a_.vpaddw(ymm(d), ymm(ra), B); break;
        case Op::Sub:
            if (saturating_ && saturating_->sub == i) a_.vpsubusw(ymm(d), ymm(ra), B);  // max(ka - kb, 0)
            else a_.vpsubw(ymm(d), ymm(ra), B);
            break;
        case Op::Mul: a_.vpmullw(ymm(d), ymm(ra), B); break;  // the low 16 bits: the product, which fits
        case Op::Max: max_words(d, ra, B); break;
        case Op::Min: min_words(d, ra, B); break;
        default: break;  // dyadic_ranges admits nothing else
    }
}

// clamp(v, lo, hi) = max(min(v, hi), lo) (ir.hpp), all three at the node's shift; every
// argument is read before the result's register (perhaps a dying argument's) is written.
void FixedGenerator::emit_clamp(NodeId i, int u, int position) {
    const int s = r_[i].shift;
    const int v = in_register(aligned(i, 0, u, s, kScratchA), kScratchA);
    min_words(kScratchA, v, aligned(i, 2, u, s, kScratchB));
    const VecOperand lo = aligned(i, 1, u, s, kScratchB);
    release_dying(i, u, position);
    const int d = reg(i, u) = take();
    max_words(d, kScratchA, lo);
}

namespace {

// A root `a / c` or `a * c` (c a constant, a not) that dyadic_ranges declines (c no
// power of two): a may still be exact in 16 bits (a 3x3 box sum before its / 9).
std::optional<FixedGenerator::FloatTail> float_tail(const rigor::expr::Expr& e) {
    using rigor::expr::Op;
    const rigor::expr::Node& root = e.node(e.root());
    auto is_constant = [&](rigor::expr::NodeId i) { return e.node(i).op == Op::Constant; };
    if (root.op == Op::Div && is_constant(root.args[1]) && !is_constant(root.args[0]))
        return FixedGenerator::FloatTail{root.args[0], true, e.node(root.args[1]).value};
    if (root.op == Op::Mul && is_constant(root.args[1]) != is_constant(root.args[0])) {
        const std::size_t c = is_constant(root.args[1]) ? 1 : 0;
        return FixedGenerator::FloatTail{root.args[1 - c], false, e.node(root.args[c]).value};
    }
    return std::nullopt;
}

}  // namespace

// The float tail of vector k (16 lanes of the argument's k at shift s) into t: each half
// to binary32 (exact: |k| < 2^16, sign- or zero-extended as the lanes are), times 2^-s (exact), the root's / c or * c (the one
// rounding binary32 evaluation does there too, so the same bits; IEEE * commutes), then
// the binary32 store: clamp to [0, top] and round half to even (float_samples.cpp),
// packed back to 16 lanes in pixel order.
void FixedGenerator::emit_float_tail(int k, int t) {
    a_.vextracti128(xmm(kScratchB), ymm(k), 1);
    if (unsigned_) {
        a_.vpmovzxwd(ymm(kScratchB), xmm(kScratchB));  // pixels 8..15
        a_.vpmovzxwd(ymm(t), xmm(k));                  // pixels 0..7
    } else {
        a_.vpmovsxwd(ymm(kScratchB), xmm(kScratchB));
        a_.vpmovsxwd(ymm(t), xmm(k));
    }
    for (int r : {t, kScratchB}) emit_float_tail_dwords(r);
    a_.vpackusdw(ymm(t), ymm(t), VecOperand::r(kScratchB));
    a_.vpermq(ymm(t), ymm(t), 0xd8);  // quads 0 2 1 3: undo the per-half packing
}

// The float tail on 8 lanes of k as 32-bit integers (|k| < 2^24, so exact in binary32),
// in place: to binary32, times 2^-s, the root's / c or * c, the clamp, to integers.
void FixedGenerator::emit_float_tail_dwords(int r) {
    const DyadicRange& range = r_[tail_->arg];
    const int s = range.shift;
    const float top = float((std::int64_t(1) << out_.bits) - 1);
    // The clamp is needed only if the ends of the argument's range leave [0, top] after
    // the tail's operation (rounding is monotonic, so every value lies between the ends').
    const float end0 = tail_->at(s, range.lo), end1 = tail_->at(s, range.hi);
    const bool clamp = !(std::isfinite(tail_->c) && tail_->c != 0.0f && std::min(end0, end1) >= 0.0f &&
                         std::max(end0, end1) <= top);
    a_.vcvtdq2ps(ymm(r), VecOperand::r(r));
    if (s > 0) a_.vmulps(ymm(r), ymm(r), pooled_float(std::ldexp(1.0f, -s)));
    if (tail_->divide) a_.vdivps(ymm(r), ymm(r), pooled_float(tail_->c));
    else a_.vmulps(ymm(r), ymm(r), pooled_float(tail_->c));
    if (clamp) {
        a_.vmaxps(ymm(r), ymm(r), pooled_float(0.0f));
        a_.vminps(ymm(r), ymm(r), pooled_float(top));
    }
    a_.vcvtps2dq(ymm(r), VecOperand::r(r));
}

// k / 2^s rounded half to even: (k + ((k >> s) & 1) + 2^(s-1) - 1) >> s (arithmetic
// shifts, logical in unsigned lanes; the floor division then rounds exactly as the spec's
// output rule), clamped to [0, top] where the range needs it, then narrowed and stored
// in pixel order.  Where that sum could pass 2^16 - 1 (unsigned lanes near the top, `x
// 256 /` on 16-bit samples), k is split as q 2^s + l with q = k >> s, l = k & (2^s - 1):
// the same floor is q + ((l + (q & 1) + 2^(s-1) - 1) >> s), whose inner sum stays below
// 2^(s+1).
void FixedGenerator::emit_store() {
    const NodeId root = tail_ ? tail_->arg : e_.root();
    const DyadicRange& range = r_[root];
    const int s = range.shift;
    const std::int64_t top = (std::int64_t(1) << out_.bits) - 1;
    const std::int64_t lo = range.lo >> s;
    const std::int64_t hi = s > 0 ? (range.hi + (std::int64_t(1) << (s - 1))) >> s : range.hi;
    int t[4];
    for (int u = 0; u < unroll_; ++u) {
        auto taken = [&](int r) {
            for (int v = 0; v < unroll_; ++v)
                if (r == reg(root, v) || (v < u && r == t[v])) return true;
            return false;
        };
        int free = 0;
        while (taken(free)) ++free;
        t[u] = free;
        const int k = e_.node(root).op == Op::Constant ? in_register(pooled(range.lo), kScratchA) : reg(root, u);
        if (tail_) {
            if (multiply_high_) emit_multiply_high(k, t[u]);
            else emit_float_tail(k, t[u]);
            continue;
        }
        auto shift_right = [&](int d, int a) {
            if (unsigned_) a_.vpsrlw(ymm(d), ymm(a), std::uint8_t(s));
            else a_.vpsraw(ymm(d), ymm(a), std::uint8_t(s));
        };
        const std::int64_t half_less_one = s > 0 ? (std::int64_t(1) << (s - 1)) - 1 : 0;
        if (s > 0 && range.hi + half_less_one + 1 > (unsigned_ ? 65535 : rigor::expr::kFixedMax)) {
            // The split (k, this vector's own, may be overwritten; arithmetic shifts make it
            // hold for negative k too: q is the floor and l >= 0).
            shift_right(t[u], k);                                        // q
            a_.vpand(ymm(kScratchB), ymm(t[u]), pooled(1));              // q & 1
            if (s > 1) a_.vpaddw(ymm(kScratchB), ymm(kScratchB), pooled(half_less_one));
            a_.vpand(ymm(k), ymm(k), pooled((std::int64_t(1) << s) - 1));  // l
            a_.vpaddw(ymm(k), ymm(k), VecOperand::r(kScratchB));
            shift_right(k, k);
            a_.vpaddw(ymm(t[u]), ymm(t[u]), VecOperand::r(k));
        } else if (s > 0) {
            shift_right(t[u], k);
            a_.vpand(ymm(t[u]), ymm(t[u]), pooled(1));
            a_.vpaddw(ymm(t[u]), ymm(t[u]), VecOperand::r(k));
            if (s > 1) a_.vpaddw(ymm(t[u]), ymm(t[u]), pooled(half_less_one));
            shift_right(t[u], t[u]);
        } else if (t[u] != k) {
            a_.vmovdqa(ymm(t[u]), ymm(k));
        }
        if (lo < 0) a_.vpmaxsw(ymm(t[u]), ymm(t[u]), pooled(0));  // signed lanes only
        if (hi > top) min_words(t[u], t[u], pooled(top));
    }
    store_words(t, unroll_);
}

// `count` vectors of 16 output samples as 16-bit words in t[] (in [0, top]), stored in
// pixel order from column x, narrowed to bytes for a 1-byte output.
void FixedGenerator::store_words(const int* t, int count) {
    const Xbyak::Address out = mem(kOut, 0, kX, out_.bytes_per_sample);
    if (out_.bytes_per_sample == 2) {
        for (int u = 0; u < count; ++u) a_.vmovdqu(mem(kOut, 32 * u, kX, 2), ymm(t[u]));
        return;
    }
    if (count == 1) {
        a_.vextracti128(xmm(kScratchB), ymm(t[0]), 1);
        a_.vpackuswb(xmm(t[0]), xmm(t[0]), xmm(kScratchB));
        a_.vmovdqu(out, xmm(t[0]));
        return;
    }
    for (int pair = 0; pair < count / 2; ++pair) {
        const int a = t[2 * pair], b = t[2 * pair + 1];
        a_.vpackuswb(ymm(a), ymm(a), ymm(b));
        a_.vpermq(ymm(a), ymm(a), 0xd8);  // quads 0 2 1 3: undo the per-half packing
        a_.vmovdqu(mem(kOut, 32 * pair, kX, 1), ymm(a));
    }
}

GeneratedKernel FixedGenerator::generate() {
    GeneratedKernel k;
    for (const Node& n : e_.nodes())
        if (n.op == Op::Load) {
            row_index(n);
            k.reach_left = std::max(k.reach_left, -n.dx);
            k.reach_right = std::max(k.reach_right, n.dx);
        }
    for (const Xbyak::Reg64& g : {rbp, rbx, r12, r13, r14, r15}) a_.push(g);
    a_.mov(rax, mem(rdi, int(offsetof(RowArgs, rows))));
    for (int s = 0; s < std::min(int(rows_.size()), kRowRegisters); ++s) a_.mov(kRowRegister[s], mem(rax, 8 * s));
    a_.mov(kOut, mem(rdi, int(offsetof(RowArgs, out))));
    a_.mov(kX, mem(rdi, int(offsetof(RowArgs, x_begin))));
    a_.mov(kEnd, mem(rdi, int(offsetof(RowArgs, x_end))));
    a_.mov(kPool, mem(rdi, int(offsetof(RowArgs, constants))));
    a_.cmp(kX, kEnd);
    Xbyak::Label loop, skip;
    a_.jge(skip, Xbyak::CodeGenerator::T_NEAR);
    const std::optional<NodeId> word_sum = word_average_sum(e_, clips_, out_);
    if (word_sum) {  // the streaming loop first, when RowArgs::streaming and aligned
        Xbyak::Label cached, streaming_loop;
        a_.cmp(qword[rdi + int(offsetof(RowArgs, streaming))], 0);
        a_.je(cached, Xbyak::CodeGenerator::T_NEAR);
        a_.lea(rax, mem(kOut, 0, kX, 2));
        a_.test(eax, 31);
        a_.jnz(cached, Xbyak::CodeGenerator::T_NEAR);
        a_.L(streaming_loop);
        emit_halving_sum(*word_sum, 2, true);
        a_.add(kX, 64);
        a_.cmp(kX, kEnd);
        a_.jl(streaming_loop, Xbyak::CodeGenerator::T_NEAR);
        a_.sfence();  // non-temporal stores ordered before whatever publishes the row
        a_.jmp(skip, Xbyak::CodeGenerator::T_NEAR);
        a_.L(cached);
    }
    a_.L(loop);
    if (word_sum) {
        emit_halving_sum(*word_sum, 2, false);
        k.step = 64;
    } else if (box_ && wide_box_) {
        emit_wide_box_sum();
        k.step = 32;
    } else if (box_) {
        emit_box_sum();
        emit_store();
        k.step = 16 * unroll_;
    } else if (is_byte_average()) {
        emit_halving_sum(e_.node(e_.root()).args[std::size_t(r_[e_.root()].scaled_arg)], 1, false);
        k.step = 64;
    } else {
        for (int p = 0; p < int(sched_.order.size()); ++p)
            for (int u = 0; u < unroll_; ++u) {
                if (tail_ && sched_.order[std::size_t(p)] == e_.root()) continue;  // emit_store's
                emit(sched_.order[std::size_t(p)], u, p);
                // Out of registers (a sort of many copies): the caller declines the kernel.
                // Stop before any instruction is formed from the missing registers.
                if (failed_) return k;
            }
        emit_store();
        k.step = 16 * unroll_;
    }
    a_.add(kX, k.step);
    a_.cmp(kX, kEnd);
    a_.jl(loop);
    a_.L(skip);
    a_.vzeroupper();
    for (const Xbyak::Reg64& g : {r15, r14, r13, r12, rbx, rbp}) a_.pop(g);
    a_.ret();
    k.code = a_.finish();
    // The pool: vector j holds 16 copies of its value, two per 32-bit word, or 8 of a
    // binary32 one.
    k.constants.assign(std::size_t(pool_vectors_) * 8, 0.0f);
    for (auto [value, j] : pool_) {
        std::uint32_t word = std::uint32_t(std::uint16_t(value)) * 0x00010001u;
        for (int w = 0; w < 8; ++w) std::memcpy(&k.constants[std::size_t(j) * 8 + std::size_t(w)], &word, 4);
    }
    for (auto [bits, j] : pool_float_)
        for (int w = 0; w < 8; ++w) std::memcpy(&k.constants[std::size_t(j) * 8 + std::size_t(w)], &bits, 4);
    k.rows = rows_;
    k.fixed_point = true;
    return k;
}

namespace {

// The Sub node of a root `a - b`, `max(a - b, 0)` (either order) or `abs(a - b)` (the Sub
// read by nothing else): with a and b in unsigned 16-bit lanes (16-bit samples, where
// a - b spans 17 bits), VPSUBUSW's max(ka - kb, 0) at their common shift gives the
// program's output, and for abs max(ka - kb, 0) | max(kb - ka, 0) (one of the two is 0)
// gives |ka - kb|.  a - b = (ka - kb) 2^-s is exact in binary32 (|ka - kb| < 2^17);
// where it is negative the max makes it 0, and without the max the store's clamp to
// [0, top] does (rounding half to even keeps a negative value at or below 0).
std::optional<FixedGenerator::SaturatingDifference> saturating_difference(const rigor::expr::Expr& e) {
    using rigor::expr::NodeId;
    using rigor::expr::Op;
    std::vector<int> uses(e.size(), 0);
    for (const rigor::expr::Node& n : e.nodes())
        for (NodeId a : n.args) ++uses[a];
    const rigor::expr::Node& root = e.node(e.root());
    NodeId sub = e.root();
    auto is_zero = [&](NodeId a) { return e.node(a).op == Op::Constant && e.node(a).value == 0.0f; };
    if (root.op == Op::Max) {
        if (is_zero(root.args[1])) sub = root.args[0];
        else if (is_zero(root.args[0])) sub = root.args[1];
        else return std::nullopt;
    } else if (root.op == Op::Abs) {
        sub = root.args[0];
    }
    if (sub != e.root() && uses[sub] != 1) return std::nullopt;
    if (e.node(sub).op != Op::Sub || e.node(sub).args[0] == e.node(sub).args[1]) return std::nullopt;
    return FixedGenerator::SaturatingDifference{sub, root.op == Op::Abs};
}

}  // namespace

std::optional<GeneratedKernel> generate_fixed_kernel(const rigor::expr::Expr& e, std::span<const SampleLayout> clips,
                                                     SampleLayout out) {
    if (out.is_float) return std::nullopt;
    std::vector<int> bits;
    for (const SampleLayout& c : clips) bits.push_back(c.is_float ? 0 : c.bits);
    // Signed lanes first (the 8-bit programs with negative intermediates), then unsigned.
    using rigor::expr::FixedLanes;
    FixedLanes lanes = FixedLanes::Signed16;
    std::optional<std::vector<DyadicRange>> ranges = rigor::expr::dyadic_ranges(e, bits, lanes);
    if (!ranges && word_average_sum(e, clips, out)) ranges.emplace(e.size());  // 17-bit sums: no ranges needed
    if (!ranges) {
        lanes = FixedLanes::Unsigned16;
        ranges = rigor::expr::dyadic_ranges(e, bits, lanes);
    }
    // A saturating root difference: the ranges of a graph with the Sub made max(a, b),
    // which fits unsigned lanes exactly when a and b do, then the Sub's own [0, that top].
    std::optional<FixedGenerator::SaturatingDifference> saturating;
    if (!ranges) {
        saturating = saturating_difference(e);
        if (saturating) {
            std::vector<rigor::expr::Node> nodes = e.nodes();
            nodes[saturating->sub].op = rigor::expr::Op::Max;
            ranges = rigor::expr::dyadic_ranges(rigor::expr::Expr(nodes, e.root()), bits, lanes);
            if (ranges) (*ranges)[saturating->sub].lo = (*ranges)[e.root()].lo = 0;
            else saturating.reset();
        }
    }
    std::optional<FixedGenerator::FloatTail> tail;
    bool wide_box = false;
    if (!ranges) {
        tail = float_tail(e);
        if (tail) {
            // The argument's graph alone: nodes up to it (arguments come first), those it
            // does not reach (the root's constant may come before it) made zeros.
            std::vector<rigor::expr::Node> part(e.nodes().begin(), e.nodes().begin() + std::ptrdiff_t(tail->arg) + 1);
            std::vector<bool> reached(part.size(), false);
            reached[tail->arg] = true;
            for (std::size_t i = part.size(); i-- > 0;) {
                if (!reached[i]) part[i] = rigor::expr::Node{};  // Constant 0
                else for (rigor::expr::NodeId a : part[i].args) reached[a] = true;
            }
            const rigor::expr::Expr argument(part, tail->arg);
            lanes = FixedLanes::Signed16;
            ranges = rigor::expr::dyadic_ranges(argument, bits, lanes);
            if (!ranges) {
                lanes = FixedLanes::Unsigned16;
                ranges = rigor::expr::dyadic_ranges(argument, bits, lanes);
            }
            if (ranges) ranges->resize(e.size());
            // A box sum of 2-byte samples beyond 16 bits: 32-bit lanes (fixed_box_sum.cpp).
            if (!ranges) {
                const std::optional<FixedGenerator::BoxSum> box = FixedGenerator::find_box_sum(e, tail->arg);
                const SampleLayout* c = box ? &clips[std::size_t(e.node(box->column[0]).clip)] : nullptr;
                if (c && !c->is_float && c->bytes_per_sample == 2) {
                    ranges.emplace(e.size());
                    (*ranges)[tail->arg] = DyadicRange{0, 0, 9 * ((std::int64_t(1) << c->bits) - 1), false, 0};
                    wide_box = true;
                }
            }
        }
    }
    if (!ranges) return std::nullopt;
    const DyadicRange& root = (*ranges)[tail ? tail->arg : e.root()];
    if (out.bits > 16) return std::nullopt;
    Schedule sched = schedule(e, kValueRegisters);
    if (sched.max_live > kValueRegisters) return std::nullopt;
    std::optional<FixedGenerator::MultiplyHigh> multiply_high;
    if (tail) multiply_high = multiply_high_tail(root, *tail, out.bits);
    FixedGenerator g(e, clips, out, std::move(*ranges), lanes, std::move(sched), tail, multiply_high, wide_box,
                     saturating);
    GeneratedKernel k = g.generate();
    if (g.failed()) return std::nullopt;
    return k;
}

}  // namespace rigor::pixel::expr::jit
