// A static analysis's symbolic bounds evaluated for a real codec (spec §7): a picture
// of B bits has samples in [−2^(B−1), 2^(B−1) − 1]; each synthesis input band's range is
// its analysis range widened to the largest magnitude dequantisation can produce; every
// concrete bound is rounded away from zero.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <utility>

#include "filters/formats/vc2_static_analysis.hpp"
#include "filters/vc2/quantisation_matrix.hpp"

namespace rigor::pixel::vc2_bit_widths {

struct IntegerRange {
    std::int64_t lower = 0, upper = 0;
};

inline constexpr int kMinPictureBits = 1;
inline constexpr int kMaxPictureBits = 32;

// Throws rigor::UserError unless kMinPictureBits ≤ bits ≤ kMaxPictureBits.
void check_picture_bits(int bits);
IntegerRange picture_range(int bits);

// Rounds away from zero; throws rigor::UserError when the result does not fit 63 bits.
std::int64_t round_away_from_zero(const formats::Rational& value);

// Σ coefficient·value(symbol) + constants; throws rigor::UserError naming an unknown symbol.
formats::Rational evaluate(const formats::LinearExpression& e, const std::map<std::string, formats::Rational>& symbols);

// Bits of a two's-complement value: bit_length(v < 0 ? −v−1 : v) + 1.
int signed_bits(std::int64_t v);

using BandKey = std::pair<int, std::string>;  // (level, orientation); level 0 = DC band

struct ConcreteBounds {
    IntegerRange picture;
    std::map<formats::ArrayPhase, IntegerRange> analysis;   // every reported analysis entry
    std::map<formats::ArrayPhase, IntegerRange> synthesis;  // every reported synthesis entry
    std::map<BandKey, IntegerRange> band_analysis;          // each coefficient band's analysis range
    std::map<BandKey, IntegerRange> band_synthesis;         // … widened by dequantisation
    // max over bands of (smallest index zeroing the band's analysis bound + matrix value)
    int maximum_quantisation_index = 0;
};

ConcreteBounds concrete_bounds(const formats::StaticAnalysis& analysis, int picture_bits,
                               const rigor::vc2::QuantisationMatrix& matrix);

}  // namespace rigor::pixel::vc2_bit_widths
