#!/usr/bin/env bash
# Outputs of every kind: every command that writes a file, pointed at a character device
# (mknod c 1 3, a /dev/null of our own) and at a named pipe (mkfifo) in a temporary folder,
# must write into them directly — never replace them with a regular file, never unlink
# them — also when the run fails. The FIFO's reader must receive the output.
#   special_outputs.sh BIN_DIR DATA_DIR
# Creating a device node needs root (the CI runs the tests as root); without it the
# device half is skipped with a message and only the FIFOs are checked.
set -uo pipefail

bin=$(cd "$1" && pwd)
data=$(cd "$2" && pwd)
ex=$data/examples
sa=$data/vc2/static-analysis/w1_W1_d1_D0.json

work=$(mktemp -d "${TMPDIR:-/tmp}/rigor-outputs.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1

devices=yes
if ! mknod probe c 1 3 2>/dev/null; then
    devices=no
    echo "SKIPPED (not root): character devices cannot be created here; only FIFOs are checked"
fi
rm -f probe

failures=0
checks=0
fail() { echo "FAILED: $*"; failures=$((failures + 1)); }

# Inputs some commands need, made once.
"$bin/rigor" regress --x "$ex/luma.y4m" --y "$ex/chroma.y4m" --radius 1 --slope s.y4m --correlation c.y4m ||
    fail "setup: regress"
"$bin/rigor" vc2-dwt "$ex/picture.json" -w le_gall_5_3 -d 1 -b 10 -o coefficients.json || fail "setup: vc2-dwt"
"$bin/rigor" vc2-bundle create bundle.zip -s "$sa" || fail "setup: vc2-bundle create"
"$bin/rigor" vc2-static-filter-analysis -w le_gall_5_3 -d 1 -B 2 -b 0 -o batch0.json || fail "setup: batch 0"
"$bin/rigor" vc2-static-filter-analysis -w le_gall_5_3 -d 1 -B 2 -b 1 -o batch1.json || fail "setup: batch 1"
ffmpeg -v error -f lavfi -i testsrc2=s=768x768 -frames:v 1 -pix_fmt yuv420p -f yuv4mpegpipe release.y4m ||
    fail "setup: ffmpeg"

# run_into KIND NAME EXPECT -- COMMAND… : COMMAND with @OUT@ replaced by a fresh FIFO or
# device called NAME; EXPECT is ok (exit 0, the FIFO's reader gets bytes) or fail (non-zero
# exit). Either way the node must still be a FIFO / character device afterwards.
run_into() {
    local kind=$1 name=$2 expect=$3
    shift 4
    local dir
    dir=$(mktemp -d "$work/case.XXXXXX")
    local node=$dir/$name
    if [ "$kind" = fifo ]; then mkfifo "$node"; else mknod "$node" c 1 3; fi
    local args=() reader=
    for a in "$@"; do args+=("${a//@OUT@/$node}"); done
    # The reader gives up after 60 s, so a command that never opens the FIFO cannot hang us.
    if [ "$kind" = fifo ]; then timeout 60 cat "$node" > "$dir/received" & reader=$!; fi
    "$bin/rigor" "${args[@]}" > "$dir/stdout" 2> "$dir/stderr"
    local code=$?
    if [ -n "$reader" ]; then
        # A failed run may never open the FIFO: open it once so the reader sees its end.
        if kill -0 "$reader" 2>/dev/null; then timeout 5 bash -c ": > '$node'" 2>/dev/null; fi
        wait "$reader" 2>/dev/null
    fi
    checks=$((checks + 1))
    local what="$kind $name: rigor $*"
    if [ "$expect" = ok ] && [ "$code" -ne 0 ]; then fail "$what: exit $code: $(head -c 300 "$dir/stderr")"; fi
    if [ "$expect" = fail ] && [ "$code" -eq 0 ]; then fail "$what: exit 0 on input that must fail"; fi
    if [ "$kind" = fifo ] && [ ! -p "$node" ]; then fail "$what: the FIFO was replaced or removed"; fi
    if [ "$kind" = device ] && [ ! -c "$node" ]; then fail "$what: the device was replaced or removed"; fi
    if [ "$kind" = fifo ] && [ "$expect" = ok ] && [ ! -s "$dir/received" ]; then fail "$what: nothing reached the FIFO's reader"; fi
    local extra
    extra=$(find "$dir" -mindepth 1 -not -name "$name" -not -name received -not -name stdout -not -name stderr)
    [ -z "$extra" ] || fail "$what: left $extra"
    rm -rf "$dir"
}

# both NAME EXPECT -- COMMAND…: into a FIFO and into a device.
both() {
    run_into fifo "$@"
    [ "$devices" = no ] || run_into device "$@"
}

missing=$work/no-such-file.y4m
# Video and planes.
both out.y4m ok   -- expr -e 'x 1 +' -o @OUT@ "$ex/a.y4m"
both out.mkv ok   -- expr -e 'x 1 +' -o @OUT@ "$ex/a.mkv"
both out.mp4 ok   -- expr -e 'x 1 +' -o @OUT@ "$ex/b.mp4"
both out.png ok   -- expr -e 'x 1 +' -o @OUT@ "$ex/in.png"
both out.y4m fail -- expr -e 'x 1 +' -o @OUT@ "$missing"
both out.y4m fail -- expr -e 'x 1 +' --frames 100: -o @OUT@ "$ex/a.y4m"   # fails after the output is open
both out.mkv fail -- expr -e 'x 1 +' --frames 100: -o @OUT@ "$ex/a.mkv"
both out.y4m ok   -- select -e 'N 2 %' -o @OUT@ "$ex/a.y4m" "$ex/b.y4m"
both out.y4m fail -- select -e 'N 2 %' -o @OUT@ "$ex/a.y4m" "$missing"
both stats.json ok   -- stats "$ex/a.y4m" -o @OUT@
both stats.json fail -- stats "$missing" -o @OUT@
both slope.y4m ok   -- regress --x "$ex/luma.y4m" --y "$ex/chroma.y4m" --radius 1 --slope @OUT@ --correlation "$work/c2.y4m"
both corr.y4m ok    -- regress --x "$ex/luma.y4m" --y "$ex/chroma.y4m" --radius 1 --slope "$work/s2.y4m" --correlation @OUT@
both slope.y4m fail -- regress --x "$ex/luma.y4m" --y "$missing" --radius 1 --slope @OUT@ --correlation "$work/c3.y4m"
both out.y4m ok   -- reconstruct --x "$ex/luma.y4m" --slope s.y4m --correlation c.y4m --radius 1 -o @OUT@
both out.y4m fail -- reconstruct --x "$ex/luma.y4m" --slope "$missing" --correlation c.y4m --radius 1 -o @OUT@
both out.y4m ok   -- chroma-reconstruct -i release.y4m --recipe "$data/regress/astronaut-512-point-chroma.json" \
                     --descale bilinear 512x512 -o @OUT@
both out.y4m fail -- chroma-reconstruct -i "$missing" --recipe "$data/regress/astronaut-512-point-chroma.json" \
                     --descale bilinear 512x512 -o @OUT@
# Documents, tables and reports.
both analysis.json ok   -- vc2-static-filter-analysis -w le_gall_5_3 -d 1 -o @OUT@
both analysis.json fail -- vc2-static-filter-analysis -w no_such_wavelet -d 1 -o @OUT@
both combined.json ok   -- vc2-static-filter-analysis-combine batch0.json batch1.json -o @OUT@
both combined.json fail -- vc2-static-filter-analysis-combine batch0.json "$missing" -o @OUT@
both report.json ok   -- vc2-report -w haar_with_shift -d 1 -b 8 -o @OUT@
both table.csv ok     -- vc2-bit-widths-table "$sa" -b 10 -o @OUT@
both table.csv fail   -- vc2-bit-widths-table "$missing" -b 10 -o @OUT@
both index.txt ok     -- vc2-maximum-quantisation-index "$sa" -b 10 -o @OUT@
both optimised.json ok -- vc2-optimise-synthesis-test-patterns "$sa" -b 10 -N 1 -i 2 -I 2 -o @OUT@
both verify.txt ok    -- vc2-verify "$sa" -b 10 --width 16 --height 16 -r 1 -o @OUT@
both bundle.zip ok    -- vc2-bundle create @OUT@ -s "$sa"
both bundle.zip fail  -- vc2-bundle create @OUT@ -s "$missing"
both extracted.json ok -- vc2-bundle extract-static-filter-analysis bundle.zip -w le_gall_5_3 -d 1 -o @OUT@
both coefficients.json ok -- vc2-dwt "$ex/picture.json" -w le_gall_5_3 -d 1 -b 10 -o @OUT@
both coefficients.json fail -- vc2-dwt "$missing" -w le_gall_5_3 -d 1 -b 10 -o @OUT@
both decoded.json ok  -- vc2-idwt coefficients.json -o @OUT@
both decoded.y4m ok   -- vc2-idwt coefficients.json -o @OUT@
both filters.json ok  -- vc2-filter -w le_gall_5_3 -d 1 --json -o @OUT@
both analyse.txt ok   -- analyse 'x 1 +' --range x=0:255 --format gray8 -o @OUT@
both model.txt ok     -- regress-model --radius 1 -o @OUT@

echo "$checks runs checked (devices: $devices), $failures failed"
[ "$failures" -eq 0 ]
