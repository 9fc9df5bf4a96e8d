#!/bin/sh
# Builds the libFuzzer targets (tests/fuzz) in build-fuzz with clang, ASan and UBSan, and
# runs each for SECONDS (default 120), one at a time.  Seeds: tests/fuzz/corpus/<target>;
# the growing corpus is kept in build-fuzz/corpus/<target>; crashes are written to
# build-fuzz/findings/<target>/ — copy a real one into tests/fuzz/corpus/<target>/ so
# tests/fuzz_regressions replays it.
#   tools/fuzz.sh [SECONDS] [TARGET…]      (targets: expr infix y4m png tiff pfm ffmpeg …)
# Inputs are capped per target (MAX_LEN overrides): the video readers' seeds are tiny
# files of 0.5–7 KB, and longer inputs only make each execution slower (FFmpeg probes and
# decodes all of them) without reaching new code; analyse's inputs are a program and a
# few ranges (512 bytes: longer programs only slow the algebra).  Run it at low priority
# on a shared machine: nice -n 19 tools/fuzz.sh 3600 ffmpeg.  The hang limit is wall time (TIMEOUT
# overrides, 60 s): at nice 19 under a load of 20 a 0.2 s input took over 10 s, a false
# finding.
set -eu
cd "$(dirname "$0")/.."
seconds=${1:-120}
[ $# -gt 0 ] && shift
targets=${*:-"expr infix y4m png tiff pfm static_analysis quantisation arguments optimised_patterns coefficients bundle wavelet ffmpeg recipe analyse witness_batch"}
CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRIGOR_SANITIZE=ON -DRIGOR_FUZZ=ON >/dev/null ||
  echo "fuzz.sh: configure failed (another folder mid-edit?); building with the existing build-fuzz" >&2
max_len_of() {
  case $1 in
    ffmpeg) echo 8192 ;;
    y4m | png | tiff | pfm) echo 4096 ;;
    analyse) echo 512 ;;
    *) echo 65536 ;;
  esac
}
# CLN's startup tables are reported as leaks by every program that links GiNaC (tools/lsan.supp);
# without the suppressions the first empty input is a false finding.
export LSAN_OPTIONS="suppressions=$(pwd)/tools/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
for t in $targets; do
  cmake --build build-fuzz -j2 --target "fuzz_$t" >/dev/null
  mkdir -p "build-fuzz/corpus/$t" "build-fuzz/findings/$t"
  echo "== fuzz_$t for ${seconds}s"
  build-fuzz/bin/fuzz_$t "build-fuzz/corpus/$t" "tests/fuzz/corpus/$t" -max_total_time="$seconds" \
    -rss_limit_mb=2048 -timeout="${TIMEOUT:-60}" -max_len="${MAX_LEN:-$(max_len_of "$t")}" -print_final_stats=1 \
    -artifact_prefix="build-fuzz/findings/$t/" 2>&1 | grep -E '^(stat::number_of_executed_units|==[0-9]+==ERROR|SUMMARY|artifact_prefix|Test unit written)' || true
done
