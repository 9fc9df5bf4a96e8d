// The emitted Expr strings run through rigor's Expr engine (with box means between
// them, as the reference chains Expr and BoxBlur) give the fused kernels' planes.
#include <catch2/catch.hpp>
#include <cmath>

#include "filters/regress/expr_string.hpp"
#include "filters/regress/model.hpp"
#include "filters/regress/weights.hpp"
#include "pixel/regress/fused.hpp"
#include "pixel/regress/reference_way.hpp"
#include "planes.hpp"

using namespace rigor::regress;
using namespace rigor::pixel::regress;
using rigor::pixel::Plane;
using namespace rigor::pixel::regress::test;

TEST_CASE("emitted Expr strings through the Expr engine equal the fused kernels", "[expr-engine]") {
    const std::uint32_t seed = 4242;
    INFO("seed " << seed);
    const int w = 96, h = 64;
    const Plane x = random_plane(w, h, seed, 0.0, 1.0);
    const Plane noise = random_plane(w, h, seed + 1, -0.05, 0.05);
    const Plane y = plane_from(w, h, [&](int i, int j) { return 0.5 * at(x, i, j) - 0.25 + at(noise, i, j); });
    for (double intercept : {0.0, 1.0}) {
        RegressParams p;
        p.radius = 2;
        p.intercept = intercept;
        const double wt = reliability_weight(p.radius, p.alpha, p.weight_method);
        NamedPlanes in;
        in.emplace("x", Plane(x));
        in.emplace("y", Plane(y));
        const auto chain = run_reference_way_expr(regression_model(p, wt), in, p.border, 2, expr_string);
        const auto fused = regress_fused(x, y, p, 2);
        ReconstructParams rp;
        NamedPlanes rin;
        rin.emplace("x", Plane(x));
        rin.emplace("slope", Plane(fused.slope));
        rin.emplace("correlation", Plane(fused.correlation));
        if (intercept != 0) rin.emplace("intercept", Plane(fused.intercept));
        const auto rchain =
            run_reference_way_expr(reconstruct_model(rp, intercept != 0), rin, rp.border, 2, expr_string);
        const Plane rfused = reconstruct_fused(x, fused.slope, fused.correlation,
                                               intercept != 0 ? &fused.intercept : nullptr, rp, 2);
        int compared = 0;
        for (int j = 0; j < h; ++j)
            for (int i = 0; i < w; ++i) {
                INFO("intercept " << intercept << " pixel " << i << "," << j);
                // float32 chains cancel in var = E[x²] − E[x]²: compare where var_x is not tiny.
                if (at(chain.at("var_x"), i, j) < 1e-3f) continue;
                ++compared;
                CHECK(at(chain.at("slope"), i, j) == Approx(at(fused.slope, i, j)).epsilon(1e-3).margin(1e-4));
                CHECK(at(chain.at("correlation"), i, j) == Approx(at(fused.correlation, i, j)).margin(1e-3));
                if (intercept != 0)
                    CHECK(at(chain.at("intercept"), i, j) == Approx(at(fused.intercept, i, j)).margin(1e-3));
                CHECK(at(rchain.at("reconstructed"), i, j) == Approx(at(rfused, i, j)).epsilon(1e-5).margin(1e-5));
            }
        CHECK(compared > w * h / 2);
    }
}
