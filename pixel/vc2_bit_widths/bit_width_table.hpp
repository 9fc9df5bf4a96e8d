// The bit-width table (spec §7, the reference's `vc2-bit-widths-table`): for every array
// of the analysis and synthesis transforms (unreported ones filled in from the array
// holding the same value), the concrete bounds next to what the test patterns produce
// through the integer transform, and the bits both need.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "filters/base/progress.hpp"
#include "pixel/vc2_bit_widths/concrete_bounds.hpp"

namespace rigor::pixel::vc2_bit_widths {

struct TableRow {
    bool synthesis = false;
    formats::ArrayPhase where;  // phase (0, 0) and meaningless when rows are merged over phases
    std::int64_t lower = 0, pattern_min = 0, pattern_max = 0, upper = 0;

    int pattern_bits() const;
    int bound_bits() const;
    // "13" when both agree, else "pattern-bound" ("13-14").
    std::string bits_text() const;
};

struct BitWidthTable {
    ConcreteBounds bounds;
    std::vector<TableRow> rows;  // every array at every phase, analysis then synthesis
};

// threads ≤ 1 runs on the calling thread.  `progress` counts the test patterns run.
BitWidthTable bit_width_table(const formats::StaticAnalysis& analysis, int picture_bits,
                              const rigor::vc2::QuantisationMatrix& matrix, unsigned threads = 1,
                              const Progress& progress = {});

// One row per array: the widest range over its phases.
std::vector<TableRow> merge_phases(const std::vector<TableRow>& rows);

}  // namespace rigor::pixel::vc2_bit_widths
