#include "calls/reach.h"

#include <netinet/in.h>

namespace SocketScope {

bool reachableFromOtherMachines(const SocketAddress& local)
{
    const SocketAddress address = local.unmapped();
    if (!address.isValid())
        return false;
    switch (address.family()) {
    case AF_INET: {
        const auto* in = reinterpret_cast<const sockaddr_in*>(address.data());
        return (ntohl(in->sin_addr.s_addr) >> 24) != 127;
    }
    case AF_INET6: {
        const auto* in6 = reinterpret_cast<const sockaddr_in6*>(address.data());
        return !IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr);
    }
    default:
        return false;
    }
}

} // namespace SocketScope
