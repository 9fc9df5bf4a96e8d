// sin, cos, exp and log inline in a binary32 kernel: vmath's formulas (vector_math.hpp)
// operation for operation, so the bits equal the interpreter's (which evaluates the same
// formulas through math_kernels.hpp); exp and log by their plain sequences, with the
// whole ones on a cold path for iterations that need them.  Each takes every value register: live values go
// to their slots first, six registers (8..13) are temporaries and the results take the
// lowest free ones.
#include "pixel/expr/jit/float_generator.hpp"
#include "pixel/expr/vector_math.hpp"

namespace rigor::pixel::expr::jit {

// sin and/or cos (nodes sin_node, cos_node; e_.size() for none) of the argument of
// `first`: vmath::sincos_parts and sincos_result, one range reduction for both, so up to
// four vectors of both results stay in registers.  Per vector: 14 floating-point
// operations (the reduction's multiply, add, subtract and 2 FMAs, r^2, 4 for sin, 4 for
// cos) and 8 integer/blend ones for the quadrants, which save instructions where the bits
// allow: cos's sign from sin's (q + 1's bit 1 is q's bit 1 xor bit 0), not from q + 1.
// (Before the two-part reduction: 19 and 27.  bench_expr's `x sin x cos * 100 *` under
// callgrind went from 4.70 to 3.95 instructions per pixel.)
void FloatGenerator::emit_sincos(NodeId first, NodeId sin_node, NodeId cos_node, int position) {
    const NodeId none = NodeId(e_.size());
    const NodeId arg = e_.node(first).args[0];
    regs_.clear_for_inline(first, position);
    namespace sc = vmath::sincos_constant;
    constexpr int A = 8, B = 9, C = 10, D = 11, E = 12, F = 13;
    for (int r : {A, B, C, D, E, F}) regs_.hold(r);  // temporaries
    for (int u = 0; u < unroll_; ++u) {
        a_.vmovups(ymm(A), operand(arg, u));                // x
        a_.vmulps(ymm(B), ymm(A), scalar(sc::kTwoOverPi));  // t
        a_.vaddps(ymm(D), ymm(B), scalar(sc::kRound));      // shifted; q = its bits
        a_.vsubps(ymm(E), ymm(D), scalar(sc::kRound));      // k
        a_.vfmadd231ps(ymm(A), ymm(E), scalar(sc::kPi2Hi));  // r = fma(k, c, r)
        a_.vfmadd231ps(ymm(A), ymm(E), scalar(sc::kPi2Lo));
        a_.vmulps(ymm(B), ymm(A), VecOperand::r(A));  // r2
        a_.vmovups(ymm(C), scalar(sc::kSin3));
        a_.vfmadd213ps(ymm(C), ymm(B), scalar(sc::kSin2));
        a_.vfmadd213ps(ymm(C), ymm(B), scalar(sc::kSin1));
        a_.vmulps(ymm(E), ymm(B), VecOperand::r(A));       // r2 r
        a_.vfmadd213ps(ymm(C), ymm(E), VecOperand::r(A));  // s
        a_.vmovups(ymm(E), scalar(sc::kCos3));
        a_.vfmadd213ps(ymm(E), ymm(B), scalar(sc::kCos2));
        a_.vfmadd213ps(ymm(E), ymm(B), scalar(sc::kCos1));
        a_.vfmadd213ps(ymm(E), ymm(B), scalar(-0.5f));
        a_.vfmadd213ps(ymm(E), ymm(B), scalar(1.0f));  // c
        a_.vpslld(ymm(B), ymm(D), 31);                       // q & 1 as the sign bit
        a_.vpslld(ymm(F), ymm(D), 30);
        a_.vpand(ymm(F), ymm(F), scalar_bits(0x80000000u));  // (q & 2) << 30: the sign of sin
        if (sin_node != none) {
            const int d = allocate(sin_node, u, position);
            a_.vblendvps(ymm(d), ymm(C), VecOperand::r(E), ymm(B));  // q odd ? c : s
            a_.vxorps(ymm(d), ymm(d), VecOperand::r(F));
        }
        if (cos_node != none) {
            // A quarter turn on: the sign is bit 1 of q + 1, which is bit 1 of q xor bit 0
            // of q (the carry into bit 1), so F ^ B.
            a_.vxorps(ymm(F), ymm(F), VecOperand::r(B));
            const int d = allocate(cos_node, u, position);
            a_.vblendvps(ymm(d), ymm(E), VecOperand::r(C), ymm(B));  // q odd ? s : c
            a_.vxorps(ymm(d), ymm(d), VecOperand::r(F));
        }
    }
    for (int r : {A, B, C, D, E, F}) regs_.give_back(r);
}

// exp or log of node i's argument, the result in the lowest free register: every vector
// by the plain sequence (vmath::exp_unclamped, log_of_normal) while testing its lanes
// (exp_is_plain, log_is_plain); when any lane of the iteration is not plain, a branch
// out of the loop recomputes every vector with the whole sequence (vmath::exp, log) into
// the same registers, and back.  Plain lanes get the same bits either way.
void FloatGenerator::emit_exp_or_log(NodeId i, int position) {
    const NodeId arg = e_.node(i).args[0];
    const bool exp = e_.node(i).op == Op::Exp;
    regs_.clear_for_inline(i, position);  // arguments now in slots: readable again on the cold path
    constexpr int S = 7, A = 8, B = 9, C = 10, D = 11, E = 12, F = 13;  // S: lanes not plain
    for (int r : {S, A, B, C, D, E, F}) regs_.hold(r);
    a_.vpxor(ymm(S), ymm(S), VecOperand::r(S));
    std::vector<VecOperand> args;
    std::vector<int> outs;
    for (int u = 0; u < unroll_; ++u) {
        args.push_back(operand(arg, u));
        a_.vmovups(ymm(A), args.back());  // x
        outs.push_back(allocate(i, u, position));
        if (exp) {
            emit_exp_not_plain(A, S);
            emit_exp_unclamped(A, outs.back());
        } else {
            emit_log_not_plain(A, S);
            emit_log_of_normal(A, false, outs.back());
        }
    }
    a_.vptest(ymm(S), ymm(S));
    Xbyak::Label& cold = labels_.emplace_back();
    Xbyak::Label& back = labels_.emplace_back();
    a_.jnz(cold, Xbyak::CodeGenerator::T_NEAR);
    a_.L(back);
    cold_paths_.push_back([this, &cold, &back, exp, args, outs] {
        a_.L(cold);
        for (std::size_t u = 0; u < outs.size(); ++u) {
            a_.vmovups(ymm(8), args[u]);
            if (exp) emit_exp_sequence(outs[u]);
            else emit_log_sequence(outs[u]);
        }
        a_.jmp(back, Xbyak::CodeGenerator::T_NEAR);
    });
    for (int r : {S, A, B, C, D, E, F}) regs_.give_back(r);
}

// vmath::exp of ymm8 into `out` (8 and 9..13 are clobbered; out may be 8).
void FloatGenerator::emit_exp_sequence(int out) {
    constexpr int A = 8, B = 9, D = 11, E = 12;
    namespace ec = vmath::exp_constant;
    a_.vminps(ymm(B), ymm(A), scalar(ec::kHigh));  // xc
    a_.vmaxps(ymm(B), ymm(B), scalar(ec::kLow));
    emit_exp_unclamped(B, D);  // y
    a_.vcmpps(ymm(E), ymm(A), scalar(ec::kHigh), imm(Cmp::Gt));
    a_.vblendvps(ymm(D), ymm(D), scalar(vmath::INFINITY_F), ymm(E));
    a_.vcmpps(ymm(E), ymm(A), scalar(ec::kZeroBelow), imm(Cmp::Lt));
    a_.vblendvps(ymm(D), ymm(D), scalar(0.0f), ymm(E));
    a_.vcmpps(ymm(E), ymm(A), VecOperand::r(A), imm(Cmp::Unord));
    a_.vblendvps(ymm(out), ymm(D), VecOperand::r(A), ymm(E));  // NaN: x
}

// vmath::exp_unclamped of register x into `out`: x, 10, 11 and 12 are clobbered (x is
// none of 10..12; out is written last).
void FloatGenerator::emit_exp_unclamped(int x, int out) {
    constexpr int C = 10, D = 11, E = 12;
    namespace ec = vmath::exp_constant;
    a_.vmovups(ymm(C), scalar(ec::kLog2e));
    a_.vfmadd213ps(ymm(C), ymm(x), scalar(ec::kRound));  // fma(xc, log2e, round)
    a_.vsubps(ymm(C), ymm(C), scalar(ec::kRound));       // n
    a_.vfmadd231ps(ymm(x), ymm(C), scalar(ec::kLn2Hi));  // r = fma(n, c, xc)
    a_.vfmadd231ps(ymm(x), ymm(C), scalar(ec::kLn2Lo));
    a_.vmovups(ymm(D), scalar(ec::kP[0]));
    for (int k = 1; k < 6; ++k) a_.vfmadd213ps(ymm(D), ymm(x), scalar(ec::kP[k]));  // p = fma(p, r, c)
    a_.vmulps(ymm(E), ymm(x), VecOperand::r(x));       // r r
    a_.vfmadd213ps(ymm(D), ymm(E), VecOperand::r(x));  // fma(p, r r, r)
    a_.vaddps(ymm(D), ymm(D), scalar(1.0f));           // er
    a_.vcvttps2dq(ymm(C), VecOperand::r(C));
    a_.vpsubd(ymm(C), ymm(C), scalar_bits(1u));
    a_.vpslld(ymm(C), ymm(C), 23);  // (n - 1) << 23
    a_.vpaddd(ymm(D), ymm(D), VecOperand::r(C));
    a_.vmulps(ymm(out), ymm(D), scalar(2.0f));  // y
}

// vmath::log of ymm8 into `out` (8 and 9..13 are clobbered; out may be 8).
void FloatGenerator::emit_log_sequence(int out) {
    constexpr int A = 8, B = 9, C = 10;
    namespace lc = vmath::log_constant;
    a_.vcmpps(ymm(B), ymm(A), scalar(lc::kSmallestNormal), imm(Cmp::Lt));  // subnormal (or <= 0)
    a_.vmulps(ymm(C), ymm(A), scalar(lc::kLift));
    a_.vblendvps(ymm(C), ymm(A), VecOperand::r(C), ymm(B));  // xs
    emit_log_of_normal(C, true, C);
    a_.vcmpps(ymm(B), ymm(A), scalar(vmath::INFINITY_F), imm(Cmp::Eq));
    a_.vblendvps(ymm(C), ymm(C), scalar(vmath::INFINITY_F), ymm(B));
    a_.vcmpps(ymm(B), ymm(A), scalar(0.0f), imm(Cmp::Eq));
    a_.vblendvps(ymm(C), ymm(C), scalar(-vmath::INFINITY_F), ymm(B));
    a_.vcmpps(ymm(B), ymm(A), scalar(0.0f), imm(Cmp::Lt));
    a_.vblendvps(ymm(C), ymm(C), scalar(vmath::NAN_F), ymm(B));
    a_.vcmpps(ymm(B), ymm(A), VecOperand::r(A), imm(Cmp::Unord));
    a_.vblendvps(ymm(out), ymm(C), VecOperand::r(A), ymm(B));  // NaN: x
}

// vmath::log_of_normal of register xs into `out`; lifted: the lift is 23 where ymm9 is
// set (the subnormal mask), else 0 (x - 0 is x: no instruction).  9, 11, 12, 13 and out
// are clobbered; xs is read before out is first written (xs may be out, or 8 or 10).
void FloatGenerator::emit_log_of_normal(int xs, bool lifted, int out) {
    constexpr int B = 9, D = 11, E = 12, F = 13;
    namespace lc = vmath::log_constant;
    a_.vpsrld(ymm(D), ymm(xs), 23);
    a_.vpsubd(ymm(D), ymm(D), scalar_bits(126u));  // e
    a_.vcvtdq2ps(ymm(D), VecOperand::r(D));
    if (lifted) {
        a_.vandps(ymm(B), ymm(B), scalar(23.0f));
        a_.vsubps(ymm(D), ymm(D), VecOperand::r(B));  // - select(subnormal, 23, 0)
    }
    a_.vpand(ymm(E), ymm(xs), scalar_bits(0x007fffffu));
    a_.vpor(ymm(E), ymm(E), scalar_bits(0x3f000000u));               // m
    a_.vcmpps(ymm(F), ymm(E), scalar(lc::kSqrtHalf), imm(Cmp::Lt));  // small
    a_.vandps(ymm(B), ymm(F), scalar(1.0f));
    a_.vsubps(ymm(D), ymm(D), VecOperand::r(B));  // ef
    a_.vandps(ymm(B), ymm(F), VecOperand::r(E));
    a_.vaddps(ymm(E), ymm(E), VecOperand::r(B));
    a_.vsubps(ymm(E), ymm(E), scalar(1.0f));      // z
    a_.vmulps(ymm(F), ymm(E), VecOperand::r(E));  // z2
    a_.vmovups(ymm(B), scalar(lc::kP[0]));
    for (int k = 1; k < 9; ++k) a_.vfmadd213ps(ymm(B), ymm(E), scalar(lc::kP[k]));  // p = fma(p, z, c)
    a_.vmulps(ymm(out), ymm(E), VecOperand::r(F));
    a_.vmulps(ymm(out), ymm(out), VecOperand::r(B));       // y = z z2 p
    a_.vfmadd231ps(ymm(out), ymm(D), scalar(lc::kLn2Lo));  // fma(ef, c, y)
    a_.vfmadd231ps(ymm(out), ymm(F), scalar(-0.5f));       // fma(-0.5, z2, y)
    a_.vaddps(ymm(out), ymm(E), VecOperand::r(out));       // r = z + y
    a_.vfmadd231ps(ymm(out), ymm(D), scalar(lc::kLn2Hi));  // fma(ef, c, r)
}

// Sets in `lanes` the lanes of register x that vmath::log_is_plain rejects (12 and 13
// are clobbered).
void FloatGenerator::emit_log_not_plain(int x, int lanes) {
    constexpr int E = 12, F = 13;
    a_.vcmpps(ymm(E), ymm(x), scalar(vmath::log_constant::kSmallestNormal), imm(Cmp::Lt));  // <= 0, subnormal
    a_.vcmpps(ymm(F), ymm(x), scalar(vmath::INFINITY_F), imm(Cmp::NotLt));                  // +inf, NaN
    a_.vorps(ymm(lanes), ymm(lanes), VecOperand::r(E));
    a_.vorps(ymm(lanes), ymm(lanes), VecOperand::r(F));
}

// Sets in `lanes` the lanes of register x that vmath::exp_is_plain rejects (12 is
// clobbered).
void FloatGenerator::emit_exp_not_plain(int x, int lanes) {
    constexpr int E = 12;
    a_.vandps(ymm(E), ymm(x), scalar_bits(0x7fffffffu));
    a_.vcmpps(ymm(E), ymm(E), scalar(86.0f), imm(Cmp::NotLt));  // |x| >= 86, NaN
    a_.vorps(ymm(lanes), ymm(lanes), VecOperand::r(E));
}

}  // namespace rigor::pixel::expr::jit
