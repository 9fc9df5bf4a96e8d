#!/usr/bin/env python3
# core.rigor.Expr against core.akarin.Expr and core.std.Expr on the rows of bench_expr's
# speed table (bench/expr/bench_expr.cpp), 1920x1080, 1 and 2 VapourSynth threads, each
# run through vspipe to /dev/null, all in the same run.  The source is 16 distinct
# frames made once and held in memory (served by std.ModifyFrame), so the figures time
# the filter; "src" is the source alone (what serving the frames costs).
#
# Wall-clock figures on a shared machine are noisy: each is the best of TRIALS runs
# (interleaved: src, rigor, akarin, std, then again), and the load is printed per row.
# --ir instead counts instructions (valgrind's callgrind, which does not depend on the
# load): per output frame, the difference of a run of 3 and one of 1 frame divided by 2,
# so the script, the source and the filter's creation (akarin's LLVM compilation,
# rigor's code generation) cancel out; 1 thread (valgrind runs threads one at a time;
# the count does not depend on the threads), and under valgrind both JITs see a CPU
# without AVX-512 (valgrind hides it).  Instructions are not cycles: a kernel with more,
# cheaper instructions can be faster (the wall-clock table is the speed).
#
# The whole table, 15 rows at 1 and 2 threads (about 15 minutes on an idle machine):
#   . ENV (PATH with vspipe, PYTHONPATH with vapoursynth) && python3 bench/vapoursynth/bench_plugin.py \
#       build/vapoursynth/librigor_vapoursynth.so PATH/TO/libakarin.so
#
# usage: bench_plugin.py [--ir] RIGOR_PLUGIN [AKARIN_PLUGIN|-] [FRAMES] [ROW] [TRIALS]
#   (FRAMES: 240; ROW: only the rows whose expression contains that text; TRIALS: 3)
#   (vspipe and `import vapoursynth` must work; akarin is optional)
import os
import re
import subprocess
import sys
import tempfile

IR = "--ir" in sys.argv
ARGS = [a for a in sys.argv[1:] if a != "--ir"]
RIGOR = os.path.abspath(ARGS[0])
AKARIN = os.path.abspath(ARGS[1]) if len(ARGS) > 1 and ARGS[1] != "-" else None
FRAMES = int(ARGS[2]) if len(ARGS) > 2 else 240
ONLY = ARGS[3] if len(ARGS) > 3 else ""
TRIALS = int(ARGS[4]) if len(ARGS) > 4 else 3
BOX = "x[-1,-1] x[0,-1] x[1,-1] x[-1,0] x[0,0] x[1,0] x[-1,1] x[0,1] x[1,1] + + + + + + + + 9 /"
MEDIAN = "x[-1,-1] x[0,-1] x[1,-1] x[-1,0] x[0,0] x[1,0] x[-1,1] x[0,1] x[1,1] sort9 drop4 swap4 drop4"
ROWS = [
    ("x 1 *", "GRAY8"), ("x y + 0.5 *", "GRAY8"), ("x y > x y - 3 * x ?", "GRAYS"),
    ("x 1 + log 0.5 * exp sqrt", "GRAYS"), ("x sin x cos * 100 *", "GRAYS"), (BOX, "GRAY8"), (MEDIAN, "GRAY8"),
    ("x y + 0.5 *", "GRAY16"), ("x 0.5 pow", "GRAYS"), ("x 2 pow", "GRAYS"), ("x y pow", "GRAYS"),
    ("x 255 / 2.2 pow 255 *", "GRAY8"), ("x 255 / 2.2 pow 255 *", "GRAYS"), ("x 3 %", "GRAY16"),
    ("x 2 pow x 3 % +", "GRAYS"),
]
NAMES = {BOX: "3x3 box x[dx,dy] 9 /", MEDIAN: "3x3 median sort9"}

SCRIPT = """
import vapoursynth as vs
core = vs.core
core.num_threads = {threads}
core.max_cache_size = 4096
core.std.LoadPlugin({rigor!r})
{akarin}
fmt = vs.{fmt}
def source(seed):
    blank = core.std.BlankClip(format=vs.GRAYS, width=1920, height=1080, length=16)
    # distinct frames: a pattern moving with N, in the format's range (std.Expr of R65
    # has no X, Y, N), computed once and then served from memory
    scale = {{vs.GRAY8: 255, vs.GRAY16: 65535}}.get(fmt, 1)
    pattern = core.rigor.Expr(blank, "X {{s}} * Y 3 * + N 37 * + 997 % 997 / {{k}} *".format(s=seed, k=scale),
                              format=fmt)
    held = [pattern.get_frame(n) for n in range(min(16, {frames}))]
    out = core.std.BlankClip(pattern, length={frames})
    return core.std.ModifyFrame(out, out, lambda n, f: held[n % len(held)])
x = source(7)
clips = [x, source(13)] if "y" in {expr!r}.split() else [x]
if {which!r} == "src":
    out = x
elif {which!r} == "rigor":
    out = core.rigor.Expr(clips, {expr!r})
elif {which!r} == "akarin":
    out = core.akarin.Expr(clips, {expr!r})
else:
    out = core.std.Expr(clips, {expr!r})
out.set_output()
"""


