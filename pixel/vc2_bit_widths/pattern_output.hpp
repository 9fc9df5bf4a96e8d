// What a test pattern actually produces at its target through the integer transform.
//
// The pattern is placed in a zero picture with a margin of whole pattern translation
// multiples on every side (so the target keeps its phase and moves by whole target
// multiples), wide enough that the specification's picture edges cannot reach the
// target: the value is that of the pattern on an infinite zero background, as the
// static analysis models it (arrays without edges).
//
// Analysis: the pattern with +1 → signal max, −1 → signal min gives the maximum; the
// negated assignment gives the minimum.  Synthesis: both pictures are encoded, every
// coefficient quantised and dequantised at index max(0, qi − matrix value) for
// qi = 0 … maximum_qi, decoded, and the smallest and largest target values over all of
// those decodings kept (as the reference does).
#pragma once
#include <cstdint>

#include "filters/formats/vc2_static_analysis.hpp"
#include "filters/vc2/quantisation_matrix.hpp"
#include "pixel/vc2/integer_transform.hpp"
#include "pixel/vc2_bit_widths/concrete_bounds.hpp"

namespace rigor::pixel::vc2_bit_widths {

struct PatternRange {
    std::int64_t min = 0, max = 0;
};

// A pattern placed in a picture: `picture` holds the maximising assignment (the
// minimising one is `negated`), the target's position moved with it.
struct PlacedPattern {
    rigor::vc2::SampleArray picture, negated;
    long target_x = 0, target_y = 0;
};

// margin_multiples scales the default margin (tests use it to show the edges are out of reach).
PlacedPattern place_pattern(const rigor::vc2::TransformConfig& config, const formats::TestPattern& pattern,
                            IntegerRange signal, long margin_multiples = 1);

// The value of analysis array (level, name) at (x, y) when `picture` is analysed.
std::int64_t analysis_value(const rigor::vc2::TransformConfig& config, const rigor::vc2::SampleArray& picture,
                            int level, const std::string& name, long x, long y);

PatternRange analysis_pattern_output(const rigor::vc2::TransformConfig& config, const formats::TestPattern& pattern,
                                     IntegerRange signal, long margin_multiples = 1);

// The most extreme decoded value of one polarity of a synthesis pattern and the first
// quantisation index giving it (largest magnitude, lowest index on ties, as the
// reference picks the index its test pictures are to be coded with).
struct ExtremeAtIndex {
    std::int64_t value = 0;
    int qi = 0;
};
struct SynthesisExtremes {
    ExtremeAtIndex minimising;  // the negated pattern
    ExtremeAtIndex maximising;  // the pattern as given
};

SynthesisExtremes synthesis_pattern_extremes(const rigor::vc2::TransformConfig& config,
                                             const formats::TestPattern& pattern, IntegerRange signal,
                                             const rigor::vc2::QuantisationMatrix& matrix, int maximum_qi,
                                             long margin_multiples = 1);

// The decoded value of synthesis array (level, name) at (x, y) when `picture` is
// encoded, quantised at qi (per band max(0, qi − matrix value)) and decoded.
std::int64_t synthesis_value(const rigor::vc2::TransformConfig& config, const rigor::vc2::SampleArray& picture,
                             const rigor::vc2::QuantisationMatrix& matrix, int qi, int level, const std::string& name,
                             long x, long y);

PatternRange synthesis_pattern_output(const rigor::vc2::TransformConfig& config, const formats::TestPattern& pattern,
                                      IntegerRange signal, const rigor::vc2::QuantisationMatrix& matrix, int maximum_qi,
                                      long margin_multiples = 1);

// Each coefficient replaced by inverse(forward(c, q), q), q = max(0, qi − matrix value).
void quantise_in_place(rigor::vc2::Coefficients& coefficients, const rigor::vc2::QuantisationMatrix& matrix, int qi);

}  // namespace rigor::pixel::vc2_bit_widths
