#include "pixel/vc2_tight/tight_table.hpp"

#include <algorithm>

#include "filters/base/error.hpp"
#include "pixel/vc2_bit_widths/array_entries.hpp"
#include "pixel/vc2_tight/integer_lift_bounds.hpp"

namespace rigor::pixel::vc2_tight {

namespace bit_widths = rigor::pixel::vc2_bit_widths;

IntegerRange TightBounds::at(bool synthesis_side, const formats::ArrayPhase& w) const {
    const ArrayBound& a = synthesis_side ? decoder.find(w.level, w.array_name) : analysis.find(w.level, w.array_name);
    if (w.x < 0 || w.x >= a.period_x || w.y < 0 || w.y >= a.period_y)
        throw InternalError("phase (" + std::to_string(w.x) + ", " + std::to_string(w.y) + ") outside the period of (" +
                            std::to_string(a.level) + ", " + a.name + ")");
    const PhaseBound& p = a.phases[static_cast<std::size_t>(w.x * a.period_y + w.y)];
    return {p.lower, p.upper};
}

TightBounds tight_bounds(const PictureGeometry& geo, IntegerRange picture, const rigor::vc2::QuantisationMatrix& matrix,
                         unsigned threads, const Progress& progress) {
    TightBounds out;
    ProgressTask task(progress, "tight bound steps", 5);
    out.analysis = analysis_bounds(geo, picture, threads);
    task.step();
    // Narrowed before the decoder bounds take the bands' ranges from them.
    narrow_by_integer_lifts(rigor::vc2::analysis_graph(geo.config), geo, true, out.analysis.arrays);
    task.step();
    out.synthesis = synthesis_bounds(out.analysis, threads);
    task.step();
    out.decoder = decoder_bounds(out.analysis, out.synthesis, matrix, threads);
    // Haar: the exact block enumeration (haar_levels.hpp), intersected, never looser.
    out.haar = haar_levels(geo.config, picture, matrix, out.decoder.maximum_quantisation_index, threads);
    narrow_by_haar_levels(out.haar, out.decoder.arrays);
    task.step();
    narrow_by_integer_lifts(rigor::vc2::synthesis_graph(geo.config), geo, false, out.decoder.arrays);
    task.step();
    out.maximum_quantisation_index = out.decoder.maximum_quantisation_index;
    return out;
}

bit_widths::ReplacementBounds replacement_bounds(const TightBounds& b) {
    bit_widths::ReplacementBounds out;
    for (bool synthesis : {false, true})
        for (const bit_widths::ArrayEntry& e : bit_widths::all_array_phases(b.geometry().config, synthesis))
            (synthesis ? out.synthesis : out.analysis)[e.where] = b.at(synthesis, e.where);
    out.maximum_quantisation_index = b.maximum_quantisation_index;
    out.width = b.geometry().width;
    out.height = b.geometry().height;
    out.exact_size = b.geometry().exact_size;
    return out;
}

TightTable tight_table_before_witnesses(const formats::StaticAnalysis& a, int bits,
                                        const rigor::vc2::QuantisationMatrix& matrix, const PictureGeometry& geo,
                                        unsigned threads, const Progress& progress) {
    if (!(geo.config == a.config)) throw InternalError("a tight table's geometry is of another configuration");
    TightTable out;
    out.table = bit_widths::bit_width_table(a, bits, matrix, threads, progress);
    out.bounds = tight_bounds(geo, out.table.bounds.picture, matrix, threads, progress);
    apply_tight_bounds(out.table.rows, out.bounds);
    return out;
}

TightTable tight_bit_width_table(const formats::StaticAnalysis& a, int bits, const rigor::vc2::QuantisationMatrix& matrix,
                                 const PictureGeometry& geo, const WitnessOptions& search) {
    TightTable out = tight_table_before_witnesses(a, bits, matrix, geo, search.threads, search.progress);
    out.witnesses = find_witnesses(out.bounds, matrix, search);
    apply_witnesses(out.table.rows, out.witnesses);
    return out;
}

void apply_tight_bounds(std::vector<bit_widths::TableRow>& rows, const TightBounds& bounds) {
    for (bit_widths::TableRow& r : rows) {
        const IntegerRange b = bounds.at(r.synthesis, r.where);
        r.lower = b.lower;
        r.upper = b.upper;
    }
}

}  // namespace rigor::pixel::vc2_tight
