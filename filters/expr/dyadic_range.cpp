#include "filters/expr/dyadic_range.hpp"

#include <algorithm>
#include <cmath>

namespace rigor::expr {

namespace {

struct Fits {
    FixedLanes lanes;
    bool operator()(std::int64_t lo, std::int64_t hi) const { return lo >= lanes_min(lanes) && hi <= lanes_max(lanes); }
};

// c = k / 2^s with the smallest such s, if any within kMaxShift and the lanes' range.
std::optional<DyadicRange> constant_range(float c, Fits fits) {
    if (!std::isfinite(c)) return std::nullopt;
    for (int s = 0; s <= kMaxShift; ++s) {
        const double scaled = std::ldexp(double(c), s);
        if (scaled == std::floor(scaled)) {
            if (scaled < double(lanes_min(fits.lanes)) || scaled > double(lanes_max(fits.lanes))) return std::nullopt;
            const auto k = std::int64_t(scaled);
            return DyadicRange{s, k, k, false, 0};
        }
    }
    return std::nullopt;
}

// t when c = 2^t exactly, for constants that only move the binary point.
std::optional<int> power_of_two(const Node& n) {
    if (n.op != Op::Constant || !(n.value > 0) || !std::isfinite(n.value)) return std::nullopt;
    int exponent = 0;
    if (std::frexp(double(n.value), &exponent) != 0.5) return std::nullopt;
    return exponent - 1;
}

// k of r brought to a larger shift s (exact: a left shift), if it stays in range.
std::optional<std::pair<std::int64_t, std::int64_t>> aligned(const DyadicRange& r, int s, Fits fits) {
    const std::int64_t f = std::int64_t(1) << (s - r.shift);
    if (!fits(r.lo * f, r.hi * f)) return std::nullopt;
    return std::pair{r.lo * f, r.hi * f};
}

}  // namespace

std::optional<std::vector<DyadicRange>> dyadic_ranges(const Expr& e, std::span<const int> clip_bits, FixedLanes lanes) {
    const Fits fits{lanes};
    std::vector<DyadicRange> r(e.size());
    for (NodeId i = 0; i < e.size(); ++i) {
        const Node& n = e.node(i);
        DyadicRange out;
        switch (n.op) {
            case Op::Constant: {
                auto c = constant_range(n.value, fits);
                if (!c) return std::nullopt;
                out = *c;
                break;
            }
            case Op::Load: {
                const int bits = clip_bits[std::size_t(n.clip)];
                if (bits <= 0) return std::nullopt;
                out = {0, 0, (std::int64_t(1) << bits) - 1, false, 0};
                break;
            }
            case Op::Add:
            case Op::Sub:
            case Op::Max:
            case Op::Min: {
                const DyadicRange& a = r[n.args[0]];
                const DyadicRange& b = r[n.args[1]];
                const int s = std::max(a.shift, b.shift);
                auto ka = aligned(a, s, fits), kb = aligned(b, s, fits);
                if (!ka || !kb) return std::nullopt;
                auto [alo, ahi] = *ka;
                auto [blo, bhi] = *kb;
                out.shift = s;
                if (n.op == Op::Add) out.lo = alo + blo, out.hi = ahi + bhi;
                if (n.op == Op::Sub) out.lo = alo - bhi, out.hi = ahi - blo;
                if (n.op == Op::Max) out.lo = std::max(alo, blo), out.hi = std::max(ahi, bhi);
                if (n.op == Op::Min) out.lo = std::min(alo, blo), out.hi = std::min(ahi, bhi);
                break;
            }
            case Op::Abs: {
                // |k 2^-s| = |k| 2^-s: the interval of |k| (|-32768| = 32768 fails the fit).
                const DyadicRange& a = r[n.args[0]];
                out.shift = a.shift;
                out.lo = a.lo >= 0 ? a.lo : a.hi <= 0 ? -a.hi : 0;
                out.hi = std::max(a.lo < 0 ? -a.lo : a.lo, a.hi < 0 ? -a.hi : a.hi);
                break;
            }
            case Op::Mul:
            case Op::Div: {
                // A constant power of two as either factor (or as divisor) moves the point.
                std::optional<int> t;
                int scaled_arg = 0;
                if (n.op == Op::Div) {
                    if (auto p = power_of_two(e.node(n.args[1]))) t = -*p;
                } else if (auto p = power_of_two(e.node(n.args[1]))) {
                    t = *p;
                } else if (auto q = power_of_two(e.node(n.args[0]))) {
                    t = *q;
                    scaled_arg = 1;
                }
                if (t) {
                    const DyadicRange& a = r[n.args[std::size_t(scaled_arg)]];
                    out = a;
                    out.rescales = true;
                    out.scaled_arg = scaled_arg;
                    out.lift = 0;
                    out.shift = a.shift - *t;
                    if (out.shift < 0) {
                        out.lift = -out.shift;
                        out.shift = 0;
                        out.lo = a.lo << out.lift;
                        out.hi = a.hi << out.lift;
                    }
                    if (out.shift > kMaxShift) return std::nullopt;
                    break;
                }
                if (n.op == Op::Div) return std::nullopt;
                const DyadicRange& a = r[n.args[0]];
                const DyadicRange& b = r[n.args[1]];
                const std::int64_t p[] = {a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi};
                out.shift = a.shift + b.shift;
                out.lo = *std::min_element(p, p + 4);
                out.hi = *std::max_element(p, p + 4);
                if (out.shift > kMaxShift) return std::nullopt;
                break;
            }
            case Op::Clamp: {
                // max(min(v, hi), lo): the interval of v through the same min and max.
                int s = 0;
                for (NodeId a : n.args) s = std::max(s, r[a].shift);
                auto kv = aligned(r[n.args[0]], s, fits), klo = aligned(r[n.args[1]], s, fits),
                     khi = aligned(r[n.args[2]], s, fits);
                if (!kv || !klo || !khi) return std::nullopt;
                out.shift = s;
                out.lo = std::max(std::min(kv->first, khi->first), klo->first);
                out.hi = std::max(std::min(kv->second, khi->second), klo->second);
                break;
            }
            case Op::SortedNth: {
                // The rank-th smallest of values k_j in [lo_j, hi_j] lies between the
                // rank-th smallest lo and the rank-th smallest hi.
                int s = 0;
                for (NodeId a : n.args) s = std::max(s, r[a].shift);
                std::vector<std::int64_t> los, his;
                for (NodeId a : n.args) {
                    auto k = aligned(r[a], s, fits);
                    if (!k) return std::nullopt;
                    los.push_back(k->first);
                    his.push_back(k->second);
                }
                std::sort(los.begin(), los.end());
                std::sort(his.begin(), his.end());
                out.shift = s;
                out.lo = los[std::size_t(n.rank)];
                out.hi = his[std::size_t(n.rank)];
                break;
            }
            default: return std::nullopt;
        }
        if (!fits(out.lo, out.hi)) return std::nullopt;
        r[i] = out;
    }
    return r;
}

}  // namespace rigor::expr
