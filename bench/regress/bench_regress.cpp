// regression + reconstruct on 1920×1080 float planes, radius 1 and 4, 1 and 2 threads:
// frames per second of the fused one-sweep kernel (regress_reconstruct_fused) and of the reference way (every Expr through
// rigor's Expr engine and every box mean a separate full-plane pass), in the same run.
// Targets (issue 6): fused ≥ 5× the reference way; radius 4 within 20 % of radius 1.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <vector>
#include <cstdio>
#include <random>

#include "filters/regress/expr_string.hpp"
#include "filters/regress/model.hpp"
#include "filters/regress/weights.hpp"
#include "pixel/regress/fused.hpp"
#include "pixel/regress/reference_way.hpp"

using namespace rigor::regress;
using namespace rigor::pixel::regress;
using rigor::pixel::Plane;

namespace {

Plane random_plane(std::uint32_t seed, double lo, double hi) {
    Plane p = make_float_plane(1920, 1080);
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> d{float(lo), float(hi)};
    for (int y = 0; y < 1080; ++y)
        for (int x = 0; x < 1920; ++x) p.row_as<float>(y)[x] = d(rng);
    return p;
}

// Wall and process-CPU seconds of one call.
struct Timing {
    double wall, cpu;
};

template <class F>
Timing time_one(F&& run) {
    using clock = std::chrono::steady_clock;
    timespec c0{}, c1{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
    const auto start = clock::now();
    run();
    const double wall = std::chrono::duration<double>(clock::now() - start).count();
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
    return {wall, double(c1.tv_sec - c0.tv_sec) + 1e-9 * double(c1.tv_nsec - c0.tv_nsec)};
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// The two ways alternate frame by frame, so a change of machine load hits both alike;
// medians of per-frame times (and the best frame) resist other processes' bursts.
struct Comparison {
    double fused_fps, reference_fps, fused_best_fps, reference_best_fps, fused_cpu_ms, reference_cpu_ms;
};

template <class F, class R>
Comparison compare(F&& fused, R&& reference, double min_seconds) {
    fused();
    reference();  // warm-up
    std::vector<double> fw, rw, fc, rc;
    double total = 0;
    while (total < min_seconds || fw.size() < 5) {
        const Timing a = time_one(fused), b = time_one(reference);
        fw.push_back(a.wall), fc.push_back(a.cpu), rw.push_back(b.wall), rc.push_back(b.cpu);
        total += a.wall + b.wall;
    }
    return {1 / median(fw), 1 / median(rw), 1 / *std::min_element(fw.begin(), fw.end()),
            1 / *std::min_element(rw.begin(), rw.end()), 1e3 * median(fc), 1e3 * median(rc)};
}

}  // namespace

int main(int argc, char** argv) {
    const double seconds = argc > 1 ? std::atof(argv[1]) : 4.0;
    const Plane x = random_plane(1, 0.0, 1.0), y = random_plane(2, -0.5, 0.5);
    std::printf("1920x1080 float, regression + reconstruct (same radius); fps = 1 / median frame time\n");
    std::printf("(best = 1 / fastest frame; CPU = process CPU ms per frame, all threads; speedup = fps ratio)\n");
    std::printf("%-6s %-7s %8s %8s %9s %9s %8s %8s %8s %9s %7s\n", "radius", "threads", "fused", "(best)", "reference",
                "(best)", "CPU f", "CPU ref", "speedup", "CPU ratio", "r4/r1");
    double fused_r1[3] = {0, 0, 0};
    for (int radius : {1, 4})
        for (int threads : {1, 2}) {
            RegressParams rp;
            rp.radius = radius;
            ReconstructParams cp;
            cp.radius = radius;
            const double w = reliability_weight(radius, rp.alpha, rp.weight_method);
            const Model reg = regression_model(rp, w), rec = reconstruct_model(cp, false);
            const Comparison c = compare(
                [&] { (void)regress_reconstruct_fused(x, y, x, rp, cp, threads); },
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
            std::printf("%-6d %-7d %8.1f %8.1f %9.2f %9.2f %8.1f %8.1f %7.1fx %8.1fx", radius, threads, c.fused_fps,
                        c.fused_best_fps, c.reference_fps, c.reference_best_fps, c.fused_cpu_ms,
                        c.reference_cpu_ms, c.fused_fps / c.reference_fps, c.reference_cpu_ms / c.fused_cpu_ms);
            if (radius == 1) fused_r1[threads] = c.fused_fps;
            else std::printf(" %6.0f%%", 100.0 * c.fused_fps / fused_r1[threads]);
            std::printf("\n");
        }
    return 0;
}
