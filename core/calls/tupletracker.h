#pragma once

#include "calls/callevent.h"
#include "calls/sockettuple.h"

namespace SocketScope {

// How each call fills the quintuplet of its descriptor, following the course: socket() gives
// the protocol, bind() the local address and port (port 0: the system chooses), connect()
// the remote side and, without bind, an ephemeral local port; accept() a new descriptor with
// the listener's local port and the caller's address; sendto()/recvfrom() a remote side per
// datagram; getsockname() reads back what the system chose.
namespace TupleTracker {

// `tuple` is the descriptor's quintuplet before the call; it is updated in place. `event` is
// the finished call, with the kernel's view of the descriptor (after) filled in.
void apply(SocketTuple& tuple, const CallEvent& event);
// The new descriptor accept() returned, from its listener's quintuplet.
SocketTuple accepted(const SocketTuple& listener, const CallEvent& event);

} // namespace TupleTracker

} // namespace SocketScope
