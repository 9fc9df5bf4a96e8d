#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""rigor.expr's overhead over the CLI's kernel (issue 15's measure: within 10 %).

1920x1080 planes cycling through FRAMES distinct random frames per clip (as a video
comes from memory, not the cache).  Per row, trials interleave: the CLI's kernel path
(ExprFilter::process on rigor's frames, one output frame reused; timed in C++ by
rigor._rigor.expr.cli_kernel_seconds), rigor.expr.Filter on the numpy arrays into a
fresh array per call, the same into one reused array (out=), and rigor.expr.evaluate
(which compiles on every call).  Each figure is the best trial (other processes only
slow a trial down); "ratio" is over the CLI kernel of the same run.

Usage: PYTHONPATH=build/python python3 bench/python/bench_python_expr.py [trials] [threads]
"""
import os
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
        out = f(*frames[0])

        def cli():
            return _rigor.expr.cli_kernel_seconds(expr, frames, "", threads, 1) / FRAMES

        def fresh():
            t = time.perf_counter()
            for n, planes in enumerate(frames):
                f(*planes, frame=n)
            return (time.perf_counter() - t) / FRAMES

        def reused():
            t = time.perf_counter()
            for n, planes in enumerate(frames):
                f(*planes, frame=n, out=out)
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


if __name__ == "__main__":
    main()
