// Descale: the least-squares inverse of an upscale, as the descale filter computes it
// (spec: "Descaling").  The upscale of one line of n samples to m is y = A·x with A the
// m×n matrix of the kernel at the descale filter's (and zimg's) positions: output i sits
// at source position (i + 0.5)·src_width/m + src_left, its taps are the 2·radius·blur
// samples nearest it, weighted by kernel(distance) and normalised to sum 1 over all taps,
// and taps past an edge follow the border mode (mirror: half-sample symmetric, zero:
// dropped, repeat: the edge sample).  The resize is separable (A_h ⊗ A_w), so the
// solution is the row solve then the column solve, each through the banded normal
// equations AᵀA x = Aᵀy (Cholesky, in double).
//
// Planned once (zimg's model): a DescalePlan holds, per axis, the columns of A and the
// banded Cholesky factor of AᵀA for one source size, kernel, shift and border; apply()
// then only substitutes.  The substitution runs on kLanes lines at once (the row solve on
// kLanes rows, the column solve on kLanes neighbouring columns), so every step of the
// recurrence is one vector operation across lines, and blocks of lines go to threads.
// Each line sees the same operations in the same order as the plain one-line solve
// (descale_plane_reference), so the two agree bit for bit whatever the thread count.
#pragma once
#include <memory>

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

struct DescaleAxis;  // one axis' A columns and factor (descale.cpp)

class DescalePlan {
public:
    // For sources of src_width × src_height.  Throws UserError when the size is not
    // smaller or equal to the source's, or when the kernel's AᵀA is singular (e.g.
    // point downscale), naming the kernel and the sizes.
    DescalePlan(const rigor::regress::ResizeKernel& kernel, const DescaleRequest& request, int src_width,
                int src_height);
    ~DescalePlan();
    DescalePlan(DescalePlan&&) noexcept;
    DescalePlan& operator=(DescalePlan&&) noexcept;

    int src_width() const { return src_width_; }
    int src_height() const { return src_height_; }
    int width() const { return width_; }
    int height() const { return height_; }

    // Throws UserError for a non-float plane or one of another size than planned;
    // the solves themselves do not throw.
    Plane apply(const Plane& src, int threads = 1) const;

    // The same result by one scalar line at a time (the plain reference).
    Plane apply_reference(const Plane& src) const;

private:
    void check(const Plane& src) const;
    int src_width_, src_height_, width_, height_;
    std::unique_ptr<DescaleAxis> horizontal_, vertical_;
};

// Plan and apply in one call (one frame).
Plane descale_plane(const Plane& src, const rigor::regress::ResizeKernel& kernel, const DescaleRequest& request,
                    int threads = 1);

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
