#pragma once

#include "callreader.h"
#include "descriptors.h"
#include "trace/tracedcalls.h"

#include <optional>

namespace SocketScope::Tracer {

// Whether a trapped call is about sockets and is reported (see Trace::TrapRole); keeps the
// table right for those that are not. `arguments` are read already for ReportOnAnySocket.
bool worthReporting(DescriptorTable& table, pid_t process, const Trace::TrappedSyscall& trapped,
                    const SyscallArgs& args, const std::optional<CallArguments>& arguments);

// What a reported call that returned made or changed in the process's descriptors (a new
// socket, a copy, a close, an epoll instance watching sockets); `info` is what was known of
// its descriptor when it entered. Returns what the event says of its socket.
DescriptorInfo followDescriptors(DescriptorTable& table, pid_t process, const CallEvent& event,
                                 DescriptorInfo info);

} // namespace SocketScope::Tracer
