#!/usr/bin/env bash
# The second README command: installs what is missing, builds, and runs the whole test suite.
# Usage: scripts/test.sh [--sanitize address,undefined|thread]
# Under ThreadSanitizer, the tests labelled "threads" (tests/CMakeLists.txt) run: those where
# the project's threads hand work to each other; under the other sanitizers, all but the
# benchmarks.
set -euo pipefail

source_dir=$(cd "$(dirname "$0")/.." && pwd)
sanitizers=""
build_dir="$source_dir/build"
if [[ "${1:-}" == "--sanitize" ]]; then
    sanitizers=${2:?"--sanitize needs a list such as address,undefined"}
    build_dir="$source_dir/build-${sanitizers//,/-}"
fi
targets=()
selection=()
if [[ "$sanitizers" == thread ]]; then
    targets=(thread_tests)
    selection=(--label-regex threads)
elif [[ -n "$sanitizers" ]]; then
    # The benchmarks' figures mean nothing under a sanitizer; they run in the plain suite.
    selection=(--label-exclude benchmark)
fi

"$source_dir/scripts/install-dependencies.sh" --tests
"$source_dir/scripts/build.sh" "$build_dir" "$sanitizers" "${targets[@]}"

export QT_QPA_PLATFORM=offscreen
# The suite must be clean: any sanitizer report fails the run. tests/tsan.supp holds only
# reports that lie wholly inside Qt, each with why.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
# die_after_fork=0: the runtime killed test processes themselves (tst_replay, tst_labunix,
# tst_labinterrupt) at their next thread after they had started a helper process, its
# after-fork mark set in the parent (a child started with vfork semantics, as posix_spawn
# does, shares the parent's memory until exec). No process of the project starts a thread
# between a fork and its exec.
# The path is quoted: the runtime splits its options at colons and spaces.
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1:die_after_fork=0:suppressions=\'$source_dir/tests/tsan.supp\'}
ctest --test-dir "$build_dir" --output-on-failure --parallel "$(nproc)" "${selection[@]}"
