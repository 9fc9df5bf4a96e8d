// `vc2-bit-width-test-pictures … --tight`: the witness pictures of the tight bounds
// (pixel/vc2_tight/witness.hpp) as files.
//   witness_K.png   the picture, gray, each sample the picture's unsigned BITS-bit sample
//                   (value + 2^(BITS-1), not scaled): an 8-bit PNG for BITS ≤ 8, else
//                   16-bit; more than 16 bits do not fit a PNG (rigor::UserError)
//   witnesses.json  the index: for every array, phase and extreme (highest, lowest) that
//                   has a witness, its value, the bound, the picture file, where in the
//                   array it is reached and (decoder) the quantisation index
#pragma once
#include <string>

#include "pixel/io/frame.hpp"
#include "pixel/vc2_tight/tight_table.hpp"

namespace rigor::cli {

// Throws rigor::UserError when BITS-bit samples do not fit a PNG.
void check_witness_picture_bits(int bits);

std::string witness_picture_name(std::size_t k);  // "witness_K.png"

pixel::Frame witness_frame(const rigor::vc2::SampleArray& picture, int bits);

// The index (python json.dump layout, no newline at the end).
std::string witness_index_json(const pixel::vc2_tight::Witnesses& witnesses,
                               const pixel::vc2_tight::TightBounds& bounds, int bits);

}  // namespace rigor::cli
