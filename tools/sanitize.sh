#!/bin/sh
# Builds everything in build-asan with AddressSanitizer + UndefinedBehaviorSanitizer
# (-DRIGOR_SANITIZE=ON) and runs the whole Catch2 suite under them.
#   tools/sanitize.sh [JOBS]        (default 2; prints the wall time of build and tests)
set -eu
cd "$(dirname "$0")/.."
jobs=${1:-2}
start=$(date +%s)
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRIGOR_SANITIZE=ON >/dev/null
cmake --build build-asan -j"$jobs"
built=$(date +%s)
# Leaks are reported too; halt on the first error of any kind.
export ASAN_OPTIONS=detect_leaks=1:halt_on_error=1:abort_on_error=0
export LSAN_OPTIONS=suppressions="$(pwd)/tools/lsan.supp":print_suppressions=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
status=0
ctest --test-dir build-asan -j"$jobs" --output-on-failure || status=$?
end=$(date +%s)
echo "sanitize.sh: build $((built - start)) s, tests $((end - built)) s"
exit $status
