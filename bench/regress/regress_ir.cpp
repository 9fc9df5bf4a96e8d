// regression then reconstruct on 1920×1080 float planes at one radius, one thread, FRAMES
// times, as the VapourSynth plugin runs Reconstruct(x, *Regression(x, y)) per frame (one
// sweep, regress_then_reconstruct_rows, into a kept output plane), or with "two" as the
// two separate calls (regress_fused then reconstruct_fused, new planes each frame): a
// driver for `valgrind --tool=callgrind`, whose instruction count (Ir) the machine's load
// cannot change.  Ir per pixel = (Ir(FRAMES = 3) − Ir(FRAMES = 1)) / (2 · 1920 · 1080).
// usage: regress_ir RADIUS FRAMES [two]
#include <cstdio>
#include <cstdlib>
#include <string>

#include "pixel/regress/fused.hpp"

using namespace rigor::regress;
using namespace rigor::pixel::regress;
using rigor::pixel::Plane;

namespace {

// The pattern bench_vs_graph.py feeds VapourSynth: (a·x + 3y) mod 997 / 997.
Plane pattern_plane(int a) {
    Plane p = make_float_plane(1920, 1080);
    for (int y = 0; y < 1080; ++y)
        for (int x = 0; x < 1920; ++x) p.row_as<float>(y)[x] = float((a * x + 3 * y) % 997) / 997.0f;
    return p;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3 && !(argc == 4 && std::string(argv[3]) == "two")) {
        std::fprintf(stderr, "usage: regress_ir RADIUS FRAMES [two]\n");
        return 2;
    }
    const int radius = std::atoi(argv[1]), frames = std::atoi(argv[2]);
    const Plane x = pattern_plane(7), y = pattern_plane(13);
    RegressParams rp;
    rp.radius = radius;
    ReconstructParams cp;
    cp.radius = radius;
    double checksum = 0;
    if (argc == 3) {
        Plane out = make_float_plane(1920, 1080);
        SweepScratch scratch;
        for (int f = 0; f < frames; ++f) {
            regress_then_reconstruct_rows(rows_of(x), rows_of(y), rows_of(x), rp, cp, rows_of(out), scratch);
            checksum += out.row_as<float>(540)[960];
        }
        std::printf("%.9g\n", checksum);
        return 0;
    }
    for (int f = 0; f < frames; ++f) {
        const RegressionPlanes r = regress_fused(x, y, rp, 1);
        const Plane out = reconstruct_fused(x, r.slope, r.correlation, nullptr, cp, 1);
        checksum += out.row_as<float>(540)[960];
    }
    std::printf("%.9g\n", checksum);
    return 0;
}
