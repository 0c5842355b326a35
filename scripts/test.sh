#!/usr/bin/env bash
# The second README command: installs what is missing, builds, and runs the whole test suite.
# Usage: scripts/test.sh [--sanitize address,undefined|thread]
set -euo pipefail

source_dir=$(cd "$(dirname "$0")/.." && pwd)
sanitizers=""
build_dir="$source_dir/build"
if [[ "${1:-}" == "--sanitize" ]]; then
    sanitizers=${2:?"--sanitize needs a list such as address,undefined"}
    build_dir="$source_dir/build-${sanitizers//,/-}"
fi

"$source_dir/scripts/install-dependencies.sh" --tests
"$source_dir/scripts/build.sh" "$build_dir" "$sanitizers"

export QT_QPA_PLATFORM=offscreen
# The suite must be clean: any sanitizer report fails the run.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1}
ctest --test-dir "$build_dir" --output-on-failure --parallel "$(nproc)"
