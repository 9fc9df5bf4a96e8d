#include "filters/vc2/transform_graph.hpp"

#include <numeric>

#include "filters/base/error.hpp"

namespace rigor::vc2 {

int AxisNetwork::add(AxisNode node) {
    nodes.push_back(node);
    return static_cast<int>(nodes.size()) - 1;
}

int AxisNetwork::source(int log2_step) {
    AxisNode n;
    n.log2_step = log2_step;
    return add(n);
}

int AxisNetwork::scale(int input, int shift) {
    AxisNode n = nodes[input];
    n.op = AxisOp::Scale;
    n.input = input;
    n.shift = shift;
    return add(n);
}

int AxisNetwork::lift(int input, const LiftingStage& s) {
    stages.push_back(s);
    AxisNode n;
    n.op = AxisOp::Lift;
    n.input = input;
    n.stage = static_cast<int>(stages.size()) - 1;
    n.log2_step = nodes[input].log2_step;
    return add(n);
}

int AxisNetwork::even(int input) {
    AxisNode n;
    n.op = AxisOp::Even;
    n.input = input;
    n.log2_step = nodes[input].log2_step + 1;
    return add(n);
}

int AxisNetwork::odd(int input) {
    int id = even(input);
    nodes[id].op = AxisOp::Odd;
    return id;
}

int AxisNetwork::interleave(int even_input, int odd_input) {
    AxisNode n;
    n.op = AxisOp::Interleave;
    n.input = even_input;
    n.input_odd = odd_input;
    n.log2_step = nodes[even_input].log2_step - 1;
    return add(n);
}

ArrayEntryRef TransformGraph::reported_entry(int index, long x, long y) const {
    // Every derivation points to an earlier array, so this ends.
    for (;;) {
        if (index < 0 || index >= static_cast<int>(arrays.size()))
            throw InternalError("an unreported VC-2 array has no source");
        const TransformArray& a = arrays[static_cast<std::size_t>(index)];
        switch (a.derivation) {
            case Derivation::Reported: return {index, x % a.period_x, y % a.period_y};
            case Derivation::Alias: index = a.from; break;
            case Derivation::EvenColumns: index = a.from; x = 2 * x; break;
            case Derivation::OddColumns: index = a.from; x = 2 * x + 1; break;
            case Derivation::EvenRows: index = a.from; y = 2 * y; break;
            case Derivation::OddRows: index = a.from; y = 2 * y + 1; break;
            case Derivation::InterleaveColumns:
                index = x % 2 == 0 ? a.from : a.from_odd;
                x /= 2;
                break;
            case Derivation::InterleaveRows:
                index = y % 2 == 0 ? a.from : a.from_odd;
                y /= 2;
                break;
        }
    }
}

const TransformArray* TransformGraph::find(int level, const std::string& name) const {
    for (const TransformArray& a : arrays)
        if (a.level == level && a.name == name) return &a;
    return nullptr;
}

namespace {

std::string primes(std::size_t n) { return std::string(n, '\''); }

struct Period {
    int x = 1, y = 1;
};
Period lifted_x(Period p) { return {std::lcm(2, p.x), p.y}; }
Period lifted_y(Period p) { return {p.x, std::lcm(2, p.y)}; }
Period subsampled_x(Period p) { return {std::lcm(p.x, 2) / 2, p.y}; }
Period subsampled_y(Period p) { return {p.x, std::lcm(p.y, 2) / 2}; }
Period interleaved_x(Period a, Period b) { return {2 * std::lcm(a.x, b.x), std::lcm(a.y, b.y)}; }
Period interleaved_y(Period a, Period b) { return {std::lcm(a.x, b.x), 2 * std::lcm(a.y, b.y)}; }

// `derivation`, `from`, `from_odd`: where the values are when the array is not reported.
TransformArray make(int level, std::string name, int x, int y, Period period, bool reported,
                    Derivation derivation = Derivation::Reported, int from = -1, int from_odd = -1) {
    TransformArray a;
    if (!reported) {
        a.derivation = derivation;
        a.from = from;
        a.from_odd = from_odd;
    }
    a.level = level;
    a.name = std::move(name);
    a.x = x;
    a.y = y;
    a.period_x = period.x;
    a.period_y = period.y;
    a.reported = reported;
    return a;
}

int push(TransformGraph& g, TransformArray a) {
    g.arrays.push_back(std::move(a));
    return static_cast<int>(g.arrays.size()) - 1;
}

}  // namespace

TransformGraph analysis_graph(const TransformConfig& c) {
    check_transform_config(c);
    const Wavelet& v = c.vertical_wavelet();
    const Wavelet& h = c.horizontal_wavelet();
    const int b = h.filter_bit_shift;
    const int top = c.dwt_depth + c.dwt_depth_ho;
    const auto h_stages = h.analysis_stages();
    const auto v_stages = v.analysis_stages();

    TransformGraph g;
    g.input_x = g.ax.source(0);
    g.input_y = g.ay.source(0);
    int in_x = g.input_x, in_y = g.input_y;
    Period in;
    int in_array = -1;  // the array feeding the next level down (LL, or L)
    for (int level = top; level >= 1; --level) {
        const bool two_d = level > c.dwt_depth_ho;
        const int input = push(g, make(level, "Input", in_x, in_y, in, level == top, Derivation::Alias, in_array));
        int x = g.ax.scale(in_x, b);  // x << b is exact
        int last = push(g, make(level, "DC", x, in_y, in, b != 0, Derivation::Alias, input));
        Period p = in;
        for (std::size_t k = 0; k < h_stages.size(); ++k) {
            x = g.ax.lift(x, h_stages[k]);
            p = lifted_x(p);
            TransformArray a = make(level, "DC" + primes(k + 1), x, in_y, p, true);
            a.error = RoundingError::LiftX;
            a.stage = g.ax.nodes[static_cast<std::size_t>(x)].stage;
            last = push(g, a);
        }
        const int lx = g.ax.even(x), hx = g.ax.odd(x);
        p = subsampled_x(p);
        int l_array = push(g, make(level, "L", lx, in_y, p, false, Derivation::EvenColumns, last));
        int h_array = push(g, make(level, "H", hx, in_y, p, false, Derivation::OddColumns, last));
        if (!two_d) {
            g.bands.push_back({level, "H", hx, in_y});
            if (level == 1) g.bands.push_back({0, "L", lx, in_y});
            in_x = lx;
            in = p;
            in_array = l_array;
            continue;
        }
        int y = in_y;
        for (std::size_t k = 0; k < v_stages.size(); ++k) {
            y = g.ay.lift(y, v_stages[k]);
            p = lifted_y(p);
            for (int col : {lx, hx}) {
                TransformArray a = make(level, (col == lx ? "L" : "H") + primes(k + 1), col, y, p, true);
                a.error = RoundingError::LiftY;
                a.stage = g.ay.nodes[static_cast<std::size_t>(y)].stage;
                (col == lx ? l_array : h_array) = push(g, a);
            }
        }
        const int ey = g.ay.even(y), oy = g.ay.odd(y);
        p = subsampled_y(p);
        in_array = push(g, make(level, "LL", lx, ey, p, false, Derivation::EvenRows, l_array));
        push(g, make(level, "LH", lx, oy, p, false, Derivation::OddRows, l_array));
        push(g, make(level, "HL", hx, ey, p, false, Derivation::EvenRows, h_array));
        push(g, make(level, "HH", hx, oy, p, false, Derivation::OddRows, h_array));
        g.bands.push_back({level, "LH", lx, oy});
        g.bands.push_back({level, "HL", hx, ey});
        g.bands.push_back({level, "HH", hx, oy});
        if (level == 1) g.bands.push_back({0, "LL", lx, ey});
        in_x = lx;
        in_y = ey;
        in = p;
    }
    return g;
}

TransformGraph synthesis_graph(const TransformConfig& c) {
    check_transform_config(c);
    const Wavelet& v = c.vertical_wavelet();
    const Wavelet& h = c.horizontal_wavelet();
    const int b = h.filter_bit_shift;
    const int top = c.dwt_depth + c.dwt_depth_ho;
    const auto& h_stages = h.synthesis_stages;
    const auto& v_stages = v.synthesis_stages;

    TransformGraph g;
    if (top == 0) return g;
    // The DC band enters at level 1; along y it only passes 2-D levels.
    int low_x = g.ax.source(top);
    int low_y = g.ay.source(c.dwt_depth);
    g.bands.push_back({0, c.dwt_depth_ho > 0 ? "L" : "LL", low_x, low_y});
    Period low;  // period of the low band: the DC band, then each level's Output
    const Period band;  // coefficient bands have period 1
    int output = -1;    // the previous level's Output
    for (int level = 1; level <= top; ++level) {
        const bool two_d = level > c.dwt_depth_ho;
        const int step = top - level + 1;  // log2 pixels per coefficient of this level
        TransformArray low_array =
            make(level, two_d ? "LL" : "L", low_x, low_y, low, level == 1 || b != 0, Derivation::Alias, output);
        if (level > 1) {  // the previous Output, reported again (the reference's quirk)
            low_array.mirror_level = level - 1;
            low_array.mirror_name = "Input";
        }
        const int low_index = push(g, low_array);
        int l_array = low_index, h_array = -1;
        const int hx = g.ax.source(step);
        int y = low_y;
        Period col_l = low, col_h = band;
        if (two_d) {
            // The high rows enter at the vertical interleave.  HL's vertical map is the
            // low input's (both are "vertically low"), so it shares that node.
            const int hy = g.ay.source(step);
            g.bands.push_back({level, "LH", low_x, hy});
            g.bands.push_back({level, "HL", hx, low_y});
            g.bands.push_back({level, "HH", hx, hy});
            int band_array[3];
            for (std::size_t i = g.bands.size() - 3, k = 0; i < g.bands.size(); ++i, ++k)
                band_array[k] = push(g, make(level, g.bands[i].orient, g.bands[i].x, g.bands[i].y, band, true));
            y = g.ay.interleave(low_y, hy);
            col_l = interleaved_y(low, band);
            col_h = interleaved_y(band, band);
            const std::size_t n = v_stages.size();
            // Vertical interleave: the low rows are LL (L column) and HL (H column).
            l_array = push(g, make(level, "L" + primes(n), low_x, y, col_l, false, Derivation::InterleaveRows, low_index,
                                   band_array[0]));
            h_array = push(g, make(level, "H" + primes(n), hx, y, col_h, false, Derivation::InterleaveRows,
                                   band_array[1], band_array[2]));
            for (std::size_t k = 0; k < n; ++k) {
                y = g.ay.lift(y, v_stages[k]);
                col_l = lifted_y(col_l);
                col_h = lifted_y(col_h);
                for (int col : {low_x, hx}) {
                    const bool is_l = col == low_x;
                    TransformArray a =
                        make(level, (is_l ? "L" : "H") + primes(n - k - 1), col, y, is_l ? col_l : col_h, true);
                    a.error = RoundingError::LiftY;
                    a.stage = g.ay.nodes[static_cast<std::size_t>(y)].stage;
                    (is_l ? l_array : h_array) = push(g, a);
                }
            }
        } else {
            g.bands.push_back({level, "H", hx, low_y});
            h_array = push(g, make(level, "H", hx, low_y, band, true));
        }
        int x = g.ax.interleave(low_x, hx);
        Period p = interleaved_x(col_l, col_h);
        const std::size_t n = h_stages.size();
        int last = push(g, make(level, "DC" + primes(n), x, y, p, false, Derivation::InterleaveColumns, l_array, h_array));
        for (std::size_t k = 0; k < n; ++k) {
            x = g.ax.lift(x, h_stages[k]);
            p = lifted_x(p);
            TransformArray a = make(level, "DC" + primes(n - k - 1), x, y, p, true);
            a.error = RoundingError::LiftX;
            a.stage = g.ax.nodes[static_cast<std::size_t>(x)].stage;
            last = push(g, a);
        }
        x = g.ax.scale(x, -b);
        TransformArray out = make(level, "Output", x, y, p, b != 0, Derivation::Alias, last);
        out.error = b != 0 ? RoundingError::RightShift : RoundingError::None;
        out.mirror_level = level;
        out.mirror_name = "Input";
        output = push(g, out);
        low_x = x;
        low_y = y;
        low = p;
    }
    for (TransformArray& a : g.arrays)
        if (a.mirror_name.empty()) {
            a.mirror_level = a.level;
            a.mirror_name = a.name;
        }
    return g;
}

}  // namespace rigor::vc2
