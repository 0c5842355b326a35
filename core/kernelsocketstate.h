#pragma once

#include <QString>

namespace SocketScope {

// The kernel's view of one descriptor: its addresses and, for TCP, its state. Read from
// /proc/net so that looking does not add socket calls to what the program does (strace
// -e trace=%network sees only the scenario's own calls).
struct KernelSocketState {
    bool found = false;
    QString local; // "127.0.0.1:5000", "[::1]:5000", a path, or empty
    QString peer;
    QString tcpState; // "LISTEN", "ESTABLISHED", ... empty for UDP and AF_UNIX
};

// domain and type are those given to socket(); the descriptor's inode finds its row.
KernelSocketState readKernelSocketState(int fd, int domain, int type);
QString tcpStateName(int state);

namespace ProcNet {
// Exposed for tests: parse one row of /proc/net/tcp{,6} or udp{,6}.
bool parseInetRow(const QByteArray& line, bool ipv6, quint64* inode, KernelSocketState* state,
                  bool tcp);
} // namespace ProcNet

} // namespace SocketScope
