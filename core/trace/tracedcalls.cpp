#include "trace/tracedcalls.h"

#include <sys/syscall.h>

namespace SocketScope::Trace {

const QList<TrappedSyscall>& trappedSyscalls()
{
    // glibc's send() and recv() are sendto and recvfrom with no address: they keep those
    // names, as strace -f lists them.
    static const QList<TrappedSyscall> calls{
        {SYS_socket, Call::Socket, TrapRole::Report},
        {SYS_socketpair, Call::Socketpair, TrapRole::Report},
        {SYS_bind, Call::Bind, TrapRole::Report},
        {SYS_listen, Call::Listen, TrapRole::Report},
        {SYS_accept, Call::Accept, TrapRole::Report},
        {SYS_accept4, Call::Accept4, TrapRole::Report},
        {SYS_connect, Call::Connect, TrapRole::Report},
        {SYS_shutdown, Call::Shutdown, TrapRole::Report},
        {SYS_getsockname, Call::GetSockName, TrapRole::Report},
        {SYS_getpeername, Call::GetPeerName, TrapRole::Report},
        {SYS_getsockopt, Call::GetSockOpt, TrapRole::Report},
        {SYS_setsockopt, Call::SetSockOpt, TrapRole::Report},
        {SYS_sendto, Call::SendTo, TrapRole::Report},
        {SYS_recvfrom, Call::RecvFrom, TrapRole::Report},
        {SYS_sendmsg, Call::SendMsg, TrapRole::Report},
        {SYS_recvmsg, Call::RecvMsg, TrapRole::Report},
        {SYS_read, Call::Read, TrapRole::ReportOnSocket},
        {SYS_write, Call::Write, TrapRole::ReportOnSocket},
        {SYS_close, Call::Close, TrapRole::ReportOnSocket},
        {SYS_dup2, Call::Dup2, TrapRole::ForgetDescriptor},
        {SYS_dup3, Call::Dup3, TrapRole::ForgetDescriptor},
        {SYS_close_range, Call::Close, TrapRole::ForgetDescriptor},
    };
    return calls;
}

std::optional<TrappedSyscall> trappedSyscall(quint64 number)
{
    for (const TrappedSyscall& trapped : trappedSyscalls()) {
        if (quint64(trapped.number) == number)
            return trapped;
    }
    return std::nullopt;
}

} // namespace SocketScope::Trace
