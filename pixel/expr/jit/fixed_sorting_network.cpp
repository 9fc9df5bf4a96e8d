// Order statistics of integer samples in a fixed-point kernel: sortN's rank-th value by
// a sorting network of VPMINSW/VPMAXSW, or VPMINUW/VPMAXUW in unsigned lanes (exact on
// integers, where -0 and NaN cannot occur, so the order of equal values does not matter;
// at one shift the integers' order is the values').
#include <algorithm>
#include <utility>
#include <vector>

#include "pixel/expr/jit/fixed_generator.hpp"

namespace rigor::pixel::expr::jit {

namespace {

// Comparators (i, j), i < j, of Batcher's odd-even merge sort for n wires (n a power of
// two), in order; min goes to i, max to j.
std::vector<std::pair<int, int>> odd_even_merge_sort(int n) {
    std::vector<std::pair<int, int>> c;
    for (int p = 1; p < n; p *= 2)
        for (int k = p; k >= 1; k /= 2)
            for (int j = k % p; j + k < n; j += 2 * k)
                for (int i = 0; i < std::min(k, n - j - k); ++i)
                    if ((i + j) / (2 * p) == (i + j + k) / (2 * p)) c.push_back({i + j, i + j + k});
    return c;
}

}  // namespace

// The rank-th smallest of the arguments by a sorting network of VPMINSW/VPMAXSW on
// copies of them (Batcher's network for the next power of two, wires beyond the count
// dropped as if +inf, comparators that cannot reach the wanted wire pruned).  Registers
// are renamed rather than moved: the minimum goes to a spare, whose old owner becomes
// the next spare.
void FixedGenerator::emit_sorted(NodeId i, int u, int position) {
    const Node& n = e_.node(i);
    const int count = int(n.args.size());
    const int s = r_[i].shift;
    std::vector<int> wire(static_cast<std::size_t>(count));
    // An argument read for the last time here (and once) lends its register as a wire;
    // the others are copied (shifted to the common point where needed).
    for (int k = 0; k < count; ++k) {
        const NodeId a = n.args[std::size_t(k)];
        const bool last = sched_.last_use[a] == position && e_.node(a).op != Op::Constant &&
                          std::count(n.args.begin(), n.args.end(), a) == 1;
        if (last && r_[a].shift == s) {
            wire[std::size_t(k)] = reg(a, u);  // stays busy: now a wire
            continue;
        }
        const int w = take();
        if (failed_) return;
        if (e_.node(a).op == Op::Constant) a_.vmovdqu(ymm(w), pooled(r_[a].lo << (s - r_[a].shift)));
        else if (r_[a].shift < s) a_.vpsllw(ymm(w), ymm(reg(a, u)), std::uint8_t(s - r_[a].shift));
        else a_.vmovdqa(ymm(w), ymm(reg(a, u)));
        wire[std::size_t(k)] = w;
        if (last) busy_[reg(a, u)] = false;  // copied for its shift: its register is free
    }
    // Arguments used more than once here and dying: their registers are free now.
    for (NodeId a : n.args)
        if (sched_.last_use[a] == position && e_.node(a).op != Op::Constant &&
            std::count(n.args.begin(), n.args.end(), a) > 1)
            busy_[reg(a, u)] = false;
    int width = 1;
    while (width < count) width *= 2;
    std::vector<std::pair<int, int>> network;
    for (auto [a, b] : odd_even_merge_sort(width))
        if (b < count) network.push_back({a, b});
    // Backwards from the wanted wire: keep only comparators touching a needed wire.
    std::vector<char> needed(static_cast<std::size_t>(count), 0);
    needed[std::size_t(n.rank)] = 1;
    std::vector<std::pair<int, int>> kept;
    for (auto it = network.rbegin(); it != network.rend(); ++it)
        if (needed[std::size_t(it->first)] || needed[std::size_t(it->second)]) {
            needed[std::size_t(it->first)] = needed[std::size_t(it->second)] = 1;
            kept.push_back(*it);
        }
    int spare = kScratchA;
    for (auto it = kept.rbegin(); it != kept.rend(); ++it) {
        int& lo = wire[std::size_t(it->first)];
        int& hi = wire[std::size_t(it->second)];
        min_words(spare, lo, VecOperand::r(hi));
        max_words(hi, lo, VecOperand::r(hi));
        std::swap(lo, spare);
    }
    // The result in a value register of its own; the other copies (and a spare that is
    // a value register) are free again.
    int result = wire[std::size_t(n.rank)];
    for (int k = 0; k < count; ++k)
        if (k != n.rank && wire[std::size_t(k)] < kValueRegisters) busy_[wire[std::size_t(k)]] = false;
    if (spare < kValueRegisters) busy_[spare] = false;
    if (result >= kValueRegisters) {
        const int d = take();
        if (failed_) return;
        a_.vmovdqa(ymm(d), ymm(result));
        result = d;
    }
    reg(i, u) = result;
}

}  // namespace rigor::pixel::expr::jit
