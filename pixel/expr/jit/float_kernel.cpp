#include "pixel/expr/jit/generated_kernel.hpp"

#include <algorithm>
#include <bit>
#include <cstddef>
#include <limits>
#include <map>

#include "filters/base/error.hpp"
#include "pixel/expr/math_kernels.hpp"
#include "pixel/expr/vector_math.hpp"
#include "pixel/expr/jit/schedule.hpp"
#include "pixel/expr/jit/kernel_abi.hpp"
#include "pixel/expr/jit/x86_code.hpp"

namespace rigor::pixel::expr::jit {

using rigor::expr::Node;
using rigor::expr::NodeId;
using rigor::expr::Op;
using namespace Xbyak::util;  // register names

namespace {

// Stack frame of the generated function (rsp 32-byte aligned):
//   [0, 256)       operands and results of call-outs (two arrays of kMaxLanes floats)
//   [256, 264)     x_end
//   [264, ...)     row pointers beyond the three kept in r13-r15
//   vector slots   32 bytes each: the pool's vectors and scalars (broadcast), uniforms,
//                  spilled values
constexpr int kCallArea = 0;
constexpr int kMaxLanes = 32;  // 4 vectors of 8
constexpr int kCallSecond = 4 * kMaxLanes;
constexpr int kXEnd = 8 * kMaxLanes;
constexpr int kRowSlots = kXEnd + 8;
// The pool: vectors first (lane numbers 0..31 as int32 in slots 0..3, the dword order
// that undoes a 256-bit byte pack in slot 4), then scalars, each broadcast into a slot:
// the ones the code uses (0, 1, masks, the constants of inline sin/cos/exp/log) and
// the Constant nodes, each value once.
constexpr int kIotaSlot = 0, kPackOrderSlot = 4, kPoolVectors = 5;
// sortN beyond this many values stays with the interpreter (the ranks need N + 2
// registers).
constexpr std::size_t kMaxSorted = 12;
// Programs beyond this many nodes stay with the interpreter (the frame holds a slot per
// spilled value and unrolled copy: at most 4 * 2048 * 32 bytes = 256 KiB of stack).
constexpr std::size_t kMaxNodes = 2048;

bool supported(Op op) {
    switch (op) {
        case Op::LoadAbsolute: return false;
        default: return true;
    }
}

// A call-out: one of the kernels of math_kernels.hpp (the operations not written out
// inline) with its argument registers.
struct Callout {
    enum Kind { Unary, Binary } kind;
    const void* function;
};

Callout callout_of(Op op) {
    const MathKernels& k = math_kernels_avx2();
    switch (op) {
        case Op::BitNot: return {Callout::Unary, reinterpret_cast<const void*>(k.bitnot)};
        case Op::Pow: return {Callout::Binary, reinterpret_cast<const void*>(k.pow)};
        case Op::Mod: return {Callout::Binary, reinterpret_cast<const void*>(k.fmod)};
        case Op::BitAnd: return {Callout::Binary, reinterpret_cast<const void*>(k.bitand_)};
        case Op::BitOr: return {Callout::Binary, reinterpret_cast<const void*>(k.bitor_)};
        case Op::BitXor: return {Callout::Binary, reinterpret_cast<const void*>(k.bitxor_)};
        default: throw InternalError("Expr JIT: no call-out for this operation");
    }
}

// Where one vector of a node's value is.
struct Value {
    int reg = -1;             // ymm holding it, or -1
    int slot = -1;            // its vector slot in the frame, or -1
    bool slot_valid = false;  // the slot holds the value (row-invariant slots always do)
    // A float sample read where it lies (row in r13..r15): spilling it stores nothing,
    // later uses read the source row again.
    std::optional<Xbyak::Address> source;
};

class Generator {
public:
    Generator(const rigor::expr::Expr& e, std::span<const SampleLayout> clips, SampleLayout out)
        : e_(e), clips_(clips), out_(out), sched_(schedule(e, kValueRegisters)), unroll_(sched_.unroll),
          values_(e.size() * std::size_t(unroll_)), fused_condition_(e.size(), 0), register_uses_(e.size(), 0) {
        fuse_conditions();
        count_register_uses();
    }

    // Fills the kernel's tables and returns the machine code.
    std::vector<std::uint8_t> generate(std::vector<float>& constants, std::vector<Kernel::Row>& rows,
                                       int& uniform_count, int& reach_left, int& reach_right);
    int step() const { return 8 * unroll_; }

private:
    // Value index of vector u (pixels 8u..8u+7 of the iteration) of node i.
    std::size_t vid(NodeId i, int u) const { return std::size_t(i) * std::size_t(unroll_) + std::size_t(u); }
    Xbyak::Address slot_mem(int slot) const { return mem(rsp, first_vector_ + 32 * slot); }
    Xbyak::Address row_mem(int s) const { return mem(rsp, kRowSlots + 8 * (s - kRowRegisters)); }
    // The broadcast slot of a scalar of the pool (registered before code is emitted).
    VecOperand scalar_bits(std::uint32_t bits) const {
        auto it = scalar_slot_.find(bits);
        if (it == scalar_slot_.end()) throw InternalError("Expr JIT: a constant missing from the pool");
        return VecOperand::m(slot_mem(it->second));
    }
    VecOperand scalar(float v) const { return scalar_bits(std::bit_cast<std::uint32_t>(v)); }
    int add_scalar(std::vector<float>& pool, float v) {
        auto [it, added] = scalar_slot_.try_emplace(std::bit_cast<std::uint32_t>(v), 0);
        if (added) {
            it->second = kPoolVectors + scalar_count_++;
            pool.push_back(v);
        }
        return it->second;
    }
    VecOperand operand(NodeId i, int u) const {
        const Value& v = values_[vid(i, u)];
        if (v.reg >= 0) return VecOperand::r(v.reg);
        if (v.source) return VecOperand::m(*v.source);
        return VecOperand::m(slot_mem(v.slot));
    }
    // The operand in a register: its own, or loaded into `scratch`.
    int in_register(NodeId i, int u, int scratch) {
        const Value& v = values_[vid(i, u)];
        if (v.reg >= 0) return v.reg;
        a_.vmovups(ymm(scratch), operand(i, u));
        return scratch;
    }
    void spill(int reg);
    int allocate(NodeId i, int u, int position);
    void release_dying(NodeId i, int u, int position);
    void emit(int position);
    void emit_vector(NodeId i, int u, int position);
    void emit_callout(NodeId i, Callout fn, int position);
    void emit_sincos(NodeId first, NodeId sin_node, NodeId cos_node, int position);
    void emit_exp_or_log(NodeId i, int position);
    void emit_sorted(NodeId i, int position);
    // Frees every value register for an inline function: live values to their slots.
    void clear_registers(NodeId i, int position);
    void fuse_conditions();
    void count_register_uses();
    static std::optional<Cmp> predicate(Op op) {
        switch (op) {
            case Op::Gt: return Cmp::Gt;
            case Op::Lt: return Cmp::Lt;
            case Op::Eq: return Cmp::Eq;
            case Op::Ge: return Cmp::Ge;
            case Op::Le: return Cmp::Le;
            default: return std::nullopt;
        }
    }
    void emit_store();
    int row_index(const Node& n) { return row_slot(rows_, n, clips_[std::size_t(n.clip)].bytes_per_sample); }

