#!/usr/bin/env bash
# Configures and builds SocketScope.
# Usage: scripts/build.sh [BUILD_DIR] [SANITIZERS] [TARGET...]     (default: every target)
set -euo pipefail

source_dir=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${1:-"$source_dir/build"}
sanitizers=${2:-}
targets=("${@:3}")

cmake -S "$source_dir" -B "$build_dir" -G Ninja \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DSOCKETSCOPE_SANITIZE="$sanitizers"
if [[ ${#targets[@]} -gt 0 ]]; then
    cmake --build "$build_dir" --parallel "$(nproc)" --target "${targets[@]}"
else
    cmake --build "$build_dir" --parallel "$(nproc)"
fi
