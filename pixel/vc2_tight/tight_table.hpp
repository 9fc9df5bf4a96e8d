// The bit-width table with edge-inclusive bounds (`vc2-bit-widths-table --tight`): the
// reference's rows and test-pattern values (real values of the integer transform), the
// bounds replaced by those of analysis_bounds.hpp and synthesis_bounds.hpp, which hold at
// every position of every array, edges included, for every picture of the geometry.
//
// What the bounds are not yet: the tight decoder bounds of issue 12 part 2 (the chain
// picture → quantiser → decoder with the pixels as symbols).  The synthesis bounds are
// the reference's model of independent coefficients, made edge-inclusive.
#pragma once
#include "filters/formats/vc2_static_analysis.hpp"
#include "filters/vc2/quantisation_matrix.hpp"
#include "pixel/vc2_bit_widths/bit_width_table.hpp"
#include "pixel/vc2_tight/geometry.hpp"

namespace rigor::pixel::vc2_tight {

struct TightTable {
    PictureGeometry geometry;
    // Rows as the reference's table (bounds edge-inclusive); bounds.picture as the
    // reference's, the other fields of bounds are the reference's.
    pixel::vc2_bit_widths::BitWidthTable table;
    // max over bands of (smallest index zeroing the band's edge-inclusive range + matrix value)
    int maximum_quantisation_index = 0;
};

// `geometry` must be of the analysis's configuration; threads ≤ 1 runs on the calling thread.
TightTable tight_bit_width_table(const formats::StaticAnalysis& analysis, int picture_bits,
                                 const rigor::vc2::QuantisationMatrix& matrix, const PictureGeometry& geometry,
                                 unsigned threads = 1);

}  // namespace rigor::pixel::vc2_tight
