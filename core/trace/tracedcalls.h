#pragma once

#include "calls/call.h"

#include <QList>

#include <optional>

namespace SocketScope::Trace {

// What socketscope-tracer does with a system call its seccomp filter traps.
enum class TrapRole : quint8 {
    Report,           // a socket call: always reported
    ReportOnSocket,   // read, write, close: reported only when the descriptor is a socket
    ForgetDescriptor, // dup2, dup3, close_range: no message, but descriptor numbers change
};

struct TrappedSyscall {
    long number = 0;         // x86_64
    Call call = Call::Close; // for ForgetDescriptor, the nearest call (close_range: Close)
    TrapRole role = TrapRole::Report;
};

// Every system call the filter traps; all others run untouched.
const QList<TrappedSyscall>& trappedSyscalls();
std::optional<TrappedSyscall> trappedSyscall(quint64 number);

} // namespace SocketScope::Trace
