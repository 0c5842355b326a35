#pragma once

#include "calls/callevent.h"

#include <array>
#include <sys/types.h>

namespace SocketScope::Tracer {

// At most this many bytes of a call's data are kept in its event; counts stay exact.
inline constexpr qint64 keptBytes = 4096;

using SyscallArgs = std::array<quint64, 6>;

// The call's arguments, read from the thread's registers and memory when it enters.
CallArguments readArguments(pid_t tid, Call call, const SyscallArgs& args);
// What it returned: `value` is the kernel's return (-errno on failure). Fills ret, error,
// results and the bytes not kept; the arguments' pointers are read again where the kernel
// wrote through them.
void readResults(pid_t tid, const SyscallArgs& args, qint64 value, CallEvent& event);

} // namespace SocketScope::Tracer
