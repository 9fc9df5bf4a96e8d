// Witnesses (issue 12 part 3): pictures whose values through the real integer transform
// (pixel/vc2; for the decoder the real dead-zone quantiser at one index) reach each
// array's tight bounds.  A witness value is a value of the transform, so it never exceeds
// a sound bound; one that meets its bound's bit width makes the table's number exact.
//
// The search, per array, phase and side (largest, smallest):
//   1. Sign pictures of the exact linear part.  The value at a class pair (the pair where
//      analysis_bounds.hpp / decoder_bounds.hpp found the extreme) has pixel weights
//      gx[i]·gy[j] (analysis: the array's own response); the picture with hi where the
//      weight is positive and lo where it is negative (negated for the smallest)
//      maximises the linear part.  Decoder: at index qi the bands Z it zeroes drop out,
//      and the linear part is Σ_{b∉Z} U_b with U_b = ux_b ⊗ uy_b the band's synthesis
//      gains pushed back through the analysis (decoder_bounds.hpp); one sign picture per
//      distinct set of non-zero bands, decoded at the indices that give that set.  Every
//      candidate picture is run whole, so any of its values at any position of any array
//      can be the witness of that array and phase.
//      Haar (haar_levels.hpp): the picture of each exact bound's block, coded at the index
//      the enumeration found it at, which reaches that bound exactly.
//   2. Local search (coordinate moves) for the targets still short of their bound's bit
//      width: from the best picture, one pixel at a time inside the target's dependency
//      region is moved (to the other extreme, or by ±1, ±2, … to shift roundings and
//      quantiser bins), the move kept when the target's value does not get worse; the
//      value is always recomputed by the whole integer transform.  A fixed pseudo-random
//      sequence per target (seeded by the target) keeps it deterministic.
//
// Batches: every batch runs all of step 1 (a small part of the work), so all batches
// find the same targets; batch b of B searches the targets numbered ≡ b (mod B).
// combine_witnesses takes the extremes over batches (ties: the smaller picture key),
// which is what one run over everything gives.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "filters/base/progress.hpp"
#include "filters/vc2/quantisation_matrix.hpp"
#include "filters/vc2/sample_array.hpp"
#include "pixel/vc2_bit_widths/bit_width_table.hpp"

namespace rigor::pixel::vc2_tight {

struct TightBounds;  // tight_table.hpp

struct WitnessValue {
    std::int64_t value = 0;
    long picture = -1;  // index into Witnesses::pictures; −1: none yet
    int qi = -1;        // decoder: the quantisation index; analysis: −1
    long x = 0, y = 0;  // where, in the array's own coordinates
};

struct PhaseWitness {
    WitnessValue lowest, highest;
};

struct ArrayWitnesses {
    int level = 0;
    std::string name;
    long period_x = 1, period_y = 1;
    std::vector<PhaseWitness> phases;  // x-major, as PhaseBound
};

struct Witnesses {
    long width = 0, height = 0;                     // every picture's size
    std::vector<rigor::vc2::SampleArray> pictures;  // only those some witness uses
    std::vector<std::uint64_t> keys;                // per picture: its search key (ties, batches)
    std::vector<ArrayWitnesses> analysis, synthesis;
    long transforms = 0;  // analyses and syntheses run

    const PhaseWitness& at(bool synthesis, const formats::ArrayPhase& where) const;
};

struct WitnessOptions {
    int batches = 1, batch = 0;
    long moves = 100;  // local-search moves per target short of its bit width (0: none)
    // Larger pictures (an exact --width/--height such as 1920x1080) are not searched: every
    // witness is left empty (each transform would cost thousands of minimum pictures).
    long max_pixels = 1L << 18;
    unsigned threads = 1;
    Progress progress;
};

// No witness yet of any array or phase of `config`'s transform, for pictures of
// width × height: the layout find_witnesses fills.
Witnesses no_witnesses(const rigor::vc2::TransformConfig& config, long width, long height);

// `bounds` from tight_bounds of the same matrix.  The pictures are the bounds' geometry.
Witnesses find_witnesses(const TightBounds& bounds, const rigor::vc2::QuantisationMatrix& matrix,
                         const WitnessOptions& options = {});

// The extremes over the batches' results (all of one geometry and configuration).
Witnesses combine_witnesses(const std::vector<Witnesses>& parts);

// Each row's pattern range widened by the witnesses of its array and phase.
void apply_witnesses(std::vector<pixel::vc2_bit_widths::TableRow>& rows, const Witnesses& witnesses);

}  // namespace rigor::pixel::vc2_tight
