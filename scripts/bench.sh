#!/usr/bin/env bash
# Builds SocketScope in release mode, runs every benchmark several times and prints the table
# of figures: each as median and spread over the runs, against its target and, where one was
# measured in the same run, against the reference tool. Benchmarks print; nothing here fails
# because a target is missed.
# Usage: scripts/bench.sh [RUNS]        (default: 3 runs of each benchmark)
#        BENCH_BUILD_DIR=build scripts/bench.sh   (an existing build instead of the release one)
set -euo pipefail

source_dir=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${BENCH_BUILD_DIR:-"$source_dir/build-release"}
runs=${1:-3}
if ! [[ "$runs" =~ ^[1-9][0-9]*$ ]]; then
    echo "bench.sh: RUNS must be a whole number, at least 1" >&2
    exit 2
fi

"$source_dir/scripts/install-dependencies.sh" --tests
if [[ -z "${BENCH_BUILD_DIR:-}" ]]; then
    cmake -S "$source_dir" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$build_dir" --parallel "$(nproc)"
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$build_dir/CMakeCache.txt")

figures=$(mktemp)
trap 'rm -f "$figures"' EXIT
for ((run = 1; run <= runs; ++run)); do
    echo "== run $run of $runs" >&2
    # Each benchmark prints "FIGURE id value unit" lines (tests/testfigures.h).
    QT_QPA_PLATFORM=offscreen ctest --test-dir "$build_dir" -L benchmark -V --parallel 1 2>&1 |
        sed -n 's/^[0-9]*: FIGURE /FIGURE /p' >>"$figures" || true
done

python3 - "$figures" "$runs" "$build_type" <<'PYTHON'
import os, platform, re, statistics, subprocess, sys

path, runs, build_type = sys.argv[1], int(sys.argv[2]), sys.argv[3]
values, units = {}, {}
for line in open(path):
    _, name, value, unit = line.split()
    values.setdefault(name, []).append(float(value))
    units[name] = unit

def first_line(command):
    try:
        return subprocess.run(command, capture_output=True, text=True).stdout.strip().splitlines()[0]
    except (OSError, IndexError):
        return "?"

cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
memory = next((l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal")), "0")
qt = first_line(["dpkg-query", "-W", "-f=${Version}", "libqt6core6"])
print(f"Machine: {cpu}, {os.cpu_count()} cores, {int(memory) // 1024 // 1024} GiB, "
      f"Linux {platform.release()}, Qt {qt}; load average at the end {os.getloadavg()[0]:.2f}")
print(f"Each figure: median of {runs} runs of its benchmark (spread: lowest to highest), "
      f"{build_type} build.")
print()

# Each row: the figure, its id, the target as written,
# the target's limit as a number in the figure's unit (None: no limit to check), whether the
# figure must stay at most (True) or at least (False) that limit, the reference's id.
rows = [
    ("engine overhead per call above the raw system call: send(), 10 other sockets", "engine.send_overhead_10", "≤ 5 µs", 5, True, None),
    ("the same, 10,000 other sockets", "engine.send_overhead_10000", "≤ 5 µs", 5, True, None),
    ("engine overhead per call: getsockname(), 10 other sockets", "engine.getsockname_overhead_10", "≤ 5 µs", 5, True, None),
    ("the same, 10,000 other sockets", "engine.getsockname_overhead_10000", "≤ 5 µs", 5, True, None),
    ("event ingest into the log with every view attached: events offered as fast as a thread can post them", "ingest.flood_events_per_s", "≥ 100,000 events/s", 100000, False, None),
    ("the same: longest event-loop stall", "ingest.flood_longest_stall", "", None, True, None),
    ("event ingest, 100,000 events/s offered: taken in", "ingest.paced_events_per_s", "", None, False, None),
    ("the same: longest event-loop stall", "ingest.paced_longest_stall", "≤ 16 ms", 16, True, None),
    ("the same: 99th percentile of the event loop's gaps", "ingest.paced_p99_stall", "≤ 16 ms", 16, True, None),
    ("one call appended to a log of 1,000 calls and linked", "eventlog.append_link_1000", "", None, True, None),
    ("one call appended to a log of 10,000 calls and linked", "eventlog.append_link_10000", "", None, True, None),
    ("one call appended to a log of 100,000 calls and linked", "eventlog.append_link_100000", "", None, True, None),
    ("100,000 packets linked to their calls at once", "linker.link_100k", "", None, True, None),
    ("sequence diagram: one screen painted, 100,000 packets, at the top", "diagram.paint_100k_top", "≤ 8 ms", 8, True, None),
    ("the same, in the middle", "diagram.paint_100k_middle", "≤ 8 ms", 8, True, None),
    ("the same, at the bottom", "diagram.paint_100k_bottom", "≤ 8 ms", 8, True, None),
    ("sequence diagram: one screen painted, 1,000,000 packets, in the middle", "diagram.paint_1m_middle", "≤ 8 ms", 8, True, None),
    ("sequence diagram: memory of its own per packet", "diagram.bytes_per_packet", "≤ 200 bytes", 200, True, None),
    ("the log: memory per packet besides its payload and frame", "log.bytes_per_packet", "", None, True, None),
    ("live inspector, 10,000 rows: longest event-loop stall", "inspector.longest_stall_10k", "≤ 16 ms", 16, True, None),
    ("snapshot of 10,000 sockets / ss -tan, whole processes", "snapshot.ratio_ss_tan", "≤ 1.0", 1.0, True, None),
    ("snapshot of 10,000 sockets with processes / ss -tanp", "snapshot.ratio_ss_tanp", "≤ 1.0", 1.0, True, None),
    ("traced program: added cost per traced call", "tracer.traced_call_added", "≤ 20 µs", 20, True,
     "tracer.strace_traced_call_added"),
    ("traced program: an untrapped call (getppid)", "tracer.untrapped_call_added", "none measurable", None, True, None),
    ("traced program: a trapped call not reported (read of a file)", "tracer.trapped_unreported_call_added", "", None, True, None),
    ("a concurrent server and 1,000 clients traced in the window: 99th percentile of the event loop's gaps", "tracedmanyclients.p99_stall", "≤ 16 ms", 16, True, None),
    ("the same: longest event-loop stall", "tracedmanyclients.longest_stall", "", None, True, None),
    ("the same: calls traced", "tracedmanyclients.calls", "", None, False, None),
    ("the same: calls taken in a second", "tracedmanyclients.calls_per_s", "", None, False, None),
    ("the same: wall time, start to end", "tracedmanyclients.wall_time", "", None, True, None),
    ("1 GB streamed into a lab socket: memory growth", "keptbytes.rss_growth_1gb", "bounded", None, True, None),
    ("the same: 99th percentile of the event loop's gaps", "keptbytes.p99_stall_1gb", "≤ 16 ms", 16, True, None),
    ("the same: longest event-loop stall", "keptbytes.longest_stall_1gb", "", None, True, None),
    ("start-up to the first painted frame (offscreen)", "startup.first_frame", "≤ 250 ms", 250, True, None),
    ("memory at rest (resident, offscreen)", "startup.memory_at_rest", "≤ 60 MB", 60, True, None),
]

def shown(name):
    data = values.get(name) if name else None
    if not data:
        return None
    unit = {"us": " µs", "x": "×", "/s": "/s"}.get(units[name], " " + units[name])
    median = statistics.median(data)
    return median, f"{median:.3g}{unit}", f"{min(data):.3g} – {max(data):.3g}"

print("| figure | median | spread | target | reference (same run) | verdict |")
print("| --- | --- | --- | --- | --- | --- |")
for figure, name, target, limit, at_most, reference in rows:
    measured = shown(name)
    if measured is None:
        print(f"| {figure} | no figure printed | | {target} | | the benchmark failed or did not run |")
        continue
    median, text, spread = measured
    compared = shown(reference)
    verdict = ""
    if limit is not None:
        met = median <= limit if at_most else median >= limit
        verdict = "met" if met else f"missed ({median / limit:.1f}× the target)"
    print(f"| {figure} | {text} | {spread} | {target} | {compared[1] if compared else ''} | {verdict} |")
PYTHON
