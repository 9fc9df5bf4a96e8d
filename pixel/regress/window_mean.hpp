// The window mean M of one plane in any MeanMode (filters/regress/params.hpp): the box
// mean by running sums (fused.hpp's box_mean), the Lehmer family as the ratio of two
// box means of powers (so its cost does not grow with the radius either), minimum,
// maximum and median from the (2r+1)² samples of each window (cost ∝ r²).  Borders as
// the box mean's (border.hpp window_index), rows in blocks on `threads` threads.
#pragma once
#include "filters/regress/params.hpp"
#include "pixel/regress/float_plane.hpp"

namespace rigor::pixel::regress {

// Throws UserError for a non-float plane or a negative radius.
Plane window_mean(const Plane& src, int radius, rigor::regress::MeanMode mode, rigor::regress::BorderMode border,
                  int threads = 1);

}  // namespace rigor::pixel::regress
