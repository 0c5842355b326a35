#include "newaddresses.h"

#include <sys/socket.h>

namespace SocketScope::Tracer {

std::vector<SocketAddress> NewAddresses::reachedBy(const CallEvent& entering)
{
    std::vector<SocketAddress> reached;
    const auto consider = [&](const SocketAddress& address) {
        if (isNew(m_reached, address))
            reached.push_back(address);
    };
    switch (entering.call) {
    case Call::Connect:
    case Call::SendTo:
    case Call::SendMsg:
        consider(entering.arguments.address);
        break;
    case Call::SendMmsg:
        for (const MultiMessage& message : entering.arguments.messages)
            consider(message.address);
        break;
    default:
        break;
    }
    return reached;
}

std::vector<SocketAddress> NewAddresses::boundBy(const CallEvent& returned)
{
    if (returned.call != Call::Bind || returned.ret != 0)
        return {};
    return boundBefore(returned.after.local);
}

std::vector<SocketAddress> NewAddresses::boundBefore(const SocketAddress& local)
{
    if (!isNew(m_bound, local))
        return {};
    return {local};
}

// Only ports go in the capture's filter: an AF_UNIX address puts no packet on the wire.
bool NewAddresses::isNew(std::set<QByteArray>& told, const SocketAddress& address)
{
    if ((address.family() != AF_INET && address.family() != AF_INET6) || address.port() == 0)
        return false;
    return told.insert(QByteArray(reinterpret_cast<const char*>(address.data()), address.length()))
        .second;
}

} // namespace SocketScope::Tracer
