#include "filters/vc2/transform_graph.hpp"

#include <numeric>

#include "filters/error.hpp"

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

const TransformArray* TransformGraph::find(int level, const std::string& name) const {
    for (const TransformArray& a : arrays)
        if (a.level == level && a.name == name) return &a;
    return nullptr;
}

namespace {

void check(const TransformConfig& c) {
    wavelet(c.wavelet_index);
    wavelet(c.wavelet_index_ho);
    if (c.dwt_depth < 0) throw UserError("dwt depth must not be negative (got " + std::to_string(c.dwt_depth) + ")");
    if (c.dwt_depth_ho < 0)
        throw UserError("horizontal-only dwt depth must not be negative (got " + std::to_string(c.dwt_depth_ho) + ")");
}

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

TransformArray make(int level, std::string name, int x, int y, Period period, bool reported) {
    TransformArray a;
    a.level = level;
    a.name = std::move(name);
    a.x = x;
    a.y = y;
    a.period_x = period.x;
    a.period_y = period.y;
    a.reported = reported;
    return a;
}

}  // namespace

TransformGraph analysis_graph(const TransformConfig& c) {
    check(c);
    const Wavelet& v = wavelet(c.wavelet_index);
    const Wavelet& h = wavelet(c.wavelet_index_ho);
    const int b = h.filter_bit_shift;
    const int top = c.dwt_depth + c.dwt_depth_ho;
    const auto h_stages = h.analysis_stages();
    const auto v_stages = v.analysis_stages();

    TransformGraph g;
    g.input_x = g.ax.source(0);
    g.input_y = g.ay.source(0);
    int in_x = g.input_x, in_y = g.input_y;
    Period in;
    for (int level = top; level >= 1; --level) {
        const bool two_d = level > c.dwt_depth_ho;
        g.arrays.push_back(make(level, "Input", in_x, in_y, in, level == top));
        int x = g.ax.scale(in_x, b);  // x << b is exact
        g.arrays.push_back(make(level, "DC", x, in_y, in, b != 0));
        Period p = in;
        for (std::size_t k = 0; k < h_stages.size(); ++k) {
            x = g.ax.lift(x, h_stages[k]);
            p = lifted_x(p);
            TransformArray a = make(level, "DC" + primes(k + 1), x, in_y, p, true);
            a.error = RoundingError::LiftX;
            a.stage = g.ax.nodes[static_cast<std::size_t>(x)].stage;
            g.arrays.push_back(a);
        }
        const int lx = g.ax.even(x), hx = g.ax.odd(x);
        p = subsampled_x(p);
        g.arrays.push_back(make(level, "L", lx, in_y, p, false));
        g.arrays.push_back(make(level, "H", hx, in_y, p, false));
        if (!two_d) {
            g.bands.push_back({level, "H", hx, in_y});
            if (level == 1) g.bands.push_back({0, "L", lx, in_y});
            in_x = lx;
            in = p;
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
                g.arrays.push_back(a);
            }
        }
        const int ey = g.ay.even(y), oy = g.ay.odd(y);
        p = subsampled_y(p);
        g.arrays.push_back(make(level, "LL", lx, ey, p, false));
        g.arrays.push_back(make(level, "LH", lx, oy, p, false));
        g.arrays.push_back(make(level, "HL", hx, ey, p, false));
        g.arrays.push_back(make(level, "HH", hx, oy, p, false));
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
    check(c);
    const Wavelet& v = wavelet(c.wavelet_index);
    const Wavelet& h = wavelet(c.wavelet_index_ho);
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
    for (int level = 1; level <= top; ++level) {
        const bool two_d = level > c.dwt_depth_ho;
        const int step = top - level + 1;  // log2 pixels per coefficient of this level
        TransformArray low_array = make(level, two_d ? "LL" : "L", low_x, low_y, low, level == 1 || b != 0);
        if (level > 1) {  // the previous Output, reported again (the reference's quirk)
            low_array.mirror_level = level - 1;
            low_array.mirror_name = "Input";
        }
        g.arrays.push_back(low_array);
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
            for (std::size_t i = g.bands.size() - 3; i < g.bands.size(); ++i)
                g.arrays.push_back(make(level, g.bands[i].orient, g.bands[i].x, g.bands[i].y, band, true));
            y = g.ay.interleave(low_y, hy);
            col_l = interleaved_y(low, band);
            col_h = interleaved_y(band, band);
            const std::size_t n = v_stages.size();
            g.arrays.push_back(make(level, "L" + primes(n), low_x, y, col_l, false));
            g.arrays.push_back(make(level, "H" + primes(n), hx, y, col_h, false));
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
                    g.arrays.push_back(a);
                }
            }
        } else {
            g.bands.push_back({level, "H", hx, low_y});
            g.arrays.push_back(make(level, "H", hx, low_y, band, true));
        }
        int x = g.ax.interleave(low_x, hx);
        Period p = interleaved_x(col_l, col_h);
        const std::size_t n = h_stages.size();
        g.arrays.push_back(make(level, "DC" + primes(n), x, y, p, false));
        for (std::size_t k = 0; k < n; ++k) {
            x = g.ax.lift(x, h_stages[k]);
            p = lifted_x(p);
            TransformArray a = make(level, "DC" + primes(n - k - 1), x, y, p, true);
            a.error = RoundingError::LiftX;
            a.stage = g.ax.nodes[static_cast<std::size_t>(x)].stage;
            g.arrays.push_back(a);
        }
        x = g.ax.scale(x, -b);
        TransformArray out = make(level, "Output", x, y, p, b != 0);
        out.error = b != 0 ? RoundingError::RightShift : RoundingError::None;
        out.mirror_level = level;
        out.mirror_name = "Input";
        g.arrays.push_back(out);
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
