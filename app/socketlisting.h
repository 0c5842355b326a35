#pragma once

class QTextStream;

namespace SocketScope {

// --list-sockets [--json] [--no-processes]: the machine's sockets for scripts; 0 on
// success, 1 when the kernel gave nothing.
int listSockets(bool json, bool processes, QTextStream& out, QTextStream& err);

} // namespace SocketScope
