#pragma once

#include <QtGlobal>

namespace SocketScope {

// Whether this process may bind `port`: ports below net.ipv4.ip_unprivileged_port_start
// (1024 on Debian) need root or CAP_NET_BIND_SERVICE. Read from /proc, without a socket call.
bool mayBindPort(quint16 port);

} // namespace SocketScope
