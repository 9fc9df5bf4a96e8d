#include "pixel/vc2_tight/haar_levels.hpp"

#include <algorithm>
#include <array>
#include <climits>
#include <cstdlib>
#include <optional>

#include "filters/base/error.hpp"
#include "filters/base/worker_pool.hpp"
#include "pixel/vc2/quantisation.hpp"

namespace rigor::pixel::vc2_tight {

namespace {

using Int = std::int64_t;

// A block of the coarsest level as the enumeration names it (header): the rows' L values
// and row differences t; a part a value does not depend on is left free (has_L, has_t
// false) and chosen when the block is made (block_inputs).
struct Block {
    Int L0 = 0, L1 = 0, t0 = 0, t1 = 0;
    bool has_L = false, has_t = false;
};

// Extremes, and (tracking passes only, see_at) a block reaching each.
struct Ext {
    Int lo = INT64_MAX, hi = INT64_MIN;
    Block at_lo, at_hi;
    void see(Int v) { see(v, v); }
    void see(Int l, Int h) {
        lo = std::min(lo, l);
        hi = std::max(hi, h);
    }
    void see_at(Int l, const Block& bl, Int h, const Block& bh) {
        if (l < lo) lo = l, at_lo = bl;
        if (h > hi) hi = h, at_hi = bh;
    }
    void see_at(Int v, const Block& b) { see_at(v, b, v, b); }
    void merge(const Ext& o) { see_at(o.lo, o.at_lo, o.hi, o.at_hi); }
};

// The synthesis shift (x + 1) >> 1 of index 4, nothing for index 3 (wavelet.hpp).
Int shift_back(Int x, int s) { return s ? (x + 1) >> 1 : x; }
// The horizontal synthesis of a row pair (u, v) gives u + g_p(v) at x-phase p.
Int g(int p, Int v) {
    const Int c = (v + 1) >> 1;
    return p == 0 ? -c : v - c;
}

// Q(c) = dequantise(quantise(c)) at one index, tabulated over [first, last].
class QuantTable {
public:
    QuantTable(Int first, Int last, int index) : first_(first) {
        const pixel::vc2::Requantiser q(index);
        for (Int c = first; c <= last; ++c) q_.push_back(q(c));
    }
    Int operator()(Int c) const { return q_[static_cast<std::size_t>(c - first_)]; }

private:
    Int first_;
    std::vector<Int> q_;
};

// One level's rows (header): input samples in [lo, hi], after the shift and the
// horizontal lifts (L, H = m·t) with |t| ≤ radius(L) (parity of L when σ = 2).
struct RowMap {
    int s = 0;
    Int lo = 0, hi = 0;
    Int first() const { return s ? 2 * lo : lo; }  // the L values
    Int last() const { return s ? 2 * hi : hi; }
    Int count() const { return last() - first() + 1; }
    Int radius(Int L) const { return s ? std::min(L - 2 * lo, 2 * hi - L) : std::min(2 * (L - lo), 2 * (hi - L) + 1); }
    int step() const { return s ? 2 : 1; }
    Int m() const { return s ? 2 : 1; }
    Int widest() const {
        Int w = 0;
        for (Int L = first(); L <= last(); ++L) w = std::max(w, radius(L));
        return w;
    }
};

// What the decoder has for the level's low band at one index: Q(c) (the coarsest level)
// or c + e with e and the value in the coarser level's ranges (its extremes, header).
struct LowBand {
    std::optional<QuantTable> q;
    Ext error, output;
    Int hi(Int c) const { return q ? (*q)(c) : std::min(c + error.hi, output.hi); }
    Int lo(Int c) const { return q ? (*q)(c) : std::max(c + error.lo, output.lo); }
};

// Per array, per block phase; rows r, columns p: index p·2 + r.
struct TwoDValues {
    Ext LL, LH, HL, HH;
    std::array<Ext, 2> Lpp, Lp, L, Hpp, Hp, H;
    std::array<Ext, 4> DCpp, DCp, DC, Out;
};
struct RowValues {
    Ext L, H;
    std::array<Ext, 2> DCpp, DCp, DC, Out;
};

struct LevelResult {
    TwoDValues two_d;
    RowValues row;
    Ext output, error;  // Output over every phase; Output − Input
};

// The H column's extremes over a box of radii: per (r, p) at r·2 + p, of g_p(Hd_r) and,
// with Errors, at 4 + r·2 + p of g_p(Hd_r) − g_p(H_r).
// With Track, also the t pair reaching each extreme.
template <bool Errors, bool Track>
struct Cell {
    static constexpr std::size_t kTerms = Errors ? 8 : 4;
    struct Pair {
        Int t0 = 0, t1 = 0;
    };
    std::array<Int, kTerms> hi, lo;
    std::array<Pair, Track ? kTerms : 0> at_hi, at_lo;
    void reset() {
        hi.fill(INT64_MIN);
        lo.fill(INT64_MAX);
    }
    void see(std::size_t k, Int v, Int t0, Int t1) {
        if constexpr (Track) {
            if (v > hi[k]) hi[k] = v, at_hi[k] = {t0, t1};
            if (v < lo[k]) lo[k] = v, at_lo[k] = {t0, t1};
        } else {
            hi[k] = std::max(hi[k], v);
            lo[k] = std::min(lo[k], v);
        }
    }
    void merge(const Cell& o) {
        for (std::size_t k = 0; k < kTerms; ++k) {
            if constexpr (Track) {
                if (o.hi[k] > hi[k]) hi[k] = o.hi[k], at_hi[k] = o.at_hi[k];
                if (o.lo[k] < lo[k]) lo[k] = o.lo[k], at_lo[k] = o.at_lo[k];
            } else {
                hi[k] = std::max(hi[k], o.hi[k]);
                lo[k] = std::min(lo[k], o.lo[k]);
            }
        }
    }
};

struct BandIndices {
    int low = 0, lh = 0, hl = 0, hh = 0;  // ho levels: hl is the H band
};

// Errors: also Output − Input (wanted when a finer level follows).  Track: also a block
// reaching each extreme (Ext::at_lo, at_hi; the coarsest level, for the witnesses).
template <bool Errors, bool Track = false>
LevelResult two_d_level(const RowMap& row, const LowBand& low, const BandIndices& q) {
    LevelResult out;
    TwoDValues& v = out.two_d;
    const Int first = row.first(), last = row.last(), m = row.m();
    const Int wmax = row.widest();
    const int sigma = row.step();
    const QuantTable qlh(first - last, last - first, q.lh), qhl(-m * wmax, m * wmax, q.hl),
        qhh(-2 * m * wmax, 2 * m * wmax, q.hh);
    std::vector<Int> radius(static_cast<std::size_t>(row.count()));
    std::vector<std::vector<Int>> with_radius(static_cast<std::size_t>(wmax + 1));
    for (Int L = first; L <= last; ++L) {
        radius[static_cast<std::size_t>(L - first)] = row.radius(L);
        with_radius[static_cast<std::size_t>(row.radius(L))].push_back(L);
    }
    std::array<Ext, 2> Hd;  // Hd_r over every t pair
    // One t pair of the H column: its arrays, and its terms into a cell.
    auto column = [&](Int t0, Int t1, Cell<Errors, Track>& c) {
        const Int H0 = m * t0, H1 = m * t1;
        const Int HH = H1 - H0, HL = H0 + ((HH + 1) >> 1);
        const Int hl = qhl(HL), hh = qhh(HH);
        const Int d0 = hl - ((hh + 1) >> 1), d1 = hh + d0;
        if constexpr (Track) {
            const Block b{0, 0, t0, t1, false, true};
            v.HL.see_at(hl, b);
            v.HH.see_at(hh, b);
            Hd[0].see_at(d0, b);
            Hd[1].see_at(d1, b);
        } else {
            v.HL.see(hl);
            v.HH.see(hh);
            Hd[0].see(d0);
            Hd[1].see(d1);
        }
        for (int r = 0; r < 2; ++r)
            for (int p = 0; p < 2; ++p) {
                const Int f = g(p, r ? d1 : d0);
                c.see(static_cast<std::size_t>(r * 2 + p), f, t0, t1);
                if constexpr (Errors) c.see(static_cast<std::size_t>(4 + r * 2 + p), f - g(p, r ? H1 : H0), t0, t1);
            }
    };
    std::array<Ext, 2> Ld;  // Ld_r over every L pair
    std::array<Ext, 4> DC;  // Ld_r + g_p(Hd_r) at p·2 + r
    std::vector<std::vector<Cell<Errors, Track>>> rows(
        static_cast<std::size_t>(sigma), std::vector<Cell<Errors, Track>>(static_cast<std::size_t>(wmax + 1)));
    for (Int w0 = 0; w0 <= wmax; ++w0) {
        std::vector<Cell<Errors, Track>>& M = rows[static_cast<std::size_t>(w0 % sigma)];  // holds M(w0 − σ, ·)
        for (Int w1 = 0; w1 <= wmax; ++w1) {
            Cell<Errors, Track> c;
            c.reset();
            for (Int t0 : {w0, -w0}) {
                for (Int t1 : {w1, -w1}) {
                    column(t0, t1, c);
                    if (w1 == 0) break;
                }
                if (w0 == 0) break;
            }
            if (w0 >= sigma) c.merge(M[static_cast<std::size_t>(w1)]);
            if (w1 >= sigma) c.merge(M[static_cast<std::size_t>(w1 - sigma)]);
            M[static_cast<std::size_t>(w1)] = c;
        }
        // Now M = M(w0, ·): every L0 of this radius with every L1.
        for (const Int L0 : with_radius[static_cast<std::size_t>(w0)]) {
            // Local extremes (no aliasing with the tables), merged after the row.
            Ext ll, lh_range, error;
            std::array<Ext, 2> ld;
            std::array<Ext, 4> dc;
            for (Int L1 = first; L1 <= last; ++L1) {
                const Int LH = L1 - L0, LL = L0 + ((LH + 1) >> 1);
                const Int lh = qlh(LH), ll_hi = low.hi(LL), ll_lo = low.lo(LL);
                const Int half = (lh + 1) >> 1;
                const Int e_hi = ll_hi - half, e_lo = ll_lo - half, o_hi = lh + e_hi, o_lo = lh + e_lo;
                const Cell<Errors, Track>& c = M[static_cast<std::size_t>(radius[static_cast<std::size_t>(L1 - first)])];
                if constexpr (Track) {
                    const Block pair{L0, L1, 0, 0, true, false};
                    ll.see_at(ll_lo, pair, ll_hi, pair);
                    lh_range.see_at(lh, pair);
                    ld[0].see_at(e_lo, pair, e_hi, pair);
                    ld[1].see_at(o_lo, pair, o_hi, pair);
                } else {
                    ll.see(ll_lo, ll_hi);
                    lh_range.see(lh);
                    ld[0].see(e_lo, e_hi);
                    ld[1].see(o_lo, o_hi);
                }
                for (int r = 0; r < 2; ++r) {
                    const Int d_hi = r ? o_hi : e_hi, d_lo = r ? o_lo : e_lo;
                    for (int p = 0; p < 2; ++p) {
                        const std::size_t k = static_cast<std::size_t>(r * 2 + p);
                        Ext& to = dc[static_cast<std::size_t>(p * 2 + r)];
                        if constexpr (Track)
                            to.see_at(d_lo + c.lo[k], {L0, L1, c.at_lo[k].t0, c.at_lo[k].t1, true, true},
                                      d_hi + c.hi[k], {L0, L1, c.at_hi[k].t0, c.at_hi[k].t1, true, true});
                        else
                            to.see(d_lo + c.lo[k], d_hi + c.hi[k]);
                        if constexpr (Errors) {
                            const Int Lr = r ? L1 : L0;
                            error.see(shift_back(d_lo - Lr + c.lo[4 + k], row.s), shift_back(d_hi - Lr + c.hi[4 + k], row.s));
                        }
                    }
                }
            }
            v.LL.merge(ll);
            v.LH.merge(lh_range);
            for (std::size_t k = 0; k < 2; ++k) Ld[k].merge(ld[k]);
            for (std::size_t k = 0; k < 4; ++k) DC[k].merge(dc[k]);
            out.error.merge(error);
        }
    }
    // The arrays from the extremes above (header: the rows' values).
    v.Lpp = {v.LL, v.LH};
    v.Lp = {Ld[0], v.LH};
    v.L = Ld;
    v.Hpp = {v.HL, v.HH};
    v.Hp = {Hd[0], v.HH};
    v.H = Hd;
    for (std::size_t r = 0; r < 2; ++r) {
        v.DCpp[r] = Ld[r];
        v.DCpp[2 + r] = Hd[r];
        v.DCp[r] = DC[r];
        v.DCp[2 + r] = Hd[r];
    }
    v.DC = DC;
    for (std::size_t k = 0; k < 4; ++k) {
        // sh non-decreasing: DC's blocks reach Output's extremes.
        v.Out[k] = {shift_back(DC[k].lo, row.s), shift_back(DC[k].hi, row.s), DC[k].at_lo, DC[k].at_hi};
        out.output.merge(v.Out[k]);
    }
    return out;
}

template <bool Track = false>
LevelResult row_level(const RowMap& row, const LowBand& low, const BandIndices& q) {
    LevelResult out;
    RowValues& v = out.row;
    const Int first = row.first(), last = row.last(), m = row.m(), wmax = row.widest();
    const QuantTable qh(-m * wmax, m * wmax, q.hl);
    for (Int L = first; L <= last; ++L) {
        const Int w = row.radius(L), l_hi = low.hi(L), l_lo = low.lo(L);
        if constexpr (!Track) v.L.see(l_lo, l_hi), v.DCpp[0].see(l_lo, l_hi);  // else with a t, below
        for (Int t = -w; t <= w; t += row.step()) {
            const Int H = m * t, h = qh(H);
            const Block b{L, 0, t, 0, true, true};
            auto see = [&](Ext& e, Int lo, Int hi) {
                if constexpr (Track)
                    e.see_at(lo, b, hi, b);
                else
                    e.see(lo, hi);
            };
            if constexpr (Track) see(v.L, l_lo, l_hi), see(v.DCpp[0], l_lo, l_hi);
            see(v.H, h, h);
            see(v.DCpp[1], h, h);
            see(v.DCp[1], h, h);
            for (int p = 0; p < 2; ++p) {
                const Int s_lo = l_lo + g(p, h), s_hi = l_hi + g(p, h);
                if (p == 0) see(v.DCp[0], s_lo, s_hi);
                see(v.DC[p], s_lo, s_hi);
                see(v.Out[p], shift_back(s_lo, row.s), shift_back(s_hi, row.s));
                const Int e = g(p, h) - g(p, H);
                out.error.see(shift_back(l_lo - L + e, row.s), shift_back(l_hi - L + e, row.s));
            }
        }
    }
    for (const Ext& o : v.Out) out.output.merge(o);
    return out;
}

struct Layout {
    const char* name;
    long px, py;
    std::vector<const Ext*> phases;
};

std::vector<Layout> layout(const LevelResult& r, bool two_d) {
    auto list = [](auto& a) {
        std::vector<const Ext*> out;
        for (const Ext& e : a) out.push_back(&e);
        return out;
    };
    if (!two_d) {
        const RowValues& v = r.row;
        return {{"L", 1, 1, {&v.L}},           {"H", 1, 1, {&v.H}},           {"DC''", 2, 1, list(v.DCpp)},
                {"DC'", 2, 1, list(v.DCp)},    {"DC", 2, 1, list(v.DC)},      {"Output", 2, 1, list(v.Out)}};
    }
    const TwoDValues& v = r.two_d;
    return {{"LL", 1, 1, {&v.LL}},       {"LH", 1, 1, {&v.LH}},       {"HL", 1, 1, {&v.HL}},
            {"HH", 1, 1, {&v.HH}},       {"L''", 1, 2, list(v.Lpp)},  {"L'", 1, 2, list(v.Lp)},
            {"L", 1, 2, list(v.L)},      {"H''", 1, 2, list(v.Hpp)},  {"H'", 1, 2, list(v.Hp)},
            {"H", 1, 2, list(v.H)},      {"DC''", 2, 2, list(v.DCpp)}, {"DC'", 2, 2, list(v.DCp)},
            {"DC", 2, 2, list(v.DC)},    {"Output", 2, 2, list(v.Out)}};
}

int band_value(const rigor::vc2::QuantisationMatrix& matrix, int level, const std::string& orient) {
    const auto m = matrix.find(level);
    if (m == matrix.end() || !m->second.count(orient))
        throw UserError("the quantisation matrix has no value for level " + std::to_string(level) + " " + orient);
    return m->second.at(orient);
}

}  // namespace

bool haar_levels_apply(const rigor::vc2::TransformConfig& c) {
    // By filter, not index: a wavelet file holding Haar gives what its index gives.
    const rigor::vc2::Wavelet& v = c.vertical_wavelet();
    const bool haar = rigor::vc2::same_filter(v, rigor::vc2::wavelet(3)) || rigor::vc2::same_filter(v, rigor::vc2::wavelet(4));
    return haar && rigor::vc2::same_filter(v, c.horizontal_wavelet()) && c.dwt_depth + c.dwt_depth_ho > 0;
}

namespace {

// Rows from the finest level (the picture, index n) to the coarsest (1, the finer low band).
std::vector<RowMap> row_maps(const rigor::vc2::TransformConfig& config, IntegerRange picture) {
    const int s = config.horizontal_wavelet().filter_bit_shift;  // 2-D levels shift by it too
    const int n = config.dwt_depth + config.dwt_depth_ho;
    std::vector<RowMap> rows(static_cast<std::size_t>(n + 1));
    rows[static_cast<std::size_t>(n)] = {s, picture.lower, picture.upper};
    for (int level = n - 1; level >= 1; --level) {
        const RowMap& finer = rows[static_cast<std::size_t>(level + 1)];
        rows[static_cast<std::size_t>(level)] = {s, finer.first(), finer.last()};
    }
    return rows;
}

// The coarsest level's input samples of a block (row-major) from its rows' (L, t), the
// free parts chosen: t the least of L's parity, L one whose radius holds t (header:
// (a, b) ↔ (L, t) a bijection; s = 1: a = (L − t)/2, b = (L + t)/2; s = 0: a = L − ⌈t/2⌉,
// b = a + t).
std::vector<Int> block_inputs(const RowMap& row, Block b, bool two_d) {
    std::vector<Int> out;
    for (int r = 0; r < (two_d ? 2 : 1); ++r) {
        Int& L = r ? b.L1 : b.L0;
        Int& t = r ? b.t1 : b.t0;
        if (!b.has_t) t = row.s && (L & 1) ? 1 : 0;
        if (!b.has_L) {
            L = row.first();
            while (L <= row.last() && (row.radius(L) < std::abs(t) || (row.s && ((L - t) & 1)))) ++L;
        }
        if (L < row.first() || L > row.last() || std::abs(t) > row.radius(L) || (row.s && ((L - t) & 1)))
            throw InternalError("a Haar block outside its rows' range");
        const Int a = row.s ? (L - t) / 2 : L - ((t + 1) >> 1);
        out.push_back(a);
        out.push_back(a + t);
    }
    return out;
}

}  // namespace

HaarLevels haar_levels(const rigor::vc2::TransformConfig& config, IntegerRange picture,
                       const rigor::vc2::QuantisationMatrix& matrix, int maximum_index, unsigned threads,
                       long long max_work) {
    HaarLevels out;
    if (!haar_levels_apply(config)) return out;
    const int n = config.dwt_depth + config.dwt_depth_ho;
    auto two_d = [&](int level) { return level > config.dwt_depth_ho; };
    const std::vector<RowMap> rows = row_maps(config, picture);
    const long long indices = maximum_index + 1;
    int levels = 0;
    for (int level = 1; level <= n; ++level) {
        const RowMap& r = rows[static_cast<std::size_t>(level)];
        const long long span = 2 * r.widest() + 1;
        const long long w = two_d(level) ? r.count() * r.count() + span * span : r.count() * span;
        if (out.work + w * indices > max_work) break;
        out.work += w * indices;
        levels = level;
    }
    out.levels = levels;
    if (levels == 0) return out;
    std::vector<BandIndices> values(static_cast<std::size_t>(levels + 1));
    for (int level = 1; level <= levels; ++level) {
        BandIndices& b = values[static_cast<std::size_t>(level)];
        if (two_d(level)) {
            b.lh = band_value(matrix, level, "LH");
            b.hl = band_value(matrix, level, "HL");
            b.hh = band_value(matrix, level, "HH");
        } else {
            b.hl = band_value(matrix, level, "H");
        }
    }
    const int low_value = band_value(matrix, 0, config.dwt_depth_ho > 0 ? "L" : "LL");
    auto index = [&](std::size_t qi, int value) { return std::max(0, static_cast<int>(qi) - value); };
    auto band_indices = [&](std::size_t qi, int level) {
        const BandIndices& v = values[static_cast<std::size_t>(level)];
        return BandIndices{0, index(qi, v.lh), index(qi, v.hl), index(qi, v.hh)};
    };
    auto coarsest_low = [&](std::size_t qi) {
        LowBand low;
        low.q.emplace(rows[1].first(), rows[1].last(), index(qi, low_value));
        return low;
    };

    std::vector<std::vector<LevelResult>> at(static_cast<std::size_t>(indices));
    parallel_for(at.size(), threads, [&](std::size_t qi) {
        std::vector<LevelResult>& results = at[qi];
        for (int level = 1; level <= levels; ++level) {
            const RowMap& r = rows[static_cast<std::size_t>(level)];
            const BandIndices q = band_indices(qi, level);
            LowBand low;
            if (level == 1)
                low = coarsest_low(qi);
            else
                low.error = results.back().error, low.output = results.back().output;
            if (!two_d(level))
                results.push_back(row_level(r, low, q));
            else if (level < levels)
                results.push_back(two_d_level<true>(r, low, q));
            else
                results.push_back(two_d_level<false>(r, low, q));
        }
    });

    // Per phase and side of the coarsest level: the first index reaching its bound.
    std::vector<std::vector<std::array<int, 2>>> reached;  // [array][phase] = {lowest, highest}
    for (int level = 1; level <= levels; ++level) {
        std::vector<HaarArrayBound> arrays;
        for (std::size_t qi = 0; qi < at.size(); ++qi) {
            const std::vector<Layout> l = layout(at[qi][static_cast<std::size_t>(level - 1)], two_d(level));
            if (arrays.empty()) {
                for (const Layout& a : l) {
                    arrays.push_back({level, a.name, a.px, a.py,
                                      std::vector<IntegerRange>(a.phases.size(), IntegerRange{0, 0}), level == 1, {}, {}});
                    if (level == 1) reached.emplace_back(a.phases.size(), std::array<int, 2>{-1, -1});
                }
            }
            for (std::size_t k = 0; k < l.size(); ++k)
                for (std::size_t p = 0; p < l[k].phases.size(); ++p) {
                    // Every range holds 0 (the value beyond every index) from its start.
                    IntegerRange& b = arrays[k].phases[p];
                    const Ext& e = *l[k].phases[p];
                    if (level == 1) {
                        std::array<int, 2>& first = reached[k][p];
                        if (e.lo < b.lower || (e.lo == b.lower && first[0] < 0)) first[0] = static_cast<int>(qi);
                        if (e.hi > b.upper || (e.hi == b.upper && first[1] < 0)) first[1] = static_cast<int>(qi);
                    }
                    b.lower = std::min(b.lower, e.lo);
                    b.upper = std::max(b.upper, e.hi);
                }
        }
        out.arrays.insert(out.arrays.end(), arrays.begin(), arrays.end());
    }

    // The coarsest level again at those indices, tracking the blocks (Ext::at_lo, at_hi).
    std::vector<std::size_t> wanted;
    for (const auto& phases : reached)
        for (const std::array<int, 2>& q : phases)
            for (int qi : q)
                if (qi >= 0) wanted.push_back(static_cast<std::size_t>(qi));
    std::sort(wanted.begin(), wanted.end());
    wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
    std::vector<LevelResult> tracked(wanted.size());
    parallel_for(wanted.size(), threads, [&](std::size_t j) {
        const std::size_t qi = wanted[j];
        tracked[j] = two_d(1) ? two_d_level<false, true>(rows[1], coarsest_low(qi), band_indices(qi, 1))
                              : row_level<true>(rows[1], coarsest_low(qi), band_indices(qi, 1));
    });
    std::vector<std::vector<Layout>> tracked_layout;
    for (const LevelResult& r : tracked) tracked_layout.push_back(layout(r, two_d(1)));
    for (std::size_t k = 0; k < reached.size(); ++k) {
        HaarArrayBound& a = out.arrays[k];
        a.lowest.resize(a.phases.size());
        a.highest.resize(a.phases.size());
        for (std::size_t p = 0; p < a.phases.size(); ++p)
            for (int side = 0; side < 2; ++side) {
                const int qi = reached[k][p][static_cast<std::size_t>(side)];
                if (qi < 0) continue;
                const auto j = static_cast<std::size_t>(
                    std::lower_bound(wanted.begin(), wanted.end(), static_cast<std::size_t>(qi)) - wanted.begin());
                const Ext& e = *tracked_layout[j][k].phases[p];
                if ((side ? e.hi : e.lo) != (side ? a.phases[p].upper : a.phases[p].lower))
                    throw InternalError("the tracking Haar pass misses the bound of (1, " + a.name + ")");
                (side ? a.highest : a.lowest)[p] = {qi, block_inputs(rows[1], side ? e.at_hi : e.at_lo, two_d(1))};
            }
    }
    return out;
}

namespace {

// Pixels at (x0, y0) whose analysis gives `value` as one input sample of `level` (from 1,
// the coarsest; n, the picture itself): every finer level's input block made of equal
// halves, so its low band is the value (s = 0: a = b = v, L = a + ⌈0/2⌉ = v; s = 1:
// a = ⌊v/2⌋, b = v − a, L = a + b = v; a 2-D level's rows equal, LL = L_0 = v) and its
// inputs within their range ([2lo', 2hi'] holds v, so a, b ∈ [lo', hi']).
void realise(const rigor::vc2::TransformConfig& config, const std::vector<RowMap>& rows, int level, Int value,
             rigor::vc2::SampleArray& out, long x0, long y0) {
    const int n = static_cast<int>(rows.size()) - 1;
    if (level == n) {
        out.at(x0, y0) = value;
        return;
    }
    const int finer = level + 1;
    const bool two_d = finer > config.dwt_depth_ho;
    // One input sample of `finer` covers 2^(n − finer) pixels across and 2^(2-D levels finer than it) down.
    long w = 1, h = 1;
    for (int l = finer + 1; l <= n; ++l) w *= 2, h *= l > config.dwt_depth_ho ? 2 : 1;
    const bool shift = rows[static_cast<std::size_t>(finer)].s != 0;
    const Int a = shift ? value >> 1 : value, b = shift ? value - a : value;
    for (int r = 0; r < (two_d ? 2 : 1); ++r)
        for (int i = 0; i < 2; ++i) realise(config, rows, finer, i ? b : a, out, x0 + i * w, y0 + r * h);
}

}  // namespace

rigor::vc2::SampleArray haar_block_picture(const rigor::vc2::TransformConfig& config, IntegerRange picture,
                                           const HaarBlock& block, long width, long height) {
    const std::vector<RowMap> rows = row_maps(config, picture);
    const int n = static_cast<int>(rows.size()) - 1;
    const bool two_d = config.dwt_depth_ho == 0;  // the coarsest level
    if (n < 1 || block.inputs.size() != (two_d ? 4u : 2u)) throw InternalError("a Haar block of another configuration");
    long w = 1, h = 1;  // one input sample of the coarsest level
    for (int l = 2; l <= n; ++l) w *= 2, h *= l > config.dwt_depth_ho ? 2 : 1;
    const long bw = 2 * w, bh = two_d ? 2 * h : h;
    rigor::vc2::SampleArray one(bw, bh);
    for (std::size_t k = 0; k < block.inputs.size(); ++k)
        realise(config, rows, 1, block.inputs[k], one, static_cast<long>(k % 2) * w, static_cast<long>(k / 2) * h);
    rigor::vc2::SampleArray out(width, height);
    for (long y = 0; y < height; ++y)
        for (long x = 0; x < width; ++x) out.at(x, y) = one.at(x % bw, y % bh);
    return out;
}

void narrow_by_haar_levels(const HaarLevels& haar, std::vector<ArrayBound>& arrays) {
    for (ArrayBound& a : arrays) {
        const auto h = std::find_if(haar.arrays.begin(), haar.arrays.end(),
                                    [&](const HaarArrayBound& b) { return b.level == a.level && b.name == a.name; });
        if (h == haar.arrays.end()) continue;
        for (long px = 0; px < a.period_x; ++px)
            for (long py = 0; py < a.period_y; ++py) {
                PhaseBound& p = a.phases[static_cast<std::size_t>(px * a.period_y + py)];
                const IntegerRange& e = h->phases[static_cast<std::size_t>((px % h->period_x) * h->period_y + py % h->period_y)];
                p.lower = std::max(p.lower, e.lower);
                p.upper = std::min(p.upper, e.upper);
                if (p.lower > p.upper)
                    throw InternalError("the Haar bounds of (" + std::to_string(a.level) + ", " + a.name +
                                        ") miss the decoder bounds: one of them is unsound");
            }
    }
}

}  // namespace rigor::pixel::vc2_tight
