#include "kernel/descriptorstate.h"

#include "calls/socketaddress.h"
#include "kernel/unixpeer.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/un.h>

namespace SocketScope {

namespace {

// An unbound socket has the unspecified address (0.0.0.0:0, an unnamed AF_UNIX one): no
// address yet.
SocketAddress addressOf(const sockaddr_storage& storage, socklen_t length)
{
    const SocketAddress address(reinterpret_cast<const sockaddr*>(&storage),
                                qMin<socklen_t>(length, sizeof(storage)));
    if (!address.isValid())
        return {};
    if (address.family() == AF_UNIX ? address.host().isEmpty()
                                    : address.port() == 0 && address.isWildcard())
        return {};
    return address;
}

} // namespace

QString tcpStateName(int state)
{
    // Literals: a dump of ten thousand sockets names as many states without allocating.
    switch (state) {
    case 1:
        return QStringLiteral("ESTABLISHED");
    case 2:
        return QStringLiteral("SYN_SENT");
    case 3:
        return QStringLiteral("SYN_RECV");
    case 4:
        return QStringLiteral("FIN_WAIT1");
    case 5:
        return QStringLiteral("FIN_WAIT2");
    case 6:
        return QStringLiteral("TIME_WAIT");
    case 7:
        return QStringLiteral("CLOSE");
    case 8:
        return QStringLiteral("CLOSE_WAIT");
    case 9:
        return QStringLiteral("LAST_ACK");
    case 10:
        return QStringLiteral("LISTEN");
    case 11:
        return QStringLiteral("CLOSING");
    case 12:
        return QStringLiteral("NEW_SYN_RECV");
    default:
        return QString::number(state);
    }
}

DescriptorState readDescriptorState(int fd, int domain, int type)
{
    DescriptorState state;
    sockaddr_storage storage{};
    socklen_t length = sizeof(storage);
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&storage), &length) != 0)
        return state; // not a socket (any more)
    state.local = addressOf(storage, length);
    storage = {};
    length = sizeof(storage);
    if (::getpeername(fd, reinterpret_cast<sockaddr*>(&storage), &length) == 0)
        state.peer = addressOf(storage, length);
    const bool tcp = (domain == AF_INET || domain == AF_INET6) &&
                     (type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)) == SOCK_STREAM;
    if (tcp) {
        tcp_info info{};
        socklen_t infoLength = sizeof(info);
        if (::getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &infoLength) == 0)
            state.tcpState = tcpStateFromKernelNumber(info.tcpi_state);
    }
    if (domain == AF_UNIX) {
        state.inode = socketInode(fd);
        state.peerInode = unixPeerInode(state.inode);
    }
    return state;
}

} // namespace SocketScope
