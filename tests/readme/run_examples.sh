#!/usr/bin/env bash
# Runs every example of the README as written, so the README cannot go stale.
#   run_examples.sh README.md BUILD_DIR SOURCE_DIR
#
# What runs: every fenced block opened by exactly ```sh, in README order, each as one bash
# script (set -euo pipefail) in one temporary folder that holds `data` (the repository's)
# and `build` (BUILD_DIR) as links, with build/bin first on PATH — the folder a user who
# copied the sample files gets. Blocks share the folder, so a block may use what an earlier
# one wrote (lg2.json, analysis.json, …).
# What does not: blocks opened by ```sh norun (illustrative, interactive or slow ones: the
# README says why next to each) and blocks in any other language (json, text).
# Any other shell-like fence (```bash, ```shell, ```console, ```sh foo) is refused, so an
# example cannot silently escape the test.
# Outputs: a command line ending in `# → TEXT` must print exactly TEXT on stdout.
# Afterwards no `*.tmp-*` file (an output left half-written) may remain in the folder.
set -uo pipefail

readme=$1
build_dir=$(cd "$2" && pwd)
source_dir=$(cd "$3" && pwd)

work=$(mktemp -d "${TMPDIR:-/tmp}/rigor-readme.XXXXXX")
trap 'rm -rf "$work"' EXIT
ln -s "$source_dir/data" "$work/data"
ln -s "$build_dir" "$work/build"
mkdir "$work/.blocks"
export PATH="$build_dir/bin:$PATH"

# Splits the README into .blocks/NNNN.sh scripts (NNNN = the fence's line number); a line
# `# → TEXT` becomes a comparison of the command's stdout with TEXT. README_LINE is set
# before each command (not inside a backslash continuation) for the failure message.
awk -v dir="$work/.blocks" '
function quote(s) { gsub(/\047/, "\047\\\047\047", s); return "\047" s "\047" }
BEGIN { state = "out"; bad = 0 }
state == "out" && /^```/ {
    info = substr($0, 4)
    if (info == "sh") { state = "run"; file = sprintf("%s/%04d.sh", dir, NR); continued = 0; next }
    if (info == "sh norun") { state = "skip"; skipped++; next }
    if (info ~ /^(sh|bash|shell|console|zsh)/) {
        printf("README line %d: fence \"```%s\" is neither ```sh (run by this test) nor ```sh norun\n", NR, info) > "/dev/stderr"
        bad = 1
    }
    state = "other"; next
}
state != "out" && /^```[[:space:]]*$/ { state = "out"; next }
state == "run" {
    line = $0
    if (!continued && line !~ /^[[:space:]]*(#|$)/) print "README_LINE=" NR > file
    arrow = index(line, "# \342\206\222 ")
    if (arrow > 0 && !continued) {
        cmd = substr(line, 1, arrow - 1); want = substr(line, arrow + 6)
        print "readme_expect " NR " " quote(want) " " quote(cmd) > file
    } else {
        print line > file
    }
    continued = (line ~ /\\$/)
}
END {
    if (state != "out") { print "README: a fenced block is not closed" > "/dev/stderr"; bad = 1 }
    print skipped + 0 > (dir "/skipped")
    exit bad
}' "$readme" || exit 1

prelude='set -euo pipefail
README_LINE=?
trap '\''echo "README line $README_LINE: exit $?" >&2'\'' ERR
readme_expect() {  # LINE WANT CMD: CMD prints exactly WANT
    local got
    got=$(eval "$3") || { echo "README line $1: exit $?" >&2; return 1; }
    if [ "$got" != "$2" ]; then
        printf "README line %s: printed\n  %s\nbut the README says\n  %s\n" "$1" "$got" "$2" >&2
        return 1
    fi
}'

elapsed() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf("%.2f", b - a) }'; }

cd "$work" || exit 1
ran=0
failed=0
start=$(date +%s.%N)
for block in .blocks/[0-9]*.sh; do
    [ -e "$block" ] || break
    line=$((10#$(basename "$block" .sh)))
    t0=$(date +%s.%N)
    if bash -c "$prelude"$'\n'"$(cat "$block")" < /dev/null > "$work/.blocks/out" 2>&1; then
        status=ok
    else
        status=FAILED
        failed=$((failed + 1))
    fi
    ran=$((ran + 1))
    printf "%-6s block at README line %4d  %6.2f s\n" "$status" "$line" "$(elapsed "$t0")"
    [ "$status" = ok ] || sed 's/^/    /' "$work/.blocks/out" | tail -n 20
done
printf "%d blocks run, %d failed, %d not run (sh norun), %.1f s in all\n" \
    "$ran" "$failed" "$(cat .blocks/skipped)" "$(elapsed "$start")"

leftovers=$(find . -name '*.tmp-*' -not -path './.blocks/*' -not -path './data/*' -not -path './build/*' | head)
if [ -n "$leftovers" ]; then
    echo "temporary outputs left behind:"; echo "$leftovers"
    failed=$((failed + 1))
fi
[ "$ran" -gt 0 ] || { echo "no sh block found in $readme"; exit 1; }
[ "$failed" -eq 0 ]
