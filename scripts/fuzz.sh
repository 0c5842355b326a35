#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ with clang and runs one or all of them for a time.
# Usage: scripts/fuzz.sh [TARGET|all] [SECONDS]        (default: all, 60 seconds each)
# Each target starts from its seeds in fuzz/corpus/TARGET and keeps the inputs it finds new
# in build-fuzz/corpus/TARGET. A crash, a leak, a hang or a broken property is written to
# build-fuzz/findings/TARGET/ and fails the run; the last lines of every log are printed.
set -euo pipefail

source_dir=$(cd "$(dirname "$0")/.." && pwd)
build_dir="$source_dir/build-fuzz"
which=${1:-all}
seconds=${2:-60}
if ! [[ "$seconds" =~ ^[1-9][0-9]*$ ]]; then
    echo "fuzz.sh: SECONDS must be a whole number of seconds, at least 1" >&2
    exit 2
fi

targets=()
for file in "$source_dir"/fuzz/fuzz_*.cpp; do
    name=$(basename "$file" .cpp)
    if [[ "$which" == all || "$which" == "$name" ]]; then
        targets+=("$name")
    fi
done
if [[ ${#targets[@]} -eq 0 ]]; then
    echo "fuzz.sh: no target named '$which'; the targets are:" >&2
    ls "$source_dir"/fuzz/fuzz_*.cpp | xargs -n1 basename | sed 's/\.cpp$//' >&2
    exit 2
fi

"$source_dir/scripts/install-dependencies.sh" --fuzz
CC=clang CXX=clang++ cmake -S "$source_dir" -B "$build_dir" -G Ninja \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSOCKETSCOPE_FUZZ=ON >/dev/null
cmake --build "$build_dir" --parallel "$(nproc)" --target "${targets[@]}"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export QT_QPA_PLATFORM=offscreen LC_ALL=C.UTF-8
failed=()
for target in "${targets[@]}"; do
    corpus="$build_dir/corpus/$target"
    findings="$build_dir/findings/$target"
    log="$build_dir/logs/$target.log"
    mkdir -p "$corpus" "$findings" "$(dirname "$log")"
    echo "== $target: $seconds s"
    # New inputs go to the first folder; the seeds in the repository are only read.
    if "$build_dir/fuzz/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -max_len=65536 -print_final_stats=1 -artifact_prefix="$findings/" \
        "$corpus" "$source_dir/fuzz/corpus/$target" >"$log" 2>&1; then
        grep -E "^(Done|stat::number_of_executed_units|stat::peak_rss_mb)|cov:" "$log" | tail -4 ||
            true
    else
        failed+=("$target")
        tail -40 "$log"
    fi
done
if [[ ${#failed[@]} -gt 0 ]]; then
    echo "fuzz.sh: findings in ${failed[*]} (inputs in $build_dir/findings/)" >&2
    exit 1
fi
echo "fuzz.sh: ${#targets[@]} targets ran $seconds s each, nothing found"
