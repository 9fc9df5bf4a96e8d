// Descale: the least-squares inverse of an upscale (spec: "Descaling … is not in zimg").
// Finds the width×height plane X minimising ‖resize(X) − src‖² where resize is
// resize_plane(X, kernel, {src.width, src.height, src_left, src_top}).  The resize is
// separable (A_h ⊗ A_w), so the solution is the row solve then the column solve, each
// through the banded normal equations AᵀA x = Aᵀy (Cholesky).  A's entries are taken
// from zimg itself (impulse responses), so descale inverts exactly the resize used
// elsewhere.
#pragma once
#include "filters/regress/resize_kernel.hpp"
#include "pixel/regress/float_plane.hpp"

namespace rigor::pixel::regress {

// Throws UserError when the size is not smaller or equal to the source's, or when the
// kernel's AᵀA is singular (e.g. point downscale), naming the kernel and the sizes.
Plane descale_plane(const Plane& src, const rigor::regress::ResizeKernel& kernel, int width, int height,
                    double src_left = 0, double src_top = 0);

}  // namespace rigor::pixel::regress