    const rigor::expr::Expr& e_;
    std::span<const SampleLayout> clips_;
    SampleLayout out_;
    Schedule sched_;
    int unroll_;
    CodeBuffer a_;
    std::vector<Value> values_;
    std::vector<NodeId> partner_;  // Sin <-> Cos of one operand, else e_.size()
    // Comparisons whose only use is as the condition of a Select: no 0/1 value is made,
    // the Select blends on the comparison's mask (a > b ? 1 : 0 is > 0 exactly when a > b).
    std::vector<char> fused_condition_;
    // How many instructions need each node's value in a register (VEX src1, blend's
    // false operand, call-out arguments); the rest take it as a memory operand.
    std::vector<int> register_uses_;
    int owner_[16] = {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1};  // value index
    std::vector<Kernel::Row> rows_;
    int first_vector_ = 0;
    int next_slot_ = 0;
    std::map<std::uint32_t, int> scalar_slot_;  // bits of a pool scalar -> its slot
    int scalar_count_ = 0;
    float top_ = 0;  // largest integer output code
};

void Generator::spill(int reg) {
    Value& v = values_[std::size_t(owner_[reg])];
    if (!v.slot_valid && !v.source) {
        if (v.slot < 0) v.slot = next_slot_++;
        a_.vmovups(slot_mem(v.slot), ymm(reg));
        v.slot_valid = true;
    }
    v.reg = -1;
    owner_[reg] = -1;
}

// A free value register for vector u of node i; under pressure the value whose next use
// is furthest away goes to its slot (never an argument of the node being computed).
int Generator::allocate(NodeId i, int u, int position) {
    int chosen = -1;
    for (int r = 0; r < kValueRegisters && chosen < 0; ++r)
        if (owner_[r] < 0) chosen = r;
    if (chosen < 0) {
        const auto& current = e_.node(sched_.order[std::size_t(position)]).args;
        int furthest = -1;
        for (int r = 0; r < kValueRegisters; ++r) {
            const NodeId held = NodeId(std::size_t(owner_[r]) / std::size_t(unroll_));
            if (std::find(current.begin(), current.end(), held) != current.end()) continue;
            int next = int(sched_.order.size());
            for (std::size_t p = std::size_t(position) + 1; p < sched_.order.size(); ++p) {
                const auto& args = e_.node(sched_.order[p]).args;
                if (std::find(args.begin(), args.end(), held) != args.end()) {
                    next = int(p);
                    break;
                }
            }
            if (next > furthest) {
                chosen = r;
                furthest = next;
            }
        }
        spill(chosen);
    }
    owner_[chosen] = int(vid(i, u));
    values_[vid(i, u)].reg = chosen;
    return chosen;
}

// Frees the registers of vector u of arguments whose last use is `position`.  Their
// operands stay readable in this vector's instructions: every sequence below reads all
// arguments before it first writes the destination.
void Generator::release_dying(NodeId i, int u, int position) {
    for (NodeId a : e_.node(i).args) {
        if (sched_.last_use[a] != position) continue;
        Value& v = values_[vid(a, u)];
        if (v.reg >= 0 && owner_[v.reg] == int(vid(a, u))) owner_[v.reg] = -1;
    }
}

void Generator::emit_callout(NodeId i, Callout fn, int position) {
    const Node& n = e_.node(i);
    for (std::size_t k = 0; k < n.args.size(); ++k)
        for (int u = 0; u < unroll_; ++u) {
            const int r = in_register(n.args[k], u, kScratchA);
            a_.vmovups(mem(rsp, (k == 0 ? kCallArea : kCallSecond) + 32 * u), ymm(r));
        }
    for (int u = 0; u < unroll_; ++u) release_dying(i, u, position);
    // Every ymm register is caller-saved: live values go to their slots.
    for (int r = 0; r < kValueRegisters; ++r)
        if (owner_[r] >= 0) spill(r);
    // System V arguments: unary (a, d, n), binary (a, b, d, n); the operands are in the
    // call area and the result overwrites the first.
    a_.lea(rdi, mem(rsp, kCallArea));
    if (fn.kind == Callout::Unary) {
        a_.lea(rsi, mem(rsp, kCallArea));
        a_.mov(rdx, std::uint64_t(8 * unroll_));
    } else {
        a_.lea(rsi, mem(rsp, kCallSecond));
        a_.lea(rdx, mem(rsp, kCallArea));
        a_.mov(rcx, std::uint64_t(8 * unroll_));
    }
    a_.mov(rax, reinterpret_cast<std::uintptr_t>(fn.function));
    a_.call(rax);
    for (int u = 0; u < unroll_; ++u)
        a_.vmovups(ymm(allocate(i, u, position)), VecOperand::m(mem(rsp, kCallArea + 32 * u)));
}

// sin and/or cos (nodes sin_node, cos_node; e_.size() for none) of the argument of
// `first`, inline: vmath::sincos_parts and sincos_result operation for operation (so
// the bits equal the interpreter's).  Live values go to their slots first; six
// registers (8..13) are temporaries and the results take the lowest free ones, so up to
// four vectors of both results stay in registers.
void Generator::clear_registers(NodeId i, int position) {
    // Arguments first, even those read for the last time here: the inline code reads
    // them from their slots after it has taken every register.
    for (NodeId arg : e_.node(i).args)
        for (int u = 0; u < unroll_; ++u)
            if (values_[vid(arg, u)].reg >= 0) spill(values_[vid(arg, u)].reg);
    for (int u = 0; u < unroll_; ++u) release_dying(i, u, position);
    for (int r = 0; r < kValueRegisters; ++r)
        if (owner_[r] >= 0) spill(r);
}

// exp or log of node i's argument, inline: vmath::exp / vmath::log operation for
// operation (the same bits as the interpreter), six temporaries (8..13), the result in
// the lowest free register.
void Generator::emit_exp_or_log(NodeId i, int position) {
    const NodeId arg = e_.node(i).args[0];
    clear_registers(i, position);
    constexpr int A = 8, B = 9, C = 10, D = 11, E = 12, F = 13;
    for (int r : {A, B, C, D, E, F}) owner_[r] = int(values_.size());  // held as temporaries
    for (int u = 0; u < unroll_; ++u) {
        a_.vmovups(ymm(A), operand(arg, u));  // x
        if (e_.node(i).op == Op::Exp) {
            namespace ec = vmath::exp_constant;
            a_.vminps(ymm(B), ymm(A), scalar(ec::kHigh));                      // xc
            a_.vmaxps(ymm(B), ymm(B), scalar(ec::kLow));
            a_.vmovups(ymm(C), scalar(ec::kLog2e));
            a_.vfmadd213ps(ymm(C), ymm(B), scalar(ec::kRound));               // fma(xc, log2e, round)
            a_.vsubps(ymm(C), ymm(C), scalar(ec::kRound));                    // n
            a_.vfmadd231ps(ymm(B), ymm(C), scalar(ec::kLn2Hi));               // r = fma(n, c, xc)
            a_.vfmadd231ps(ymm(B), ymm(C), scalar(ec::kLn2Lo));
            a_.vmovups(ymm(D), scalar(ec::kP[0]));
            for (int k = 1; k < 6; ++k) a_.vfmadd213ps(ymm(D), ymm(B), scalar(ec::kP[k]));  // p = fma(p, r, c)
            a_.vmulps(ymm(E), ymm(B), VecOperand::r(B));                      // r r
            a_.vfmadd213ps(ymm(D), ymm(E), VecOperand::r(B));                 // fma(p, r r, r)
            a_.vaddps(ymm(D), ymm(D), scalar(1.0f));                          // er
            a_.vcvttps2dq(ymm(C), VecOperand::r(C));
            a_.vpsubd(ymm(C), ymm(C), scalar_bits(1u));
            a_.vpslld(ymm(C), ymm(C), 23);                                    // (n - 1) << 23
            a_.vpaddd(ymm(D), ymm(D), VecOperand::r(C));
            a_.vmulps(ymm(D), ymm(D), scalar(2.0f));                          // y
            a_.vcmpps(ymm(E), ymm(A), scalar(ec::kHigh), imm(Cmp::Gt));
            a_.vblendvps(ymm(D), ymm(D), scalar(vmath::INFINITY_F), ymm(E));
            a_.vcmpps(ymm(E), ymm(A), scalar(ec::kZeroBelow), imm(Cmp::Lt));
            a_.vblendvps(ymm(D), ymm(D), scalar(0.0f), ymm(E));
            a_.vcmpps(ymm(E), ymm(A), VecOperand::r(A), imm(Cmp::Unord));
            a_.vblendvps(ymm(allocate(i, u, position)), ymm(D), VecOperand::r(A), ymm(E));  // NaN: x
        } else {
            namespace lc = vmath::log_constant;
            a_.vcmpps(ymm(B), ymm(A), scalar(lc::kSmallestNormal), imm(Cmp::Lt));   // subnormal (or <= 0)
            a_.vmulps(ymm(C), ymm(A), scalar(lc::kLift));
            a_.vblendvps(ymm(C), ymm(A), VecOperand::r(C), ymm(B));                // xs
            a_.vpsrld(ymm(D), ymm(C), 23);
            a_.vpsubd(ymm(D), ymm(D), scalar_bits(126u));                     // e
            a_.vcvtdq2ps(ymm(D), VecOperand::r(D));
            a_.vandps(ymm(B), ymm(B), scalar(23.0f));
            a_.vsubps(ymm(D), ymm(D), VecOperand::r(B));                      // - select(subnormal, 23, 0)
            a_.vpand(ymm(E), ymm(C), scalar_bits(0x007fffffu));
            a_.vpor(ymm(E), ymm(E), scalar_bits(0x3f000000u));                // m
            a_.vcmpps(ymm(F), ymm(E), scalar(lc::kSqrtHalf), imm(Cmp::Lt));        // small
            a_.vandps(ymm(B), ymm(F), scalar(1.0f));
            a_.vsubps(ymm(D), ymm(D), VecOperand::r(B));                      // ef
            a_.vandps(ymm(B), ymm(F), VecOperand::r(E));
            a_.vaddps(ymm(E), ymm(E), VecOperand::r(B));
            a_.vsubps(ymm(E), ymm(E), scalar(1.0f));                          // z
            a_.vmulps(ymm(F), ymm(E), VecOperand::r(E));                      // z2
            a_.vmovups(ymm(B), scalar(lc::kP[0]));
            for (int k = 1; k < 9; ++k) a_.vfmadd213ps(ymm(B), ymm(E), scalar(lc::kP[k]));  // p = fma(p, z, c)
            a_.vmulps(ymm(C), ymm(E), VecOperand::r(F));
            a_.vmulps(ymm(C), ymm(C), VecOperand::r(B));                      // y = z z2 p
            a_.vfmadd231ps(ymm(C), ymm(D), scalar(lc::kLn2Lo));               // fma(ef, c, y)
            a_.vfmadd231ps(ymm(C), ymm(F), scalar(-0.5f));                    // fma(-0.5, z2, y)
            a_.vaddps(ymm(C), ymm(E), VecOperand::r(C));                      // r = z + y
            a_.vfmadd231ps(ymm(C), ymm(D), scalar(lc::kLn2Hi));               // fma(ef, c, r)
            a_.vcmpps(ymm(B), ymm(A), scalar(vmath::INFINITY_F), imm(Cmp::Eq));
            a_.vblendvps(ymm(C), ymm(C), scalar(vmath::INFINITY_F), ymm(B));
            a_.vcmpps(ymm(B), ymm(A), scalar(0.0f), imm(Cmp::Eq));
            a_.vblendvps(ymm(C), ymm(C), scalar(-vmath::INFINITY_F), ymm(B));
            a_.vcmpps(ymm(B), ymm(A), scalar(0.0f), imm(Cmp::Lt));
            a_.vblendvps(ymm(C), ymm(C), scalar(vmath::NAN_F), ymm(B));
            a_.vcmpps(ymm(B), ymm(A), VecOperand::r(A), imm(Cmp::Unord));
            a_.vblendvps(ymm(allocate(i, u, position)), ymm(C), VecOperand::r(A), ymm(B));  // NaN: x
        }
    }
    for (int r : {A, B, C, D, E, F}) owner_[r] = -1;
}

// Order statistics as the interpreter computes them (pixel/expr/evaluate.cpp, filters/expr/scalar.hpp).
// sortN's rank-th value (SortedNth) and argsortN's (ArgSortNth): value c has rank
// #{j < c: v_j <= v_c} + #{j > c: v_j < v_c}; the result is the last c whose rank is the
// wanted one, else (NaN arguments) count - 1 - rank.  With -0, +0 and NaN this order
// matters, so no sorting network: N^2 comparisons, counted in integer lanes (a true
// mask is -1: subtracting it counts one).  argminN/argmaxN: the first strictly better
// value wins, scanning from index 0.
void Generator::emit_sorted(NodeId i, int position) {
    const Node& n = e_.node(i);
    const int count = int(n.args.size());
    clear_registers(i, position);
    const int T = count, acc = count + 1, mask = kScratchA;
    for (int r = 0; r <= acc; ++r) owner_[r] = int(values_.size());  // held as temporaries
    for (int u = 0; u < unroll_; ++u) {
        for (int k = 0; k < count; ++k) a_.vmovups(ymm(k), operand(n.args[std::size_t(k)], u));
        if (n.op == Op::ArgMin || n.op == Op::ArgMax) {
            a_.vmovups(ymm(T), scalar(0.0f));                  // index of the best so far
            a_.vmovdqa(ymm(acc), ymm(0));                                 // its value
            for (int j = 1; j < count; ++j) {
                a_.vcmpps(ymm(mask), ymm(j), VecOperand::r(acc), imm(n.op == Op::ArgMin ? Cmp::Lt : Cmp::Gt));
                a_.vblendvps(ymm(acc), ymm(acc), VecOperand::r(j), ymm(mask));
                a_.vblendvps(ymm(T), ymm(T), scalar(float(j)), ymm(mask));
            }
        } else {
            const int fallback = count - 1 - n.rank;
            if (n.op == Op::SortedNth) a_.vmovdqa(ymm(T), ymm(fallback));
            else a_.vmovups(ymm(T), scalar(float(fallback)));
            for (int c = 0; c < count; ++c) {
                a_.vpxor(ymm(acc), ymm(acc), VecOperand::r(acc));
                for (int j = 0; j < count; ++j) {
                    if (j == c) continue;
                    a_.vcmpps(ymm(mask), ymm(j), VecOperand::r(c), imm(j < c ? Cmp::Le : Cmp::Lt));
                    a_.vpsubd(ymm(acc), ymm(acc), VecOperand::r(mask));
                }
                a_.vpcmpeqd(ymm(mask), ymm(acc), scalar_bits(std::uint32_t(n.rank)));
                a_.vblendvps(ymm(T), ymm(T), n.op == Op::SortedNth ? VecOperand::r(c) : scalar(float(c)), ymm(mask));
            }
        }
        // To a slot: the next vector reuses every register.
        Value& v = values_[vid(i, u)];
        v.slot = next_slot_++;
        v.slot_valid = true;
        a_.vmovups(slot_mem(v.slot), ymm(T));
    }
    for (int r = 0; r <= acc; ++r) owner_[r] = -1;
}

void Generator::emit_sincos(NodeId first, NodeId sin_node, NodeId cos_node, int position) {
    const NodeId none = NodeId(e_.size());
    const NodeId arg = e_.node(first).args[0];
    clear_registers(first, position);
    namespace sc = vmath::sincos_constant;
    constexpr int A = 8, B = 9, C = 10, D = 11, E = 12, F = 13;
    for (int r : {A, B, C, D, E, F}) owner_[r] = int(values_.size());  // held as temporaries
    for (int u = 0; u < unroll_; ++u) {
        a_.vmovups(ymm(A), operand(arg, u));                              // x
        a_.vmulps(ymm(B), ymm(A), scalar(sc::kTwoOverPi));                               // t
        a_.vandps(ymm(C), ymm(B), scalar_bits(0x7fffffffu));
        a_.vcmpps(ymm(C), ymm(C), scalar(sc::kReducible), imm(Cmp::NotLt));                   // !(|t| < 2^22)
        a_.vaddps(ymm(B), ymm(B), scalar(sc::kRound));
        a_.vblendvps(ymm(D), ymm(B), scalar(sc::kRound), ymm(C));                             // shifted; q = its bits
        a_.vsubps(ymm(E), ymm(D), scalar(sc::kRound));                                   // k
        a_.vfmadd231ps(ymm(A), ymm(E), scalar(sc::kPi2Hi));                              // r = fma(k, c, r)
        a_.vfmadd231ps(ymm(A), ymm(E), scalar(sc::kPi2Mid));
        a_.vfmadd231ps(ymm(A), ymm(E), scalar(sc::kPi2Lo));
        a_.vmulps(ymm(B), ymm(A), VecOperand::r(A));                                // r2
        a_.vmovups(ymm(C), scalar(sc::kSin3));
        a_.vfmadd213ps(ymm(C), ymm(B), scalar(sc::kSin2));
        a_.vfmadd213ps(ymm(C), ymm(B), scalar(sc::kSin1));
        a_.vmulps(ymm(E), ymm(B), VecOperand::r(A));                                // r2 r
        a_.vfmadd213ps(ymm(C), ymm(E), VecOperand::r(A));                           // s
        a_.vmovups(ymm(E), scalar(sc::kCos3));
        a_.vfmadd213ps(ymm(E), ymm(B), scalar(sc::kCos2));
        a_.vfmadd213ps(ymm(E), ymm(B), scalar(sc::kCos1));
        a_.vmulps(ymm(F), ymm(B), VecOperand::r(B));                                // r2 r2
        a_.vmovups(ymm(A), scalar(-0.5f));
        a_.vfmadd213ps(ymm(A), ymm(B), scalar(1.0f));                                // fma(-0.5, r2, 1)
        a_.vfmadd213ps(ymm(E), ymm(F), VecOperand::r(A));                           // c
        a_.vpslld(ymm(B), ymm(D), 31);                                              // q & 1 as the sign bit
        for (NodeId out : {sin_node, cos_node}) {
            if (out == none) continue;
            int q = D;
            const int d = allocate(out, u, position);
            if (out == cos_node) {  // a quarter turn on: q + 1, odd exactly when q is even
                a_.vpaddd(ymm(A), ymm(D), scalar_bits(1u));
                q = A;
                a_.vblendvps(ymm(d), ymm(E), VecOperand::r(C), ymm(B));                  // q odd ? s : c
            } else {
                a_.vblendvps(ymm(d), ymm(C), VecOperand::r(E), ymm(B));                  // q odd ? c : s
            }
            a_.vpslld(ymm(F), ymm(q), 30);
            a_.vpand(ymm(F), ymm(F), scalar_bits(0x80000000u));                              // (q & 2) << 30
            a_.vxorps(ymm(d), ymm(d), VecOperand::r(F));
        }
    }
    for (int r : {A, B, C, D, E, F}) owner_[r] = -1;
}

void Generator::fuse_conditions() {
    std::vector<int> uses(e_.size(), 0);
    for (const Node& n : e_.nodes())
        for (NodeId a : n.args) ++uses[a];
    ++uses[e_.root()];
    for (std::size_t p = 0; p < sched_.order.size(); ++p) {
        const Node& n = e_.node(sched_.order[p]);
        if (n.op != Op::Select) continue;
        const NodeId c = n.args[0];
        if (uses[c] != 1 || !predicate(e_.node(c).op) || sched_.position[c] < 0) continue;
        fused_condition_[c] = 1;
        for (NodeId a : e_.node(c).args)  // read at the Select now
            sched_.last_use[a] = std::max(sched_.last_use[a], int(p));
    }
}

void Generator::count_register_uses() {
    for (NodeId i : sched_.order) {
        const Node& n = e_.node(i);
        for (std::size_t k = 0; k < n.args.size(); ++k) {
            bool needs = k == 0;
            switch (n.op) {
                case Op::Select: needs = k == 2 || (k == 0 && !fused_condition_[n.args[0]]); break;
                case Op::Sin: case Op::Cos: case Op::Exp: case Op::Log: case Op::Trunc: case Op::Round:
                case Op::Floor: needs = false; break;
                case Op::And: case Op::Or: case Op::Xor: case Op::Pow: case Op::Mod:
                case Op::BitAnd: case Op::BitOr: case Op::BitXor: case Op::BitNot: needs = true; break;
                default: break;
            }
            register_uses_[n.args[k]] += needs;
        }
    }
}

void Generator::emit(int position) {
    const NodeId i = sched_.order[std::size_t(position)];
    const Node& n = e_.node(i);
    switch (n.op) {
        case Op::Exp:
        case Op::Log: emit_exp_or_log(i, position); return;
        case Op::SortedNth:
        case Op::ArgSortNth:
        case Op::ArgMin:
        case Op::ArgMax: emit_sorted(i, position); return;
        case Op::Pow:
        case Op::Mod:
        case Op::BitAnd:
        case Op::BitOr:
        case Op::BitXor:
        case Op::BitNot: emit_callout(i, callout_of(n.op), position); return;
        case Op::Sin:
        case Op::Cos:
            if (values_[vid(i, 0)].reg >= 0 || values_[vid(i, 0)].slot_valid) {  // made with its partner
                for (int u = 0; u < unroll_; ++u) release_dying(i, u, position);
                return;
            }
            if (n.op == Op::Sin) emit_sincos(i, i, partner_[i], position);
            else emit_sincos(i, partner_[i], i, position);
            return;
        default:
            if (fused_condition_[i]) return;  // computed inside its Select
            for (int u = 0; u < unroll_; ++u) emit_vector(i, u, position);
    }
}

void Generator::emit_vector(NodeId i, int u, int position) {
    const Node& n = e_.node(i);
    const auto& args = n.args;
    if (n.op == Op::Load) {
        const int s = row_index(n);
        SampleLayout t = clips_[std::size_t(n.clip)];
        if (rows_[std::size_t(s)].as_float) t = {4, true, 32};  // converted by the caller
        if (t.is_float && s < kRowRegisters && register_uses_[i] <= 1) {
            // Float samples of a row kept in a register are operands where they lie:
            // no register, no load until an instruction needs one in a register.
            values_[vid(i, u)].source = mem(kRowRegister[s], (n.dx + 8 * u) * 4, kX, 4);
            return;
        }
        release_dying(i, u, position);
        const int d = allocate(i, u, position);
        Xbyak::Reg64 base = r10;
        if (s < kRowRegisters) base = kRowRegister[s];
        else a_.mov(r10, row_mem(s));
        const Xbyak::Address m = mem(base, (n.dx + 8 * u) * t.bytes_per_sample, kX, t.bytes_per_sample);
        if (t.is_float) {
            a_.vmovups(ymm(d), VecOperand::m(m));
        } else {
            if (t.bytes_per_sample == 1) a_.vpmovzxbd(ymm(d), VecOperand::m(m));
            else a_.vpmovzxwd(ymm(d), VecOperand::m(m));
            a_.vcvtdq2ps(ymm(d), VecOperand::r(d));
        }
        return;
    }
    if (n.op == Op::X) {
        const int d = allocate(i, u, position);
        a_.vmovd(xmm(kScratchA), kX.cvt32());
        a_.vpbroadcastd(ymm(kScratchA), xmm(kScratchA));
        a_.vpaddd(ymm(kScratchA), ymm(kScratchA), VecOperand::m(slot_mem(kIotaSlot + u)));  // + 8u .. 8u+7
        a_.vcvtdq2ps(ymm(d), VecOperand::r(kScratchA));
        return;
    }
    // Operands first (their registers may be reused for the result).
    const VecOperand A = args.size() > 0 ? operand(args[0], u) : VecOperand{};
    const VecOperand B = args.size() > 1 ? operand(args[1], u) : VecOperand{};
    const VecOperand C = args.size() > 2 ? operand(args[2], u) : VecOperand{};
    // Values needed in registers (src1 of a VEX instruction must be one) are fetched
    // into scratch registers before the destination is allocated (which may spill).
    auto reg_of = [&](std::size_t k, const VecOperand& o, int scratch) {
        return o.is_memory ? in_register(args[k], u, scratch) : o.reg;
    };
    int ra = -1, rc = -1;
    switch (n.op) {
        case Op::Add: case Op::Sub: case Op::Mul: case Op::Div: case Op::Max: case Op::Min: case Op::Clamp:
        case Op::Abs: case Op::Gt: case Op::Lt: case Op::Eq: case Op::Ge: case Op::Le: case Op::Not:
            ra = reg_of(0, A, kScratchA);
            break;
        case Op::Sqrt:
            ra = reg_of(0, A, kScratchB);
            a_.vcmpps(ymm(kScratchA), ymm(ra), scalar(0.0f), imm(Cmp::Gt));  // a > 0 (NaN: false)
            break;
        case Op::And: case Op::Or: case Op::Xor: {
            ra = reg_of(0, A, kScratchA);
            a_.vcmpps(ymm(kScratchA), ymm(ra), scalar(0.0f), imm(Cmp::Gt));
            const int rb = reg_of(1, B, kScratchB);
            a_.vcmpps(ymm(kScratchB), ymm(rb), scalar(0.0f), imm(Cmp::Gt));
            break;
        }
        case Op::Select:
            if (fused_condition_[args[0]]) {
                const Node& c = e_.node(args[0]);
                const VecOperand ca = operand(c.args[0], u), cb = operand(c.args[1], u);
                const int rca = ca.is_memory ? in_register(c.args[0], u, kScratchA) : ca.reg;
                a_.vcmpps(ymm(kScratchA), ymm(rca), cb, imm(*predicate(c.op)));  // mask: the comparison itself
                for (NodeId a : c.args)
                    if (sched_.last_use[a] == position) {
                        Value& v = values_[vid(a, u)];
                        if (v.reg >= 0 && owner_[v.reg] == int(vid(a, u))) owner_[v.reg] = -1;
                    }
            } else {
                ra = reg_of(0, A, kScratchA);
                a_.vcmpps(ymm(kScratchA), ymm(ra), scalar(0.0f), imm(Cmp::Gt));  // mask: condition > 0
            }
            rc = reg_of(2, C, kScratchB);
            break;
        default: break;
    }
    release_dying(i, u, position);
    const int d = allocate(i, u, position);
    switch (n.op) {
        case Op::Add: a_.vaddps(ymm(d), ymm(ra), B); break;
        case Op::Sub: a_.vsubps(ymm(d), ymm(ra), B); break;
        case Op::Mul: a_.vmulps(ymm(d), ymm(ra), B); break;
        case Op::Div: a_.vdivps(ymm(d), ymm(ra), B); break;
        case Op::Max: a_.vmaxps(ymm(d), ymm(ra), B); break;  // a > b ? a : b
        case Op::Min: a_.vminps(ymm(d), ymm(ra), B); break;  // a < b ? a : b
        case Op::Clamp:                              // max(min(a, hi), lo), as the interpreter
            a_.vminps(ymm(kScratchA), ymm(ra), C);
            a_.vmaxps(ymm(d), ymm(kScratchA), B);
            break;
        case Op::Abs: a_.vandps(ymm(d), ymm(ra), scalar_bits(0x7fffffffu)); break;
        case Op::Sqrt:  // a > 0 ? sqrt(a) : 0
            a_.vsqrtps(ymm(d), VecOperand::r(ra));
            a_.vandps(ymm(d), ymm(d), VecOperand::r(kScratchA));
            break;
        case Op::Trunc: a_.vroundps(ymm(d), A, imm(Rounding::TowardZero)); break;
        case Op::Round: a_.vroundps(ymm(d), A, imm(Rounding::NearestEven)); break;
        case Op::Floor: a_.vroundps(ymm(d), A, imm(Rounding::Down)); break;
        case Op::Gt: case Op::Lt: case Op::Eq: case Op::Ge: case Op::Le: {
            const Cmp p = n.op == Op::Gt ? Cmp::Gt : n.op == Op::Lt ? Cmp::Lt : n.op == Op::Eq ? Cmp::Eq
                        : n.op == Op::Ge ? Cmp::Ge : Cmp::Le;
            a_.vcmpps(ymm(d), ymm(ra), B, imm(p));
            a_.vandps(ymm(d), ymm(d), scalar(1.0f));
            break;
        }
        case Op::Not:  // a <= 0 (NaN: false)
            a_.vcmpps(ymm(d), ymm(ra), scalar(0.0f), imm(Cmp::Le));
            a_.vandps(ymm(d), ymm(d), scalar(1.0f));
            break;
        case Op::And: case Op::Or: case Op::Xor:
            if (n.op == Op::And) a_.vandps(ymm(kScratchA), ymm(kScratchA), VecOperand::r(kScratchB));
            else if (n.op == Op::Or) a_.vorps(ymm(kScratchA), ymm(kScratchA), VecOperand::r(kScratchB));
            else a_.vxorps(ymm(kScratchA), ymm(kScratchA), VecOperand::r(kScratchB));
            a_.vandps(ymm(d), ymm(kScratchA), scalar(1.0f));
            break;
        case Op::Select: a_.vblendvps(ymm(d), ymm(rc), B, ymm(kScratchA)); break;  // mask ? b : c
        default: throw InternalError("Expr JIT: operation without code");
    }
}

// The root's vectors into the output row: float as is; integers clamped to [0, top]
// with NaN -> 0 (MAXPS returns its second operand for NaN), rounded half to even by
// VCVTPS2DQ, then packed (the values fit, so the saturating packs change nothing) and
// put back in pixel order.  All other values are dead here, so their registers serve.
void Generator::emit_store() {
    const NodeId root = e_.root();
    const int bps = out_.bytes_per_sample;
    auto out_at = [&](int pixel) { return mem(kOut, pixel * bps, kX, bps); };
    if (out_.is_float) {
        for (int u = 0; u < unroll_; ++u) a_.vmovups(out_at(8 * u), ymm(in_register(root, u, kScratchA)));
        return;
    }
    int t[4];
    {
        int next = 0;
        for (int r = 0; r < 16 && next < unroll_; ++r) {
            bool holds_root = false;
            for (int u = 0; u < unroll_; ++u) holds_root = holds_root || owner_[r] == int(vid(root, u));
            if (!holds_root && r != kScratchA && r != kScratchB) t[next++] = r;
        }
    }
    for (int u = 0; u < unroll_; ++u) {
        const VecOperand v = operand(root, u);
        int src = v.reg;
        if (v.is_memory) {
            a_.vmovups(ymm(t[u]), v);
            src = t[u];
        }
        a_.vmaxps(ymm(t[u]), ymm(src), scalar(0.0f));
        a_.vminps(ymm(t[u]), ymm(t[u]), scalar(top_));
        a_.vcvtps2dq(ymm(t[u]), VecOperand::r(t[u]));
    }
    const std::uint8_t kQuadOrder = 0xd8;  // quads 0 2 1 3
    if (unroll_ == 1) {
        a_.vextracti128(xmm(kScratchB), ymm(t[0]), 1);
        a_.vpackusdw(xmm(t[0]), xmm(t[0]), xmm(kScratchB));
        if (bps == 2) {
            a_.vmovdqu(out_at(0), xmm(t[0]));
        } else {
            a_.vpackuswb(xmm(t[0]), xmm(t[0]), xmm(t[0]));
            a_.vmovq(out_at(0), xmm(t[0]));
        }
        return;
    }
    if (bps == 2) {
        for (int pair = 0; pair < unroll_ / 2; ++pair) {
            const int p0 = t[2 * pair], p1 = t[2 * pair + 1];
            a_.vpackusdw(ymm(p0), ymm(p0), ymm(p1));
            a_.vpermq(ymm(p0), ymm(p0), kQuadOrder);
            a_.vmovdqu(out_at(16 * pair), ymm(p0));
        }
        return;
    }
    a_.vpackusdw(ymm(t[0]), ymm(t[0]), ymm(t[1]));
    if (unroll_ == 2) {
        a_.vpermq(ymm(t[0]), ymm(t[0]), kQuadOrder);
        a_.vextracti128(xmm(t[1]), ymm(t[0]), 1);
        a_.vpackuswb(xmm(t[0]), xmm(t[0]), xmm(t[1]));
        a_.vmovdqu(out_at(0), xmm(t[0]));
        return;
    }
    a_.vpackusdw(ymm(t[2]), ymm(t[2]), ymm(t[3]));
    a_.vpackuswb(ymm(t[0]), ymm(t[0]), ymm(t[2]));
    a_.vmovups(ymm(t[1]), VecOperand::m(slot_mem(kPackOrderSlot)));
    a_.vpermd(ymm(t[0]), ymm(t[1]), VecOperand::r(t[0]));
    a_.vmovdqu(out_at(0), ymm(t[0]));
}

std::vector<std::uint8_t> Generator::generate(std::vector<float>& constants, std::vector<Kernel::Row>& rows,
                                              int& uniform_count, int& reach_left, int& reach_right) {
    const std::size_t size = e_.size();
    partner_.assign(size, NodeId(size));
    for (NodeId i = 0; i < size; ++i)
        if (e_.node(i).op == Op::Sin)
            for (NodeId j = 0; j < size; ++j)
                if (e_.node(j).op == Op::Cos && e_.node(j).args == e_.node(i).args && partner_[j] == size) {
                    partner_[i] = j;
                    partner_[j] = i;
                    break;
                }

    // Rows read and reach.
    int properties = 0;
    reach_left = reach_right = 0;
    for (NodeId i = 0; i < size; ++i) {
        const Node& n = e_.node(i);
        if (n.op == Op::Load) {
            row_index(n);
            reach_left = std::max(reach_left, -n.dx);
            reach_right = std::max(reach_right, n.dx);
        }
        if (n.op == Op::Property) ++properties;
    }
    // Integer rows read at two or more offsets (x[-1,0] x x[1,0]) are converted to
    // binary32 once per row by the caller: then every read is a plain float operand,
    // instead of a widening load and a conversion per read.
    for (std::size_t s = 0; s < rows_.size(); ++s) {
        int reads = 0;
        for (const Node& n : e_.nodes())
            reads += n.op == Op::Load && row_index(n) == int(s);
        if (reads >= 2 && !clips_[std::size_t(rows_[s].clip)].is_float) {
            rows_[s].as_float = true;
            rows_[s].bytes_per_sample = 4;
        }
    }
    uniform_count = Kernel::kFirstProperty + properties;
    const int extra_rows = std::max(0, int(rows_.size()) - kRowRegisters);
    first_vector_ = (kRowSlots + 8 * extra_rows + 31) & ~31;

    // The pool; then constants' slots (after the Fixed scalars, in pool order) and the
    // uniforms' slots.
    constants.clear();
    for (int k = 0; k < 32; ++k) constants.push_back(std::bit_cast<float>(std::int32_t(k)));
    for (int k : {0, 4, 1, 5, 2, 6, 3, 7}) constants.push_back(std::bit_cast<float>(std::int32_t(k)));
    top_ = out_.is_float ? 0.0f : float((1u << out_.bits) - 1u);
    for (float v : {0.0f, 1.0f, std::bit_cast<float>(0x7fffffffu), top_, std::bit_cast<float>(0x80000000u),
                    std::bit_cast<float>(1u), -0.5f})
        add_scalar(constants, v);
    bool uses_sincos = false, uses_exp = false, uses_log = false;
    for (const Node& n : e_.nodes()) {
        uses_sincos = uses_sincos || n.op == Op::Sin || n.op == Op::Cos;
        uses_exp = uses_exp || n.op == Op::Exp;
        uses_log = uses_log || n.op == Op::Log;
    }
    if (uses_sincos) {
        namespace sc = vmath::sincos_constant;
        for (float c : {sc::kTwoOverPi, sc::kReducible, sc::kRound, sc::kPi2Hi, sc::kPi2Mid, sc::kPi2Lo, sc::kSin3,
                        sc::kSin2, sc::kSin1, sc::kCos3, sc::kCos2, sc::kCos1})
            add_scalar(constants, c);
    }
    if (uses_exp) {
        namespace ec = vmath::exp_constant;
        for (float c : {ec::kHigh, ec::kLow, ec::kZeroBelow, ec::kLog2e, ec::kRound, ec::kLn2Hi, ec::kLn2Lo, 2.0f,
                        vmath::INFINITY_F})
            add_scalar(constants, c);
        for (float c : ec::kP) add_scalar(constants, c);
    }
    for (const Node& n : e_.nodes())
        if (n.op == Op::SortedNth || n.op == Op::ArgSortNth || n.op == Op::ArgMin || n.op == Op::ArgMax) {
            add_scalar(constants, std::bit_cast<float>(std::uint32_t(n.rank)));
            for (std::size_t k = 0; k < n.args.size(); ++k) add_scalar(constants, float(k));
        }
    if (uses_log) {
        namespace lc = vmath::log_constant;
        for (float c : {lc::kSmallestNormal, lc::kLift, lc::kSqrtHalf, lc::kLn2Lo, lc::kLn2Hi, 23.0f,
                        vmath::INFINITY_F, -vmath::INFINITY_F, vmath::NAN_F, std::bit_cast<float>(126u),
                        std::bit_cast<float>(0x007fffffu), std::bit_cast<float>(0x3f000000u)})
            add_scalar(constants, c);
        for (float c : lc::kP) add_scalar(constants, c);
    }
    auto set_slot = [&](NodeId i, int slot) {
        for (int u = 0; u < unroll_; ++u) values_[vid(i, u)] = Value{-1, slot, true, std::nullopt};
    };
    for (NodeId i = 0; i < size; ++i)
        if (e_.node(i).op == Op::Constant) set_slot(i, add_scalar(constants, e_.node(i).value));
    next_slot_ = kPoolVectors + scalar_count_;
    int property = 0;
    std::vector<std::pair<int, int>> uniform_slots;  // (uniform index, slot)
    for (NodeId i = 0; i < size; ++i) {
        int uniform = -1;
        switch (e_.node(i).op) {
            case Op::Y: uniform = 0; break;
            case Op::FrameNumber: uniform = 1; break;
            case Op::Width: uniform = 2; break;
            case Op::Height: uniform = 3; break;
            case Op::Property: uniform = Kernel::kFirstProperty + property++; break;
            default: continue;
        }
        set_slot(i, next_slot_);
        uniform_slots.push_back({uniform, next_slot_++});
    }
    const std::size_t first_scalar = 8 * kPoolVectors;  // after the pool's vectors

    // Prologue: save callee-saved registers, align the frame, load the arguments.
    a_.push(rbp);
    a_.mov(rbp, rsp);
    for (const Xbyak::Reg64& g : {rbx, r12, r13, r14, r15}) a_.push(g);
    a_.and_(rsp, -32);
    // The frame size is known once the body has allocated its slots: a 32-bit immediate
    // now (a placeholder beyond 8 bits), rewritten at the end.
    a_.sub(rsp, 0x10000);
    const std::size_t frame_size_end = a_.getSize();
    a_.mov(rax, mem(rdi, int(offsetof(RowArgs, rows))));
    for (int s = 0; s < int(rows_.size()); ++s) {
        if (s < kRowRegisters) {
            a_.mov(kRowRegister[s], mem(rax, 8 * s));
        } else {
            a_.mov(r10, mem(rax, 8 * s));
            a_.mov(row_mem(s), r10);
        }
    }
    a_.mov(kOut, mem(rdi, int(offsetof(RowArgs, out))));
    a_.mov(kX, mem(rdi, int(offsetof(RowArgs, x_begin))));
    a_.mov(r10, mem(rdi, int(offsetof(RowArgs, x_end))));
    a_.mov(mem(rsp, kXEnd), r10);
    a_.mov(rax, mem(rdi, int(offsetof(RowArgs, constants))));
    for (int v = 0; v < kPoolVectors; ++v) {
        a_.vmovups(ymm(kScratchA), VecOperand::m(mem(rax, 32 * v)));
        a_.vmovups(slot_mem(v), ymm(kScratchA));
    }
    for (int k = 0; k < scalar_count_; ++k) {
        a_.vbroadcastss(ymm(kScratchA), mem(rax, 4 * (int(first_scalar) + k)));
        a_.vmovups(slot_mem(kPoolVectors + k), ymm(kScratchA));
    }
    a_.mov(rax, mem(rdi, int(offsetof(RowArgs, uniforms))));
    for (auto [u, slot] : uniform_slots) {
        a_.vbroadcastss(ymm(kScratchA), mem(rax, 4 * u));
        a_.vmovups(slot_mem(slot), ymm(kScratchA));
    }
    a_.cmp(kX, mem(rsp, kXEnd));
    Xbyak::Label loop, skip;
    a_.jge(skip, Xbyak::CodeGenerator::T_NEAR);

    // Loop body: 8 * unroll pixels.  The code is the same every iteration, so a spilled
    // value is always stored to its slot before that iteration reads it.
    a_.L(loop);
    for (int p = 0; p < int(sched_.order.size()); ++p) emit(p);
    emit_store();
    a_.add(kX, 8 * unroll_);
    a_.cmp(kX, mem(rsp, kXEnd));
    a_.jl(loop);
    a_.L(skip);
    a_.vzeroupper();
    a_.lea(rsp, mem(rbp, -40));
    for (const Xbyak::Reg64& g : {r15, r14, r13, r12, rbx}) a_.pop(g);
    a_.pop(rbp);
    a_.ret();

    a_.rewrite(frame_size_end - 4, std::uint32_t(first_vector_ + 32 * next_slot_), 4);
    rows = rows_;
    return a_.finish();
}

}  // namespace

std::optional<GeneratedKernel> generate_float_kernel(const rigor::expr::Expr& e, std::span<const SampleLayout> clips,
                                                     SampleLayout out) {
    if (e.size() > kMaxNodes) return std::nullopt;
    for (const Node& n : e.nodes()) {
        if (!supported(n.op)) return std::nullopt;
        if (n.op == Op::Load) {
            const SampleLayout& t = clips[std::size_t(n.clip)];
            if (t.bytes_per_sample == 2 && t.is_float) return std::nullopt;  // half
        }
    }
    if (out.is_float && out.bytes_per_sample != 4) return std::nullopt;
    for (const Node& n : e.nodes())
        if ((n.op == Op::SortedNth || n.op == Op::ArgSortNth || n.op == Op::ArgMin || n.op == Op::ArgMax) &&
            n.args.size() > kMaxSorted)
            return std::nullopt;
    GeneratedKernel k;
    Generator g(e, clips, out);
    k.code = g.generate(k.constants, k.rows, k.uniform_count, k.reach_left, k.reach_right);
    k.step = g.step();
    return k;
}

}  // namespace rigor::pixel::expr::jit
