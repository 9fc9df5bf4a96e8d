// pow and % inline in a binary32 kernel: vmath::pow and vmath::fmod_lanes
// (vector_math.hpp) operation for operation, so the bits equal the interpreter's (which
// evaluates the same formulas through math_kernels.hpp).
//
// pow with a constant exponent drops what that exponent decides at compile time: 0, 1,
// 2 and 0.5 are 1, a, a * a and sqrt (the general formula selects exactly these for
// those exponents), any other keeps the log and exp with only its own sign and NaN
// cases.  % computes every lane that has a quotient below 2^24 inline; when a vector has
// a lane beyond (rare: |a/b| >= 2^24), a branch out of the loop calls the interpreter's
// fmod kernel for those vectors, which computes such lanes with the C library.
#include <bit>

#include "pixel/expr/jit/float_generator.hpp"
#include "pixel/expr/math_kernels.hpp"
#include "pixel/expr/vector_math.hpp"

namespace rigor::pixel::expr::jit {

using namespace Xbyak::util;  // register names

namespace {
constexpr int A = 8, B = 9, C = 10, D = 11, E = 12, F = 13;
constexpr float kQuotientLimit = 16777216.0f;  // 2^24: vmath::fmod_needs_library
}  // namespace

void FloatGenerator::add_power_constants(std::vector<float>& pool) {
    for (float c : {2.0f, 0.5f, vmath::INFINITY_F, -vmath::INFINITY_F, vmath::NAN_F, kQuotientLimit})
        regs_.add_scalar(pool, c);
}

// pow with the constant exponent 0, 1, 2 or 0.5: no log, no exp (vmath::pow's selects for
// these exponents), each vector from its operand in registers.
void FloatGenerator::emit_pow_special(NodeId i, float exponent, int position) {
    const NodeId arg = e_.node(i).args[0];
    for (int u = 0; u < unroll_; ++u) {
        int value = kScratchA;  // the result before NaN is made the one quiet NaN
        if (exponent == 0.0f) {
            regs_.release_dying(i, u, position);
            a_.vmovups(ymm(allocate(i, u, position)), scalar(1.0f));
            continue;
        }
        const int ra = in_register(arg, u, kScratchA);
        if (exponent == 1.0f) {
            value = ra;
        } else if (exponent == 2.0f) {
            a_.vmulps(ymm(kScratchA), ymm(ra), VecOperand::r(ra));
        } else {  // 0.5: vmath::pow_half
            a_.vsqrtps(ymm(kScratchB), VecOperand::r(ra));
            a_.vaddps(ymm(kScratchB), ymm(kScratchB), scalar(0.0f));  // -0 -> +0
            a_.vcmpps(ymm(kScratchA), ymm(ra), scalar(-vmath::INFINITY_F), imm(Cmp::Eq));
            a_.vblendvps(ymm(kScratchB), ymm(kScratchB), scalar(vmath::INFINITY_F), ymm(kScratchA));
            value = kScratchB;
        }
        const int mask = value == kScratchA ? kScratchB : kScratchA;
        a_.vcmpps(ymm(mask), ymm(value), VecOperand::r(value), imm(Cmp::Unord));
        regs_.release_dying(i, u, position);
        const int d = allocate(i, u, position);
        a_.vblendvps(ymm(d), ymm(value), scalar(vmath::NAN_F), ymm(mask));
    }
}

void FloatGenerator::emit_pow(NodeId i, int position) {
    const NodeId base = e_.node(i).args[0], exponent = e_.node(i).args[1];
    const Node& en = e_.node(exponent);
    const bool constant = en.op == Op::Constant;
    const float c = en.value;
    if (constant && (c == 0.0f || c == 1.0f || c == 2.0f || c == 0.5f)) {
        emit_pow_special(i, c, position);
        return;
    }
    // What a constant exponent decides (vmath::pow: b_int, odd).
    const bool c_int = constant && vmath::trunc(c) == c;
    const bool c_odd = c_int && vmath::abs(c) < kQuotientLimit && (std::int32_t(c) & 1) != 0;
    const bool c_inf = constant && vmath::abs(c) == vmath::INFINITY_F;
    regs_.clear_for_inline(i, position);
    for (int r : {A, B, C, D, E, F}) regs_.hold(r);  // temporaries
    // First b log|a| of every vector into a slot, then exp and the special cases of each:
    // the vectors' logs (and then their exps) are independent neighbours in the code, so
    // the processor overlaps them, where log then exp of one vector is one long chain of
    // dependent instructions (the same operations, so the same bits).
    std::vector<int> products;
    for (int u = 0; u < unroll_; ++u) {
        a_.vmovups(ymm(A), operand(base, u));
        a_.vandps(ymm(A), ymm(A), scalar_bits(0x7fffffffu));  // |a|
        emit_log_sequence(A);
        a_.vmulps(ymm(A), ymm(A), operand(exponent, u));  // b log|a|
        products.push_back(regs_.new_slot());
        a_.vmovups(regs_.slot(products.back()), ymm(A));
    }
    for (int u = 0; u < unroll_; ++u) {
        const VecOperand a = operand(base, u), b = operand(exponent, u);
        a_.vmovups(ymm(A), VecOperand::m(regs_.slot(products[std::size_t(u)])));
        emit_exp_sequence(A);  // r
        // Odd integer exponents: r's sign flipped where a's sign bit is set.
        if (!constant) {
            a_.vroundps(ymm(B), b, imm(Rounding::TowardZero));
            a_.vcmpps(ymm(B), ymm(B), b, imm(Cmp::Eq));  // b_int (kept in B)
            a_.vcvttps2dq(ymm(C), b);  // |b| >= 2^24 gives an even number (or 2^31): bit 0 clear
            a_.vpslld(ymm(C), ymm(C), 31);
            a_.vandps(ymm(C), ymm(C), VecOperand::r(B));
            a_.vandps(ymm(C), ymm(C), a);
            a_.vxorps(ymm(A), ymm(A), VecOperand::r(C));
        } else if (c_odd) {
            a_.vmovups(ymm(C), a);
            a_.vandps(ymm(C), ymm(C), scalar_bits(0x80000000u));
            a_.vxorps(ymm(A), ymm(A), VecOperand::r(C));
        }
        a_.vmovups(ymm(D), a);  // a, kept in D
        // Finite a < 0 and b not an integer: NaN.
        if (!c_int) {
            a_.vcmpps(ymm(E), ymm(D), scalar(0.0f), imm(Cmp::Lt));
            a_.vcmpps(ymm(F), ymm(D), scalar(-vmath::INFINITY_F), imm(Cmp::NeqUnord));
            a_.vandps(ymm(E), ymm(E), VecOperand::r(F));
            if (!constant) a_.vandnps(ymm(E), ymm(B), VecOperand::r(E));
            a_.vblendvps(ymm(A), ymm(A), scalar(vmath::NAN_F), ymm(E));
        }
        // 1 for b = 0, a = 1, and |a| = 1 with b = ±inf.
        a_.vcmpps(ymm(E), ymm(D), scalar(1.0f), imm(Cmp::Eq));
        if (!constant || c_inf) {
            a_.vandps(ymm(F), ymm(D), scalar_bits(0x7fffffffu));
            a_.vcmpps(ymm(F), ymm(F), scalar(1.0f), imm(Cmp::Eq));  // |a| = 1
            if (!constant) {
                a_.vmovups(ymm(C), b);
                a_.vandps(ymm(C), ymm(C), scalar_bits(0x7fffffffu));
                a_.vcmpps(ymm(C), ymm(C), scalar(vmath::INFINITY_F), imm(Cmp::Eq));  // |b| = inf
                a_.vandps(ymm(F), ymm(F), VecOperand::r(C));
            }
            a_.vorps(ymm(E), ymm(E), VecOperand::r(F));
        }
        if (!constant) {
            a_.vmovups(ymm(C), b);
            a_.vcmpps(ymm(F), ymm(C), scalar(0.0f), imm(Cmp::Eq));
            a_.vorps(ymm(E), ymm(E), VecOperand::r(F));
        }
        a_.vblendvps(ymm(A), ymm(A), scalar(1.0f), ymm(E));
        // The exponents 2, 1 and 0.5 (vmath::pow's order; they exclude each other).
        if (!constant) {
            a_.vcmpps(ymm(E), ymm(C), scalar(2.0f), imm(Cmp::Eq));
            a_.vmulps(ymm(F), ymm(D), VecOperand::r(D));
            a_.vblendvps(ymm(A), ymm(A), VecOperand::r(F), ymm(E));
            a_.vcmpps(ymm(E), ymm(C), scalar(1.0f), imm(Cmp::Eq));
            a_.vblendvps(ymm(A), ymm(A), VecOperand::r(D), ymm(E));
            a_.vcmpps(ymm(E), ymm(C), scalar(0.5f), imm(Cmp::Eq));
            a_.vsqrtps(ymm(F), VecOperand::r(D));
            a_.vaddps(ymm(F), ymm(F), scalar(0.0f));
            a_.vcmpps(ymm(C), ymm(D), scalar(-vmath::INFINITY_F), imm(Cmp::Eq));
            a_.vblendvps(ymm(F), ymm(F), scalar(vmath::INFINITY_F), ymm(C));
            a_.vblendvps(ymm(A), ymm(A), VecOperand::r(F), ymm(E));
        }
        a_.vcmpps(ymm(E), ymm(A), VecOperand::r(A), imm(Cmp::Unord));
        a_.vblendvps(ymm(allocate(i, u, position)), ymm(A), scalar(vmath::NAN_F), ymm(E));
    }
    for (int r : {A, B, C, D, E, F}) regs_.give_back(r);
}

// a % b: vmath::fmod_lanes per vector into a slot of its own, and the lanes it does not
// compute exactly (vmath::fmod_needs_library) collected in F; if any, the cold path.
void FloatGenerator::emit_mod(NodeId i, int position) {
    const NodeId dividend = e_.node(i).args[0], divisor = e_.node(i).args[1];
    regs_.clear_for_inline(i, position);
    const int R = kScratchA, T = kScratchB;
    for (int r : {A, B, C, D, E, F}) regs_.hold(r);  // temporaries
    a_.vpxor(ymm(F), ymm(F), VecOperand::r(F));
    std::vector<int> slots;
    for (int u = 0; u < unroll_; ++u) {
        a_.vmovups(ymm(A), operand(dividend, u));
        a_.vandps(ymm(B), ymm(A), scalar_bits(0x7fffffffu));  // |a|
        a_.vmovups(ymm(C), operand(divisor, u));
        a_.vandps(ymm(C), ymm(C), scalar_bits(0x7fffffffu));  // |b|
        a_.vdivps(ymm(D), ymm(B), VecOperand::r(C));
        a_.vcmpps(ymm(E), ymm(D), scalar(kQuotientLimit), imm(Cmp::Ge));
        a_.vcmpps(ymm(T), ymm(B), scalar(vmath::INFINITY_F), imm(Cmp::Lt));
        a_.vandps(ymm(E), ymm(E), VecOperand::r(T));
        a_.vcmpps(ymm(T), ymm(C), scalar(0.0f), imm(Cmp::NeqUnord));
        a_.vandps(ymm(E), ymm(E), VecOperand::r(T));
        a_.vorps(ymm(F), ymm(F), VecOperand::r(E));  // lanes for the library
        a_.vroundps(ymm(D), VecOperand::r(D), imm(Rounding::TowardZero));  // q
        a_.vmovaps(ymm(R), ymm(B));
        a_.vfnmadd231ps(ymm(R), ymm(D), VecOperand::r(C));  // r = fma(-q, |b|, |a|), exact
        a_.vcmpps(ymm(E), ymm(R), scalar(0.0f), imm(Cmp::Lt));
        a_.vaddps(ymm(T), ymm(R), VecOperand::r(C));
        a_.vblendvps(ymm(R), ymm(R), VecOperand::r(T), ymm(E));  // r < 0: r + |b|
        a_.vcmpps(ymm(E), ymm(B), VecOperand::r(C), imm(Cmp::Lt));
        a_.vblendvps(ymm(R), ymm(R), VecOperand::r(B), ymm(E));  // |a| < |b|: |a|
        a_.vandps(ymm(E), ymm(A), scalar_bits(0x80000000u));
        a_.vorps(ymm(R), ymm(R), VecOperand::r(E));  // the sign of a
        a_.vcmpps(ymm(E), ymm(R), VecOperand::r(R), imm(Cmp::Unord));
        a_.vblendvps(ymm(R), ymm(R), scalar(vmath::NAN_F), ymm(E));
        FloatRegisters::Value& v = regs_.value(i, u);
        v.slot = regs_.new_slot();
        v.slot_valid = true;
        a_.vmovups(regs_.slot(v.slot), ymm(R));
        slots.push_back(v.slot);
    }
    a_.vptest(ymm(F), ymm(F));
    Xbyak::Label& cold = labels_.emplace_back();
    Xbyak::Label& back = labels_.emplace_back();
    a_.jnz(cold, Xbyak::CodeGenerator::T_NEAR);
    a_.L(back);
    for (int r : {A, B, C, D, E, F}) regs_.give_back(r);
    // Out of the loop: the interpreter's kernel on every vector of this iteration (it
    // computes the same bits for the other lanes).  Nothing lives in a vector register
    // here; the rows, the column and the output stay in callee-saved registers.
    std::vector<VecOperand> as, bs;
    for (int u = 0; u < unroll_; ++u) as.push_back(operand(dividend, u)), bs.push_back(operand(divisor, u));
    cold_paths_.push_back([this, &cold, &back, as, bs, slots] {
        a_.L(cold);
        for (int u = 0; u < unroll_; ++u) {
            a_.vmovups(ymm(kScratchA), as[std::size_t(u)]);
            a_.vmovups(mem(rsp, kCallArea + 32 * u), ymm(kScratchA));
            a_.vmovups(ymm(kScratchA), bs[std::size_t(u)]);
            a_.vmovups(mem(rsp, kCallSecond + 32 * u), ymm(kScratchA));
        }
        a_.lea(rdi, mem(rsp, kCallArea));
        a_.lea(rsi, mem(rsp, kCallSecond));
        a_.lea(rdx, mem(rsp, kCallArea));
        a_.mov(rcx, std::uint64_t(8 * unroll_));
        a_.mov(rax, reinterpret_cast<std::uintptr_t>(math_kernels_avx2().fmod));
        a_.call(rax);
        for (int u = 0; u < unroll_; ++u) {
            a_.vmovups(ymm(kScratchA), mem(rsp, kCallArea + 32 * u));
            a_.vmovups(regs_.slot(slots[std::size_t(u)]), ymm(kScratchA));
        }
        a_.jmp(back, Xbyak::CodeGenerator::T_NEAR);
    });
}

}  // namespace rigor::pixel::expr::jit
