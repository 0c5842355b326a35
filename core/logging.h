#pragma once

#include <QLoggingCategory>

// Diagnostics by area, off unless asked for, e.g.
//   QT_LOGGING_RULES="socketscope.engine.debug=true;socketscope.capture.debug=true"
namespace SocketScope {
Q_DECLARE_LOGGING_CATEGORY(lcEngine)  // socketscope.engine: actors, calls, child processes
Q_DECLARE_LOGGING_CATEGORY(lcSession) // socketscope.session: steps, sources, replay
Q_DECLARE_LOGGING_CATEGORY(lcCapture) // socketscope.capture: the capture helper, packets
Q_DECLARE_LOGGING_CATEGORY(lcNetlink) // socketscope.netlink: sock_diag, the inspector
Q_DECLARE_LOGGING_CATEGORY(lcStartup) // socketscope.startup: the first frame painted
} // namespace SocketScope
