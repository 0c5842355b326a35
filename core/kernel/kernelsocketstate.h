#pragma once

#include <QString>

namespace SocketScope {

// The kernel's view of one descriptor: its addresses and, for TCP, its state. Read from the
// descriptor itself (getsockname, getpeername, getsockopt TCP_INFO), so that it is exact
// whatever other sockets come and go, and costs the same with ten or ten thousand sockets on
// the machine. These three calls are SocketScope's own observation: strace sees them after
// the program's call (docs/trace-format.md).
struct KernelSocketState {
    bool found = false;
    QString local; // "127.0.0.1:5000", "[::1]:5000", a path, or empty
    QString peer;
    QString tcpState; // "LISTEN", "ESTABLISHED", ... empty for UDP and AF_UNIX
};

// domain and type are those given to socket().
KernelSocketState readKernelSocketState(int fd, int domain, int type);
QString tcpStateName(int state);

} // namespace SocketScope
