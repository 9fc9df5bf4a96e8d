#!/usr/bin/env bash
# rigor's one entry point for people and CI:
#   ./dev.sh run    install what is missing, build the main job's program (build/bin/vc2-report, the
#                   `rigor vc2-report` command alone: no Expr, regression or video code), run it on the
#                   bundled default
#   ./dev.sh test   install what is missing, build everything but the benchmarks, run every test
#   ./dev.sh build  install what is missing, build everything but the benchmarks
#   ./dev.sh bench  install what is missing, build the benchmarks (build/bin, build/bench)
# Works on a fresh Debian 12 machine (as root or with sudo).
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(g++ cmake make pkg-config libginac-dev libcln-dev libgmp-dev nlohmann-json3-dev
          libboost-math-dev catch2 libzimg-dev libpng-dev libtiff-dev zlib1g-dev libxbyak-dev
          libavformat-dev libavcodec-dev libavutil-dev libswscale-dev ffmpeg
          pybind11-dev python3-dev python3-numpy)

install_missing() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
  fi
}

# build [TARGET…]: configure once, then build the targets (default: all but the benchmarks).
build() {
  install_missing
  cmake -S . -B build -DCMAKE_BUILD_TYPE=Release > /dev/null
  local targets=()
  for t in "$@"; do targets+=(--target "$t"); done
  cmake --build build -j "$(nproc)" "${targets[@]}"
}

case "${1:-run}" in
  build) build ;;
  bench) build bench ;;
  run)
    build vc2-report
    mkdir -p out
    build/bin/vc2-report -w le_gall_5_3 -d 2 -o out/le_gall_5_3_d2.json
    ;;
  test)
    build
    ctest --test-dir build --output-on-failure -j "$(nproc)"
    ;;
  *) echo "usage: ./dev.sh run|test|build|bench" >&2; exit 2 ;;
esac
