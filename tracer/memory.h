#pragma once

#include <QByteArray>

#include <sys/types.h>

namespace SocketScope::Tracer {

// Up to `length` bytes of a traced thread's memory at `address`: fewer (or none) where the
// pointer is bad or the pages end, never a crash.
QByteArray readMemory(pid_t tid, quint64 address, qint64 length);

} // namespace SocketScope::Tracer
