// The 16-bit fixed-point code generator (generate_fixed_kernel, generated_kernel.hpp):
// one class, its parts in files of their own: lanes of k / 2^s, their arithmetic and the
// rounding store (fixed_kernel.cpp), medians and sorts by sorting networks
// (fixed_sorting_network.cpp), a root division by a constant as a 16-bit multiply-high
// where that is exact (fixed_multiply_high.cpp), and the halving sum of two clips in
// lanes as narrow as their samples (fixed_halving_sum.cpp).  Values stay in registers (no spills, no calls).
#pragma once
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <vector>

#include <xbyak/xbyak.h>

#include "filters/expr/dyadic_range.hpp"
#include "filters/expr/ir.hpp"
#include "pixel/expr/jit/generated_kernel.hpp"
#include "pixel/expr/jit/kernel.hpp"
#include "pixel/expr/jit/kernel_abi.hpp"
#include "pixel/expr/jit/schedule.hpp"
#include "pixel/expr/jit/x86_code.hpp"

namespace rigor::pixel::expr::jit {

// fixed_halving_sum.cpp: the Add node of `(a + b) * 0.5` or `(a + b) / 2` over two
// samples of 2-byte integer clips into a 2-byte output at least as deep, else nullopt.
std::optional<rigor::expr::NodeId> word_average_sum(const rigor::expr::Expr& e, std::span<const SampleLayout> clips,
                                                    SampleLayout out);

class FixedGenerator {
public:
    // The root's division or multiplication by a constant that is no power of two, done
    // in binary32 on the exact 16-bit value of its other argument (a box sum / 9).
    struct FloatTail {
        rigor::expr::NodeId arg;  // the fixed-point argument
        bool divide;              // arg / c, else arg * c
        float c;
        // Its binary32 value where the argument is k / 2^shift (exact: |k| < 2^15).
        float at(int shift, std::int64_t k) const {
            const float v = std::ldexp(float(k), -shift);
            return divide ? v / c : v * c;
        }
    };
    // The tail in 16-bit lanes, min(((k + bias) * multiplier) >> (16 + shift), top)
    // (fixed_multiply_high.cpp), where that equals the binary32 tail at every k.
    struct MultiplyHigh {
        int bias = 0, multiplier = 1, shift = 0;
        bool min_top = false;  // some k needs the clamp to top
        std::int64_t largest = 0;  // the largest q before the clamp
    };

    // The root's difference computed saturating at 0 in unsigned lanes (VPSUBUSW, its k in
    // [0, hi]; fixed_kernel.cpp's saturating_difference): the Sub node, and whether the
    // root is its abs (then both saturating differences, or'ed: |ka - kb|).
    struct SaturatingDifference {
        rigor::expr::NodeId sub = 0;
        bool absolute = false;
    };

    // A 3x3 box sum of one clip (fixed_box_sum.cpp): its Add node and the loads of its
    // middle column, rows dy = -1, 0, 1.
    struct BoxSum {
        rigor::expr::NodeId sum = 0;
        rigor::expr::NodeId column[3] = {};
    };
    // The box sum when the program is exactly one (the sum, or the sum and its float
    // tail), else nullopt.
    static std::optional<BoxSum> find_box_sum(const rigor::expr::Expr& e, std::optional<rigor::expr::NodeId> tail_arg);

    FixedGenerator(const rigor::expr::Expr& e, std::span<const SampleLayout> clips, SampleLayout out,
                   std::vector<rigor::expr::DyadicRange> ranges, rigor::expr::FixedLanes lanes, Schedule sched,
                   std::optional<FloatTail> tail = std::nullopt, std::optional<MultiplyHigh> multiply_high = std::nullopt,
                   bool wide_box = false, std::optional<SaturatingDifference> saturating = std::nullopt)
        : e_(e), clips_(clips), out_(out), r_(std::move(ranges)),
          unsigned_(lanes == rigor::expr::FixedLanes::Unsigned16), sched_(std::move(sched)), tail_(tail),
          multiply_high_(multiply_high), box_(find_box_sum(e, tail ? std::optional(tail->arg) : std::nullopt)),
          wide_box_(wide_box && box_ && tail),
          unroll_(4 * sched_.max_live <= kValueRegisters ? 4 : 2 * sched_.max_live <= kValueRegisters ? 2 : 1),
          reg_(e.size() * 4, -1), folded_(foldable_loads(e, clips, r_)), saturating_(saturating) {}

    GeneratedKernel generate();
    bool failed() const { return failed_; }

private:
    using DyadicRange = rigor::expr::DyadicRange;
    using Node = rigor::expr::Node;
    using NodeId = rigor::expr::NodeId;
    using Op = rigor::expr::Op;
    // Beside kernel_abi.hpp's: the end column and the pool (no frame, no calls).
    static constexpr Xbyak::Reg64 kEnd = Xbyak::util::r11, kPool = Xbyak::util::rbp;

