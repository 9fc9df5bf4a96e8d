#!/usr/bin/env bash
# Re-measures every measured figure of README.md and rewrites it in place.  Each figure
# (a table or a phrase) sits between <!-- figures:NAME begin --> and <!-- figures:NAME end -->;
# only the text between a pair changes, and each block says when, on how many cores and
# under which load (the 1-minute load average before and after it ran) it was measured.
#   tools/refresh_figures.sh --all              every block (about 7 minutes on an idle 2-core machine,
#                                               40 under a load of 20-30)
#   tools/refresh_figures.sh --only NAME[,NAME] those blocks (repeatable)
#   tools/refresh_figures.sh --list             the blocks and what they run
#   tools/refresh_figures.sh --check            the markers only (no measurement)
# Needs ./dev.sh build and ./dev.sh bench (build/bin), and valgrind for expr_window_sums.
# Run it on an idle machine: wall-clock figures taken under load are slower, and say so.
# A block whose measurement fails leaves README.md unchanged there, and the script exits 1.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/bin
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

declare -A describe=(
    [vc2_static]="bench_vc2_static: the static analysis of four configurations (best of 3, time -v peak memory) and all 152 default-matrix ones"
    [vc2_verify]="rigor vc2-verify on LeGall (5, 3) depth 2 at 10 bits, with and without --tight"
    [vc2_witness]="vc2-bit-widths-table --tight (bounds + witness search) at 10 bits: LeGall (5, 3) and Fidelity, depth 2"
    [expr_window_sums]="expr_profile under callgrind: Ir per pixel of 3x3, 5x5, 9x9, 17x17 box sums, window sums against add chains"
    [regress_speed]="bench_regress: fused regression + reconstruct against the reference's chain of passes (fps ratio)"
    [chroma_descale_share]="bench_chroma_example: the share of descale in the Sirius recipe on 1080p frames"
    [chroma_demo_psnr]="regress_chroma_demo: chroma PSNR before and after on astronaut.png, plain and posterised"
)
order=(vc2_static vc2_verify vc2_witness expr_window_sums regress_speed chroma_descale_share chroma_demo_psnr)

# --check (a test runs it): every block has exactly one begin and one end marker, begin
# first, and README.md names no block this script does not refresh.
check_markers() {
    local bad=0 n
    for n in "${order[@]}"; do
        local b e
        b=$(grep -o "<!-- figures:$n begin -->" README.md | wc -l || true)
        e=$(grep -o "<!-- figures:$n end -->" README.md | wc -l || true)
        if [ "$b" != 1 ] || [ "$e" != 1 ]; then
            echo "README.md: block $n has $b begin and $e end markers (want one each)" >&2; bad=1
        elif ! perl -0777 -ne "exit !/<!-- figures:$n begin -->.*?<!-- figures:$n end -->/s" README.md; then
            echo "README.md: block $n ends before it begins" >&2; bad=1
        fi
    done
    for n in $(grep -o '<!-- figures:[A-Za-z0-9_]* \(begin\|end\) -->' README.md | sed 's/<!-- figures:\([^ ]*\) .*/\1/' | sort -u); do
        [ -n "${describe[$n]:-}" ] || { echo "README.md: block $n is not refreshed by $0" >&2; bad=1; }
    done
    [ $bad = 0 ] && echo "README.md: ${#order[@]} figure blocks, each marked once"
    return $bad
}

usage() { sed -n '6,10p' "$0" | sed 's/^# *//' >&2; exit 2; }
chosen=()
while [ $# -gt 0 ]; do
    case $1 in
        --all) chosen=("${order[@]}") ;;
        --only) [ $# -ge 2 ] || usage; IFS=, read -ra names <<< "$2"; chosen+=("${names[@]}"); shift ;;
        --list) for n in "${order[@]}"; do printf '%-22s %s\n' "$n" "${describe[$n]}"; done; exit 0 ;;
        --check) check_markers; exit $? ;;
        *) usage ;;
    esac
    shift
