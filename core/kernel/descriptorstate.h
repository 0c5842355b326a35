#pragma once

#include "calls/callevent.h"

#include <QString>

namespace SocketScope {

// The kernel's view of one descriptor, read from the descriptor itself: getsockname(),
// getpeername() and, for TCP, getsockopt(TCP_INFO)'s state; for AF_UNIX, the inodes of the
// socket and of its peer (sock_diag, which looks the socket up among the machine's UNIX
// sockets). It is exact whatever other sockets come and go.
// These calls are SocketScope's own observation: strace sees them after the program's call
// (docs/trace-format.md). domain and type are those given to socket(); a descriptor that
// is not an open socket gives an empty state.
DescriptorState readDescriptorState(int fd, int domain, int type);

// The name Linux gives a TCP state number (tcp_states.h): "ESTABLISHED", "CLOSE".
QString tcpStateName(int state);

} // namespace SocketScope
