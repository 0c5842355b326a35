#pragma once

#include "trace/procfiles.h"
#include "trace/tracedecoders.h"

#include <QByteArray>
#include <QString>

#include <optional>
#include <sys/types.h>
#include <vector>

namespace SocketScope::Tracer {

// What the tracer reads of a traced thread outside its memory, besides its /proc files
// (Trace::procFile): the system call it is stopped in, its program, its descriptors.
// The program the process runs, from /proc/PID/exe; empty once it is gone.
QString programOf(pid_t pid);
std::optional<Trace::SyscallStop> syscallInfo(pid_t tid);
// The descriptors the process has open, from /proc/PID/fd.
std::vector<int> openDescriptors(pid_t pid);

} // namespace SocketScope::Tracer
