// regression() and reconstruct() fused, for the box mean: all window means of one call
// come from one sliding_window_sums pass (window_sums.hpp), and every per-pixel formula
// is evaluated in that same pass — the templates of filters/regress/formulas.hpp, the
// one definition model.cpp builds the model's steps from (moments in double, the
// quotients and the root in binary32), on spans of a row (span_formulas.hpp; the
// interior by span_kernels.hpp's AVX2 kernels, equal to their plain loops bit for bit).  Other means: regression.hpp.  Rows go in
// restart blocks (window_sums.hpp) to `threads` threads of the base library's worker
// pool.  Validation happens before any pixel; the loops do not throw.
#pragma once
#include <memory>

#include "filters/regress/params.hpp"
#include "pixel/regress/float_plane.hpp"
#include "pixel/regress/float_rows.hpp"

namespace rigor::pixel::regress {

struct RegressionPlanes {
    Plane slope;
    Plane intercept;  // empty (0×0) when params.intercept == 0
    Plane correlation;
    double weight = 1;  // the reliability weight w (the reference's RegressWeight property)
};

// Throws UserError for bad params, non-float planes or planes of different sizes.
RegressionPlanes regress_fused(const Plane& x, const Plane& y, const rigor::regress::RegressParams& params,
                               int threads = 1);

// intercept may be null (no intercept term).  Same errors.
Plane reconstruct_fused(const Plane& x, const Plane& slope, const Plane& correlation, const Plane* intercept,
                        const rigor::regress::ReconstructParams& params, int threads = 1);

// regression(x, y) then reconstruct(detail, …) in one sweep, without full-size slope
// and correlation planes: each block of output rows computes the regression rows it
// needs (a few rows more than the block) into small scratch planes.  Equal to the two
// calls above within float rounding (the regression restarts its sums at other rows);
// independent of the thread count.  detail is reconstruct's x (in the chroma recipe
// Lb − Ld, in the plain filter x itself).  Same errors.
Plane regress_reconstruct_fused(const Plane& x, const Plane& y, const Plane& detail,
                                const rigor::regress::RegressParams& rp, const rigor::regress::ReconstructParams& cp,
                                int threads = 1);

// The same two kernels on rows held elsewhere (a host's frames), read and written in
// place: no copy in or out.  Every plane must have x's size (UserError otherwise);
// intercept is written only when params.intercept ≠ 0, and for reconstruct an intercept
// with null data means none.  regress_fused_rows returns the reliability weight w.
double regress_fused_rows(FloatRows x, FloatRows y, const rigor::regress::RegressParams& params,
                          MutableFloatRows slope, MutableFloatRows correlation, MutableFloatRows intercept,
                          int threads = 1);
void reconstruct_fused_rows(FloatRows x, FloatRows slope, FloatRows correlation, FloatRows intercept,
                            const rigor::regress::ReconstructParams& params, MutableFloatRows out, int threads = 1);

// The ring and window-sum buffers of regress_then_reconstruct_rows, kept from one call
// to the next (a host's frames): made again only when the size or parameters change.
class SweepScratch {
public:
    SweepScratch();
    ~SweepScratch();
    SweepScratch(SweepScratch&&) noexcept;
    SweepScratch& operator=(SweepScratch&&) noexcept;
    struct Parts;
    std::unique_ptr<Parts> parts;
};

// reconstruct_fused_rows(detail, slope, correlation, intercept) of the results of
// regress_fused_rows(x, y), equal to those two calls bit for bit, in one sweep on the
// calling thread: the regression rows live in a ring of 2R + 4 rows (R = cp.radius),
// computed just before reconstruct reads them, never as full planes.  For a host that
// sees a reconstruct fed by a regression (the VapourSynth plugin).  Same errors.
void regress_then_reconstruct_rows(FloatRows x, FloatRows y, FloatRows detail,
                                   const rigor::regress::RegressParams& rp, const rigor::regress::ReconstructParams& cp,
                                   MutableFloatRows out, SweepScratch& scratch);

// A box mean of one plane (the reference's BoxBlur), with the same window sums.
Plane box_mean(const Plane& src, int radius, rigor::regress::BorderMode border, int threads = 1);

}  // namespace rigor::pixel::regress
