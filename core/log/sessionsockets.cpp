#include "log/sessionsockets.h"

#include <sys/socket.h>

namespace SocketScope {

QList<SessionSocket> openSessionSockets(const EventLog& log)
{
    QList<SessionSocket> open;
    for (const CallEvent& call : log.calls()) {
        if (call.failed())
            continue;
        if (Calls::has(call.call, CallTrait::ReleasesDescriptor)) {
            open.removeIf([&](const SessionSocket& socket) {
                return socket.pid == call.pid && socket.fd == call.fd();
            });
        } else if (call.call == Call::Fork && call.ret > 0) {
            // The child holds a copy of every descriptor the parent had.
            const QList<SessionSocket> parents = open;
            for (const SessionSocket& socket : parents) {
                if (socket.pid == call.pid)
                    open.append(SessionSocket{call.ret, socket.fd, call.childActor});
            }
        } else if (call.resultFd() >= 0 && call.family != 0 &&
                   std::none_of(open.cbegin(), open.cend(), [&](const SessionSocket& socket) {
                       return socket.pid == call.pid && socket.fd == call.resultFd();
                   })) {
            open.append(SessionSocket{call.pid, call.resultFd(), call.actor});
        }
    }
    return open;
}

bool sessionIsLocalOnly(const EventLog& log)
{
    bool local = false;
    for (const CallEvent& call : log.calls()) {
        if (call.family == AF_INET || call.family == AF_INET6)
            return false;
        local |= call.family == AF_UNIX;
    }
    if (local)
        return true;
    const QList<ScenarioStep>& steps = log.scenario().steps;
    bool sockets = false;
    for (const ScenarioStep& step : steps) {
        if (step.call != Call::Socket)
            continue;
        if (step.arguments.domain != AF_UNIX)
            return false;
        sockets = true;
    }
    return sockets;
}

} // namespace SocketScope
