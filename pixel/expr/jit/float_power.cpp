// pow and % inline in a binary32 kernel: vmath::pow and vmath::fmod_lanes
// (vector_math.hpp) operation for operation, so the bits equal the interpreter's (which
// evaluates the same formulas through math_kernels.hpp).
//
// pow with a constant exponent drops what that exponent decides at compile time: 0, 1,
// 2 and 0.5 are 1, a, a * a and sqrt (the general formula selects exactly these for
// those exponents); any other computes vmath::ConstantExponent's plain lanes (zero bases
// from a table of two, positive normal bases with |c log a| < 86 by the log and exp
// alone, the sign of an odd c) and, like pow with a varying exponent (whose zero bases and
// exponents 0.5, 1, 2 a warm path corrects inline), leaves iterations holding any other
// lane to the interpreter's kernel (emit_pow_constant, emit_pow_variable).  % computes every lane that has a quotient below 2^24 inline; when a vector has
// a lane beyond (rare: |a/b| >= 2^24), a branch out of the loop calls the interpreter's
// fmod kernel for those vectors, which computes such lanes with the C library.
#include <bit>

#include "filters/base/error.hpp"
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
    for (float c : {0.0f, 1.0f, 2.0f, 0.5f, vmath::INFINITY_F, -vmath::INFINITY_F, vmath::NAN_F, kQuotientLimit, 86.0f,
                    std::bit_cast<float>(0xfe7fffffu), std::bit_cast<float>(0x3f000000u)})
        regs_.add_scalar(pool, c);
    for (const Node& n : e_.nodes())  // pow's results at ±0 for its constant exponents
        if (n.op == Op::Pow && e_.node(n.args[1]).op == Op::Constant) {
            const vmath::ConstantExponent k = vmath::constant_exponent(e_.node(n.args[1]).value);
            regs_.add_scalar(pool, k.at_zero);
            regs_.add_scalar(pool, k.at_minus_zero);
        }
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
    const Node& en = e_.node(e_.node(i).args[1]);
    if (en.op != Op::Constant) {
        emit_pow_variable(i, position);
        return;
    }
    const float c = en.value;
    if (vmath::pow_exponent_is_exact(c)) {
        emit_pow_special(i, c, position);
        return;
    }
    emit_pow_constant(i, position);
}

// pow(a, c), c a constant other than 0, 1, 2, 0.5: vmath::ConstantExponent's plain lanes
// (zero bases, and m = |a| or a a positive normal with |c log m| < 86) with log_of_normal
// and exp_unclamped, the sign for an odd c and pow's result at ±0; when any lane of the
// iteration's vectors is another one, a branch out of the loop calls the interpreter's
// pow kernel for all of them (the same bits).  The logs of all vectors come first, then
// the exps: independent neighbours the processor overlaps.
void FloatGenerator::emit_pow_constant(NodeId i, int position) {
    const NodeId base = e_.node(i).args[0], exponent = e_.node(i).args[1];
    const vmath::ConstantExponent k = vmath::constant_exponent(e_.node(exponent).value);
    regs_.clear_for_inline(i, position);
    constexpr int S = 7;  // the lanes for the interpreter's kernel, of every vector
    for (int r : {S, A, B, C, D, E, F}) regs_.hold(r);
    std::vector<int> products;  // t of vector u in register u (free: clear_for_inline)
    for (int u = 0; u < unroll_; ++u) products.push_back(u), regs_.hold(u);
    a_.vpxor(ymm(S), ymm(S), VecOperand::r(S));
    for (int u = 0; u < unroll_; ++u) {
        const int T = products[std::size_t(u)];
        a_.vmovups(ymm(A), operand(base, u));
        if (k.magnitude != 0xffffffffu) a_.vandps(ymm(A), ymm(A), scalar_bits(k.magnitude));  // m = |a|
        a_.vcmpps(ymm(E), ymm(A), scalar(0.0f), imm(Cmp::Eq));
        a_.vblendvps(ymm(A), ymm(A), scalar(1.0f), ymm(E));  // pow_constant_log_input
        emit_log_not_plain(A, S);
        emit_log_of_normal(A, false, T);
        a_.vmulps(ymm(T), ymm(T), operand(exponent, u));  // t = c log m
    }
    std::vector<int> slots;
    for (int u = 0; u < unroll_; ++u) {
        const int T = products[std::size_t(u)];
        emit_exp_not_plain(T, S);
        emit_exp_unclamped(T, D);
        a_.vmovups(ymm(A), operand(base, u));
        if (k.odd) {  // the sign of a where c is odd
            a_.vandps(ymm(C), ymm(A), scalar_bits(0x80000000u));
            a_.vxorps(ymm(D), ymm(D), VecOperand::r(C));
        }
        a_.vcmpps(ymm(E), ymm(A), scalar(0.0f), imm(Cmp::Eq));  // a = ±0
        if (std::bit_cast<std::uint32_t>(k.at_zero) == std::bit_cast<std::uint32_t>(k.at_minus_zero)) {
            a_.vblendvps(ymm(D), ymm(D), scalar(k.at_zero), ymm(E));
        } else {
            a_.vmovups(ymm(C), scalar(k.at_zero));
            a_.vblendvps(ymm(C), ymm(C), scalar(k.at_minus_zero), ymm(A));  // by a's sign bit
            a_.vblendvps(ymm(D), ymm(D), VecOperand::r(C), ymm(E));
        }
        slots.push_back(result_to_slot(i, u, D));
    }
    call_kernel_where(S, math_kernels_avx2().pow, base, exponent, slots);
    for (int r : {S, A, B, C, D, E, F}) regs_.give_back(r);
    for (int r : products) regs_.give_back(r);
}

