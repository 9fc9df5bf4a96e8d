#include "pixel/vc2_bit_widths/array_entries.hpp"

namespace rigor::pixel::vc2_bit_widths {

using rigor::vc2::analysis_graph;
using rigor::vc2::ArrayEntryRef;
using rigor::vc2::synthesis_graph;
using rigor::vc2::TransformArray;
using rigor::vc2::TransformConfig;
using rigor::vc2::TransformGraph;

std::vector<ArrayEntry> all_array_phases(const TransformGraph& g) {
    std::vector<ArrayEntry> out;
    for (int i = 0; i < static_cast<int>(g.arrays.size()); ++i) {
        const TransformArray& a = g.arrays[static_cast<std::size_t>(i)];
        for (long x = 0; x < a.period_x; ++x)
            for (long y = 0; y < a.period_y; ++y) {
                const ArrayEntryRef r = g.reported_entry(i, x, y);
                const TransformArray& s = g.arrays[static_cast<std::size_t>(r.array)];
                out.push_back({{a.level, a.name, x, y}, {s.level, s.name, r.x, r.y}});
            }
    }
    return out;
}

std::vector<ArrayEntry> all_array_phases(const TransformConfig& c, bool synthesis) {
    return all_array_phases(synthesis ? synthesis_graph(c) : analysis_graph(c));
}

}  // namespace rigor::pixel::vc2_bit_widths
