// The static analysis of a VC-2 transform as one document (spec §5; the JSON of the
// reference's `vc2-static-filter-analysis`): symbolic/vc2 builds it and writes it
// (vc2_static_analysis_writer.hpp), the companion tools read it
// (vc2_static_analysis_reader.hpp), and `rigor vc2-report` hands it from one to the
// other directly.  Numbers are exact rationals in Boost's header-only cpp_rational, so
// the tools need no GiNaC; the symbolic engine converts its CLN values once, when it
// builds the document.
#pragma once
#include <boost/multiprecision/cpp_int.hpp>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "filters/formats/vc2_batches.hpp"
#include "filters/vc2/transform_config.hpp"

namespace rigor::formats {

using Rational = boost::multiprecision::cpp_rational;

// coefficient · symbol, or a constant term when symbol is empty.
struct LinearTerm {
    std::optional<std::string> symbol;
    Rational coefficient;
    bool operator==(const LinearTerm&) const = default;
};
using LinearExpression = std::vector<LinearTerm>;

// Identifies one value of the transform: an array of a level at one phase.
struct ArrayPhase {
    int level = 0;
    std::string array_name;
    long x = 0, y = 0;
    auto operator<=>(const ArrayPhase&) const = default;
};

// The exact bounds of one reported value as linear expressions in the input ranges
// (signal_min/signal_max for the analysis, coeff_<level>_<orient>_min/_max for the
// synthesis).
struct SignalBound {
    ArrayPhase where;
    LinearExpression lower, upper;
    bool operator==(const SignalBound&) const = default;
};

// A test pattern (spec §4): polarity +1 (the pixel at its maximum), −1 (at its minimum)
// or 0 (unset) on the box [dx, dx+width) × [dy, dy+height); the target value is at
// `target` in the array's own coordinates.  Moving the pattern by k·pattern_multiple
// pixels moves the target by k·target_multiple samples.
struct TestPattern {
    ArrayPhase where;
    long target_x = 0, target_y = 0;
    long dx = 0, dy = 0, width = 0, height = 0;
    // Row-major bits over the box, MSB first, last byte zero-padded: the serialised form,
    // kept as it is because large analyses hold ~10^9 pixels (2 bits each instead of a
    // byte).  A positive bit is only ever set where the mask bit is.
    std::vector<std::uint8_t> positive_bits;  // pixel > 0
    std::vector<std::uint8_t> mask_bits;      // pixel set
    long pattern_multiple_x = 1, pattern_multiple_y = 1;
    long target_multiple_x = 1, target_multiple_y = 1;

    // Makes the box width × height with every pixel unset.
    void clear_box(long box_width, long box_height);
    // −1, 0 or +1 at (col, row) of the box.
    int polarity(long col, long row) const {
        const std::size_t i = pixel_index(col, row);
        if (!(mask_bits[i / 8] & bit_of(i))) return 0;
        return (positive_bits[i / 8] & bit_of(i)) ? 1 : -1;
    }
    void set_polarity(long col, long row, int polarity) {
        const std::size_t i = pixel_index(col, row);
        const std::uint8_t bit = bit_of(i);
        mask_bits[i / 8] = static_cast<std::uint8_t>(polarity != 0 ? mask_bits[i / 8] | bit : mask_bits[i / 8] & ~bit);
        positive_bits[i / 8] =
            static_cast<std::uint8_t>(polarity > 0 ? positive_bits[i / 8] | bit : positive_bits[i / 8] & ~bit);
    }
    // Row `row` of the box from `width` polarities (how the analysis fills its patterns:
    // ~10^9 pixels for a 4-level Fidelity transform).
    void set_row(long row, const std::int8_t* row_polarities);
    std::size_t set_pixels() const;
    // Every polarity, row-major over the box (for the tools that edit a pattern), and
    // back: `row_major` must hold width × height values.
    std::vector<std::int8_t> polarities() const;
    void set_polarities(const std::vector<std::int8_t>& row_major);

    bool operator==(const TestPattern&) const = default;

private:
    std::size_t pixel_index(long col, long row) const {
        return static_cast<std::size_t>(row) * static_cast<std::size_t>(width) + static_cast<std::size_t>(col);
    }
    // Pixel i of the box (row-major) is bit 7 − i mod 8 of byte i div 8 (MSB first).
    static std::uint8_t bit_of(std::size_t i) { return static_cast<std::uint8_t>(0x80u >> (i % 8)); }
};

struct StaticAnalysis {
    vc2::TransformConfig config;
    std::optional<Batch> batch;  // one batch of a batched run (vc2_batches.hpp)
    // Every reported array at every phase, in the reference's order.
    std::vector<SignalBound> analysis_bounds, synthesis_bounds;
    std::vector<TestPattern> analysis_patterns, synthesis_patterns;
    bool operator==(const StaticAnalysis&) const = default;
};

}  // namespace rigor::formats
