// The halving sum of two 8-bit clips as a fixed-point kernel of its own: 8-bit lanes,
// 64 pixels per iteration.
#include "pixel/expr/jit/fixed_generator.hpp"

namespace rigor::pixel::expr::jit {

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

}  // namespace rigor::pixel::expr::jit