// pow(a, b) with b varying from pixel to pixel.  On the lanes where
//   a is a positive normal finite number (2^-126 <= a < inf) or +0 (the bits 0),
//   t = b log a' is a number with |t| < 86 (a' = a, or 1 for a = +0: t = ±0 there),
// vmath::pow is exp(t), the value its selects for b = 2, 1, 0.5 choose (a * a, a,
// sqrt(a) + 0 = sqrt(a) for a >= +0), and at a = +0 with b != 0 (finite: t = b 0 is
// plain) exp(b log 0) = exp(∓inf): +0 for b > 0, +inf for b < 0, exactly what pow's
// selects then keep (a * a, a, sqrt(a) are +0 too); b = ±0 and a = 1 give exp(±0) = 1
// exactly, as pow's select would.  Every other special case of vmath::pow and of its
// log and exp (subnormal or negative or -0 bases, exp's clamps, infinities, NaN) does not
// arise.  So the plain log and exp sequences give exp(t) for every such lane, and when a
// lane of the iteration is +0 or has b in {0.5, 1, 2, 4} (one bit test covers the four;
// 4 needs nothing), a branch out of the loop applies those selects to every vector (the
// warm path: a few instructions per vector, no call).  When any lane is another one (a
// negative base, a NaN, an overflow ...), a branch out of the loop calls the
// interpreter's pow kernel for all of them: the same formula, the same bits.  The
// general sequence costs about twice the instructions of the plain log and exp.
void FloatGenerator::emit_pow_variable(NodeId i, int position) {
    const NodeId base = e_.node(i).args[0], exponent = e_.node(i).args[1];
    regs_.clear_for_inline(i, position);
    constexpr int S = 7;  // the lanes for the interpreter's kernel, of every vector
    constexpr int W = 6;  // the lanes the warm path corrects (+0 bases, b in {0.5, 1, 2, 4})
    for (int r : {S, W, A, B, C, D, E, F}) regs_.hold(r);
    std::vector<int> products;  // t of vector u in register u (free: clear_for_inline)
    for (int u = 0; u < unroll_; ++u) products.push_back(u), regs_.hold(u);
    a_.vpxor(ymm(S), ymm(S), VecOperand::r(S));
    a_.vpxor(ymm(W), ymm(W), VecOperand::r(W));
    for (int u = 0; u < unroll_; ++u) {
        const int T = products[std::size_t(u)];
        a_.vmovups(ymm(A), operand(base, u));
        a_.vpcmpeqd(ymm(E), ymm(A), scalar_bits(0u));  // a = +0 (not -0)
        a_.vorps(ymm(W), ymm(W), VecOperand::r(E));
        a_.vblendvps(ymm(A), ymm(A), scalar(1.0f), ymm(E));  // +0 enters the log as 1
        emit_log_not_plain(A, S);
        // b in {0.5, 1, 2, 4}: its bits minus 0.5's are 0, 1, 2 or 3 times 2^23.
        a_.vmovups(ymm(C), operand(exponent, u));
        a_.vpsubd(ymm(C), ymm(C), scalar_bits(0x3f000000u));
        a_.vpand(ymm(C), ymm(C), scalar_bits(0xfe7fffffu));
        a_.vpcmpeqd(ymm(C), ymm(C), scalar(0.0f));
        a_.vorps(ymm(W), ymm(W), VecOperand::r(C));
        emit_log_of_normal(A, false, C);  // vmath::log of a normal positive a
        a_.vmulps(ymm(T), ymm(C), operand(exponent, u));     // t = b log a
    }
    for (int u = 0; u < unroll_; ++u) {
        const int T = products[std::size_t(u)];
        emit_exp_not_plain(T, S);
        emit_exp_unclamped(T, T);  // vmath::exp of t within its clamps, in t's register
    }
    // The results stay in registers 0 .. unroll - 1, corrected there by both paths.
    emit_pow_warm_path(W, base, exponent, products);
    call_kernel_where(S, math_kernels_avx2().pow, base, exponent, products, true);
    for (int r : {S, W, A, B, C, D, E, F}) regs_.give_back(r);
    for (int r : products) regs_.give_back(r);
    // Every register is free: each vector's register is the lowest free one, its own.
    for (int u = 0; u < unroll_; ++u) {
        const int d = allocate(i, u, position);
        if (d != products[std::size_t(u)]) throw InternalError("Expr JIT: pow's result left its register");
    }
}

