// Element-wise operations of a binary32 kernel, each the one IEEE instruction (or short
// sequence) the interpreter's loop vectorises to: arithmetic, MINPS/MAXPS (which are
// exactly a < b ? a : b and a > b ? a : b, NaN included), comparisons and logic as 0/1,
// rounding by VROUNDPS, and Select as a blend on a mask, fused with its comparison when
// that is the comparison's only use.
#include "filters/base/error.hpp"
#include "pixel/expr/jit/float_generator.hpp"

namespace rigor::pixel::expr::jit {

std::optional<Cmp> FloatGenerator::predicate(Op op) {
    switch (op) {
        case Op::Gt: return Cmp::Gt;
        case Op::Lt: return Cmp::Lt;
        case Op::Eq: return Cmp::Eq;
        case Op::Ge: return Cmp::Ge;
        case Op::Le: return Cmp::Le;
        default: return std::nullopt;
    }
}

void FloatGenerator::emit_vector(NodeId i, int u, int position) {
    const Node& n = e_.node(i);
    const auto& args = n.args;
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
        case Op::Sign:  // the (a < 0) part first, in a scratch register; (a > 0) below
            ra = reg_of(0, A, kScratchA);
            a_.vcmpps(ymm(kScratchB), ymm(ra), scalar(0.0f), imm(Cmp::Lt));
            a_.vandps(ymm(kScratchB), ymm(kScratchB), scalar(1.0f));
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
                    if (sched_.last_use[a] == position) regs_.release(a, u);
            } else {
                ra = reg_of(0, A, kScratchA);
                a_.vcmpps(ymm(kScratchA), ymm(ra), scalar(0.0f), imm(Cmp::Gt));  // mask: condition > 0
            }
            rc = reg_of(2, C, kScratchB);
            break;
        default: break;
    }
    regs_.release_dying(i, u, position);
    const int d = allocate(i, u, position);
    switch (n.op) {
        case Op::Add: a_.vaddps(ymm(d), ymm(ra), B); break;
        case Op::Sub: a_.vsubps(ymm(d), ymm(ra), B); break;
        case Op::Mul: a_.vmulps(ymm(d), ymm(ra), B); break;
        case Op::Div: a_.vdivps(ymm(d), ymm(ra), B); break;
        case Op::Max: a_.vmaxps(ymm(d), ymm(ra), B); break;  // a > b ? a : b
        case Op::Min: a_.vminps(ymm(d), ymm(ra), B); break;  // a < b ? a : b
        case Op::Clamp:  // max(min(a, hi), lo), as the interpreter
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
        case Op::Ceil: a_.vroundps(ymm(d), A, imm(Rounding::Up)); break;
        case Op::Sign:  // (a > 0) - (a < 0), as vmath::sign
            a_.vcmpps(ymm(d), ymm(ra), scalar(0.0f), imm(Cmp::Gt));
            a_.vandps(ymm(d), ymm(d), scalar(1.0f));
            a_.vsubps(ymm(d), ymm(d), VecOperand::r(kScratchB));
            break;
        case Op::Gt: case Op::Lt: case Op::Eq: case Op::Ge: case Op::Le:
            a_.vcmpps(ymm(d), ymm(ra), B, imm(*predicate(n.op)));
            a_.vandps(ymm(d), ymm(d), scalar(1.0f));
            break;
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

}  // namespace rigor::pixel::expr::jit
