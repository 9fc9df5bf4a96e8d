#include "pixel/vc2_tight/tight_table.hpp"

#include <algorithm>

#include "filters/base/error.hpp"
#include "pixel/vc2/quantisation.hpp"
#include "pixel/vc2_tight/synthesis_bounds.hpp"

namespace rigor::pixel::vc2_tight {

namespace bit_widths = rigor::pixel::vc2_bit_widths;

namespace {

const PhaseBound& phase_of(const ArrayBound& a, const formats::ArrayPhase& w) {
    if (w.x < 0 || w.x >= a.period_x || w.y < 0 || w.y >= a.period_y)
        throw InternalError("phase (" + std::to_string(w.x) + ", " + std::to_string(w.y) + ") outside the period of (" +
                            std::to_string(a.level) + ", " + a.name + ")");
    return a.phases[static_cast<std::size_t>(w.x * a.period_y + w.y)];
}

}  // namespace

TightTable tight_bit_width_table(const formats::StaticAnalysis& a, int bits, const rigor::vc2::QuantisationMatrix& matrix,
                                 const PictureGeometry& geo, unsigned threads) {
    if (!(geo.config == a.config)) throw InternalError("a tight table's geometry is of another configuration");
    TightTable out;
    out.geometry = geo;
    out.table = bit_widths::bit_width_table(a, bits, matrix, threads);
    const AnalysisBounds analysis = analysis_bounds(geo, out.table.bounds.picture, threads);
    const SynthesisBounds synthesis = synthesis_bounds(analysis, threads);
    for (bit_widths::TableRow& r : out.table.rows) {
        const ArrayBound& arr = r.synthesis ? synthesis.find(r.where.level, r.where.array_name)
                                            : analysis.find(r.where.level, r.where.array_name);
        const PhaseBound& p = phase_of(arr, r.where);
        r.lower = p.lower;
        r.upper = p.upper;
    }
    for (const BandRange& b : synthesis.bands) {
        const auto m = matrix.find(b.level);
        if (m == matrix.end() || !m->second.count(b.orient))
            throw UserError("the quantisation matrix has no value for level " + std::to_string(b.level) + " " +
                            b.orient);
        const int zeroing = std::max(pixel::vc2::smallest_zeroing_quantisation_index(b.analysis.lower),
                                     pixel::vc2::smallest_zeroing_quantisation_index(b.analysis.upper));
        out.maximum_quantisation_index = std::max(out.maximum_quantisation_index, zeroing + m->second.at(b.orient));
    }
    return out;
}

}  // namespace rigor::pixel::vc2_tight
