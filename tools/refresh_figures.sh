#!/usr/bin/env bash
# Re-measures the README's static-analysis figures and rewrites the rows between the
# markers <!-- figures:vc2_static begin/end --> (nothing else in README.md changes).
#   tools/refresh_figures.sh [--all]     (after ./dev.sh bench; --all also times the 152
#                                        default-matrix configurations, ~2.5 minutes)
# Each configuration is the complete analysis (bounds, test patterns, JSON) by
# build/bin/bench_vc2_static under /usr/bin/time -v: wall time and peak memory, best of 3.
# The reference column is the BBC tool's measured time (one core), not re-run here.
set -euo pipefail
cd "$(dirname "$0")/.."
bench=build/bin/bench_vc2_static
[ -x "$bench" ] || { echo "refresh_figures: $bench is missing: run ./dev.sh bench first" >&2; exit 1; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# measure W D: prints "SECONDS KB" of the best of three runs.
measure() {
    local best_s= best_kb=
    for _ in 1 2 3; do
        /usr/bin/time -v "$bench" "$1" "$1" "$2" 0 "$scratch/out.json" > "$scratch/stdout" 2> "$scratch/time"
        local s kb
        s=$(sed -n 's/.*: \([0-9.]*\) s, .*/\1/p' "$scratch/stdout")
        kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$scratch/time")
        if [ -z "$best_s" ] || awk -v a="$s" -v b="$best_s" 'BEGIN { exit !(a < b) }'; then best_s=$s; best_kb=$kb; fi
    done
    echo "$best_s $best_kb"
}
seconds() { awk -v s="$1" 'BEGIN { if (s < 1) printf("%.2g s", s); else if (s < 10) printf("%.1f s", s); else printf("%.0f s", s) }'; }
megabytes() { awk -v k="$1" 'BEGIN { printf("%.0f MB", k / 1024) }'; }

row() {  # NAME REFERENCE W D
    local m
    m=$(measure "$3" "$4")
    echo "| $1 | $2 | $(seconds "${m% *}") | $(megabytes "${m#* }") |"
}

rows=$scratch/rows
{
    echo "| configuration | reference (one core) | rigor (2 cores) | rigor peak memory |"
    echo "|---|---:|---:|---:|"
    row "LeGall depth 3" "36 s" 1 3
    row "LeGall depth 4" "1347 s" 1 4
    row "Fidelity depth 2" "975 s" 5 2
    row "Fidelity depth 4" "weeks, ~16 GB" 5 4
    if [ "${1:-}" = --all ]; then
        /usr/bin/time -v "$bench" --defaults data/vc2/default-quantisation-matrices.json > "$scratch/all" 2> "$scratch/time"
        total=$(sed -n 's/.*configurations, \([0-9.]*\) s in total/\1/p' "$scratch/all")
        kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$scratch/time")
        echo "| all 152 configurations with a default quantisation matrix | — | $(seconds "$total") in total | $(awk -v k="$kb" 'BEGIN { printf("%.1f GB", k / 1048576) }') |"
    else  # the row as it stands
        sed -n '/<!-- figures:vc2_static begin -->/,/<!-- figures:vc2_static end -->/p' README.md | grep '^| all 152' || true
    fi
} > "$rows"

awk -v rows="$rows" '
/<!-- figures:vc2_static begin -->/ { print; while ((getline line < rows) > 0) print line; skip = 1; found = 1; next }
/<!-- figures:vc2_static end -->/ { skip = 0 }
!skip { print }
END { if (!found) { print "refresh_figures: README.md has no <!-- figures:vc2_static begin --> marker" > "/dev/stderr"; exit 1 } }
' README.md > "$scratch/README.md"
cp "$scratch/README.md" README.md
echo "README.md: figures rewritten (load average $(cut -d' ' -f1-3 /proc/loadavg); busy machines give slower figures)"
