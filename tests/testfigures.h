#pragma once

#include <cstdio>

// A benchmark's figure as one line that scripts/bench.sh reads from the run's output:
// "FIGURE <id> <value> <unit>". The id names the figure in the script's table of targets.
namespace TestFigures {

inline void report(const char* id, double value, const char* unit)
{
    std::printf("FIGURE %s %.6g %s\n", id, value, unit);
    std::fflush(stdout);
}

} // namespace TestFigures
