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
    for (int u = 0; u < unroll_; ++u)
        emit_three_columns(reg(box.sum, u) = take(), v, unroll_, u, first_left, last_right, 2);
}

// d = v(x - 1) + v(x) + v(x + 1) for vector u of the column sums v[0..count) (lanes of
// `lane_bytes`), first_left and last_right the ends' neighbours.  Per 128-bit lane
// VPALIGNR shifts the pair (high : low) right by bytes.  v(x + 1): (v[u + 1]'s low half,
// v[u]'s high half : v[u]) by one lane; v(x - 1): (v[u] : v[u - 1]'s high half, v[u]'s
// low half) by 16 bytes less one lane.
void FixedGenerator::emit_three_columns(int d, const int* v, int count, int u, int first_left, int last_right,
                                        int lane_bytes) {
    auto add = [&](int dst, int a, int b) {
        if (lane_bytes == 2) a_.vpaddw(ymm(dst), ymm(a), VecOperand::r(b));
        else a_.vpaddd(ymm(dst), ymm(a), VecOperand::r(b));
    };
    int right = last_right;
    if (u + 1 < count) {
        a_.vperm2i128(ymm(kScratchA), ymm(v[u]), ymm(v[u + 1]), 0x21);
        a_.vpalignr(ymm(kScratchB), ymm(kScratchA), ymm(v[u]), std::uint8_t(lane_bytes));
        right = kScratchB;
    }
    if (u == 0) {
        add(d, first_left, right);
    } else {
        a_.vperm2i128(ymm(kScratchA), ymm(v[u - 1]), ymm(v[u]), 0x21);
        a_.vpalignr(ymm(d), ymm(v[u]), ymm(kScratchA), std::uint8_t(16 - lane_bytes));
        add(d, d, right);
    }
    add(d, d, v[u]);
}

// 2-byte samples whose nine can pass 2^16 - 1 (16-bit clips: up to 9 * 65535 = 589815):
// the same column sums and neighbours in 32-bit lanes, 8 pixels per vector, 32 per
// iteration; then the root's tail in binary32 (emit_float_tail_dwords) and the store.
// Exactness: the sum is an integer below 2^24, so binary32 evaluation adds it exactly in
// the program's order too (the same k); the tail is then the program's one rounding, and
// the conversion, clamp and packing are the float tail's.
void FixedGenerator::emit_wide_box_sum() {
    const BoxSum& box = *box_;
    auto column_sum = [&](int column) {  // columns column .. column + 7 relative to x
        const int d = take();
        for (int row = 0; row < 3; ++row) {
            const Node& n = e_.node(box.column[row]);
            const int r = row == 0 ? d : kScratchA;
            a_.vpmovzxwd(ymm(r), VecOperand::m(mem(row_base(row_index(n)), column * 2, kX, 2)));
            if (row > 0) a_.vpaddd(ymm(d), ymm(d), VecOperand::r(kScratchA));
        }
        return d;
    };
    constexpr int kVectors = 4;
    int v[kVectors], sum[kVectors];
    for (int u = 0; u < kVectors; ++u) v[u] = column_sum(8 * u);
    const int first_left = column_sum(-1), last_right = column_sum(8 * (kVectors - 1) + 1);
    for (int u = 0; u < kVectors; ++u) emit_three_columns(sum[u] = take(), v, kVectors, u, first_left, last_right, 4);
    for (int u = 0; u < kVectors; ++u) emit_float_tail_dwords(sum[u]);
    const int words[2] = {sum[0], sum[2]};
    for (int pair = 0; pair < 2; ++pair) {
        a_.vpackusdw(ymm(words[pair]), ymm(sum[2 * pair]), VecOperand::r(sum[2 * pair + 1]));
        a_.vpermq(ymm(words[pair]), ymm(words[pair]), 0xd8);  // quads 0 2 1 3: undo the per-half packing
    }
    store_words(words, 2);
}

}  // namespace rigor::pixel::expr::jit
