#pragma once

#include "calls/callevent.h"
#include "calls/callrequest.h"
#include "engine/syscalllayer.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <atomic>
#include <memory>
#include <sys/types.h>

namespace SocketScope {

// A real child process that inherited some of this process's socket descriptors, as fork()
// would have given them, and makes its calls on request (socketscope-child). fork() itself
// is unsafe in a threaded Qt program: the child is started with posix_spawn.
class ChildProcess {
public:
    // Next to the running program; SOCKETSCOPE_CHILD names another one (tests).
    static QString programPath();
    // Starts the child with `inherited` at the same numbers; null and errno set on failure.
    static std::shared_ptr<ChildProcess> spawn(const QList<int>& inherited, int* error);

    ~ChildProcess();
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    pid_t pid() const { return m_pid; }
    // Performs the call in the child and returns it as it happened there (its pid in *pid).
    // A cancelled or dead child gives a cancelled event.
    CallEvent call(const CallRequest& request, const SyscallLayer::BlockedCallback& onBlocked,
                   qint64* pid);
    // Thread-safe: ends the child at once, which ends a call waiting in it.
    void kill();

private:
    ChildProcess(pid_t pid, int requests, int results);
    bool readLine(QByteArray* line);

    pid_t m_pid;
    int m_requests; // the child's stdin
    int m_results;  // the child's stdout
    QByteArray m_buffer;
    std::atomic<bool> m_killed{false};
};

} // namespace SocketScope
