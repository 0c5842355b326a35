#include "logging.h"

namespace SocketScope {
// Warnings are shown by default; debug messages only when a rule turns them on.
Q_LOGGING_CATEGORY(lcEngine, "socketscope.engine", QtWarningMsg)
Q_LOGGING_CATEGORY(lcSession, "socketscope.session", QtWarningMsg)
Q_LOGGING_CATEGORY(lcCapture, "socketscope.capture", QtWarningMsg)
Q_LOGGING_CATEGORY(lcNetlink, "socketscope.netlink", QtWarningMsg)
Q_LOGGING_CATEGORY(lcStartup, "socketscope.startup", QtWarningMsg)
} // namespace SocketScope
