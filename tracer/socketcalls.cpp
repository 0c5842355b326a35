#include "socketcalls.h"

#include <algorithm>
#include <linux/close_range.h>
#include <sys/epoll.h>
#include <sys/socket.h>

namespace SocketScope::Tracer {

namespace {

using Trace::TrapRole;

// The descriptor's kind without the flags socket() also takes.
int baseType(int type)
{
    return type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
}

} // namespace

bool worthReporting(DescriptorTable& table, pid_t process, const Trace::TrappedSyscall& trapped,
                    const SyscallArgs& args, const std::optional<CallArguments>& arguments)
{
    const int fd = int(args[0]);
    switch (trapped.role) {
    case TrapRole::Report:
        return true;
    case TrapRole::ForgetDescriptor:
        // With CLOSE_RANGE_CLOEXEC the range stays open until an exec, which tells it then.
        if (!(args[2] & CLOSE_RANGE_CLOEXEC))
            table.forgetRange(process, unsigned(args[0]), unsigned(args[1]));
        return false;
    case TrapRole::ReportOnSocket: {
        // dup2 and dup3 close what was at the new number: that closes a socket too.
        bool replacesSocket = false;
        if (trapped.call == Call::Dup2 || trapped.call == Call::Dup3) {
            replacesSocket = int(args[1]) != fd && table.lookup(process, int(args[1])).socket;
            table.forget(process, int(args[1]));
        }
        if (trapped.call == Call::Ioctl && !Trace::reportedIoctl(args[1]))
            return false;
        if (table.lookup(process, fd).socket || replacesSocket)
            return true;
        if (trapped.call == Call::Close)
            table.forget(process, fd);
        return false;
    }
    case TrapRole::ReportOnWatchedSocket:
        return table.lookup(process, int(args[2])).socket;
    case TrapRole::ReportOnSocketWatcher:
        return table.lookup(process, fd).watchesSockets;
    case TrapRole::ReportOnAnySocket:
        return arguments && std::any_of(arguments->pollItems.cbegin(), arguments->pollItems.cend(),
                                        [&](const PollEntry& entry) {
                                            return entry.fd >= 0 &&
                                                   table.lookup(process, entry.fd).socket;
                                        });
    }
    return false;
}

DescriptorInfo followDescriptors(DescriptorTable& table, pid_t process, const CallEvent& event,
                                 DescriptorInfo info)
{
    const CallArguments& a = event.arguments;
    switch (event.call) {
    case Call::Socket:
        info = {true, a.domain, baseType(a.type), false};
        if (!event.failed())
            table.remember(process, int(event.ret), info);
        break;
    case Call::Socketpair:
        info = {true, a.domain, baseType(a.type), false};
        for (const int fd : std::as_const(event.results.fds))
            table.remember(process, fd, info);
        break;
    case Call::Accept:
    case Call::Accept4:
    case Call::Dup:
    case Call::Dup2:
    case Call::Dup3:
    case Call::Fcntl: // F_DUPFD: resultFd() is the new descriptor
        if (event.resultFd() >= 0 && event.resultFd() != a.fd)
            table.remember(process, event.resultFd(), info);
        break;
    case Call::EpollCtl:
        // From now on this epoll instance's waits are about sockets.
        if (!event.failed() && a.operation == EPOLL_CTL_ADD) {
            DescriptorInfo watcher = table.lookup(process, a.fd);
            watcher.watchesSockets = true;
            table.remember(process, a.fd, watcher);
        }
        break;
    case Call::Close:
        table.forget(process, a.fd);
        break;
    default:
        break;
    }
    return info;
}

} // namespace SocketScope::Tracer
