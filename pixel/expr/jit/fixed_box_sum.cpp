// The 3x3 box sum (the nine loads x[-1..1, -1..1] of one clip added in any order, the
// numerator of the 3x3 box filter) in 16-bit lanes, columns first: per vector of 16
// pixels the column sums v = x[0,-1] + x[0,0] + x[0,1] (three loads, two adds), then
// v(x - 1) + v(x) + v(x + 1), the neighbours' columns from the adjacent vectors' column
// sums by VPERM2I128 and VPALIGNR; only the iteration's two ends load column sums one
// column aside.  18 loads serve 64 pixels instead of 36.
//
// Exactness: dyadic_ranges proved the program's own order of additions exact in the
// plan's 16-bit lanes, so the total of the nine samples, hence every partial sum of
// non-negative samples in any order, is at most their top (kFixedMax signed, 65535
// unsigned: a 12-bit box): integer additions that never wrap, the same k.
#include "pixel/expr/jit/fixed_generator.hpp"

namespace rigor::pixel::expr::jit {

// The node of the sum (tail argument or root) when the program is exactly a 3x3 box of
// one clip's samples: 8 Adds over 9 distinct loads of offsets -1..1, one boundary,
// plus at most the root's tail and its constant.
std::optional<FixedGenerator::BoxSum> FixedGenerator::find_box_sum(const rigor::expr::Expr& e,
                                                                    std::optional<rigor::expr::NodeId> tail_arg) {
    using rigor::expr::NodeId;
    using rigor::expr::Op;
    const NodeId sum = tail_arg ? *tail_arg : e.root();
    if (e.node(sum).op != Op::Add) return std::nullopt;
    std::vector<NodeId> stack = {sum}, loads;
    int adds = 0;
    while (!stack.empty()) {
        const NodeId i = stack.back();
        stack.pop_back();
        const rigor::expr::Node& n = e.node(i);
        if (n.op == Op::Add) {
            ++adds;
            stack.insert(stack.end(), n.args.begin(), n.args.end());
        } else if (n.op == Op::Load) {
            loads.push_back(i);
        } else {
            return std::nullopt;
        }
    }
    if (adds != 8 || loads.size() != 9) return std::nullopt;
    BoxSum box;
    bool seen[3][3] = {};
    for (NodeId i : loads) {
        const rigor::expr::Node& n = e.node(i);
        const rigor::expr::Node& first = e.node(loads[0]);
        if (n.clip != first.clip || n.boundary != first.boundary || n.dx < -1 || n.dx > 1 || n.dy < -1 || n.dy > 1 ||
            seen[n.dy + 1][n.dx + 1])
            return std::nullopt;
        seen[n.dy + 1][n.dx + 1] = true;
        if (n.dx == 0) box.column[n.dy + 1] = i;
    }
    box.sum = sum;
    return box;
}

void FixedGenerator::emit_box_sum() {
    const BoxSum& box = *box_;
    const int bytes = clips_[std::size_t(e_.node(box.column[0]).clip)].bytes_per_sample;
    // The column sums of the 16 columns from `column` on (relative to x).
    auto column_sum = [&](int column) {
        const int d = take();
        for (int row = 0; row < 3; ++row) {
            const Node& n = e_.node(box.column[row]);
            const Xbyak::Address m = mem(row_base(row_index(n)), column * bytes, kX, bytes);
            const int r = row == 0 ? d : kScratchA;
            if (bytes == 1) a_.vpmovzxbw(ymm(r), VecOperand::m(m));
            else a_.vmovdqu(ymm(r), VecOperand::m(m));
            if (row > 0) a_.vpaddw(ymm(d), ymm(d), VecOperand::r(kScratchA));
        }
        return d;
    };
    int v[4];
    for (int u = 0; u < unroll_; ++u) v[u] = column_sum(16 * u);
    // The ends: v(x - 1) of the first vector and v(x + 1) of the last, loaded one column
    // aside (the program's own reach, 1).
    const int first_left = column_sum(-1), last_right = column_sum(16 * (unroll_ - 1) + 1);
    for (int u = 0; u < unroll_; ++u) {
        const int d = reg(box.sum, u) = take();
        // Per 128-bit lane VPALIGNR shifts the pair (high : low) right by bytes.  v(x + 1):
        // (v[u + 1]'s low half, v[u]'s high half : v[u]) by one word.
        int right = last_right;
        if (u + 1 < unroll_) {
            a_.vperm2i128(ymm(kScratchA), ymm(v[u]), ymm(v[u + 1]), 0x21);
            a_.vpalignr(ymm(kScratchB), ymm(kScratchA), ymm(v[u]), 2);
            right = kScratchB;
        }
        // v(x - 1): (v[u] : v[u - 1]'s high half, v[u]'s low half) by seven words.
        if (u == 0) {
            a_.vpaddw(ymm(d), ymm(first_left), VecOperand::r(right));
        } else {
            a_.vperm2i128(ymm(kScratchA), ymm(v[u - 1]), ymm(v[u]), 0x21);
            a_.vpalignr(ymm(d), ymm(v[u]), ymm(kScratchA), 14);
            a_.vpaddw(ymm(d), ymm(d), VecOperand::r(right));
        }
        a_.vpaddw(ymm(d), ymm(d), VecOperand::r(v[u]));
    }
}

}  // namespace rigor::pixel::expr::jit
