#pragma once

#include "calls/callevent.h"

#include <QString>

namespace SocketScope {

// The kernel's view of one descriptor, read from the descriptor itself: getsockname(),
// getpeername() and, for TCP, getsockopt(TCP_INFO)'s state. It is exact whatever other
// sockets come and go, and costs the same with ten or ten thousand sockets on the machine.
// These calls are SocketScope's own observation: strace sees them after the program's call
// (docs/trace-format.md). domain and type are those given to socket(); a descriptor that
// is not an open socket gives an empty state.
DescriptorState readDescriptorState(int fd, int domain, int type);

// The name Linux gives a TCP state number (tcp_states.h): "ESTABLISHED", "CLOSE".
QString tcpStateName(int state);

} // namespace SocketScope
