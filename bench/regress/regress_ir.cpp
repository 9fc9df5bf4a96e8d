// regression then reconstruct (the two calls the VapourSynth plugin makes per frame) on
// 1920×1080 float planes at one radius, one thread, FRAMES times: a driver for
// `valgrind --tool=callgrind`, whose instruction count (Ir) the machine's load cannot
// change.  Ir per pixel = (Ir(FRAMES = 3) − Ir(FRAMES = 1)) / (2 · 1920 · 1080).
// usage: regress_ir RADIUS FRAMES
#include <cstdio>
#include <cstdlib>

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
    if (argc != 3) {
        std::fprintf(stderr, "usage: regress_ir RADIUS FRAMES\n");
        return 2;
    }
    const int radius = std::atoi(argv[1]), frames = std::atoi(argv[2]);
    const Plane x = pattern_plane(7), y = pattern_plane(13);
    RegressParams rp;
    rp.radius = radius;
    ReconstructParams cp;
    cp.radius = radius;
    double checksum = 0;
    for (int f = 0; f < frames; ++f) {
        const RegressionPlanes r = regress_fused(x, y, rp, 1);
        const Plane out = reconstruct_fused(x, r.slope, r.correlation, nullptr, cp, 1);
        checksum += out.row_as<float>(540)[960];
    }
    std::printf("%.9g\n", checksum);
    return 0;
}
