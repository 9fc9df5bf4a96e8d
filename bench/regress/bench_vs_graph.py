#!/usr/bin/env python3
# regression + reconstruct on 1920x1080 GRAYS frames, radius 1..4, 1 and 2 VapourSynth
# threads: the module's own graph (vsrgtools.regression/reconstruct as it builds them:
# akarin.Expr for every product and ratio — the Expr texts of filters/regress/model.cpp,
# which `rigor regress-model` prints — and std.Convolution 'hv' with 2r+1 ones for every
# box mean) against rigor's plugin (core.rigor.Regression then core.rigor.Reconstruct:
# the fused kernels), all in one process and one run: every frame of the clip requested
# through VapourSynth's frame iterator, best of REPEATS timings, the load printed beside
# each row.  The source is 16 distinct frames made once and held in memory; "src" times
# serving them alone.  Not run by the tests; builds and fetches nothing.
#
# usage: bench_vs_graph.py RIGOR_PLUGIN AKARIN_PLUGIN|- [FRAMES] [RADII] [REPEATS]
#   (`import vapoursynth` must work, e.g. PYTHONPATH/LD_LIBRARY_PATH set to a
#    VapourSynth built outside the tree; RADII like 1,2,3,4; "-" for AKARIN_PLUGIN builds
#    the graph with std.Expr, as the module does when akarin is absent)
# bench_vs_graph.py RIGOR AKARIN FRAMES R 1 src|graph|rigor runs only that one, on one
#   thread (for callgrind: instructions per frame = (Ir(graph) − Ir(src)) / FRAMES, a
#   figure the machine's load cannot change)
import sys
import time

import vapoursynth as vs

RIGOR, AKARIN = sys.argv[1], sys.argv[2]
FRAMES = int(sys.argv[3]) if len(sys.argv) > 3 else 64
RADII = [int(r) for r in sys.argv[4].split(",")] if len(sys.argv) > 4 else [1, 2, 3, 4]
REPEATS = int(sys.argv[5]) if len(sys.argv) > 5 else 3
# The reliability weight w for alpha 0.2, threshold (the spec's table), by radius.
WEIGHT = {1: 0.5284113412690119, 2: 0.73473014512262302, 3: 0.81371966492140091, 4: 0.85611123021141311}

core = vs.core
core.max_cache_size = 8192
core.std.LoadPlugin(RIGOR)
if AKARIN != "-":
    core.std.LoadPlugin(AKARIN)


def held_source(seed):
    blank = core.std.BlankClip(format=vs.GRAYS, width=1920, height=1080, length=16)
    pattern = core.rigor.Expr(blank, "X %d * Y 3 * + N 37 * + 997 %% 997 /" % seed)
    frames = [pattern.get_frame(n) for n in range(16)]
    out = core.std.BlankClip(pattern, length=FRAMES)
    return core.std.ModifyFrame(out, out, lambda n, f: frames[n % 16])


X, Y = held_source(7), held_source(13)


def box(c, radius):
    return c if radius == 0 else core.std.Convolution(c, [1] * (2 * radius + 1), mode="hv")


def module_graph(x, y, r, R):
    E, w = core.akarin.Expr if AKARIN != "-" else core.std.Expr, WEIGHT[r]
    mx, my = box(x, r), box(y, r)
    mxx, myy, mxy = box(E(x, "x dup *"), r), box(E(y, "x dup *"), r), box(E([x, y], "x y *"), r)
    vx, vy = E([mxx, mx], "x y dup * - 0 max"), E([myy, my], "x y dup * - 0 max")
    cov = E([mxy, mx, my], "x y z * -")
    slope = E([cov, vx], "x y 1e-07 + /")
    corr = E([cov, vx, vy], "x dup * y z * 1e-07 + / sqrt %r - %r / 0 max" % (1 - w, w))
    mac, mc = box(E([slope, corr], "x y *"), R), box(corr, R)
    return E([x, mac, mc], "x y * z 1e-07 + /")


def rigor_plugin(x, y, r, R):
    slope, corr = core.rigor.Regression(x, y, radius=r)
    return core.rigor.Reconstruct(x, slope, corr, radius=R)


def best_fps(clip):
    """Best frames per second of REPEATS runs, and the process CPU ms per frame of that run
    (all threads: less disturbed by other processes than the wall clock, and at one
    thread the cost of the work itself)."""
    best, cpu = 0.0, 0.0
    for _ in range(REPEATS):
        start, start_cpu = time.perf_counter(), time.process_time()
        for _frame in clip.frames():
            pass
        fps = clip.num_frames / (time.perf_counter() - start)
        if fps > best:
            best, cpu = fps, 1e3 * (time.process_time() - start_cpu) / clip.num_frames
    return best, cpu


def load():
    with open("/proc/loadavg") as f:
        return f.read().split()[0]


if len(sys.argv) > 6:
    core.num_threads = 1
    which, radius = sys.argv[6], RADII[0]
    clip = {"src": lambda: core.std.Expr([X, Y], "x y +"), "graph": lambda: module_graph(X, Y, radius, radius),
            "rigor": lambda: rigor_plugin(X, Y, radius, radius)}[which]()
    for _frame in clip.frames():
        pass
    sys.exit(0)

print("regression + reconstruct at 1920x1080 GRAYS, %d frames (16 distinct), best of %d, graph Expr: %s; fps"
      % (FRAMES, REPEATS, "akarin" if AKARIN != "-" else "std"))
print("%2s %2s %8s %8s %8s %9s | CPU ms/frame: %7s %7s %9s %6s" % ("r", "th", "src", "graph", "rigor", "rig/graph",
                                                                    "graph", "rigor", "graph/rig", "load"))
for radius in RADII:
    for threads in (1, 2):
        core.num_threads = threads
        src, _ = best_fps(core.std.Expr([X, Y], "x y +"))
        graph, graph_cpu = best_fps(module_graph(X, Y, radius, radius))
        rigor, rigor_cpu = best_fps(rigor_plugin(X, Y, radius, radius))
        print("%2d %2d %8.1f %8.1f %8.1f %8.2fx |               %7.1f %7.1f %8.2fx %6s"
              % (radius, threads, src, graph, rigor, rigor / graph, graph_cpu, rigor_cpu, graph_cpu / rigor_cpu,
                 load()), flush=True)
