// `vc2-verify --tight` (issue 12 §4): every value of every array of the real integer
// transform (pixel/vc2), edges included, checked against the tight bounds (tight_table.hpp)
// on two picture sizes:
//   - the given size (default 1920×1080) against the bounds of exactly that size: random
//     and saturated pictures and the two flat ones (the test patterns are left out: each
//     would cost a whole large picture decoded at every index);
//   - the minimum size the tight bounds state, against the bounds for every size from it:
//     the same kinds of pictures, the test patterns that fit, and the witness pictures of
//     the tight table's search (witness.hpp), which reach or come close to the bounds.
// Every decoding runs at every index up to the tight maximum quantisation index.
#pragma once
#include <cstdint>
#include <functional>

#include "filters/formats/vc2_static_analysis.hpp"
#include "filters/vc2/quantisation_matrix.hpp"
#include "pixel/vc2_bit_widths/verification.hpp"
#include "pixel/vc2_tight/witness.hpp"

namespace rigor::pixel::vc2_tight {

struct TightVerificationOptions {
    long width = 1920, height = 1080;  // the given size
    int random_pictures = 4;           // of each kind (uniform, saturated), at each size
    std::uint64_t seed = 1;
    WitnessOptions search;  // threads and progress for the bounds too
    // Test hook (never set by the command line): changes each size's bounds before they are
    // checked, so a test can narrow one and see the violation reported.
    std::function<void(pixel::vc2_bit_widths::ReplacementBounds&)> adjust_bounds;
};

struct TightVerification {
    pixel::vc2_bit_widths::VerificationReport at_size, at_minimum;
    long witness_pictures = 0;  // run at the minimum size

    std::int64_t violations() const { return at_size.violations + at_minimum.violations; }
};

// Throws rigor::UserError for a size the transform cannot split.
TightVerification verify_tight(const formats::StaticAnalysis& analysis, int picture_bits,
                               const rigor::vc2::QuantisationMatrix& matrix,
                               const TightVerificationOptions& options = {});

}  // namespace rigor::pixel::vc2_tight
