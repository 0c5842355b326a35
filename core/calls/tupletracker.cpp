#include "calls/tupletracker.h"

#include <sys/socket.h>

namespace SocketScope::TupleTracker {

namespace {

TupleField field(const QString& value, Call source, qint64 seq, bool chosen = false)
{
    return TupleField{value, source, seq, chosen};
}

QString hostOf(const SocketAddress& address)
{
    if (address.isWildcard())
        return QStringLiteral("*");
    return address.host();
}

// Fills the local slots the system chose and the kernel now reports.
void learnLocal(SocketTuple& tuple, const CallEvent& event, Call source)
{
    const SocketAddress& local = event.after.local;
    if (!local.isValid())
        return;
    if (!tuple.localAddress.isFilled())
        tuple.localAddress = field(hostOf(local), source, event.seq, true);
    if (!tuple.localPort.isFilled() && local.port() != 0) {
        // A port chosen at bind(port 0) keeps bind as its source.
        tuple.localPort = field(QString::number(local.port()),
                                tuple.localPort.source.value_or(source), event.seq, true);
    }
}

void setRemote(SocketTuple& tuple, const SocketAddress& address, Call source, qint64 seq)
{
    tuple.remoteAddress = field(hostOf(address), source, seq);
    if (address.family() != AF_UNIX)
        tuple.remotePort = field(QString::number(address.port()), source, seq);
}

QString protocolName(int family, int type)
{
    const int base = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (family == AF_UNIX)
        return base == SOCK_DGRAM ? QStringLiteral("UNIX datagram") : QStringLiteral("UNIX stream");
    return base == SOCK_DGRAM ? QStringLiteral("UDP") : QStringLiteral("TCP");
}

} // namespace

void apply(SocketTuple& tuple, const CallEvent& event)
{
    if (event.failed())
        return;
    const CallArguments& a = event.arguments;
    const Call call = event.call;
    switch (call) {
    case Call::Socket:
    case Call::Socketpair:
        tuple = SocketTuple{};
        tuple.protocol = field(protocolName(a.domain, a.type), call, event.seq);
        tuple.perDatagram = (a.type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)) == SOCK_DGRAM;
        return;
    case Call::Bind:
        tuple.localAddress = field(hostOf(a.address), call, event.seq);
        if (a.address.family() != AF_UNIX) {
            const quint16 port = a.address.port();
            tuple.localPort = port != 0 ? field(QString::number(port), call, event.seq)
                                        : field(QString(), call, event.seq, true);
        }
        break;
    case Call::Connect:
        setRemote(tuple, a.address, call, event.seq);
        tuple.perDatagram = false;
        learnLocal(tuple, event, call);
        break;
    case Call::SendTo:
    case Call::SendMsg:
    case Call::SendMmsg:
        if (a.address.isValid() && tuple.perDatagram)
            setRemote(tuple, a.address, call, event.seq);
        learnLocal(tuple, event, call);
        break;
    case Call::Send:
    case Call::Write:
    case Call::Writev:
        learnLocal(tuple, event, call);
        break;
    case Call::RecvFrom:
    case Call::RecvMsg:
    case Call::RecvMmsg:
        if (tuple.perDatagram && event.results.returnedAddress.isValid())
            setRemote(tuple, event.results.returnedAddress, call, event.seq);
        break;
    case Call::GetSockName:
        // Reads back what the system chose: the port of a bind(port 0) or of a connect.
        if (event.results.returnedAddress.isValid()) {
            const SocketAddress& local = event.results.returnedAddress;
            if (!tuple.localAddress.isFilled())
                tuple.localAddress = field(hostOf(local), call, event.seq, true);
            if (!tuple.localPort.isFilled() && local.family() != AF_UNIX)
                tuple.localPort = field(QString::number(local.port()), call, event.seq, true);
        }
        break;
    case Call::GetPeerName:
        if (event.results.returnedAddress.isValid() && !tuple.remoteAddress.isFilled())
            setRemote(tuple, event.results.returnedAddress, call, event.seq);
        break;
    case Call::Listen:
    case Call::Accept:
    case Call::Accept4:
    case Call::Shutdown:
    case Call::Close:
    case Call::Dup:
    case Call::Dup2:
    case Call::Dup3:
    case Call::Fcntl:
    case Call::Ioctl:
    case Call::Read:
    case Call::Readv:
    case Call::Recv:
    case Call::GetSockOpt:
    case Call::SetSockOpt:
    case Call::Select:
    case Call::PSelect6:
    case Call::Poll:
    case Call::PPoll:
    case Call::EpollCreate:
    case Call::EpollCreate1:
    case Call::EpollCtl:
    case Call::EpollWait:
    case Call::EpollPwait:
    case Call::GetAddrInfo:
    case Call::GetNameInfo:
    case Call::Fork:
    case Call::Vfork:
    case Call::Clone:
    case Call::Clone3:
    case Call::Execve:
    case Call::ExitGroup:
    case Call::PthreadCreate:
        break;
    }
    // bind() to port 0: the system chose the port then, and the kernel reports it.
    if (tuple.localPort.chosenBySystem && !tuple.localPort.isFilled())
        learnLocal(tuple, event, tuple.localPort.source.value_or(call));
}

SocketTuple accepted(const SocketTuple& listener, const CallEvent& event)
{
    SocketTuple tuple;
    tuple.protocol = listener.protocol;
    const SocketAddress& local = event.after.local;
    // The new descriptor has the listener's port; its address is the one the caller dialled,
    // even when the listener was bound to the wildcard.
    tuple.localAddress =
        field(local.isValid() ? hostOf(local) : listener.localAddress.value, event.call, event.seq);
    tuple.localPort = field(listener.localPort.value, event.call, event.seq);
    // The caller's address, as accept() filled it in, else as the kernel knows it: a program
    // that passed no sockaddr (accept(fd, NULL, NULL)) still has a connected descriptor.
    const bool accepts = event.call == Call::Accept || event.call == Call::Accept4;
    const SocketAddress& caller = event.results.returnedAddress.isValid() || !accepts
                                      ? event.results.returnedAddress
                                      : event.after.peer;
    if (caller.isValid())
        setRemote(tuple, caller, event.call, event.seq);
    return tuple;
}

} // namespace SocketScope::TupleTracker
