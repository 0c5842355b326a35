#pragma once

#include "kernel/sockettracker.h"
#include "log/eventlog.h"

namespace SocketScope {

// The session's socket descriptors still open at the end of the log, with the process that
// holds each (a forked child holds copies under its own PID): what the inspector marks.
QList<SessionSocket> openSessionSockets(const EventLog& log);

} // namespace SocketScope
