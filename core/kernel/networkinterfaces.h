#pragma once

#include "calls/socketaddress.h"

#include <QStringList>

namespace SocketScope::NetworkInterfaces {

// The interfaces beyond loopback that a socket's packets go through, as the system names
// them (getifaddrs): what the capture must take besides "lo".

// Bound to `local`: the interface that holds it; for the wildcard (0.0.0.0, ::), every
// interface that is up and holds an address of that family. None for loopback.
QStringList forLocal(const SocketAddress& local);

// Dialing or sending to `remote`: the interface that holds the address the system sends
// from (the route's source address, asked of the kernel with a UDP socket that sends
// nothing). None for loopback, or when no route leads there.
QStringList towards(const SocketAddress& remote);

} // namespace SocketScope::NetworkInterfaces
