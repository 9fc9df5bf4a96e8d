// The binary32 generator's frame of work: which programs it takes, the graph prepared
// for code (float_generator.hpp), the pool, and the function: prologue, the loop over
// 8 * unroll pixels per iteration, epilogue.
#include <algorithm>
#include <bit>
#include <cstddef>

#include "filters/base/error.hpp"
#include "pixel/expr/jit/float_generator.hpp"
#include "pixel/expr/vector_math.hpp"

namespace rigor::pixel::expr::jit {

using rigor::expr::Node;
using rigor::expr::Op;
using namespace Xbyak::util;  // register names

namespace {

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

bool is_order_statistic(Op op) {
    return op == Op::SortedNth || op == Op::ArgSortNth || op == Op::ArgMin || op == Op::ArgMax;
}

}  // namespace

FloatGenerator::FloatGenerator(const rigor::expr::Expr& e, std::span<const SampleLayout> clips, SampleLayout out)
    : e_(e), clips_(clips), out_(out), sched_(schedule(e, kValueRegisters)), unroll_(sched_.unroll),
      regs_(e, sched_, unroll_, a_), fused_condition_(e.size(), 0), register_uses_(e.size(), 0) {
    pair_sines_and_cosines();
    fuse_conditions();
    count_register_uses();
}

void FloatGenerator::pair_sines_and_cosines() {
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
}

void FloatGenerator::fuse_conditions() {
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

void FloatGenerator::count_register_uses() {
    for (NodeId i : sched_.order) {
        const Node& n = e_.node(i);
        for (std::size_t k = 0; k < n.args.size(); ++k) {
            bool needs = k == 0;
            switch (n.op) {
                case Op::Select: needs = k == 2 || (k == 0 && !fused_condition_[n.args[0]]); break;
                case Op::Sin: case Op::Cos: case Op::Exp: case Op::Log: case Op::Trunc: case Op::Round:
                case Op::Floor: case Op::Pow: case Op::Mod: needs = false; break;
                case Op::Ceil: needs = false; break;
                case Op::And: case Op::Or: case Op::Xor:
                case Op::BitAnd: case Op::BitOr: case Op::BitXor: case Op::BitNot: needs = true; break;
                case Op::Tan: case Op::Asin: case Op::Acos: case Op::Atan: case Op::Atan2: needs = true; break;
                default: break;
            }
            register_uses_[n.args[k]] += needs;
        }
    }
}

void FloatGenerator::fill_pool(std::vector<float>& constants) {
    constants.clear();
    for (int k = 0; k < 32; ++k) constants.push_back(std::bit_cast<float>(std::int32_t(k)));
    for (int k : {0, 4, 1, 5, 2, 6, 3, 7}) constants.push_back(std::bit_cast<float>(std::int32_t(k)));
    top_ = out_.is_float ? 0.0f : float((1u << out_.bits) - 1u);
    for (float v : {0.0f, 1.0f, std::bit_cast<float>(0x7fffffffu), top_, std::bit_cast<float>(0x80000000u),
                    std::bit_cast<float>(1u), -0.5f})
        regs_.add_scalar(constants, v);
    bool uses_sincos = false, uses_exp = false, uses_log = false, uses_power = false;
    for (const Node& n : e_.nodes()) {
        uses_sincos = uses_sincos || n.op == Op::Sin || n.op == Op::Cos;
        uses_exp = uses_exp || n.op == Op::Exp || n.op == Op::Pow;
        uses_log = uses_log || n.op == Op::Log || n.op == Op::Pow;
        uses_power = uses_power || n.op == Op::Pow || n.op == Op::Mod;
    }
    if (uses_power) add_power_constants(constants);
    if (uses_sincos) {
        namespace sc = vmath::sincos_constant;
        for (float c : {sc::kTwoOverPi, sc::kRound, sc::kPi2Hi, sc::kPi2Lo, sc::kSin3, sc::kSin2, sc::kSin1, sc::kCos3,
                        sc::kCos2, sc::kCos1})  // -0.5 and 1 are in the pool above
            regs_.add_scalar(constants, c);
    }
    if (uses_exp) {
        namespace ec = vmath::exp_constant;
        for (float c : {ec::kHigh, ec::kLow, ec::kZeroBelow, ec::kLog2e, ec::kRound, ec::kLn2Hi, ec::kLn2Lo, 2.0f,
                        vmath::INFINITY_F, 86.0f})
            regs_.add_scalar(constants, c);
        for (float c : ec::kP) regs_.add_scalar(constants, c);
    }
    for (const Node& n : e_.nodes())
        if (is_order_statistic(n.op)) {
            regs_.add_scalar(constants, std::bit_cast<float>(std::uint32_t(n.rank)));
            for (std::size_t k = 0; k < n.args.size(); ++k) regs_.add_scalar(constants, float(k));
        }
    if (uses_log) {
        namespace lc = vmath::log_constant;
        for (float c : {lc::kSmallestNormal, lc::kLift, lc::kSqrtHalf, lc::kLn2Lo, lc::kLn2Hi, 23.0f,
                        vmath::INFINITY_F, -vmath::INFINITY_F, vmath::NAN_F, std::bit_cast<float>(126u),
                        std::bit_cast<float>(0x007fffffu), std::bit_cast<float>(0x3f000000u)})
            regs_.add_scalar(constants, c);
        for (float c : lc::kP) regs_.add_scalar(constants, c);
    }
}

void FloatGenerator::emit(int position) {
    const NodeId i = sched_.order[std::size_t(position)];
    const Node& n = e_.node(i);
    switch (n.op) {
        case Op::Exp:
        case Op::Log: emit_exp_or_log(i, position); return;
        case Op::SortedNth:
        case Op::ArgSortNth:
        case Op::ArgMin:
        case Op::ArgMax: emit_sorted(i, position); return;
        case Op::Pow: emit_pow(i, position); return;
        case Op::Mod: emit_mod(i, position); return;
        case Op::BitAnd:
        case Op::BitOr:
        case Op::BitXor:
        case Op::BitNot:
        case Op::Tan:
        case Op::Asin:
        case Op::Acos:
        case Op::Atan:
        case Op::Atan2: emit_callout(i, position); return;
        case Op::Sin:
        case Op::Cos:
            if (regs_.value(i, 0).reg >= 0 || regs_.value(i, 0).slot_valid) {  // made with its partner
                for (int u = 0; u < unroll_; ++u) regs_.release_dying(i, u, position);
                return;
            }
            if (n.op == Op::Sin) emit_sincos(i, i, partner_[i], position);
            else emit_sincos(i, partner_[i], i, position);
            return;
        case Op::Load:
            for (int u = 0; u < unroll_; ++u) emit_load(i, u, position);
            return;
        case Op::X:
            for (int u = 0; u < unroll_; ++u) emit_column(i, u, position);
            return;
        default:
            if (fused_condition_[i]) return;  // computed inside its Select
            for (int u = 0; u < unroll_; ++u) emit_vector(i, u, position);
    }
}

GeneratedKernel FloatGenerator::generate() {
    GeneratedKernel k;
    const std::size_t size = e_.size();
    // Rows read and reach.
    int properties = 0;
    for (NodeId i = 0; i < size; ++i) {
        const Node& n = e_.node(i);
        if (n.op == Op::Load) {
            row_index(n);
            k.reach_left = std::max(k.reach_left, -n.dx);
            k.reach_right = std::max(k.reach_right, n.dx);
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
    k.uniform_count = Kernel::kFirstProperty + properties;
    const int extra_rows = std::max(0, int(rows_.size()) - kRowRegisters);
    regs_.set_first_vector((kRowSlots + 8 * extra_rows + 31) & ~31);

    // The pool; then constants' slots (after the Fixed scalars, in pool order) and the
    // uniforms' slots.
    fill_pool(k.constants);
    for (NodeId i = 0; i < size; ++i)
        if (e_.node(i).op == Op::Constant) regs_.place_in_slot(i, regs_.add_scalar(k.constants, e_.node(i).value));
    regs_.start_slots_after_pool();
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
        const int slot = regs_.new_slot();
        regs_.place_in_slot(i, slot);
        uniform_slots.push_back({uniform, slot});
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
            a_.mov(row_pointer(s), r10);
        }
    }
    a_.mov(kOut, mem(rdi, int(offsetof(RowArgs, out))));
    a_.mov(kX, mem(rdi, int(offsetof(RowArgs, x_begin))));
    a_.mov(r10, mem(rdi, int(offsetof(RowArgs, x_end))));
    a_.mov(mem(rsp, kXEnd), r10);
    a_.mov(rax, mem(rdi, int(offsetof(RowArgs, constants))));
    for (int v = 0; v < kPoolVectors; ++v) {
        a_.vmovups(ymm(kScratchA), VecOperand::m(mem(rax, 32 * v)));
        a_.vmovups(regs_.slot(v), ymm(kScratchA));
    }
    for (int s = 0; s < regs_.scalar_count(); ++s) {
        a_.vbroadcastss(ymm(kScratchA), mem(rax, 4 * (int(first_scalar) + s)));
        a_.vmovups(regs_.slot(kPoolVectors + s), ymm(kScratchA));
    }
    a_.mov(rax, mem(rdi, int(offsetof(RowArgs, uniforms))));
    for (auto [u, slot] : uniform_slots) {
        a_.vbroadcastss(ymm(kScratchA), mem(rax, 4 * u));
        a_.vmovups(regs_.slot(slot), ymm(kScratchA));
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
    for (const auto& cold : cold_paths_) cold();

    a_.rewrite(frame_size_end - 4, std::uint32_t(regs_.frame_bytes()), 4);
    k.code = a_.finish();
    k.rows = rows_;
    k.step = 8 * unroll_;
    return k;
}

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
        if (is_order_statistic(n.op) && n.args.size() > kMaxSorted) return std::nullopt;
    return FloatGenerator(e, clips, out).generate();
}

}  // namespace rigor::pixel::expr::jit
