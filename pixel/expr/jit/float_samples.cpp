// Samples into a binary32 kernel and its result out: a source sample of any integer
// width widened and converted (or, for float rows, read where it lies), the column X,
// and the root's vectors stored in the output's sample format.
#include "pixel/expr/jit/float_generator.hpp"

namespace rigor::pixel::expr::jit {

using namespace Xbyak::util;  // register names

void FloatGenerator::emit_load(NodeId i, int u, int position) {
    const Node& n = e_.node(i);
    const int s = row_index(n);
    SampleLayout t = clips_[std::size_t(n.clip)];
    if (rows_[std::size_t(s)].as_float) t = {4, true, 32};  // converted by the caller
    if (t.is_float && s < kRowRegisters && register_uses_[i] <= 1) {
        // Float samples of a row kept in a register are operands where they lie:
        // no register, no load until an instruction needs one in a register.
        regs_.value(i, u).source = mem(kRowRegister[s], (n.dx + 8 * u) * 4, kX, 4);
        return;
    }
    regs_.release_dying(i, u, position);
    const int d = allocate(i, u, position);
    Xbyak::Reg64 base = r10;
    if (s < kRowRegisters) base = kRowRegister[s];
    else a_.mov(r10, row_pointer(s));
    const Xbyak::Address m = mem(base, (n.dx + 8 * u) * t.bytes_per_sample, kX, t.bytes_per_sample);
    if (t.is_float) {
        a_.vmovups(ymm(d), VecOperand::m(m));
    } else {
        if (t.bytes_per_sample == 1) a_.vpmovzxbd(ymm(d), VecOperand::m(m));
        else a_.vpmovzxwd(ymm(d), VecOperand::m(m));
        a_.vcvtdq2ps(ymm(d), VecOperand::r(d));
    }
}

// X: the current column broadcast, plus the lane numbers 8u .. 8u+7.
void FloatGenerator::emit_column(NodeId i, int u, int position) {
    const int d = allocate(i, u, position);
    a_.vmovd(xmm(kScratchA), kX.cvt32());
    a_.vpbroadcastd(ymm(kScratchA), xmm(kScratchA));
    a_.vpaddd(ymm(kScratchA), ymm(kScratchA), VecOperand::m(regs_.slot(kIotaSlot + u)));
    a_.vcvtdq2ps(ymm(d), VecOperand::r(kScratchA));
}

// The root's vectors into the output row: float as is; integers clamped to [0, top]
// with NaN -> 0 (MAXPS returns its second operand for NaN), rounded half to even by
// VCVTPS2DQ, then packed (the values fit, so the saturating packs change nothing) and
// put back in pixel order.  All other values are dead here, so their registers serve.
void FloatGenerator::emit_store() {
    const NodeId root = e_.root();
    const int bps = out_.bytes_per_sample;
    auto out_at = [&](int pixel) { return mem(kOut, pixel * bps, kX, bps); };
    if (out_.is_float) {
        for (int u = 0; u < unroll_; ++u) a_.vmovups(out_at(8 * u), ymm(in_register(root, u, kScratchA)));
        return;
    }
    int t[4];
    {
        int next = 0;
        for (int r = 0; r < 16 && next < unroll_; ++r) {
            bool holds_root = false;
            for (int u = 0; u < unroll_; ++u) holds_root = holds_root || regs_.holds(r, root, u);
            if (!holds_root && r != kScratchA && r != kScratchB) t[next++] = r;
        }
    }
    for (int u = 0; u < unroll_; ++u) {
        const VecOperand v = operand(root, u);
        int src = v.reg;
        if (v.is_memory) {
            a_.vmovups(ymm(t[u]), v);
            src = t[u];
        }
        a_.vmaxps(ymm(t[u]), ymm(src), scalar(0.0f));
        a_.vminps(ymm(t[u]), ymm(t[u]), scalar(top_));
        a_.vcvtps2dq(ymm(t[u]), VecOperand::r(t[u]));
    }
    const std::uint8_t kQuadOrder = 0xd8;  // quads 0 2 1 3
    if (unroll_ == 1) {
        a_.vextracti128(xmm(kScratchB), ymm(t[0]), 1);
        a_.vpackusdw(xmm(t[0]), xmm(t[0]), xmm(kScratchB));
        if (bps == 2) {
            a_.vmovdqu(out_at(0), xmm(t[0]));
        } else {
            a_.vpackuswb(xmm(t[0]), xmm(t[0]), xmm(t[0]));
            a_.vmovq(out_at(0), xmm(t[0]));
        }
        return;
    }
    if (bps == 2) {
        for (int pair = 0; pair < unroll_ / 2; ++pair) {
            const int p0 = t[2 * pair], p1 = t[2 * pair + 1];
            a_.vpackusdw(ymm(p0), ymm(p0), ymm(p1));
            a_.vpermq(ymm(p0), ymm(p0), kQuadOrder);
            a_.vmovdqu(out_at(16 * pair), ymm(p0));
        }
        return;
    }
    a_.vpackusdw(ymm(t[0]), ymm(t[0]), ymm(t[1]));
    if (unroll_ == 2) {
        a_.vpermq(ymm(t[0]), ymm(t[0]), kQuadOrder);
        a_.vextracti128(xmm(t[1]), ymm(t[0]), 1);
        a_.vpackuswb(xmm(t[0]), xmm(t[0]), xmm(t[1]));
        a_.vmovdqu(out_at(0), xmm(t[0]));
        return;
    }
    a_.vpackusdw(ymm(t[2]), ymm(t[2]), ymm(t[3]));
    a_.vpackuswb(ymm(t[0]), ymm(t[0]), ymm(t[2]));
    a_.vmovups(ymm(t[1]), VecOperand::m(regs_.slot(kPackOrderSlot)));
    a_.vpermd(ymm(t[0]), ymm(t[1]), VecOperand::r(t[0]));
    a_.vmovdqu(out_at(0), ymm(t[0]));
}

}  // namespace rigor::pixel::expr::jit
