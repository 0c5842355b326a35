#pragma once

#include <QByteArray>

// A process's files under /proc, read whole (up to 64 KiB) in one go: the app and the tracer
// read them the same way and decode them with tracedecoders.h.
namespace SocketScope::Trace {

// /proc/PID/NAME ("stat", "status", "cmdline"); empty when the process is gone or unreadable.
QByteArray procFile(qint64 pid, const char* name);

} // namespace SocketScope::Trace
