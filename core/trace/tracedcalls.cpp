#include "trace/tracedcalls.h"

#include <linux/sockios.h>
#include <sys/ioctl.h>
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
        {SYS_sendmmsg, Call::SendMmsg, TrapRole::Report},
        {SYS_recvmmsg, Call::RecvMmsg, TrapRole::Report},
        {SYS_read, Call::Read, TrapRole::ReportOnSocket},
        {SYS_write, Call::Write, TrapRole::ReportOnSocket},
        {SYS_close, Call::Close, TrapRole::ReportOnSocket},
        {SYS_readv, Call::Readv, TrapRole::ReportOnSocket},
        {SYS_writev, Call::Writev, TrapRole::ReportOnSocket},
        {SYS_dup, Call::Dup, TrapRole::ReportOnSocket},
        {SYS_dup2, Call::Dup2, TrapRole::ReportOnSocket},
        {SYS_dup3, Call::Dup3, TrapRole::ReportOnSocket},
        {SYS_fcntl, Call::Fcntl, TrapRole::ReportOnSocket},
        {SYS_ioctl, Call::Ioctl, TrapRole::ReportOnSocket},
        {SYS_poll, Call::Poll, TrapRole::ReportOnAnySocket},
        {SYS_ppoll, Call::PPoll, TrapRole::ReportOnAnySocket},
        {SYS_select, Call::Select, TrapRole::ReportOnAnySocket},
        {SYS_pselect6, Call::PSelect6, TrapRole::ReportOnAnySocket},
        {SYS_epoll_create, Call::EpollCreate, TrapRole::Report},
        {SYS_epoll_create1, Call::EpollCreate1, TrapRole::Report},
        {SYS_epoll_ctl, Call::EpollCtl, TrapRole::ReportOnWatchedSocket},
        {SYS_epoll_wait, Call::EpollWait, TrapRole::ReportOnSocketWatcher},
        {SYS_epoll_pwait, Call::EpollPwait, TrapRole::ReportOnSocketWatcher},
        {SYS_close_range, Call::Close, TrapRole::ForgetDescriptor},
        // The sockets a child inherits are drawn from its parent's fork or clone.
        {SYS_fork, Call::Fork, TrapRole::Report},
        {SYS_vfork, Call::Vfork, TrapRole::Report},
        {SYS_clone, Call::Clone, TrapRole::Report},
        {SYS_clone3, Call::Clone3, TrapRole::Report},
        // It never returns: the process ends, and with it its sockets.
        {SYS_exit_group, Call::ExitGroup, TrapRole::Report},
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

bool reportedIoctl(quint64 request)
{
    return request == FIONREAD || request == FIONBIO || request == SIOCOUTQ;
}

} // namespace SocketScope::Trace
