#pragma once

#include <QList>
#include <QString>

namespace SocketScope {

// A traced process ended, by exit or by a signal (a log entry of kind "process_end"): the
// kernel closed every descriptor it still held. Or its program ended by running another one
// (exec): the kernel closed its close-on-exec sockets only. Placed after the calls returned
// by then.
struct ProcessEnd {
    qint64 seq = 0;
    qint64 tNs = 0;
    QString actor;
    int status = 0; // its exit status, when no signal ended it
    int signal = 0; // the signal that killed it, or 0
    bool exec = false;
    QList<int> closed; // exec: the sockets closed
    int callsReturned = 0;
    bool operator==(const ProcessEnd&) const = default;
};

} // namespace SocketScope
