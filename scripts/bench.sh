#!/usr/bin/env bash
# Builds SocketScope in release mode, runs every benchmark several times and prints the table
# of figures: each as median and spread over the runs, against its target and, where one was
# measured in the same run, against the reference tool. Benchmarks print; nothing here fails
# because a target is missed.
# Usage: scripts/bench.sh [RUNS]        (default: 3 runs of each benchmark)
set -euo pipefail

source_dir=$(cd "$(dirname "$0")/.." && pwd)
build_dir="$source_dir/build-release"
runs=${1:-3}
if ! [[ "$runs" =~ ^[0-9]+$ ]] || [[ "$runs" -lt 1 ]]; then
    echo "bench.sh: RUNS must be a whole number, at least 1" >&2
    exit 2
fi

"$source_dir/scripts/install-dependencies.sh" --tests
cmake -S "$source_dir" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build_dir" --parallel "$(nproc)"

figures=$(mktemp)
trap 'rm -f "$figures"' EXIT
for ((run = 1; run <= runs; ++run)); do
    echo "== run $run of $runs" >&2
    # Each benchmark prints "FIGURE id value unit" lines (tests/testfigures.h).
    QT_QPA_PLATFORM=offscreen ctest --test-dir "$build_dir" -L benchmark -V 2>&1 |
        sed -n 's/^[0-9]*: FIGURE /FIGURE /p' >>"$figures" || true
done

python3 - "$figures" "$runs" <<'PYTHON'
import os, platform, re, statistics, subprocess, sys

path, runs = sys.argv[1], int(sys.argv[2])
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
print(f"Each figure: median of {runs} runs of its benchmark (spread: lowest to highest).")
print()

# figure, id, target (None: no target, shown for scale), how the target reads, the reference's id
rows = [
    ("engine overhead per call above the raw system call, 10 other sockets", None, "≤ 5 µs", None),
    ("engine overhead per call, 10,000 other sockets", None, "≤ 5 µs", None),
    ("event ingest into the log with every view attached", None, "≥ 100,000 events/s", None),
    ("one call appended to a log of 1,000 calls and linked", "eventlog.append_link_1000", "", None),
    ("one call appended to a log of 100,000 calls and linked", "eventlog.append_link_100000", "", None),
    ("sequence diagram: one screen painted, 100,000 packets (top, middle, end)", "diagram.paint_100k", "≤ 8 ms", None),
    ("sequence diagram: one screen painted, 1,000,000 packets", None, "≤ 8 ms", None),
    ("sequence diagram: memory per packet", None, "≤ 200 bytes", None),
    ("live inspector, 10,000 rows: longest event-loop stall", "inspector.longest_stall_10k", "≤ 16 ms", None),
    ("snapshot of 10,000 sockets / ss -tan, whole processes", "snapshot.ratio_ss_tan", "≤ 1.0", None),
    ("snapshot of 10,000 sockets with processes / ss -tanp", "snapshot.ratio_ss_tanp", "≤ 1.0", None),
    ("traced program: added cost per traced call", "tracer.traced_call_added", "≤ 20 µs",
     "tracer.strace_traced_call_added"),
    ("traced program: an untrapped call (getppid)", "tracer.untrapped_call_added", "none measurable", None),
    ("traced program: a trapped call not reported (read of a file)", "tracer.trapped_unreported_call_added", "", None),
    ("1 GB streamed into a lab socket: memory growth", "keptbytes.rss_growth_1gb", "bounded", None),
    ("start-up to the first painted frame", None, "≤ 250 ms", None),
    ("memory at rest", None, "≤ 60 MB", None),
]
limits = {"≤ 5 µs": ("<=", 5), "≤ 8 ms": ("<=", 8), "≤ 16 ms": ("<=", 16), "≤ 1.0": ("<=", 1.0),
          "≤ 20 µs": ("<=", 20)}

def shown(name):
    data = values.get(name)
    if not data:
        return None
    unit = {"us": " µs", "x": "×"}.get(units[name], " " + units[name])
    median = statistics.median(data)
    return median, f"{median:.3g}{unit}", f"{min(data):.3g} – {max(data):.3g}"

print("| figure | median | spread | target | reference (same run) | verdict |")
print("| --- | --- | --- | --- | --- | --- |")
for figure, name, target, reference in rows:
    if name is None:
        print(f"| {figure} | not measured yet | | {target} | | no benchmark yet |")
        continue
    measured = shown(name)
    if measured is None:
        print(f"| {figure} | no figure printed | | {target} | | benchmark did not run |")
        continue
    median, text, spread = measured
    ref = shown(reference)[1] if reference and shown(reference) else ""
    verdict = ""
    if target in limits:
        verdict = "met" if median <= limits[target][1] else f"missed ({median / limits[target][1]:.1f}× the target)"
    print(f"| {figure} | {text} | {spread} | {target} | {ref} | {verdict} |")
PYTHON