    // A pool vector of 16 copies of v (16-bit); its memory operand.
    VecOperand pooled(std::int64_t v) {
        auto [it, added] = pool_.try_emplace(std::int16_t(v), pool_vectors_);
        if (added) ++pool_vectors_;
        return VecOperand::m(mem(kPool, 32 * it->second));
    }
    // A pool vector of 8 copies of the binary32 v.
    VecOperand pooled_float(float v) {
        auto [it, added] = pool_float_.try_emplace(std::bit_cast<std::uint32_t>(v), pool_vectors_);
        if (added) ++pool_vectors_;
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
        if (folded_[a]) return VecOperand::m(load_address(e_.node(a), u));
        if (ra.shift == s) return VecOperand::r(reg(a, u));
        a_.vpsllw(ymm(scratch), ymm(reg(a, u)), std::uint8_t(s - ra.shift));
        return VecOperand::r(scratch);
    }
    // Max and min of the lanes as the plan's integers: signed, or unsigned (every k >= 0,
    // up to 65535, where a signed compare would see 32768..65535 as negative).
    void max_words(int d, int a, const VecOperand& b) {
        if (unsigned_) a_.vpmaxuw(ymm(d), ymm(a), b);
        else a_.vpmaxsw(ymm(d), ymm(a), b);
    }
    void min_words(int d, int a, const VecOperand& b) {
        if (unsigned_) a_.vpminuw(ymm(d), ymm(a), b);
        else a_.vpminsw(ymm(d), ymm(a), b);
    }
    int in_register(VecOperand o, int scratch) {
        if (!o.is_memory) return o.reg;
        a_.vmovdqu(ymm(scratch), o);
        return scratch;
    }
    // fixed_kernel.cpp: + - * max min, rescaling, the store.
    void emit(NodeId i, int u, int position);
    // Vector u of a Load's samples in memory.
    Xbyak::Address load_address(const Node& n, int u) {
        const int bytes = clips_[std::size_t(n.clip)].bytes_per_sample;
        return mem(row_base(row_index(n)), (n.dx + 16 * u) * bytes, kX, bytes);
    }
    // The Loads of 2-byte samples read once, as the second operand of + - max min at
    // their own shift: that instruction reads them from memory (no load of their own).
    static std::vector<bool> foldable_loads(const rigor::expr::Expr& e, std::span<const SampleLayout> clips,
                                            const std::vector<DyadicRange>& r);
    void emit_store();
    void emit_clamp(NodeId i, int u, int position);
    void emit_float_tail(int k, int t);
    void emit_float_tail_dwords(int r);
    void store_words(const int* t, int count);
    void emit_multiply_high(int k, int t);  // fixed_multiply_high.cpp
    void emit_box_sum();                     // fixed_box_sum.cpp
    void emit_wide_box_sum();                // the same, 2-byte samples in 32-bit lanes, its tail and store
    void emit_three_columns(int d, const int* v, int count, int u, int first_left, int last_right, int lane_bytes);
    // fixed_sorting_network.cpp
    void emit_sorted(NodeId i, int u, int position);
    // fixed_halving_sum.cpp: a sum of two samples of `bytes` bytes halved, in lanes of
    // that width (the byte case is the root dyadic_ranges scales by 1/2).
    // `streaming`: VMOVNTDQ stores (32-byte aligned output, RowArgs::streaming).
    bool is_byte_average() const;
    void emit_halving_sum(NodeId sum, int bytes, bool streaming);
    int row_index(const Node& n) { return row_slot(rows_, n, clips_[std::size_t(n.clip)].bytes_per_sample); }
    // The register holding column 0 of row slot s: r13..r15, or r10 loaded for it.
    Xbyak::Reg64 row_base(int s) {
        if (s < kRowRegisters) return kRowRegister[s];
        using Xbyak::util::r10;
        a_.mov(r10, mem(Xbyak::util::rdi, int(offsetof(RowArgs, rows))));  // rdi survives: no calls here
        a_.mov(r10, mem(r10, 8 * s));
        return r10;
    }

    const rigor::expr::Expr& e_;
    std::span<const SampleLayout> clips_;
    SampleLayout out_;
    std::vector<DyadicRange> r_;
    bool unsigned_;  // FixedLanes::Unsigned16: k in [0, 65535]
    Schedule sched_;
    std::optional<FloatTail> tail_;
    std::optional<MultiplyHigh> multiply_high_;
    std::optional<BoxSum> box_;
    bool wide_box_;  // box_ of 2-byte samples in 32-bit lanes (its sum passes 16 bits)
    int unroll_;
    std::vector<int> reg_;
    std::vector<bool> folded_;  // foldable_loads
    std::optional<SaturatingDifference> saturating_;
    bool busy_[16] = {};
    bool failed_ = false;
    std::map<std::int16_t, int> pool_;
    std::map<std::uint32_t, int> pool_float_;
    int pool_vectors_ = 0;
    std::vector<Kernel::Row> rows_;
    CodeBuffer a_;
};

// fixed_multiply_high.cpp: parameters for the tail on arguments in `arg` into an
// output of out_bits, checked at every k, or nullopt (the binary32 tail stays).
std::optional<FixedGenerator::MultiplyHigh> multiply_high_tail(const rigor::expr::DyadicRange& arg,
                                                               const FixedGenerator::FloatTail& tail, int out_bits);

}  // namespace rigor::pixel::expr::jit
