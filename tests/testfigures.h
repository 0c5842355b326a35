#pragma once

#include <QList>

#include <algorithm>
#include <cstdio>

// A benchmark's figure as one line that scripts/bench.sh reads from the run's output:
// "FIGURE <id> <value> <unit>". The id names the figure in the script's table of targets.
namespace TestFigures {

inline void report(const char* id, double value, const char* unit)
{
    std::printf("FIGURE %s %.6g %s\n", id, value, unit);
    std::fflush(stdout);
}

// The middle of a benchmark's samples; 0 when there are none.
template <typename T> double median(QList<T> samples)
{
    std::sort(samples.begin(), samples.end());
    return samples.isEmpty() ? 0 : double(samples.at(samples.size() / 2));
}

} // namespace TestFigures
