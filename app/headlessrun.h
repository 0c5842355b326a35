#pragma once

#include "commandline.h"

class QTextStream;

namespace SocketScope {

class EventLog;
class ScenarioCatalog;

// Runs one scenario, or replays a saved session (--replay), to its end without a window,
// printing each step and call as it happens. Returns the process exit status: 0 expected
// outcome, 1 not, 2 unknown scenario or a file that cannot be replayed.
int runHeadless(const CommandLineOptions& options, const ScenarioCatalog& catalog, QTextStream& out,
                QTextStream& err);

// Writes the --trace and --pcap files asked for: 0 when done, 1 when one could not be
// written, 3 when the pcap was asked for and no packet could be captured.
int saveRunFiles(const EventLog& log, const CommandLineOptions& options, QTextStream& err);

} // namespace SocketScope
