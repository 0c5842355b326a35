#pragma once

#include <QtGlobal>

namespace SocketScope {

// Whether a server could bind 127.0.0.1:port over TCP and UDP right now. A port a previous
// run left in TIME_WAIT is busy for about a minute: the window then lets the system choose.
bool loopbackPortIsFree(quint16 port);

} // namespace SocketScope
