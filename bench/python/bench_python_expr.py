#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""rigor.expr's overhead over the CLI's kernel (issue 15's measure: within 10 %).

1920x1080 planes cycling through FRAMES distinct random frames per clip (as a video
comes from memory, not the cache).  Per row, trials interleave: the CLI's kernel path
(ExprFilter::process on rigor's frames, one output frame reused; timed in C++ by
rigor._rigor.expr.cli_kernel_seconds), a rigor.expr.Filter held by the caller on the
numpy arrays into a fresh array per call (Filter.evaluate), the same into one reused
array (out=), and the one-shot rigor.expr.evaluate (which compiles on every call).
Each figure is the best trial (other processes only slow a trial down); "ratio" is
over the CLI kernel of the same run.

Usage: PYTHONPATH=build/python python3 bench/python/bench_python_expr.py [trials] [threads]
       PYTHONPATH=build/python python3 bench/python/bench_python_expr.py --ir [ROW]

--ir counts instructions instead (valgrind's callgrind; independent of the machine's
load): per frame, the CLI's kernel path and a held Filter's evaluate, each as the
difference of a run over 2 and one over 6 passes of the frames, divided by 4 * FRAMES,
so that Python's start, the frames' making and the first compilation cancel out;
1 thread.
"""
import os
import re
import subprocess
import sys
import time

import numpy as np

import rigor
from rigor import _rigor

WIDTH, HEIGHT, FRAMES = 1920, 1080, 20
ROWS = [("x 1 +", "gray8"), ("x y + 0.5 *", "gray8"), ("x y > x y - 3 * x ?", "grays"),
        ("x 1 + log 0.5 * exp sqrt", "grays"), ("x sin x cos * 100 *", "grays"), ("x y + 0.5 *", "gray16"),
        ("x 255 / 2.2 pow 255 *", "gray8"), ("x[-1,-1] x[0,-1] x[1,-1] x[-1,0] x x[1,0] x[-1,1] x[0,1] x[1,1] "
                                             "+ + + + + + + + 9 /", "gray8")]


def frames_of(fmt, clips, rng):
    out = []
    for _ in range(FRAMES):
        planes = []
        for _ in range(clips):
            if fmt == "grays":
                planes.append(rng.random((HEIGHT, WIDTH), dtype=np.float32))
            elif fmt == "gray16":
                planes.append(rng.integers(0, 65536, (HEIGHT, WIDTH), dtype=np.uint16))
            else:
                planes.append(rng.integers(0, 256, (HEIGHT, WIDTH), dtype=np.uint8))
        out.append(planes)
    return out


def best(f, trials):
    return min(f() for _ in range(trials))


def main():
    trials = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    threads = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    rng = np.random.default_rng(15)
    print("1920x1080, %d distinct frames, %d thread(s), best of %d; load %.1f" %
          (FRAMES, threads, trials, os.getloadavg()[0]))
    print("%-44s %-7s %9s %9s %7s %9s %7s %9s %7s" % ("expression", "format", "cli ms", "numpy ms", "ratio",
                                                    "out= ms", "ratio", "eval ms", "ratio"))
    for expr, fmt in ROWS:
        clips = 2 if "y" in expr else 1
        frames = frames_of(fmt, clips, rng)
        f = rigor.expr.Filter(expr, threads=threads)
        out = f.evaluate(*frames[0])

        def cli():
            return _rigor.expr.cli_kernel_seconds(expr, frames, "", threads, 1) / FRAMES

        def fresh():
            t = time.perf_counter()
            for n, planes in enumerate(frames):
                f.evaluate(*planes, frame=n)
            return (time.perf_counter() - t) / FRAMES

        def reused():
            t = time.perf_counter()
            for n, planes in enumerate(frames):
                f.evaluate(*planes, frame=n, out=out)
            return (time.perf_counter() - t) / FRAMES

        def evaluate():
            t = time.perf_counter()
            for n, planes in enumerate(frames):
                rigor.expr.evaluate(expr, *planes, frame=n, threads=threads)
            return (time.perf_counter() - t) / FRAMES

        figures = {k: [] for k in ("cli", "fresh", "reused", "evaluate")}
        for _ in range(trials):  # interleaved
            for k, g in (("cli", cli), ("fresh", fresh), ("reused", reused), ("evaluate", evaluate)):
                figures[k].append(g())
        c, a, r, e = (min(figures[k]) * 1e3 for k in ("cli", "fresh", "reused", "evaluate"))
        print("%-44s %-7s %9.3f %9.3f %6.2fx %9.3f %6.2fx %9.3f %6.2fx" %
              (expr[:44], fmt, c, a, a / c, r, r / c, e, e / c))


def passes(mode, row, count):
    """Under valgrind: `count` passes of one way over the frames of ROWS[row]."""
    expr, fmt = ROWS[row]
    frames = frames_of(fmt, 2 if "y" in expr else 1, np.random.default_rng(15))
    f = rigor.expr.Filter(expr)
    f.evaluate(*frames[0])  # compiled once, before the counted passes
    if mode == "cli":
        _rigor.expr.cli_kernel_seconds(expr, frames, "", 1, count)
    else:
        for _ in range(count):
            for n, planes in enumerate(frames):
                f.evaluate(*planes, frame=n)


def instructions(mode, row):
    counts = []
    for count in (2, 6):
        r = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable,
                            os.path.abspath(__file__), "--passes", mode, str(row), str(count)],
                           capture_output=True, text=True)
        m = re.search(r"Collected : (\d+)", r.stderr)
        if r.returncode != 0 or not m:
            print("  %s: %s" % (mode, r.stderr.strip().splitlines()[-1:]), file=sys.stderr)
            return None
        counts.append(int(m.group(1)))
    return (counts[1] - counts[0]) / (4 * FRAMES)


def main_ir(only):
    print("1920x1080, %d distinct frames, 1 thread: instructions per frame (callgrind Ir, millions)" % FRAMES)
    print("%-44s %-7s %9s %9s %7s" % ("expression", "format", "cli", "Filter", "ratio"))
    for row, (expr, fmt) in enumerate(ROWS):
        if only not in expr:
            continue
        c, e = instructions("cli", row), instructions("filter", row)
        ratio = "%6.3fx" % (e / c) if c and e else "    n/a"
        print("%-44s %-7s %9.2f %9.2f %s" % (expr[:44], fmt, (c or 0) / 1e6, (e or 0) / 1e6, ratio), flush=True)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--passes":
        passes(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    elif len(sys.argv) > 1 and sys.argv[1] == "--ir":
        main_ir(sys.argv[2] if len(sys.argv) > 2 else "")
    else:
        main()
