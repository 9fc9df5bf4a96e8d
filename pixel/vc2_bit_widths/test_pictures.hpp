// Test pictures (the reference's `vc2-bit-width-test-pictures`): every analysis and
// synthesis test pattern, in a maximising and a minimising version, packed onto as few
// pictures of a given size as possible.
//
// Patterns are packed largest first (by number of set pixels; ties keep the analysis's
// order), each at a whole multiple of its pattern translation multiple from where the
// analysis put it, so its target moves by the same number of target multiples and keeps
// its phase; bounding boxes never overlap (rectangle_packer.hpp).  Synthesis pictures
// are grouped by quantisation index: each polarity of a synthesis pattern goes onto a
// picture coded at the index where that polarity decoded furthest from zero
// (synthesis_pattern_extremes), pictures in ascending index order.
#pragma once
#include <vector>

#include "filters/base/progress.hpp"
#include "filters/formats/vc2_static_analysis.hpp"
#include "filters/vc2/quantisation_matrix.hpp"
#include "pixel/vc2/integer_transform.hpp"
#include "pixel/vc2_bit_widths/concrete_bounds.hpp"

namespace rigor::pixel::vc2_bit_widths {

// One targeted value: array and phase, polarity, and its position in the array.
struct TestPoint {
    formats::ArrayPhase where;
    bool maximise = true;
    long tx = 0, ty = 0;
};

struct TestPicture {
    // Signed samples: the signal maximum, the signal minimum, or 0 where no pattern
    // cares (mid-grey).
    rigor::vc2::SampleArray picture;
    int quantisation_index = -1;  // synthesis pictures only
    std::vector<TestPoint> points;
};

struct TestPictures {
    std::vector<TestPicture> analysis, synthesis;
};

// Throws rigor::UserError naming the first pattern that does not fit an empty
// width × height picture (at any allowed position).  threads ≤ 1: the calling thread.
// `progress` counts the synthesis patterns decoded at every index.
TestPictures make_test_pictures(const formats::StaticAnalysis& analysis, long width, long height, int picture_bits,
                                const rigor::vc2::QuantisationMatrix& matrix, unsigned threads = 1,
                                const Progress& progress = {});

}  // namespace rigor::pixel::vc2_bit_widths
