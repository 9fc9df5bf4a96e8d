// regression() and reconstruct() in any window mean (filters/regress/params.hpp
// MeanMode): the fused kernels (fused.hpp) for the box mean, otherwise the model's steps
// one plane at a time (reference_way.hpp) with window_mean() for every M.  The front
// ends call these; the results carry the same planes either way.
#pragma once
#include "filters/regress/params.hpp"
#include "pixel/regress/fused.hpp"

namespace rigor::pixel::regress {

// Throws UserError for bad params, non-float planes or planes of different sizes.
RegressionPlanes regression(const Plane& x, const Plane& y, const rigor::regress::RegressParams& params,
                            int threads = 1);

// intercept may be null.  Same errors.
Plane reconstruction(const Plane& x, const Plane& slope, const Plane& correlation, const Plane* intercept,
                     const rigor::regress::ReconstructParams& params, int threads = 1);

// reconstruction(detail, regression(x, y)) (fused in one sweep for two box means).
Plane regress_reconstruct(const Plane& x, const Plane& y, const Plane& detail,
                          const rigor::regress::RegressParams& rp, const rigor::regress::ReconstructParams& cp,
                          int threads = 1);

}  // namespace rigor::pixel::regress
