// Descale: the least-squares inverse of an upscale, as the descale filter computes it
// (spec: "Descaling").  The upscale of one line of n samples to m is y = A·x with A the
// m×n matrix of the kernel at the descale filter's (and zimg's) positions: output i sits
// at source position (i + 0.5)·src_width/m + src_left, its taps are the 2·radius·blur
// samples nearest it, weighted by kernel(distance) and normalised to sum 1 over all taps,
// and taps past an edge follow the border mode (mirror: half-sample symmetric, zero:
// dropped, repeat: the edge sample).  The resize is separable (A_h ⊗ A_w), so the
// solution is the row solve then the column solve, each through the banded normal
// equations AᵀA x = Aᵀy (Cholesky, in double).
#pragma once
#include "filters/regress/recipe.hpp"
#include "filters/regress/resize_kernel.hpp"
#include "pixel/regress/float_plane.hpp"

namespace rigor::pixel::regress {

struct DescaleRequest {
    int width = 0, height = 0;             // the size to recover
    double src_left = 0, src_top = 0;      // the upscale's shifts
    double src_width = 0, src_height = 0;  // the upscale's source window; 0: width, height
    rigor::regress::DescaleBorder border = rigor::regress::DescaleBorder::mirror;
};

// Throws UserError when the size is not smaller or equal to the source's, or when the
// kernel's AᵀA is singular (e.g. point downscale), naming the kernel and the sizes.
Plane descale_plane(const Plane& src, const rigor::regress::ResizeKernel& kernel, const DescaleRequest& request);

// The old call: mirror borders, the whole window.
inline Plane descale_plane(const Plane& src, const rigor::regress::ResizeKernel& kernel, int width, int height,
                           double src_left = 0, double src_top = 0) {
    return descale_plane(src, kernel, DescaleRequest{width, height, src_left, src_top, 0, 0, {}});
}

// The m×n upscale matrix of one axis, row-major (row i: the weights output i gives the
// n source samples); exposed for the tests.
std::vector<double> upscale_matrix(const rigor::regress::ResizeKernel& kernel, int n, int m, double shift,
                                   double window, rigor::regress::DescaleBorder border);

}  // namespace rigor::pixel::regress
