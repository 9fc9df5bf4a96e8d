// 16-bit fixed-point kernels for integer programs whose every value is k / 2^s with k a
// 16-bit integer (rigor::expr::dyadic_ranges proves it, so the results are exactly those of
// binary32 evaluation): 16 pixels per vector instead of 8, no conversions to float and
// back.  `x y + 0.5 *` on 8-bit clips, for instance, becomes (x + y) rounded half to
// even by one bit.  No spills and no calls: programs needing more than the 14 value
// registers go to the binary32 generator.
#include <algorithm>
#include <cstring>
#include <map>

#include "filters/expr/dyadic_range.hpp"
#include "pixel/expr/jit/generated_kernel.hpp"
#include "pixel/expr/jit/schedule.hpp"
#include "pixel/expr/jit/kernel_abi.hpp"
#include "pixel/expr/jit/x86_code.hpp"

namespace rigor::pixel::expr::jit {

using rigor::expr::DyadicRange;
using rigor::expr::Node;
using rigor::expr::NodeId;
using rigor::expr::Op;
using namespace Xbyak::util;  // register names

namespace {

// Beside kernel_abi.hpp's: the end column and the pool (no frame, no calls).
constexpr Xbyak::Reg64 kEnd = r11, kPool = rbp;

class FixedGenerator {
public:
    FixedGenerator(const rigor::expr::Expr& e, std::span<const SampleLayout> clips, SampleLayout out,
                   std::vector<DyadicRange> ranges, Schedule sched)
        : e_(e), clips_(clips), out_(out), r_(std::move(ranges)), sched_(std::move(sched)),
          unroll_(4 * sched_.max_live <= kValueRegisters ? 4 : 2 * sched_.max_live <= kValueRegisters ? 2 : 1),
          reg_(e.size() * 4, -1) {}

    GeneratedKernel generate();
    bool failed() const { return failed_; }

private:
    // A pool vector of 16 copies of v (16-bit); its memory operand.
    VecOperand pooled(std::int64_t v) {
        auto [it, added] = pool_.try_emplace(std::int16_t(v), int(pool_.size()));
        return VecOperand::m(mem(kPool, 32 * it->second));
    }
    int& reg(NodeId i, int u) { return reg_[std::size_t(i) * 4 + std::size_t(u)]; }
    int take() {
        for (int r = 0; r < kValueRegisters; ++r)
            if (!busy_[r]) {
                busy_[r] = true;
                return r;
            }
        failed_ = true;  // more live values than registers (sortN of many copies): give up
        return 0;
    }
    void release_dying(NodeId i, int u, int position) {
        for (NodeId a : e_.node(i).args)
            if (sched_.last_use[a] == position && e_.node(a).op != Op::Constant && reg(a, u) >= 0) busy_[reg(a, u)] = false;
    }
    // Argument k of node i at shift s: a register (shifted into scratch if needed) or a
    // pool operand for constants.
    VecOperand aligned(NodeId i, std::size_t k, int u, int s, int scratch) {
        const NodeId a = e_.node(i).args[k];
        const DyadicRange& ra = r_[a];
        if (e_.node(a).op == Op::Constant) return pooled(ra.lo << (s - ra.shift));
        if (ra.shift == s) return VecOperand::r(reg(a, u));
        a_.vpsllw(ymm(scratch), ymm(reg(a, u)), std::uint8_t(s - ra.shift));
        return VecOperand::r(scratch);
    }
    int in_register(VecOperand o, int scratch) {
        if (!o.is_memory) return o.reg;
        a_.vmovdqu(ymm(scratch), o);
        return scratch;
    }
    void emit(NodeId i, int u, int position);
    void emit_sorted(NodeId i, int u, int position);
    void emit_store();
    bool is_byte_average() const;
    void emit_byte_average();
    int row_index(const Node& n) { return row_slot(rows_, n, clips_[std::size_t(n.clip)].bytes_per_sample); }
    // The register holding column 0 of row slot s: r13..r15, or r10 loaded for it.
    Xbyak::Reg64 row_base(int s) {
        if (s < kRowRegisters) return kRowRegister[s];
        a_.mov(r10, mem(rdi, int(offsetof(RowArgs, rows))));  // rdi survives: no calls here
        a_.mov(r10, mem(r10, 8 * s));
        return r10;
    }

