#pragma once

#include "calls/call.h"

#include <QList>

#include <optional>

namespace SocketScope::Trace {

// What socketscope-tracer does with a system call its seccomp filter traps.
enum class TrapRole : quint8 {
    Report,         // a socket call: always reported
    ReportOnSocket, // read, write, close, dup, fcntl...: only when its descriptor is a socket
    ReportOnWatchedSocket, // epoll_ctl: only when the descriptor it watches is a socket
    ReportOnSocketWatcher, // epoll_wait: only when its epoll instance watches a socket
    ReportOnAnySocket,     // poll, select: only when one of the descriptors is a socket
    ForgetDescriptor,      // close_range: no message, but descriptors close
};

struct TrappedSyscall {
    long number = 0;         // x86_64
    Call call = Call::Close; // for ForgetDescriptor, the nearest call (close_range: Close)
    TrapRole role = TrapRole::Report;
};

// Every system call the filter traps; all others run untouched.
const QList<TrappedSyscall>& trappedSyscalls();
std::optional<TrappedSyscall> trappedSyscall(quint64 number);

// The ioctl requests reported on sockets: those the vocabulary renders (an int in or out).
bool reportedIoctl(quint64 request);

} // namespace SocketScope::Trace
