#pragma once

#include "commandline.h"

class QTextStream;

namespace SocketScope {

class ScenarioCatalog;

// Runs one scenario to its end without a window, printing each step and call as it happens.
// Returns the process exit status: 0 expected outcome, 1 not, 2 unknown scenario.
int runHeadless(const CommandLineOptions& options, const ScenarioCatalog& catalog, QTextStream& out,
                QTextStream& err);

} // namespace SocketScope