def run(which, expr, fmt, threads, frames, valgrind=False):
    """vspipe's stderr for one run, or None (reported) when it failed."""
    with tempfile.NamedTemporaryFile("w", suffix=".vpy", delete=False) as f:
        f.write(SCRIPT.format(threads=threads, rigor=RIGOR,
                              akarin="core.std.LoadPlugin(%r)" % AKARIN if AKARIN else "", fmt=fmt,
                              frames=frames, expr=expr, which=which))
        path = f.name
    command = ["vspipe", "-p", path, "/dev/null"]
    if valgrind:
        command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"] + command
    try:
        r = subprocess.run(command, capture_output=True, text=True)
    finally:
        os.unlink(path)
    if r.returncode != 0:
        print("  %s: %s" % (which, r.stderr.strip().splitlines()[-1] if r.stderr.strip() else "failed"), file=sys.stderr)
        return None
    return r.stderr


def fps(which, expr, fmt, threads):
    err = run(which, expr, fmt, threads, FRAMES)
    m = re.search(r"\(([\d.]+) fps\)", err or "")
    return float(m.group(1)) if m else None


def instructions(which, expr, fmt):
    """Instructions per output frame (callgrind): (Ir(3 frames) - Ir(1 frame)) / 2."""
    counts = []
    for frames in (1, 3):
        err = run(which, expr, fmt, 1, frames, valgrind=True)
        m = re.search(r"Collected : (\d+)", err or "")
        if not m:
            return None
        counts.append(int(m.group(1)))
    return (counts[1] - counts[0]) / 2


def cell(v):
    return "%8.0f" % v if v else "     n/a"


def load():
    return open("/proc/loadavg").read().split()[0]


WHICH = ("src", "rigor", "akarin", "std")
if IR:
    # aka/rig, std/rig: the others' instructions over rigor's, the filter's own (the
    # source's, "src", taken off each); more than 1: rigor runs fewer.
    print("Expr in VapourSynth at 1920x1080: instructions per frame (callgrind Ir, millions), 1 thread")
    print("%-26s %-6s %8s %8s %8s %8s %8s %8s  %s" % ("expression", "format", "src", "rigor", "akarin", "std",
                                                    "aka/rig", "std/rig", "load"))
    for expr, fmt in (row for row in ROWS if ONLY in row[0]):
        c = {w: instructions(w, expr, fmt) for w in WHICH}
        m = {w: (c[w] / 1e6 if c[w] is not None else None) for w in WHICH}

        def over_rigor(w):
            if c["src"] is None or not c["rigor"] or not c[w] or c["rigor"] <= c["src"]:
                return "     n/a"
            return "%7.2fx" % ((c[w] - c["src"]) / (c["rigor"] - c["src"]))
        print("%-26.26s %-6s %s %s %s %s %s %s  %s" % (NAMES.get(expr, expr), fmt.lower(),
                                                        *("%8.2f" % m[w] if m[w] is not None else "     n/a"
                                                          for w in WHICH),
                                                        over_rigor("akarin"), over_rigor("std"), load()), flush=True)
    sys.exit(0)

print("Expr in VapourSynth at 1920x1080, %d frames (16 distinct), vspipe to /dev/null; fps, best of %d" %
      (FRAMES, TRIALS))
print("%-26s %-6s %2s %8s %8s %8s %8s %8s %8s  %s" % ("expression", "format", "th", "src", "rigor", "akarin", "std",
                                                       "rig/aka", "rig/std", "load"))
for expr, fmt in (row for row in ROWS if ONLY in row[0]):
    for threads in (1, 2):
        best = {w: None for w in WHICH}
        for _ in range(TRIALS):
            for w in WHICH:
                v = fps(w, expr, fmt, threads)
                if v and (best[w] is None or v > best[w]):
                    best[w] = v
        r, a, s = best["rigor"], best["akarin"], best["std"]
        ra = "%7.2fx" % (r / a) if r and a else "     n/a"
        rs = "%7.2fx" % (r / s) if r and s else "     n/a"
        print("%-26.26s %-6s %2d %s %s %s %s %s %s  %s" % (NAMES.get(expr, expr), fmt.lower(), threads,
                                                           cell(best["src"]), cell(r), cell(a), cell(s), ra, rs,
                                                           load()), flush=True)
