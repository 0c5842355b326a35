#pragma once

#include "calls/callevent.h"

#include <QHash>

#include <sys/types.h>
#include <vector>

namespace SocketScope::Tracer {

// What the tracer knows of one descriptor of a traced process.
struct DescriptorInfo {
    bool socket = false;
    int family = 0;
    int type = 0;                // SOCK_STREAM, SOCK_DGRAM... without SOCK_NONBLOCK / SOCK_CLOEXEC
    bool watchesSockets = false; // an epoll instance a socket was added to
};

// Whether a traced process's descriptors are sockets, and of which kind (or epoll instances
// watching sockets), cached per process (threads share their process's table, a forked child
// starts with a copy) and forgotten when a descriptor is closed, replaced or the process
// execs. The facts come from /proc/PID/fd and, for sockets, from a copy of
// the descriptor (pidfd_getfd) asked with getsockopt and closed at once, while the program
// is stopped.
class DescriptorTable {
public:
    ~DescriptorTable();
    DescriptorInfo lookup(pid_t process, int fd);
    void remember(pid_t process, int fd, DescriptorInfo info);
    void forget(pid_t process, int fd);
    void forgetRange(pid_t process, unsigned first, unsigned last);
    void forgetProcess(pid_t process);
    // The process ran another program: the sockets the kernel closed then (close-on-exec),
    // forgotten; those the new program inherits stay known.
    std::vector<int> closedByExec(pid_t process);
    // A forked child starts with a copy of its parent's table (epoll watchers included).
    void copyProcess(pid_t parent, pid_t child);
    // The socket's state after a call (addresses, TCP state), read on a copy of it.
    DescriptorState state(pid_t process, int fd, const DescriptorInfo& info);

private:
    struct Process {
        int pidfd = -1;
        QHash<int, DescriptorInfo> fds;
    };
    Process& process(pid_t pid);
    int copy(pid_t pid, int fd);
    QHash<pid_t, Process> m_processes;
};

} // namespace SocketScope::Tracer
