#!/usr/bin/env bash
# One wording everywhere: every command × (a missing input file, an input that is a
# directory, a required option left out) → the exit code (1 bad input, 2 argument
# mistake) and exactly one stderr line in the one wording:
#   cannot read 'PATH': No such file or directory / Is a directory
#   the argument OPTION is required …  (or, for a positional: missing argument NAME)
#   file_messages.sh BIN_DIR DATA_DIR
set -uo pipefail

bin=$(cd "$1" && pwd)
data=$(cd "$2" && pwd)
ex=$data/examples
sa=$data/vc2/static-analysis/w1_W1_d1_D0.json
work=$(mktemp -d "${TMPDIR:-/tmp}/rigor-messages.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
mkdir folder.y4m folder.json folder.png folder.mkv folder.tif folder.pfm

failures=0
checks=0
# expect CODE PATTERN -- ARGS…: `rigor ARGS…` exits CODE with one stderr line matching
# the extended regular expression PATTERN (after "rigor NAME: error: ").
expect() {
    local code=$1 pattern=$2
    shift 3
    "$bin/rigor" "$@" > /dev/null 2> err
    local got=$? lines
    lines=$(wc -l < err)
    checks=$((checks + 1))
    if [ "$got" -ne "$code" ] || [ "$lines" -ne 1 ] || ! grep -Eq "^rigor [a-z0-9-]+: error: $pattern" err; then
        echo "FAILED: rigor $* → exit $got, $lines line(s): $(head -c 300 err)"
        echo "        wanted exit $code and: $pattern"
        failures=$((failures + 1))
    fi
}

# Every reader, on a missing file and on a directory of the kind it reads.
for kind in missing folder; do
    for ext in y4m json png mkv tif pfm; do
        f=$kind.$ext
        if [ "$kind" = missing ]; then why='No such file or directory'; else why='Is a directory'; fi
        read_error="cannot read '$f': $why"
        case $ext in
        y4m|png|mkv|tif|pfm)
            expect 1 "$read_error" -- expr -e x -o o.y4m "$f"
            expect 1 "$read_error" -- select -e 0 -o o.y4m "$f"
            expect 1 "$read_error" -- stats "$f"
            expect 1 "$read_error" -- stats "$ex/a.y4m" "$f"
            expect 1 "$read_error" -- regress --x "$f" --y "$ex/chroma.y4m" --slope s.y4m --correlation c.y4m
            expect 1 "$read_error" -- reconstruct --x "$ex/luma.y4m" --slope "$f" --correlation "$f" -o o.y4m
            expect 1 "$read_error" -- chroma-reconstruct -i "$f" --recipe "$data/regress/sirius-720p-point-chroma.json" \
                --descale bilinear 1280x720 -o o.y4m
            ;;
        esac
        case $ext in
        y4m|png|tif) expect 1 "$read_error" -- vc2-dwt "$f" -w 1 -d 1 -o c.json ;;
        json)
            expect 1 "$read_error" -- vc2-static-filter-analysis-combine "$f" -o o.json
            expect 1 "$read_error" -- vc2-report -w "$f" -d 1 -b 8 -o r.json
            expect 1 "$read_error" -- vc2-filter -w "$f" -d 1
            expect 1 "$read_error" -- vc2-static-filter-analysis -w "$f" -d 1
            expect 1 "$read_error" -- vc2-bit-widths-table "$f" -b 10
            expect 1 "$read_error" -- vc2-bit-widths-table "$sa" "$f" -b 10
            expect 1 "$read_error" -- vc2-maximum-quantisation-index "$f" -b 10
            expect 1 "$read_error" -- vc2-bit-width-test-pictures "$f" 16 16 -b 10
            expect 1 "$read_error" -- vc2-optimise-synthesis-test-patterns "$f" -b 10
            expect 1 "$read_error" -- vc2-verify "$f" -b 10
            expect 1 "$read_error" -- vc2-bundle list "$f"
            expect 1 "$read_error" -- vc2-bundle create b.zip -s "$f"
            expect 1 "$read_error" -- vc2-dwt "$f" -w 1 -d 1 -o c.json
            expect 1 "$read_error" -- vc2-idwt "$f" -o c.json
            expect 1 "$read_error" -- select -e 0 --prop-file "x=$f" -o o.y4m "$ex/a.y4m"
            expect 1 "$read_error" -- chroma-reconstruct -i "$ex/a.y4m" --recipe "$f" --descale bilinear 1280x720 -o o.y4m
            ;;
        esac
    done
done

# Required options and arguments.
a=$ex/a.y4m
expect 2 "the argument -e/--expr is required" -- expr -o o.y4m "$a"
expect 2 "the argument -o/--output is required" -- expr -e x "$a"
expect 2 "no input clip given" -- expr -e x -o o.y4m
expect 2 "the argument -e/--expr is required" -- select -o o.y4m "$a"
expect 2 "the argument -o/--output is required" -- select -e 0 "$a"
expect 2 "missing argument INPUT" -- select -e 0 -o o.y4m
expect 2 "missing argument INPUT" -- stats
# without OPT VALUE…: the pairs OPTION VALUE that follow, but the one named OPT.
without() {
    local opt=$1
    shift
    out=()
    while [ $# -gt 0 ]; do [ "$1" = "$opt" ] || out+=("$1" "$2"); shift 2; done
}
for opt in --x --y --slope --correlation; do
    without "$opt" --x "$a" --y "$a" --slope s.y4m --correlation c.y4m
    expect 2 "the argument $opt is required" -- regress "${out[@]}"
done
for opt in --x --slope --correlation --output; do
    without "$opt" --x "$a" --slope "$a" --correlation "$a" --output o.y4m
    expect 2 "the argument $opt is required" -- reconstruct "${out[@]}"
done
expect 2 "the argument --wavelet-index/-w is required" -- vc2-static-filter-analysis -d 1
expect 2 "the argument --wavelet-index/-w is required" -- vc2-filter -d 1
expect 2 "the argument --wavelet-index/-w is required" -- vc2-bundle extract-static-filter-analysis b.zip
expect 2 "the argument --output/-o is required" -- vc2-report -w 1 -d 1
for tool in vc2-bit-widths-table vc2-maximum-quantisation-index vc2-optimise-synthesis-test-patterns vc2-verify; do
    expect 2 "the argument -b/--picture-bit-width is required" -- "$tool" "$sa"
    expect 2 "missing argument STATIC_ANALYSIS.json" -- "$tool" -b 10
done
expect 2 "the argument -b/--picture-bit-width is required" -- vc2-bit-width-test-pictures "$sa" 16 16
expect 2 "missing argument FILE" -- vc2-static-filter-analysis-combine
expect 2 "missing argument EXPR" -- analyse
expect 2 "missing argument EXPR" -- infix
expect 2 "missing argument EXPR" -- postfix

echo "$checks cases checked, $failures failed"
[ "$failures" -eq 0 ]
