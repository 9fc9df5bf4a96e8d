#include "pixel/regress/regression.hpp"

#include "filters/regress/model.hpp"
#include "filters/regress/weights.hpp"
#include "pixel/regress/reference_way.hpp"

namespace rigor::pixel::regress {

using rigor::regress::ReconstructParams;
using rigor::regress::RegressParams;

RegressionPlanes regression(const Plane& x, const Plane& y, const RegressParams& p, int threads) {
    if (p.mean.is_box()) return regress_fused(x, y, p, threads);
    p.validate();
    const double w = rigor::regress::reliability_weight(p.radius, p.alpha, p.weight_method);
    NamedPlanes in;
    in.emplace("x", x);
    in.emplace("y", y);
    NamedPlanes out = run_reference_way(rigor::regress::regression_model(p, w), in, p.border, threads);
    RegressionPlanes r;
    r.weight = w;
    r.slope = std::move(out.at("slope"));
    r.correlation = std::move(out.at("correlation"));
    if (p.intercept != 0) r.intercept = std::move(out.at("intercept"));
    return r;
}

Plane reconstruction(const Plane& x, const Plane& slope, const Plane& correlation, const Plane* intercept,
                     const ReconstructParams& p, int threads) {
    if (p.mean.is_box()) return reconstruct_fused(x, slope, correlation, intercept, p, threads);
    NamedPlanes in;
    in.emplace("x", x);
    in.emplace("slope", slope);
    in.emplace("correlation", correlation);
    if (intercept) in.emplace("intercept", *intercept);
    NamedPlanes out = run_reference_way(rigor::regress::reconstruct_model(p, intercept != nullptr), in, p.border,
                                        threads);
    return std::move(out.at("reconstructed"));
}

Plane regress_reconstruct(const Plane& x, const Plane& y, const Plane& detail, const RegressParams& rp,
                          const ReconstructParams& cp, int threads) {
    if (rp.mean.is_box() && cp.mean.is_box()) return regress_reconstruct_fused(x, y, detail, rp, cp, threads);
    require_same_size(x, "x", detail, "reconstruct input");
    const RegressionPlanes r = regression(x, y, rp, threads);
    return reconstruction(detail, r.slope, r.correlation, rp.intercept != 0 ? &r.intercept : nullptr, cp, threads);
}

}  // namespace rigor::pixel::regress
