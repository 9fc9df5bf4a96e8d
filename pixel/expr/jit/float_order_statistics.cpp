// Order statistics in a binary32 kernel: sortN, argsortN, argminN and argmaxN of up to
// 12 values, every argument in a register of its own.
#include "pixel/expr/jit/float_generator.hpp"

namespace rigor::pixel::expr::jit {

// As the interpreter computes them (pixel/expr/evaluate.cpp, filters/expr/scalar.hpp).
// sortN's rank-th value (SortedNth) and argsortN's (ArgSortNth): value c has rank
// #{j < c: v_j <= v_c} + #{j > c: v_j < v_c}; the result is the last c whose rank is the
// wanted one, else (NaN arguments) count - 1 - rank.  With -0, +0 and NaN this order
// matters, so no sorting network: N^2 comparisons, counted in integer lanes (a true
// mask is -1: subtracting it counts one).  argminN/argmaxN: the first strictly better
// value wins, scanning from index 0.
void FloatGenerator::emit_sorted(NodeId i, int position) {
    const Node& n = e_.node(i);
    const int count = int(n.args.size());
    regs_.clear_for_inline(i, position);
    const int T = count, acc = count + 1, mask = kScratchA;
    for (int r = 0; r <= acc; ++r) regs_.hold(r);  // temporaries
    for (int u = 0; u < unroll_; ++u) {
        for (int k = 0; k < count; ++k) a_.vmovups(ymm(k), operand(n.args[std::size_t(k)], u));
        if (n.op == Op::ArgMin || n.op == Op::ArgMax) {
            a_.vmovups(ymm(T), scalar(0.0f));  // index of the best so far
            a_.vmovdqa(ymm(acc), ymm(0));      // its value
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
        FloatRegisters::Value& v = regs_.value(i, u);
        v.slot = regs_.new_slot();
        v.slot_valid = true;
        a_.vmovups(regs_.slot(v.slot), ymm(T));
    }
    for (int r = 0; r <= acc; ++r) regs_.give_back(r);
}

}  // namespace rigor::pixel::expr::jit
