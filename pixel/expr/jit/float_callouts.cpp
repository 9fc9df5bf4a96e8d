// Calls from a binary32 kernel into the interpreter's array kernels (math_kernels.hpp)
// for the operations not written out inline (the bit operations; tan, asin, acos, atan
// and atan2, vector_math_trig.hpp, whose inline forms would be long): the same
// code computes them for both, so the bits agree.  The operands of all unrolled vectors
// go to the frame's call area, one call computes them all.
#include "filters/base/error.hpp"
#include "pixel/expr/jit/float_generator.hpp"
#include "pixel/expr/math_kernels.hpp"

namespace rigor::pixel::expr::jit {

using rigor::expr::Op;
using namespace Xbyak::util;  // register names

namespace {

// A call-out: one of the kernels of math_kernels.hpp (the operations not written out
// inline) and its arity.
struct Callout {
    enum Kind { Unary, Binary } kind;
    const void* function;
};

Callout callout_of(Op op) {
    const MathKernels& k = math_kernels_avx2();
    switch (op) {
        case Op::BitNot: return {Callout::Unary, reinterpret_cast<const void*>(k.bitnot)};
        case Op::BitAnd: return {Callout::Binary, reinterpret_cast<const void*>(k.bitand_)};
        case Op::BitOr: return {Callout::Binary, reinterpret_cast<const void*>(k.bitor_)};
        case Op::BitXor: return {Callout::Binary, reinterpret_cast<const void*>(k.bitxor_)};
        case Op::Tan: return {Callout::Unary, reinterpret_cast<const void*>(k.tan)};
        case Op::Asin: return {Callout::Unary, reinterpret_cast<const void*>(k.asin)};
        case Op::Acos: return {Callout::Unary, reinterpret_cast<const void*>(k.acos)};
        case Op::Atan: return {Callout::Unary, reinterpret_cast<const void*>(k.atan)};
        case Op::Atan2: return {Callout::Binary, reinterpret_cast<const void*>(k.atan2)};
        default: throw InternalError("Expr JIT: no call-out for this operation");
    }
}

}  // namespace

void FloatGenerator::emit_callout(NodeId i, int position) {
    const Callout fn = callout_of(e_.node(i).op);
    const Node& n = e_.node(i);
    for (std::size_t k = 0; k < n.args.size(); ++k)
        for (int u = 0; u < unroll_; ++u) {
            const int r = in_register(n.args[k], u, kScratchA);
            a_.vmovups(mem(rsp, (k == 0 ? kCallArea : kCallSecond) + 32 * u), ymm(r));
        }
    for (int u = 0; u < unroll_; ++u) regs_.release_dying(i, u, position);
    regs_.spill_all();  // every ymm register is caller-saved
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

}  // namespace rigor::pixel::expr::jit