done
[ ${#chosen[@]} -gt 0 ] || usage
for n in "${chosen[@]}"; do
    [ -n "${describe[$n]:-}" ] || { echo "refresh_figures: no block named '$n' (see --list)" >&2; exit 2; }
    grep -q "<!-- figures:$n begin -->" README.md ||
        { echo "refresh_figures: README.md has no <!-- figures:$n begin --> marker" >&2; exit 1; }
done

need() {  # PROGRAM…: each must be built
    for p in "$@"; do
        [ -x "$bin/$p" ] || { echo "refresh_figures: $bin/$p is missing: run ./dev.sh build and ./dev.sh bench first" >&2; return 1; }
    done
}
load1() { cut -d' ' -f1 /proc/loadavg; }
# The stamp every block ends with; LOAD_BEFORE is set when the block starts.
stamp() { echo "measured $(date -u +%F) on $(nproc) cores, load $LOAD_BEFORE–$(load1)"; }

# seconds_of RUNS COMMAND…: the best wall time of RUNS runs, in seconds (stdout and
# stderr of the command go to $scratch/last.out and .err).
seconds_of() {
    local runs=$1 best= start s
    shift
    for ((i = 0; i < runs; ++i)); do
        start=$EPOCHREALTIME
        "$@" > "$scratch/last.out" 2> "$scratch/last.err"
        s=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf("%.3f", b - a) }')
        if [ -z "$best" ] || awk -v a="$s" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$s; fi
    done
    echo "$best"
}
# How a time reads in the README: two significant digits below 10 s, whole seconds above.
seconds() { awk -v s="$1" 'BEGIN { if (s < 1) printf("%.2g s", s); else if (s < 10) printf("%.1f s", s); else printf("%.0f s", s) }'; }

# ---- the blocks: each prints the text that goes between its markers ----------------

# The static analysis against the BBC tool (whose times, one core, are not re-run here).
block_vc2_static() {
    need bench_vc2_static
    local bench=$bin/bench_vc2_static
    measure() {  # W D: "SECONDS KB" of the best of three runs
        local best_s= best_kb= s kb
        for _ in 1 2 3; do
            /usr/bin/time -v "$bench" "$1" "$1" "$2" 0 "$scratch/out.json" > "$scratch/stdout" 2> "$scratch/time"
            s=$(sed -n 's/.*: \([0-9.]*\) s, .*/\1/p' "$scratch/stdout")
            kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$scratch/time")
            if [ -z "$best_s" ] || awk -v a="$s" -v b="$best_s" 'BEGIN { exit !(a < b) }'; then best_s=$s; best_kb=$kb; fi
        done
        echo "$best_s $best_kb"
    }
    row() {  # NAME REFERENCE W D
        local m
        m=$(measure "$3" "$4")
        echo "| $1 | $2 | $(seconds "${m% *}") | $(awk -v k="${m#* }" 'BEGIN { printf("%.0f MB", k / 1024) }') |"
    }
    echo
    echo "| configuration | reference (one core) | rigor ($(nproc) cores) | rigor peak memory |"
    echo "|---|---:|---:|---:|"
    row "LeGall depth 3" "36 s" 1 3
    row "LeGall depth 4" "1347 s" 1 4
    row "Fidelity depth 2" "975 s" 5 2
    row "Fidelity depth 4" "weeks, ~16 GB" 5 4
    /usr/bin/time -v "$bench" --defaults data/vc2/default-quantisation-matrices.json > "$scratch/all" 2> "$scratch/time"
    local total kb
    total=$(sed -n 's/.*configurations, \([0-9.]*\) s in total/\1/p' "$scratch/all")
    kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$scratch/time")
    echo "| all 152 configurations with a default quantisation matrix | — | $(seconds "$total") in total | $(awk -v k="$kb" 'BEGIN { printf("%.1f GB", k / 1048576) }') |"
    echo
    echo "rigor: wall time (best of 3) and peak memory (\`/usr/bin/time -v\`), $(stamp)."
}

# The two vc2-verify runs of the README's norun block.
block_vc2_verify() {
    need rigor
    "$bin/rigor" vc2-static-filter-analysis -w le_gall_5_3 -d 2 -o "$scratch/lg2.json"
    local tight plain
    tight=$(seconds_of 1 "$bin/rigor" vc2-verify "$scratch/lg2.json" -b 10 --tight)
    plain=$(seconds_of 1 "$bin/rigor" vc2-verify "$scratch/lg2.json" -b 10)
    echo "$(seconds "$tight") with \`--tight\`, $(seconds "$plain") without, $(stamp)"
}

# vc2-bit-widths-table --tight: the exact edge-inclusive bounds and the witness search.
block_vc2_witness() {
    need rigor
    "$bin/rigor" vc2-static-filter-analysis -w le_gall_5_3 -d 2 -o "$scratch/lg2.json"
    "$bin/rigor" vc2-static-filter-analysis -w fidelity -d 2 -o "$scratch/fidelity2.json"
    local lg fid
    lg=$(seconds_of 3 "$bin/rigor" vc2-bit-widths-table "$scratch/lg2.json" -b 10 --tight)
    fid=$(seconds_of 1 "$bin/rigor" vc2-bit-widths-table "$scratch/fidelity2.json" -b 10 --tight)
    echo "about $(seconds "$lg") for LeGall (5, 3) depth 2, $(seconds "$fid") for Fidelity depth 2 (the whole 10-bit \`--tight\` table; $(stamp))"
}

# Instructions per pixel of box sums over gray8 frames 1920x68, with the window-sum pass
# and with it off (the add chain as written).  One frame's Ir is the difference between
# whole runs of 3 and 1 frames, halved: set-up, code generation and the input frames are
# the same in both, and the frames run on worker threads (so no --toggle-collect on
# ExprFilter::process, which would see only the dispatch).
block_expr_window_sums() {
    need expr_profile
    command -v valgrind > /dev/null || { echo "refresh_figures: valgrind is missing (apt-get install valgrind)" >&2; return 1; }
    box() {  # R: the (2R+1)^2 box mean as an add chain
        local r=$1 e="" first=1
        for ((dy = -r; dy <= r; ++dy)); do
            for ((dx = -r; dx <= r; ++dx)); do
                e+="x[$dx,$dy] "
                if [ $first = 1 ]; then first=0; else e+="+ "; fi
            done
        done
        echo "$e$(((2 * r + 1) * (2 * r + 1))) /"
    }
    ir() {  # EXPR FRAMES [chain]: callgrind's Ir of the whole run (every thread)
        valgrind --tool=callgrind --callgrind-out-file=/dev/null \
            "$bin/expr_profile" "$1" gray8 68 "$2" ${3:-} 2>&1 > /dev/null |
            sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
    }
    per_pixel() {  # EXPR [chain]
        local one three
        one=$(ir "$1" 1 ${2:-})
        three=$(ir "$1" 3 ${2:-})
        [ -n "$one" ] && [ -n "$three" ] || { echo "refresh_figures: no callgrind count for '$1'" >&2; return 1; }
        awk -v a="$one" -v b="$three" 'BEGIN { if (b <= a) exit 1; printf("%.1f", (b - a) / 2 / (1920 * 68)) }' ||
            { echo "refresh_figures: 3 frames of '$1' cost no more than 1 under callgrind" >&2; return 1; }
    }
    local b3 b5 b9 b17
    b3=$(box 1) b5=$(box 2) b9=$(box 4) b17=$(box 8)
    echo "3×3 box $(per_pixel "$b3") instead of $(per_pixel "$b3" chain), 5×5 $(per_pixel "$b5") instead of $(per_pixel "$b5" chain), 9×9 $(per_pixel "$b9") instead of $(per_pixel "$b9" chain), 17×17 $(per_pixel "$b17"); Ir counts, load-independent, $(stamp)"
}

# bench_regress's speedup column: fused kernels against the chain of passes, radius 1 and
# 4, 1 and 2 threads, in the same run.
block_regress_speed() {
    need bench_regress
    "$bin/bench_regress" 4 > "$scratch/regress"
    local range
    range=$(awk '$1 ~ /^[0-9]+$/ && NF >= 9 { v = $9 + 0; if (n++ == 0 || v < lo) lo = v; if (v > hi) hi = v }
                 END { if (n) printf("%.0f–%.0f×", lo, hi) }' "$scratch/regress")
    [ -n "$range" ] || { echo "refresh_figures: bench_regress printed no speedup" >&2; return 1; }
    echo "$range faster (radius 1 and 4, 1 and 2 threads, $(stamp))"
}

# The share of descale in bench_chroma_example's steps (1 thread, 8 distinct 1080p frames).
block_chroma_descale_share() {
    need bench_chroma_example
    "$bin/bench_chroma_example" 8 > "$scratch/chroma"
    local one two
    one=$(awk '/thread\(s\)/ { t = $1 } /descale/ && t == 1 { print $(NF - 1) }' "$scratch/chroma")
    two=$(awk '/thread\(s\)/ { t = $1 } /descale/ && t == 2 { print $(NF - 1) }' "$scratch/chroma")
    [ -n "$one" ] && [ -n "$two" ] || { echo "refresh_figures: bench_chroma_example printed no descale share" >&2; return 1; }
    echo "$(awk -v s="$one" 'BEGIN { printf("%.0f", s) }') % at 1080p with 1 thread, $(awk -v s="$two" 'BEGIN { printf("%.0f", s) }') % with 2; $(stamp)"
}

# The demo's chroma PSNR (deterministic: the load does not change it).
block_chroma_demo_psnr() {
    need regress_chroma_demo
    local plain poster
    plain=$("$bin/regress_chroma_demo")
    poster=$("$bin/regress_chroma_demo" data/regress/astronaut.png data/regress/astronaut-512-point-chroma.json 4)
    field() { awk -v c="$2" -v k="$3" '$1 == c { print $k }' <<< "$1"; }
    echo "Cb $(field "$plain" Cb 2) → $(field "$plain" Cb 3) dB, Cr $(field "$plain" Cr 2) → $(field "$plain" Cr 3) dB on the photograph, $(field "$poster" Cb 4)/$(field "$poster" Cr 4) dB on its posterised (4 levels, animation-like) version ($(stamp))"
}

# ---- rewrite ------------------------------------------------------------------------

# apply NAME FILE: the text of FILE replaces what is between NAME's markers.
apply() {
    BLOCK_NAME=$1 BLOCK_FILE=$2 perl -0777 -pe '
        BEGIN { open(my $f, "<:raw", $ENV{BLOCK_FILE}) or die; local $/; $text = <$f>; $text =~ s/\n\z// unless $text =~ /^\n/; }
        my $n = quotemeta($ENV{BLOCK_NAME});
        s/(<!-- figures:$n begin -->).*?(<!-- figures:$n end -->)/$1$text$2/s or die "no markers for $ENV{BLOCK_NAME}\n";
    ' README.md > "$scratch/README.md"
    cat "$scratch/README.md" > README.md
}

failed=0
for n in "${chosen[@]}"; do
    echo "== $n: ${describe[$n]}" >&2
    LOAD_BEFORE=$(load1)
    start=$EPOCHREALTIME
    # In a subshell with -e in force (a function called as an if condition would run
    # with -e ignored, and a failed measurement would write half a block).
    set +e
    (set -e; "block_$n") > "$scratch/block"
    rc=$?
    set -e
    if [ $rc -eq 0 ] && [ -s "$scratch/block" ]; then
        apply "$n" "$scratch/block"
        echo "   $(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf("%.0f s", b - a) }'): $(tail -n 1 "$scratch/block")" >&2
    else
        echo "refresh_figures: block $n failed; its figures are unchanged" >&2
        failed=1
    fi
done
exit $failed
