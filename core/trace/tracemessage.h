#pragma once

#include "calls/callevent.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace SocketScope {

// One line of socketscope-tracer's channel (docs/tracer-protocol.md), read once into typed
// values. The line comes from another process that reads a student's program's memory: it
// is outside input, checked field by field like a saved session.
struct TraceMessage {
    enum class Kind : quint8 {
        Refused,   // tracing or starting the program was refused: what and errno
        Process,   // a traced process or thread, before any call of it
        Exec,      // a traced process runs another program
        Start,     // a trapped call entered the kernel
        Blocked,   // ... and was seen sleeping there
        Paused,    // ... and waits for Next (pause at each call)
        Call,      // ... and returned
        Exit,      // a traced process or thread ended by itself
        Killed,    // ... or a signal ended it
        Stopped,   // a traced process was stopped by a signal (SIGSTOP, SIGTSTP, Ctrl+Z)
        Continued, // ... and SIGCONT let it go on
        Reach,     // a call puts an address on the wire for the first time (the capture's)
        Hold,      // ... and waits until the app releases it
        Detached,  // an attached process goes on, no longer traced
    };
    enum class Refusal : quint8 { Exec, Ptrace, Seccomp, Attach };

    Kind kind = Kind::Process;
    qint64 pid = 0; // the process's, or the thread's tid
    qint64 id = -1; // Start, Blocked, Paused, Call, Hold: the call, numbered by the tracer
    // Process, Exec
    qint64 parent = 0; // 0 for the program SocketScope started
    bool thread = false;
    QString program;
    QStringList argv;
    QList<int> closed; // Exec: the sockets the kernel closed (close-on-exec)
    // Start
    SocketScope::Call call = SocketScope::Call::Socket;
    int fd = -1;
    // Start, Exec, Exit, Killed, Stopped, Continued, Detached: when, on CLOCK_MONOTONIC
    qint64 tNs = 0;
    // Call
    CallEvent event;
    // Exit: the status; Killed, Stopped: the signal
    int status = 0;
    int signal = 0;
    // Reach: where the call sends, or what bind() gave its socket (bound)
    SocketAddress address;
    bool bound = false;
    // Refused
    Refusal refusal = Refusal::Exec;
    int error = 0;
};

// nullopt for a line that is not one of the protocol's messages, *error saying why.
std::optional<TraceMessage> parseTraceMessage(const QByteArray& line, QString* error);

} // namespace SocketScope
