#pragma once

#include "commandline.h"

class QTextStream;

namespace SocketScope {

// `socketscope --lab [tcp|udp]`: the lab's console without a window. Commands come from
// standard input, a line at a time (prompts shown when it is a terminal); results go to
// standard output as soon as they are known, errors to standard error. Ctrl+C interrupts the
// call that blocks. Returns 0 at the end of input or `quit`, 1 when a command failed and
// --strict was given or a file could not be written.
int runLabConsole(const CommandLineOptions& options, QTextStream& out, QTextStream& err);

} // namespace SocketScope
