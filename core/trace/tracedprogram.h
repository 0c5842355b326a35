#pragma once

#include <QStringList>

#include <optional>

namespace SocketScope {

// One program of a traced session: a command line SocketScope starts, or a process already
// running that it attaches to.
struct TracedProgram {
    QStringList words;   // the program, then its arguments (an attached process's, from /proc)
    qint64 attachTo = 0; // the running process's PID; 0 to start `words`
    // When it started, in clock ticks after boot (/proc/PID/stat): a PID is reused once its
    // process has ended, and this tells the two apart.
    quint64 startTicks = 0;

    bool operator==(const TracedProgram&) const = default;
};

// The running process `pid` to attach to, with its command line; nullopt when no process
// has this number (a thread's number is not its process's), or it is a zombie, with no
// command line left.
std::optional<TracedProgram> runningProcess(qint64 pid);

} // namespace SocketScope
