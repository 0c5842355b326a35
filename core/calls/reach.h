#pragma once

#include "calls/socketaddress.h"

namespace SocketScope {

// A socket bound to this local address can be reached from other machines: an IPv4 or
// IPv6 address other than loopback (the wildcard 0.0.0.0 or ::, a LAN address). Loopback
// (127.0.0.0/8, ::1, ::ffff:127.x.y.z), AF_UNIX and no address yet: this machine only.
bool reachableFromOtherMachines(const SocketAddress& local);

} // namespace SocketScope
