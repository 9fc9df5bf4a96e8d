// Resizing one float plane through zimg (Debian libzimg), with zimg's conventions
// (spec: "Chroma reconstruction"): output sample i sits at source position
// (i + 0.5)·src_width/dst_width + src_left, kernels widen when downscaling, taps past an
// edge mirror half-sample-symmetrically.  src_width/src_height default to the plane's.
#pragma once
#include "filters/regress/resize_kernel.hpp"
#include "pixel/regress/float_plane.hpp"

namespace rigor::pixel::regress {

struct ResizeRequest {
    int width = 0, height = 0;       // output size
    double src_left = 0, src_top = 0;
    double src_width = 0, src_height = 0;  // 0: the source plane's size
};

// Throws UserError for a non-float plane, a size < 1, or what zimg refuses (its message).
Plane resize_plane(const Plane& src, const rigor::regress::ResizeKernel& kernel, const ResizeRequest& request);

}  // namespace rigor::pixel::regress
