#pragma once

#include <QtGlobal>

namespace SocketScope {

// Whether a server could bind 127.0.0.1:port over TCP and UDP right now. A port a previous
// run left in TIME_WAIT is busy for about a minute: the window then lets the system choose.
bool loopbackPortIsFree(quint16 port);

// For a client that forgot htons(): a free port from 1024 up whose byte-swapped twin (what
// that client dials) is free too, searched from `start` on and round; 0 if there is none.
quint16 freePortWithFreeSwappedTwin(quint16 start);

} // namespace SocketScope
