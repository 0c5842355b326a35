#pragma once

#include "calls/callevent.h"

#include <QByteArray>

#include <set>
#include <vector>

namespace SocketScope::Tracer {

// The capture takes only the session's ports, and a port it learns too late misses the
// packets already sent (a SYN): before a traced call sends to an address it has not sent to
// before, the app is told and the call waits until the capture takes it; an address bound is
// told too (docs/tracer-protocol.md, --hold-new-addresses). Each address is told once.
class NewAddresses {
public:
    // Where a call about to be made sends: connect, sendto, sendmsg, sendmmsg.
    std::vector<SocketAddress> reachedBy(const CallEvent& entering);
    // What a bind() that returned gave its socket (the port the system chose for port 0).
    std::vector<SocketAddress> boundBy(const CallEvent& returned);
    // What a socket had before the tracer saw it (a process attached to).
    std::vector<SocketAddress> boundBefore(const SocketAddress& local);

private:
    // Bound and reached are told apart: a call sending to an address bound (and told) just
    // before still waits until the capture takes it.
    static bool isNew(std::set<QByteArray>& told, const SocketAddress& address);

    std::set<QByteArray> m_reached;
    std::set<QByteArray> m_bound;
};

} // namespace SocketScope::Tracer
