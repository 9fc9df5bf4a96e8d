#!/bin/bash
# The issue-12 measures over the 72 VC-2 configurations with a default quantisation
# matrix and 1–3 levels (dwt_depth + dwt_depth_ho; wavelet pairs of the default table):
# per bit depth and wavelet, the rows of `vc2-bit-widths-table` given as a range and the
# uncertain bits (upper − lower bits of those rows), plain and --tight, and the time of
# each table; with --verify also `vc2-verify --tight` on every configuration at the
# minimum size and at 1920x1080.  Not run by the tests; needs build/bin/rigor.
#   bench/vc2_measures/run.sh [--bits "8 10 12"] [--levels "1 2 3"] [--verify] [--out DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
rigor=${RIGOR:-$root/build/bin/rigor}
bits="8 10 12"
levels="1 2 3"
verify=0
out=${TMPDIR:-/tmp}/vc2_measures
while [ $# -gt 0 ]; do
  case $1 in
    --bits) bits=$2; shift 2 ;;
    --levels) levels=$2; shift 2 ;;
    --verify) verify=1; shift ;;
    --out) out=$2; shift 2 ;;
    *) echo "usage: $0 [--bits \"8 10 12\"] [--levels \"1 2 3\"] [--verify] [--out DIR]" >&2; exit 2 ;;
  esac
done
mkdir -p "$out"
pairs="0,0 1,1 2,2 3,1 3,3 4,4 5,5 6,6"

# rows, rows given as a range, uncertain bits of one csv table
count() { tr -d '\r' < "$1" | awk -F, 'NR > 1 { n++; split($NF, b, "-"); if (b[2] != "") { r++; u += b[2] - b[1] } }
                                         END { printf "%d %d %d\n", n, r, u }'; }
seconds() { local t0 t1; t0=$(date +%s.%N); "$@"; t1=$(date +%s.%N); echo "$t1 - $t0" | bc; }

configs=()
for t in $levels; do
  for p in $pairs; do
    w=${p%,*}; W=${p#*,}
    for d in $(seq 0 "$t"); do configs+=("$w $W $d $((t - d))"); done
  done
done
for c in "${configs[@]}"; do
  set -- $c
  f=$out/w$1_W$2_d$3_D$4.json
  [ -s "$f" ] || "$rigor" vc2-static-filter-analysis -w "$1" -W "$2" -d "$3" -D "$4" -o "$f"
done

printf "%-5s %-6s %-8s %6s %7s %8s %9s %9s\n" bits wavelet kind rows ranges range% uncertain seconds
for b in $bits; do
  for kind in plain tight; do
    declare -A rows=() ranges=() unc=() secs=()
    for c in "${configs[@]}"; do
      set -- $c
      name=w$1_W$2_d$3_D$4
      flag=""; [ $kind = tight ] && flag=--tight
      s=$(seconds "$rigor" vc2-bit-widths-table "$out/$name.json" -b "$b" $flag -o "$out/$name.b$b.$kind.csv" 2>/dev/null)
      read -r n r u < <(count "$out/$name.b$b.$kind.csv")
      for key in "$1,$2" all; do
        rows[$key]=$(( ${rows[$key]:-0} + n )); ranges[$key]=$(( ${ranges[$key]:-0} + r ))
        unc[$key]=$(( ${unc[$key]:-0} + u )); secs[$key]=$(echo "${secs[$key]:-0} + $s" | bc)
      done
      echo "$b $kind $name rows $n ranges $r uncertain $u seconds $s" >> "$out/tables.log"
    done
    for key in $pairs all; do
      printf "%-5s %-6s %-8s %6d %7d %7.1f%% %9d %9.1f\n" "$b" "$key" "$kind" "${rows[$key]}" "${ranges[$key]}" \
        "$(echo "100 * ${ranges[$key]} / ${rows[$key]}" | bc -l)" "${unc[$key]}" "${secs[$key]}"
    done
    unset rows ranges unc secs
  done
done

if [ $verify = 1 ]; then
  for b in $bits; do
    for c in "${configs[@]}"; do
      set -- $c
      name=w$1_W$2_d$3_D$4
      for size in minimum 1920x1080; do
        args=""; [ $size = 1920x1080 ] && args="--width 1920 --height 1080"
        s=$(seconds "$rigor" vc2-verify "$out/$name.json" -b "$b" --tight $args -o "$out/$name.b$b.$size.verify" 2>&1 \
            >/dev/null) || true
        echo "$b $name $size $(grep -o 'violations: [0-9]*' "$out/$name.b$b.$size.verify" | head -1) seconds $s"
      done
    done
  done
fi
