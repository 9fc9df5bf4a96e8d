#include "pixel/vc2/array_layout.hpp"

#include <map>
#include <numeric>

#include "filters/error.hpp"

namespace rigor::vc2 {

namespace {

std::string primes(std::size_t n) { return std::string(n, '\''); }

// How an array's value at (x, y) is found when it is not reported itself: in `source`
// at (2x + dx, y) (a column subsample), (x, 2y + dy) (a row subsample), an interleave
// of two arrays along one axis, or the same position (an alias).
struct Rule {
    enum Kind { Reported, Alias, Columns, Rows, InterleaveColumns, InterleaveRows } kind = Reported;
    int source = -1;      // index of the source (the even one for interleaves)
    int odd_source = -1;  // interleaves
    long parity = 0;      // subsamples: 0 = even, 1 = odd
};

struct Layout {
    std::vector<ArrayLayout> arrays;
    std::vector<Rule> rules;

    int add(int level, std::string name, long px, long py, bool reported, Rule rule = {}) {
        arrays.push_back({level, std::move(name), px, py, reported});
        rules.push_back(reported ? Rule{} : rule);
        return static_cast<int>(arrays.size()) - 1;
    }
    const ArrayLayout& operator[](int i) const { return arrays[static_cast<std::size_t>(i)]; }
};

// What the layout needs of the wavelets: stage counts and whether b ≠ 0.
struct Shape {
    std::size_t nh, nv;  // horizontal and vertical lifting stages
    bool shift;          // the horizontal wavelet's filter bit shift is not 0
    int top;             // the number of levels

    explicit Shape(const TransformConfig& c)
        : nh(wavelet(c.wavelet_index_ho).synthesis_stages.size()),
          nv(wavelet(c.wavelet_index).synthesis_stages.size()),
          shift(wavelet(c.wavelet_index_ho).filter_bit_shift != 0),
          top(c.dwt_depth + c.dwt_depth_ho) {}
};

Layout analysis_layout(const TransformConfig& c) {
    const auto [nh, nv, shift, top] = Shape(c);
    Layout g;
    int next_input = -1;  // the LL (or L) that feeds the next level down
    for (int level = top; level >= 1; --level) {
        const int input = g.add(level, "Input", 1, 1, level == top, {Rule::Alias, next_input});
        int dc = g.add(level, "DC", 1, 1, shift, {Rule::Alias, input});
        for (std::size_t k = 1; k <= nh; ++k) dc = g.add(level, "DC" + primes(k), 2, 1, true);
        int l = g.add(level, "L", 1, 1, false, {Rule::Columns, dc, -1, 0});
        int hi = g.add(level, "H", 1, 1, false, {Rule::Columns, dc, -1, 1});
        if (level <= c.dwt_depth_ho) {
            next_input = l;
            continue;
        }
        for (std::size_t k = 1; k <= nv; ++k) {
            l = g.add(level, "L" + primes(k), 1, 2, true);
            hi = g.add(level, "H" + primes(k), 1, 2, true);
        }
        next_input = g.add(level, "LL", 1, 1, false, {Rule::Rows, l, -1, 0});
        g.add(level, "LH", 1, 1, false, {Rule::Rows, l, -1, 1});
        g.add(level, "HL", 1, 1, false, {Rule::Rows, hi, -1, 0});
        g.add(level, "HH", 1, 1, false, {Rule::Rows, hi, -1, 1});
    }
    return g;
}

Layout synthesis_layout(const TransformConfig& c) {
    const auto [nh, nv, shift, top] = Shape(c);
    Layout g;
    int output = -1;  // the previous level's Output
    for (int level = 1; level <= top; ++level) {
        const bool two_d = level > c.dwt_depth_ho;
        const std::string low_name = two_d ? "LL" : "L";
        // Level 1's low band is a coefficient band; above, it is the previous Output,
        // reported again when b ≠ 0 (the reference's quirk).
        const long lpx = output < 0 ? 1 : g[output].period_x, lpy = output < 0 ? 1 : g[output].period_y;
        const int low = g.add(level, low_name, lpx, lpy, output < 0 || shift, {Rule::Alias, output});
        int col_l = low, col_h;
        if (two_d) {
            const int lh = g.add(level, "LH", 1, 1, true);
            const int hl = g.add(level, "HL", 1, 1, true);
            const int hh = g.add(level, "HH", 1, 1, true);
            const long py = 2 * lpy;  // 2·lcm(lpy, 1); lifting keeps it (already even)
            col_l = g.add(level, "L" + primes(nv), lpx, py, false, {Rule::InterleaveRows, low, lh});
            col_h = g.add(level, "H" + primes(nv), 1, 2, false, {Rule::InterleaveRows, hl, hh});
            for (std::size_t k = nv; k-- > 0;) {
                col_l = g.add(level, "L" + primes(k), lpx, py, true);
                col_h = g.add(level, "H" + primes(k), 1, 2, true);
            }
        } else {
            col_h = g.add(level, "H", 1, 1, true);
        }
        const long px = 2 * std::lcm(g[col_l].period_x, g[col_h].period_x);
        const long py = std::lcm(g[col_l].period_y, g[col_h].period_y);
        int dc = g.add(level, "DC" + primes(nh), px, py, false, {Rule::InterleaveColumns, col_l, col_h});
        for (std::size_t k = nh; k-- > 0;) dc = g.add(level, "DC" + primes(k), px, py, true);
        output = g.add(level, "Output", px, py, shift, {Rule::Alias, dc});
    }
    return g;
}

ArrayPhase resolve(const Layout& g, int index, long x, long y) {
    for (;;) {
        const Rule& r = g.rules[static_cast<std::size_t>(index)];
        switch (r.kind) {
            case Rule::Reported: {
                const ArrayLayout& a = g[index];
                return {a.level, a.name, x % a.period_x, y % a.period_y};
            }
            case Rule::Alias: index = r.source; break;
            case Rule::Columns: index = r.source; x = 2 * x + r.parity; break;
            case Rule::Rows: index = r.source; y = 2 * y + r.parity; break;
            case Rule::InterleaveColumns: index = x % 2 == 0 ? r.source : r.odd_source; x /= 2; break;
            case Rule::InterleaveRows: index = y % 2 == 0 ? r.source : r.odd_source; y /= 2; break;
        }
        if (index < 0) throw InternalError("an unreported VC-2 array has no source");
    }
}

std::vector<ArrayLayout> arrays_of(const Layout& g) { return g.arrays; }

}  // namespace

std::vector<ArrayLayout> analysis_arrays(const TransformConfig& c) { return arrays_of(analysis_layout(c)); }
std::vector<ArrayLayout> synthesis_arrays(const TransformConfig& c) { return arrays_of(synthesis_layout(c)); }

std::vector<ArrayEntry> all_array_phases(const TransformConfig& c, bool synthesis) {
    const Layout g = synthesis ? synthesis_layout(c) : analysis_layout(c);
    std::vector<ArrayEntry> out;
    for (int i = 0; i < static_cast<int>(g.arrays.size()); ++i) {
        const ArrayLayout& a = g[i];
        for (long x = 0; x < a.period_x; ++x)
            for (long y = 0; y < a.period_y; ++y) out.push_back({{a.level, a.name, x, y}, resolve(g, i, x, y)});
    }
    return out;
}

}  // namespace rigor::vc2
