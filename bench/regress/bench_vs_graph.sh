#!/bin/sh
# One command for the regression-vs-graph benchmark: builds rigor's VapourSynth plugin
# in build-vs against the VapourSynth built outside the tree (VS_ENV, default
# /tmp/vs/ENV.sh: R65 + akarin), runs bench_vs_graph.py (fps and CPU ms per frame,
# radius 1..4, 1 and 2 threads, load printed), then with IR=1 callgrind's instructions
# per pixel of the graph and of rigor at radius 1 and 4 (single thread, FRAMES_IR frames;
# (Ir(x) − Ir(src)) / (FRAMES_IR · 1920 · 1080), a figure the load cannot change).
#   bench/regress/bench_vs_graph.sh [FRAMES] [RADII] [REPEATS]      IR=1 also runs callgrind
set -eu
cd "$(dirname "$0")/../.."
. "${VS_ENV:-/tmp/vs/ENV.sh}"
cmake -S . -B build-vs -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build-vs -j2 --target rigor_vapoursynth >/dev/null
plugin=build-vs/vapoursynth/librigor_vapoursynth.so
python3=/usr/bin/python3
$python3 bench/regress/bench_vs_graph.py "$plugin" "$AKARIN_PLUGIN" "${1:-64}" "${2:-1,2,3,4}" "${3:-3}"
[ "${IR:-0}" = 1 ] || exit 0
frames=${FRAMES_IR:-4}
out=$(mktemp -d)
for r in 1 4; do
  for w in src graph rigor; do
    valgrind --tool=callgrind --callgrind-out-file="$out/$w.$r" $python3 bench/regress/bench_vs_graph.py \
      "$plugin" "$AKARIN_PLUGIN" "$frames" "$r" 1 "$w" 2>&1 | awk '/Collected/ {print $4}' >"$out/$w.$r.ir"
  done
  awk -v f="$frames" -v r="$r" 'FNR == 1 {ir[FILENAME] = $1} END {
    n = f * 1920 * 1080; s = ir[ARGV[1]]
    printf "radius %d: Ir/px graph %.1f, rigor %.1f, graph/rigor %.2fx\n", r, (ir[ARGV[2]] - s) / n,
      (ir[ARGV[3]] - s) / n, (ir[ARGV[2]] - s) / (ir[ARGV[3]] - s)}' "$out/src.$r.ir" "$out/graph.$r.ir" "$out/rigor.$r.ir"
done
rm -r "$out"
