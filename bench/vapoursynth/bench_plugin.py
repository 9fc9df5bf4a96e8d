#!/usr/bin/env python3
# core.rigor.Expr against core.akarin.Expr and core.std.Expr on the rows of bench_expr's
# speed table (bench/expr/bench_expr.cpp), 1920x1080, 1 and 2 VapourSynth threads, each
# run through vspipe to /dev/null, all in the same run.  The source is 16 distinct
# frames made once and held in memory (served by std.ModifyFrame), so the figures time
# the filter; "src" is the source alone (what serving the frames costs).
#
# usage: bench_plugin.py RIGOR_PLUGIN [AKARIN_PLUGIN|-] [FRAMES] [ROW]
#   (ROW: only the rows whose expression contains that text)
#   (vspipe and `import vapoursynth` must work; akarin is optional)
import os
import re
import subprocess
import sys
import tempfile

RIGOR = os.path.abspath(sys.argv[1])
AKARIN = os.path.abspath(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[2] != "-" else None
FRAMES = int(sys.argv[3]) if len(sys.argv) > 3 else 240
ONLY = sys.argv[4] if len(sys.argv) > 4 else ""
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
    held = [pattern.get_frame(n) for n in range(16)]
    out = core.std.BlankClip(pattern, length={frames})
    return core.std.ModifyFrame(out, out, lambda n, f: held[n % 16])
x, y = source(7), source(13)
clips = [x, y] if "y" in {expr!r}.split() else [x]
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


def fps(which, expr, fmt, threads):
    with tempfile.NamedTemporaryFile("w", suffix=".vpy", delete=False) as f:
        f.write(SCRIPT.format(threads=threads, rigor=RIGOR,
                              akarin="core.std.LoadPlugin(%r)" % AKARIN if AKARIN else "", fmt=fmt,
                              frames=FRAMES, expr=expr, which=which))
        path = f.name
    try:
        r = subprocess.run(["vspipe", "-p", path, "/dev/null"], capture_output=True, text=True)
    finally:
        os.unlink(path)
    m = re.search(r"\(([\d.]+) fps\)", r.stderr)
    if r.returncode != 0 or not m:
        print("  %s: %s" % (which, r.stderr.strip().splitlines()[-1] if r.stderr.strip() else "failed"), file=sys.stderr)
        return None
    return float(m.group(1))


def cell(v):
    return "%8.0f" % v if v else "     n/a"


print("Expr in VapourSynth at 1920x1080, %d frames (16 distinct), vspipe to /dev/null; fps" % FRAMES)
print("%-26s %-6s %2s %8s %8s %8s %8s %8s %8s" % ("expression", "format", "th", "src", "rigor", "akarin", "std",
                                                   "rig/aka", "rig/std"))
for expr, fmt in (row for row in ROWS if ONLY in row[0]):
    for threads in (1, 2):
        src = fps("src", expr, fmt, threads)
        r, a, s = (fps(w, expr, fmt, threads) for w in ("rigor", "akarin", "std"))
        ra = "%7.2fx" % (r / a) if r and a else "     n/a"
        rs = "%7.2fx" % (r / s) if r and s else "     n/a"
        print("%-26.26s %-6s %2d %s %s %s %s %s %s" % (NAMES.get(expr, expr), fmt.lower(), threads, cell(src), cell(r),
                                                       cell(a), cell(s), ra, rs), flush=True)