    const rigor::expr::Expr& e_;
    std::span<const SampleLayout> clips_;
    SampleLayout out_;
    std::vector<DyadicRange> r_;
    Schedule sched_;
    int unroll_;
    std::vector<int> reg_;
    bool busy_[16] = {};
    bool failed_ = false;
    std::map<std::int16_t, int> pool_;
    std::vector<Kernel::Row> rows_;
    CodeBuffer a_;
};

void FixedGenerator::emit(NodeId i, int u, int position) {
    const Node& n = e_.node(i);
    const DyadicRange& range = r_[i];
    if (n.op == Op::Load) {
        const SampleLayout& t = clips_[std::size_t(n.clip)];
        const Xbyak::Address m = mem(row_base(row_index(n)), (n.dx + 16 * u) * t.bytes_per_sample, kX, t.bytes_per_sample);
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
    release_dying(i, u, position);
    const int d = reg(i, u) = take();
    switch (n.op) {
        case Op::Add: a_.vpaddw(ymm(d), ymm(ra), B); break;
        case Op::Sub: a_.vpsubw(ymm(d), ymm(ra), B); break;
        case Op::Mul: a_.vpmullw(ymm(d), ymm(ra), B); break;  // the low 16 bits: the product, which fits
        case Op::Max: a_.vpmaxsw(ymm(d), ymm(ra), B); break;
        case Op::Min: a_.vpminsw(ymm(d), ymm(ra), B); break;
        default: break;  // dyadic_ranges admits nothing else
    }
}

// Comparators (i, j), i < j, of Batcher's odd-even merge sort for n wires (n a power of
// two), in order; min goes to i, max to j.
std::vector<std::pair<int, int>> odd_even_merge_sort(int n) {
    std::vector<std::pair<int, int>> c;
    for (int p = 1; p < n; p *= 2)
        for (int k = p; k >= 1; k /= 2)
            for (int j = k % p; j + k < n; j += 2 * k)
                for (int i = 0; i < std::min(k, n - j - k); ++i)
                    if ((i + j) / (2 * p) == (i + j + k) / (2 * p)) c.push_back({i + j, i + j + k});
    return c;
}

// The rank-th smallest of the arguments by a sorting network of VPMINSW/VPMAXSW on
// copies of them (Batcher's network for the next power of two, wires beyond the count
// dropped as if +inf, comparators that cannot reach the wanted wire pruned).  Registers
// are renamed rather than moved: the minimum goes to a spare, whose old owner becomes
// the next spare.
void FixedGenerator::emit_sorted(NodeId i, int u, int position) {
    const Node& n = e_.node(i);
    const int count = int(n.args.size());
    const int s = r_[i].shift;
    std::vector<int> wire(static_cast<std::size_t>(count));
    // An argument read for the last time here (and once) lends its register as a wire;
    // the others are copied (shifted to the common point where needed).
    for (int k = 0; k < count; ++k) {
        const NodeId a = n.args[std::size_t(k)];
        const bool last = sched_.last_use[a] == position && e_.node(a).op != Op::Constant &&
                          std::count(n.args.begin(), n.args.end(), a) == 1;
        if (last && r_[a].shift == s) {
            wire[std::size_t(k)] = reg(a, u);  // stays busy: now a wire
            continue;
        }
        const int w = take();
        if (failed_) return;
        if (e_.node(a).op == Op::Constant) a_.vmovdqu(ymm(w), pooled(r_[a].lo << (s - r_[a].shift)));
        else if (r_[a].shift < s) a_.vpsllw(ymm(w), ymm(reg(a, u)), std::uint8_t(s - r_[a].shift));
        else a_.vmovdqa(ymm(w), ymm(reg(a, u)));
        wire[std::size_t(k)] = w;
        if (last) busy_[reg(a, u)] = false;  // copied for its shift: its register is free
    }
    // Arguments used more than once here and dying: their registers are free now.
    for (NodeId a : n.args)
        if (sched_.last_use[a] == position && e_.node(a).op != Op::Constant &&
            std::count(n.args.begin(), n.args.end(), a) > 1)
            busy_[reg(a, u)] = false;
    int width = 1;
    while (width < count) width *= 2;
    std::vector<std::pair<int, int>> network;
    for (auto [a, b] : odd_even_merge_sort(width))
        if (b < count) network.push_back({a, b});
    // Backwards from the wanted wire: keep only comparators touching a needed wire.
    std::vector<char> needed(static_cast<std::size_t>(count), 0);
    needed[std::size_t(n.rank)] = 1;
    std::vector<std::pair<int, int>> kept;
    for (auto it = network.rbegin(); it != network.rend(); ++it)
        if (needed[std::size_t(it->first)] || needed[std::size_t(it->second)]) {
            needed[std::size_t(it->first)] = needed[std::size_t(it->second)] = 1;
            kept.push_back(*it);
        }
    int spare = kScratchA;
    for (auto it = kept.rbegin(); it != kept.rend(); ++it) {
        int& lo = wire[std::size_t(it->first)];
        int& hi = wire[std::size_t(it->second)];
        a_.vpminsw(ymm(spare), ymm(lo), VecOperand::r(hi));
        a_.vpmaxsw(ymm(hi), ymm(lo), VecOperand::r(hi));
        std::swap(lo, spare);
    }
    // The result in a value register of its own; the other copies (and a spare that is
    // a value register) are free again.
    int result = wire[std::size_t(n.rank)];
    for (int k = 0; k < count; ++k)
        if (k != n.rank && wire[std::size_t(k)] < kValueRegisters) busy_[wire[std::size_t(k)]] = false;
    if (spare < kValueRegisters) busy_[spare] = false;
    if (result >= kValueRegisters) {
        const int d = take();
        a_.vmovdqa(ymm(d), ymm(result));
        result = d;
    }
    reg(i, u) = result;
}

// k / 2^s rounded half to even: (k + ((k >> s) & 1) + 2^(s-1) - 1) >> s (arithmetic
// shifts; the floor division then rounds exactly as the spec's output rule), clamped to
// [0, top] where the range needs it, then narrowed and stored in pixel order.
void FixedGenerator::emit_store() {
    const NodeId root = e_.root();
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
        if (s > 0) {
            a_.vpsraw(ymm(t[u]), ymm(k), std::uint8_t(s));
            a_.vpand(ymm(t[u]), ymm(t[u]), pooled(1));
            a_.vpaddw(ymm(t[u]), ymm(t[u]), VecOperand::r(k));
            if (s > 1) a_.vpaddw(ymm(t[u]), ymm(t[u]), pooled((std::int64_t(1) << (s - 1)) - 1));
            a_.vpsraw(ymm(t[u]), ymm(t[u]), std::uint8_t(s));
        } else if (t[u] != k) {
            a_.vmovdqa(ymm(t[u]), ymm(k));
        }
        if (lo < 0) a_.vpmaxsw(ymm(t[u]), ymm(t[u]), pooled(0));
        if (hi > top) a_.vpminsw(ymm(t[u]), ymm(t[u]), pooled(top));
    }
    const Xbyak::Address out = mem(kOut, 0, kX, out_.bytes_per_sample);
    if (out_.bytes_per_sample == 2) {
        for (int u = 0; u < unroll_; ++u) a_.vmovdqu(mem(kOut, 32 * u, kX, 2), ymm(t[u]));
        return;
    }
    if (unroll_ == 1) {
        a_.vextracti128(xmm(kScratchB), ymm(t[0]), 1);
        a_.vpackuswb(xmm(t[0]), xmm(t[0]), xmm(kScratchB));
        a_.vmovdqu(out, xmm(t[0]));
        return;
    }
    for (int pair = 0; pair < unroll_ / 2; ++pair) {
        const int a = t[2 * pair], b = t[2 * pair + 1];
        a_.vpackuswb(ymm(a), ymm(a), ymm(b));
        a_.vpermq(ymm(a), ymm(a), 0xd8);  // quads 0 2 1 3: undo the per-half packing
        a_.vmovdqu(mem(kOut, 32 * pair, kX, 1), ymm(a));
    }
}

// The halving sum of two 8-bit samples into an 8-bit plane, (a + b) / 2 rounded half
// to even (`x y + 0.5 *`, `x y + 2 /`, a 50 % blend): computed in 8-bit lanes, 32 pixels
// per vector, as VPAVGB's (a + b + 1) >> 1 less one where that rounded an odd sum up to
// an odd number: c - ((a ^ b) & c & 1).  (a ^ b) & 1 is the parity of a + b.
bool FixedGenerator::is_byte_average() const {
    const DyadicRange& root = r_[e_.root()];
    if (!root.rescales || root.shift != 1 || root.lift != 0 || out_.bytes_per_sample != 1 || out_.bits != 8)
        return false;
    const Node& sum = e_.node(e_.node(e_.root()).args[std::size_t(root.scaled_arg)]);
    if (sum.op != Op::Add || r_[sum.args[0]].shift != 0 || r_[sum.args[1]].shift != 0) return false;
    for (NodeId a : sum.args) {
        const Node& n = e_.node(a);
        if (n.op != Op::Load || clips_[std::size_t(n.clip)].bytes_per_sample != 1 || clips_[std::size_t(n.clip)].bits != 8)
            return false;
    }
    return true;
}

void FixedGenerator::emit_byte_average() {
    const Node& sum = e_.node(e_.node(e_.root()).args[std::size_t(r_[e_.root()].scaled_arg)]);
    auto sample_row = [&](const Node& n, int u) { return VecOperand::m(mem(row_base(row_index(n)), n.dx + 32 * u, kX, 1)); };
    for (int u = 0; u < 2; ++u) {
        const int a = 3 * u, b = 3 * u + 1, c = 3 * u + 2;
        a_.vmovdqu(ymm(a), sample_row(e_.node(sum.args[0]), u));
        a_.vmovdqu(ymm(b), sample_row(e_.node(sum.args[1]), u));
        a_.vpavgb(ymm(c), ymm(a), VecOperand::r(b));
        a_.vpxor(ymm(a), ymm(a), VecOperand::r(b));
        a_.vpand(ymm(a), ymm(a), VecOperand::r(c));
        a_.vpand(ymm(a), ymm(a), pooled(0x0101));  // bytes of 1
        a_.vpsubb(ymm(c), ymm(c), VecOperand::r(a));
        a_.vmovdqu(mem(kOut, 32 * u, kX, 1), ymm(c));
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
    a_.L(loop);
    if (is_byte_average()) {
        emit_byte_average();
        k.step = 64;
    } else {
        for (int p = 0; p < int(sched_.order.size()); ++p)
            for (int u = 0; u < unroll_; ++u) emit(sched_.order[std::size_t(p)], u, p);
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
    // The pool: vector j holds 16 copies of its value, two per 32-bit word.
    k.constants.assign(pool_.size() * 8, 0.0f);
    for (auto [value, j] : pool_) {
        std::uint32_t word = std::uint32_t(std::uint16_t(value)) * 0x00010001u;
        for (int w = 0; w < 8; ++w) std::memcpy(&k.constants[std::size_t(j) * 8 + std::size_t(w)], &word, 4);
    }
    k.rows = rows_;
    k.fixed_point = true;
    return k;
}

}  // namespace

std::optional<GeneratedKernel> generate_fixed_kernel(const rigor::expr::Expr& e, std::span<const SampleLayout> clips,
                                                     SampleLayout out) {
    if (out.is_float) return std::nullopt;
    std::vector<int> bits;
    for (const SampleLayout& c : clips) bits.push_back(c.is_float ? 0 : c.bits);
    std::optional<std::vector<DyadicRange>> ranges = rigor::expr::dyadic_ranges(e, bits);
    if (!ranges) return std::nullopt;
    const DyadicRange& root = (*ranges)[e.root()];
    // The rounding sum k + 1 + 2^(s-1) - 1 must stay a 16-bit number too.
    if (root.shift > 0 && root.hi + (std::int64_t(1) << (root.shift - 1)) > rigor::expr::kFixedMax) return std::nullopt;
    if (out.bits > 16) return std::nullopt;
    Schedule sched = schedule(e, kValueRegisters);
    if (sched.max_live > kValueRegisters) return std::nullopt;
    FixedGenerator g(e, clips, out, std::move(*ranges), std::move(sched));
    GeneratedKernel k = g.generate();
    if (g.failed()) return std::nullopt;
    return k;
}

}  // namespace rigor::pixel::expr::jit
