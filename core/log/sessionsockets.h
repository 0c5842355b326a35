#pragma once

#include "kernel/sockettracker.h"
#include "log/eventlog.h"

namespace SocketScope {

// The session's socket descriptors still open at the end of the log, with the process that
// holds each (a forked child holds copies under its own PID): what the inspector marks.
QList<SessionSocket> openSessionSockets(const EventLog& log);

// Every socket of the session is an AF_UNIX one: the kernel hands the bytes from one socket to
// the other inside the machine and no packet crosses any network, loopback included. Told by
// the calls made so far, or before the first by the scenario's socket() steps.
bool sessionIsLocalOnly(const EventLog& log);

} // namespace SocketScope
