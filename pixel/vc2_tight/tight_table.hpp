// The bit-width table with tight, edge-inclusive bounds (`vc2-bit-widths-table --tight`):
// the reference's rows and test-pattern values (real values of the integer transform),
// the bounds replaced by those of analysis_bounds.hpp (encoder) and decoder_bounds.hpp
// (decoder: the chain picture → quantiser at each index → synthesis), which hold at every
// position of every array, edges included, for every picture of the geometry; and the
// same bounds for `vc2-verify --tight`.
#pragma once
#include "filters/formats/vc2_static_analysis.hpp"
#include "filters/vc2/quantisation_matrix.hpp"
#include "pixel/vc2_bit_widths/bit_width_table.hpp"
#include "pixel/vc2_bit_widths/verification.hpp"
#include "pixel/vc2_tight/decoder_bounds.hpp"
#include "pixel/vc2_tight/haar_levels.hpp"
#include "pixel/vc2_tight/witness.hpp"

namespace rigor::pixel::vc2_tight {

struct TightBounds {
    AnalysisBounds analysis;
    SynthesisBounds synthesis;  // the reference's decoder model, edges included
    DecoderBounds decoder;      // the tight decoder bounds (never looser than `synthesis`)
    HaarLevels haar;            // Haar: the exact blocks that narrowed `decoder` (else none)
    // max over bands of (smallest index zeroing the band's edge-inclusive range + matrix value)
    int maximum_quantisation_index = 0;

    const PictureGeometry& geometry() const { return analysis.geometry; }
    // The bound of one array at one of its phases (synthesis: the tight decoder bound).
    IntegerRange at(bool synthesis, const formats::ArrayPhase& where) const;
};

// Throws rigor::UserError when the matrix lacks a band.  `progress` counts its five
// steps (encoder bounds, their integer lifts, reference decoder, tight decoder, its lifts).
TightBounds tight_bounds(const PictureGeometry& geometry, IntegerRange picture,
                         const rigor::vc2::QuantisationMatrix& matrix, unsigned threads = 1,
                         const Progress& progress = {});

// Every array at every phase, for vc2-verify.
pixel::vc2_bit_widths::ReplacementBounds replacement_bounds(const TightBounds& bounds);

// Each row's bounds replaced by the tight ones of its array and phase.
void apply_tight_bounds(std::vector<pixel::vc2_bit_widths::TableRow>& rows, const TightBounds& bounds);

struct TightTable {
    TightBounds bounds;
    Witnesses witnesses;
    // Rows as the reference's table with the tight bounds, their pattern ranges widened by
    // the witnesses' values; table.bounds is the reference's.
    pixel::vc2_bit_widths::BitWidthTable table;
};

// The table's rows with the tight bounds and the reference's test-pattern values, before
// any witness: find_witnesses (or combined batches, witness_batch.hpp) and
// apply_witnesses complete it.
TightTable tight_table_before_witnesses(const formats::StaticAnalysis& analysis, int picture_bits,
                                        const rigor::vc2::QuantisationMatrix& matrix, const PictureGeometry& geometry,
                                        unsigned threads = 1, const Progress& progress = {});

// `geometry` must be of the analysis's configuration; search.threads ≤ 1 runs on the
// calling thread; search.progress counts the test patterns and bound steps too.  A batch
// of several (search.batches > 1) holds that batch's witnesses only: combine them
// (combine_witnesses) and apply them to the rows for the whole table.
TightTable tight_bit_width_table(const formats::StaticAnalysis& analysis, int picture_bits,
                                 const rigor::vc2::QuantisationMatrix& matrix, const PictureGeometry& geometry,
                                 const WitnessOptions& search = {});

}  // namespace rigor::pixel::vc2_tight
