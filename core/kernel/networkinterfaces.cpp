#include "kernel/networkinterfaces.h"

#include "calls/reach.h"

#include <cstring>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace SocketScope::NetworkInterfaces {

namespace {

bool sameHost(const sockaddr* held, const SocketAddress& address)
{
    if (held->sa_family != address.family())
        return false;
    if (held->sa_family == AF_INET)
        return reinterpret_cast<const sockaddr_in*>(held)->sin_addr.s_addr ==
               reinterpret_cast<const sockaddr_in*>(address.data())->sin_addr.s_addr;
    return std::memcmp(&reinterpret_cast<const sockaddr_in6*>(held)->sin6_addr,
                       &reinterpret_cast<const sockaddr_in6*>(address.data())->sin6_addr,
                       sizeof(in6_addr)) == 0;
}

// The interfaces, not loopback and up, holding `address` (or, for the wildcard, any address
// of its family).
QStringList holding(const SocketAddress& address)
{
    QStringList names;
    ifaddrs* list = nullptr;
    if (getifaddrs(&list) != 0)
        return names;
    for (const ifaddrs* entry = list; entry; entry = entry->ifa_next) {
        if (!entry->ifa_addr || (entry->ifa_flags & IFF_LOOPBACK) || !(entry->ifa_flags & IFF_UP))
            continue;
        const bool matches = address.isWildcard() ? entry->ifa_addr->sa_family == address.family()
                                                  : sameHost(entry->ifa_addr, address);
        const QString name = QString::fromLocal8Bit(entry->ifa_name);
        if (matches && !names.contains(name))
            names << name;
    }
    freeifaddrs(list);
    return names;
}

bool isInet(const SocketAddress& address)
{
    return address.family() == AF_INET || address.family() == AF_INET6;
}

} // namespace

QStringList forLocal(const SocketAddress& local)
{
    const SocketAddress address = local.unmapped();
    if (!isInet(address) || !(address.isWildcard() || reachableFromOtherMachines(address)))
        return {};
    return holding(address);
}

QStringList towards(const SocketAddress& remote)
{
    const SocketAddress address = remote.unmapped();
    if (!isInet(address) || address.isWildcard() || !reachableFromOtherMachines(address))
        return {};
    // An address of this machine: its packets go by "lo", with that address on them.
    const QStringList own = holding(address);
    if (!own.isEmpty())
        return own;
    const int probe = socket(address.family(), SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (probe < 0)
        return {};
    SocketAddress target = address;
    target.setPort(9); // any port: a UDP connect() only picks the route
    sockaddr_storage source{};
    socklen_t length = sizeof(source);
    const bool routed = ::connect(probe, target.data(), target.length()) == 0 &&
                        getsockname(probe, reinterpret_cast<sockaddr*>(&source), &length) == 0;
    close(probe);
    if (!routed)
        return {};
    return holding(SocketAddress(reinterpret_cast<const sockaddr*>(&source), length));
}

} // namespace SocketScope::NetworkInterfaces
