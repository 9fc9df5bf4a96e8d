// The integer VC-2 wavelet transform exactly as SMPTE ST 2042-1 15.4: the analysis
// (encoder, dwt) and synthesis (decoder, idwt) over a finite picture, with the
// specification's edge handling (lifting.hpp), 2-D and horizontal-only levels and the
// filter bit shift of the horizontal wavelet.
//
// Every intermediate array of spec §2 of the static analysis (Input, DC, DC', …, L, H,
// L', H', …, LL, LH, HL, HH, Output) is handed to an optional visitor as it is made, in
// the order the reference creates them, so any value of the transform can be read at
// any position.  Plane coordinates are the array's own (x = column, y = row).
#pragma once
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "filters/vc2/transform_graph.hpp"
#include "pixel/vc2/plane.hpp"

namespace rigor::vc2 {

// level → orientation → band.  Level 0 is the DC band ("LL", or "L" with
// horizontal-only levels); 2-D levels hold LH, HL, HH; horizontal-only levels hold H.
using Coefficients = std::map<int, std::map<std::string, Plane>>;

// Called with (level, array name, array) for every intermediate array.
using ArrayVisitor = std::function<void(int, std::string_view, const Plane&)>;

// Throws rigor::UserError unless width is a positive multiple of 2^(D + D_ho) and height
// a positive multiple of 2^D (every level must split into even halves).
void check_picture_size(const TransformConfig& config, long width, long height);

Coefficients analyse(const TransformConfig& config, Plane picture, const ArrayVisitor& visit = {});

// Synthesises levels 1 … last_level (default: all) and returns the last Output.
// Throws rigor::UserError when a band is missing or has the wrong size.
Plane synthesise(const TransformConfig& config, const Coefficients& coefficients, const ArrayVisitor& visit = {},
                 int last_level = -1);

}  // namespace rigor::vc2
