// The halving sum of two integer clips, (a + b) / 2 rounded half to even (`x y + 0.5 *`,
// `x y + 2 /`, a 50 % blend), as a fixed-point kernel of its own in lanes as narrow as
// the samples: 8-bit lanes for 8-bit clips, 16-bit lanes for 2-byte ones; 64 pixels per
// iteration.  VPAVGB/VPAVGW compute (a + b + 1) >> 1 without overflow (one bit more
// inside); less one where that rounded an odd sum up to an odd number:
// c - ((a ^ b) & c & 1), (a ^ b) & 1 being the parity of a + b.  The 2-byte kernel has
// a second loop storing non-temporally, taken when the caller says the output plane is
// large (RowArgs::streaming) and the first store is 32-byte aligned (the 128 bytes an
// iteration writes keep it so): the store then skips reading each output line from
// memory first, which leaves the kernel three streams of memory traffic, as a copy's.
#include "pixel/expr/jit/fixed_generator.hpp"

namespace rigor::pixel::expr::jit {

// 8-bit: the program dyadic_ranges proves exact, with the halving at the root.
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

// 2-byte samples (up to 16 bits, where a + b needs 17 bits and dyadic_ranges declines):
// binary32 computes a + b and the halving exactly and the store rounds half to even; the
// result is at most the larger input, so an output as deep as the deeper input needs no
// clamp.
std::optional<rigor::expr::NodeId> word_average_sum(const rigor::expr::Expr& e, std::span<const SampleLayout> clips,
                                                    SampleLayout out) {
    using rigor::expr::Op;
    if (out.is_float || out.bytes_per_sample != 2) return std::nullopt;
    const rigor::expr::Node& root = e.node(e.root());
    auto constant = [&](rigor::expr::NodeId i, float v) { return e.node(i).op == Op::Constant && e.node(i).value == v; };
    std::optional<rigor::expr::NodeId> sum;
    if (root.op == Op::Mul && constant(root.args[1], 0.5f)) sum = root.args[0];
    else if (root.op == Op::Mul && constant(root.args[0], 0.5f)) sum = root.args[1];
    else if (root.op == Op::Div && constant(root.args[1], 2.0f)) sum = root.args[0];
    if (!sum || e.node(*sum).op != Op::Add) return std::nullopt;
    for (rigor::expr::NodeId a : e.node(*sum).args) {
        const rigor::expr::Node& n = e.node(a);
        if (n.op != Op::Load) return std::nullopt;
        const SampleLayout& c = clips[std::size_t(n.clip)];
        if (c.is_float || c.bytes_per_sample != 2 || c.bits > out.bits) return std::nullopt;
    }
    return sum;
}

void FixedGenerator::emit_halving_sum(NodeId sum_node, int bytes, bool streaming) {
    const Node& sum = e_.node(sum_node);
    const int lanes = 32 / bytes;
    auto sample_row = [&](const Node& n, int u) {
        return VecOperand::m(mem(row_base(row_index(n)), bytes * (n.dx + lanes * u), kX, bytes));
    };
    for (int u = 0; u < 64 / lanes; ++u) {
        const int a = 3 * u, b = 3 * u + 1, c = 3 * u + 2;
        a_.vmovdqu(ymm(a), sample_row(e_.node(sum.args[0]), u));
        a_.vmovdqu(ymm(b), sample_row(e_.node(sum.args[1]), u));
        if (bytes == 1) a_.vpavgb(ymm(c), ymm(a), VecOperand::r(b));
        else a_.vpavgw(ymm(c), ymm(a), VecOperand::r(b));
        a_.vpxor(ymm(a), ymm(a), VecOperand::r(b));
        a_.vpand(ymm(a), ymm(a), VecOperand::r(c));
        a_.vpand(ymm(a), ymm(a), pooled(bytes == 1 ? 0x0101 : 1));  // a 1 in every lane
        if (bytes == 1) a_.vpsubb(ymm(c), ymm(c), VecOperand::r(a));
        else a_.vpsubw(ymm(c), ymm(c), VecOperand::r(a));
        if (streaming) a_.vmovntdq(mem(kOut, 32 * u, kX, bytes), ymm(c));
        else a_.vmovdqu(mem(kOut, 32 * u, kX, bytes), ymm(c));
    }
}

}  // namespace rigor::pixel::expr::jit
