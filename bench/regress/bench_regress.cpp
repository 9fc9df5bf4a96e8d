// regression + reconstruct on 1920×1080 float planes, radius 1 and 4, 1 and 2 threads:
// frames per second of the fused kernels and of the reference way (every Expr through
// rigor's Expr engine and every box mean a separate full-plane pass), in the same run.
// Targets (issue 6): fused ≥ 5× the reference way; radius 4 within 20 % of radius 1.
#include <chrono>
#include <cstdio>
#include <random>

#include "filters/regress/model.hpp"
#include "filters/regress/weights.hpp"
#include "pixel/regress/fused.hpp"
#include "pixel/regress/reference_way.hpp"
#include "symbolic/regress/expr_string.hpp"

using namespace rigor::regress;

namespace {

Plane random_plane(std::uint32_t seed, double lo, double hi) {
    Plane p = make_float_plane(1920, 1080);
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> d{float(lo), float(hi)};
    for (int y = 0; y < 1080; ++y)
        for (int x = 0; x < 1920; ++x) p.row_as<float>(y)[x] = d(rng);
    return p;
}

template <class F>
double fps(F&& run, double min_seconds) {
    using clock = std::chrono::steady_clock;
    run();  // warm-up
    int frames = 0;
    const auto start = clock::now();
    double elapsed = 0;
    do {
        run();
        ++frames;
        elapsed = std::chrono::duration<double>(clock::now() - start).count();
    } while (elapsed < min_seconds);
    return frames / elapsed;
}

}  // namespace

int main(int argc, char** argv) {
    const double seconds = argc > 1 ? std::atof(argv[1]) : 1.5;
    const Plane x = random_plane(1, 0.0, 1.0), y = random_plane(2, -0.5, 0.5);
    std::printf("1920x1080 float, regression + reconstruct (same radius), frames per second\n");
    std::printf("%-7s %-8s %10s %14s %8s\n", "radius", "threads", "fused", "reference way", "speedup");
    double fused_r1[3] = {0, 0, 0};
    for (int radius : {1, 4})
        for (int threads : {1, 2}) {
            RegressParams rp;
            rp.radius = radius;
            ReconstructParams cp;
            cp.radius = radius;
            const double f = fps(
                [&] {
                    const auto r = regress_fused(x, y, rp, threads);
                    (void)reconstruct_fused(x, r.slope, r.correlation, nullptr, cp, threads);
                },
                seconds);
            const double w = reliability_weight(radius, rp.alpha, rp.weight_method);
            const Model reg = regression_model(rp, w), rec = reconstruct_model(cp, false);
            const double ref = fps(
                [&] {
                    NamedPlanes in;
                    in.emplace("x", Plane(x));
                    in.emplace("y", Plane(y));
                    auto out = run_reference_way_expr(reg, in, rp.border, threads, expr_string);
                    NamedPlanes rin;
                    rin.emplace("x", Plane(x));
                    rin.emplace("slope", std::move(out.at("slope")));
                    rin.emplace("correlation", std::move(out.at("correlation")));
                    (void)run_reference_way_expr(rec, rin, cp.border, threads, expr_string);
                },
                seconds);
            std::printf("%-7d %-8d %10.1f %14.1f %7.1fx", radius, threads, f, ref, f / ref);
            if (radius == 1) fused_r1[threads] = f;
            else std::printf("   radius 4 / radius 1: %.0f %%", 100.0 * f / fused_r1[threads]);
            std::printf("\n");
        }
    return 0;
}