// When a lane of `lanes` is set: a branch out of the loop to code that applies, to every
// vector's result in `slots`, vmath::pow's values at a = +0 and b = 2, 1, 0.5 (where
// those lanes are plain: emit_pow_variable), and back.  Registers A..F are free there.
void FloatGenerator::emit_pow_warm_path(int lanes, NodeId base, NodeId exponent, const std::vector<int>& results) {
    branch_out_where(lanes, base, exponent, [this, results](const std::vector<VecOperand>& as,
                                                            const std::vector<VecOperand>& bs) {
        // +0 bases, and the lanes of b in {0.5, 1, 2, 4} collected in C.
        a_.vpxor(ymm(C), ymm(C), VecOperand::r(C));
        for (int u = 0; u < unroll_; ++u) {
            const int R = results[std::size_t(u)];  // the result, corrected in place
            a_.vmovups(ymm(B), bs[std::size_t(u)]);
            a_.vpsubd(ymm(D), ymm(B), scalar_bits(0x3f000000u));  // as emit_pow_variable
            a_.vpand(ymm(D), ymm(D), scalar_bits(0xfe7fffffu));
            a_.vpcmpeqd(ymm(D), ymm(D), scalar(0.0f));
            a_.vorps(ymm(C), ymm(C), VecOperand::r(D));
            a_.vmovups(ymm(A), as[std::size_t(u)]);
            a_.vpcmpeqd(ymm(E), ymm(A), scalar_bits(0u));  // a = +0
            a_.vcmpps(ymm(F), ymm(B), scalar(0.0f), imm(Cmp::Lt));
            a_.vandps(ymm(F), ymm(F), VecOperand::r(E));
            a_.vblendvps(ymm(R), ymm(R), scalar(vmath::INFINITY_F), ymm(F));  // +0 ^ (b < 0) = +inf
            a_.vcmpps(ymm(F), ymm(B), scalar(0.0f), imm(Cmp::Gt));
            a_.vandps(ymm(F), ymm(F), VecOperand::r(E));
            a_.vandnps(ymm(R), ymm(F), VecOperand::r(R));  // +0 ^ (b > 0) = +0
        }
        // b = 2, 1, 0.5: a a, a, sqrt(a), only when some lane has such a b.
        Xbyak::Label& done = labels_.emplace_back();
        a_.vptest(ymm(C), ymm(C));
        a_.jz(done, Xbyak::CodeGenerator::T_NEAR);
        for (int u = 0; u < unroll_; ++u) {
            const int R = results[std::size_t(u)];
            a_.vmovups(ymm(A), as[std::size_t(u)]);
            a_.vmovups(ymm(B), bs[std::size_t(u)]);
            a_.vcmpps(ymm(E), ymm(B), scalar(2.0f), imm(Cmp::Eq));
            a_.vmulps(ymm(F), ymm(A), VecOperand::r(A));
            a_.vblendvps(ymm(R), ymm(R), VecOperand::r(F), ymm(E));
            a_.vcmpps(ymm(E), ymm(B), scalar(1.0f), imm(Cmp::Eq));
            a_.vblendvps(ymm(R), ymm(R), VecOperand::r(A), ymm(E));
            a_.vcmpps(ymm(E), ymm(B), scalar(0.5f), imm(Cmp::Eq));
            a_.vsqrtps(ymm(F), VecOperand::r(A));
            a_.vblendvps(ymm(R), ymm(R), VecOperand::r(F), ymm(E));
        }
        a_.L(done);
    });
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
        slots.push_back(result_to_slot(i, u, R));
    }
    // The interpreter's kernel computes the same bits for the other lanes.
    call_kernel_where(F, math_kernels_avx2().fmod, dividend, divisor, slots);
    for (int r : {A, B, C, D, E, F}) regs_.give_back(r);
}

