#pragma once

#include "calls/tcpstate.h"
#include "log/eventlog.h"

namespace SocketScope {

// A state one end of a connection entered during the session, and what made it enter it.
struct LoggedTcpState {
    TcpState state;
    qint64 tNs = 0;
    QString cause; // "connect()", "SYN, ACK received", "FIN sent"
    bool operator==(const LoggedTcpState&) const = default;
};

// The states of the connection seen from `local` towards `peer` (a listener: peer invalid or
// port 0), as the event log tells them when its first `callCount` calls are applied: the
// kernel's state after each call, and between calls the RFC 9293 transitions that the
// visible packets (captured or inferred) make. Oldest first; empty when the log never saw it.
QList<LoggedTcpState> tcpStatesFromLog(const EventLog& log, int callCount,
                                       const SocketAddress& local, const SocketAddress& peer);

} // namespace SocketScope
