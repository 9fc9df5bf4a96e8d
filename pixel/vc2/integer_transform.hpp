// The integer VC-2 wavelet transform exactly as SMPTE ST 2042-1 15.4: the analysis
// (encoder, dwt) and synthesis (decoder, idwt) over a finite picture, with the
// specification's edge handling (lifting.hpp), 2-D and horizontal-only levels and the
// filter bit shift of the horizontal wavelet.
//
// Every intermediate array of spec §2 of the static analysis (Input, DC, DC', …, L, H,
// L', H', …, LL, LH, HL, HH, Output) is handed to an optional visitor as it is made, in
// the order the reference creates them, so any value of the transform can be read at
// any position.  Array coordinates are the array's own (x = column, y = row).
#pragma once
#include <functional>
#include <string_view>

#include "filters/vc2/sample_array.hpp"
#include "filters/vc2/transform_config.hpp"

namespace rigor::pixel::vc2 {

// Called with (level, array name, array) for every intermediate array.
using ArrayVisitor = std::function<void(int, std::string_view, const rigor::vc2::SampleArray&)>;

// Throws rigor::UserError unless width is a positive multiple of 2^(D + D_ho) and height
// a positive multiple of 2^D (every level must split into even halves).
void check_picture_size(const rigor::vc2::TransformConfig& config, long width, long height);

rigor::vc2::Coefficients analyse(const rigor::vc2::TransformConfig& config, rigor::vc2::SampleArray picture,
                                 const ArrayVisitor& visit = {});

// Synthesises levels 1 … last_level (default: all) and returns the last Output.
// Throws rigor::UserError when a band is missing or has the wrong size.
rigor::vc2::SampleArray synthesise(const rigor::vc2::TransformConfig& config,
                                   const rigor::vc2::Coefficients& coefficients, const ArrayVisitor& visit = {},
                                   int last_level = -1);

}  // namespace rigor::pixel::vc2