int FloatGenerator::result_to_slot(NodeId i, int u, int reg) {
    FloatRegisters::Value& v = regs_.value(i, u);
    v.slot = regs_.new_slot();
    v.slot_valid = true;
    a_.vmovups(regs_.slot(v.slot), ymm(reg));
    return v.slot;
}

// When a lane of `lanes` is set: a branch out of the loop to code that runs the
// interpreter's kernel `f` on every vector of the iteration (operands: nodes a and b)
// into `results` (slots, or registers when `registers`), and back.  No other value lives
// in a vector register there (the inline operation cleared them); the rows, the column
// and the output stay in callee-saved registers.
void FloatGenerator::call_kernel_where(int lanes, MathKernels::Binary f, NodeId a, NodeId b,
                                       const std::vector<int>& results, bool registers) {
    branch_out_where(lanes, a, b, [this, f, results, registers](const std::vector<VecOperand>& as,
                                                                const std::vector<VecOperand>& bs) {
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
        a_.mov(rax, reinterpret_cast<std::uintptr_t>(f));
        a_.call(rax);
        for (int u = 0; u < unroll_; ++u) {
            const int r = results[std::size_t(u)];
            if (registers) {
                a_.vmovups(ymm(r), mem(rsp, kCallArea + 32 * u));
                continue;
            }
            a_.vmovups(ymm(kScratchA), mem(rsp, kCallArea + 32 * u));
            a_.vmovups(regs_.slot(r), ymm(kScratchA));
        }
    });
}

// When a lane of `lanes` is set: a branch out of the loop to `body` (emitted after the
// loop, given the operands of nodes a and b of every vector), then back.
void FloatGenerator::branch_out_where(
    int lanes, NodeId a, NodeId b,
    std::function<void(const std::vector<VecOperand>&, const std::vector<VecOperand>&)> body) {
    a_.vptest(ymm(lanes), ymm(lanes));
    Xbyak::Label& out = labels_.emplace_back();
    Xbyak::Label& back = labels_.emplace_back();
    a_.jnz(out, Xbyak::CodeGenerator::T_NEAR);
    a_.L(back);
    std::vector<VecOperand> as, bs;
    for (int u = 0; u < unroll_; ++u) as.push_back(operand(a, u)), bs.push_back(operand(b, u));
    cold_paths_.push_back([this, &out, &back, body = std::move(body), as, bs] {
        a_.L(out);
        body(as, bs);
        a_.jmp(back, Xbyak::CodeGenerator::T_NEAR);
    });
}

}  // namespace rigor::pixel::expr::jit
