#include "calls/tupletracker.h"

#include <sys/socket.h>

namespace SocketScope::TupleTracker {

namespace {

TupleField field(const QString& value, const QString& source, qint64 seq, bool chosen = false)
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
void learnLocal(SocketTuple& tuple, const CallEvent& event, const QString& source)
{
    const auto local = SocketAddress::fromEndpoint(event.local);
    if (!local)
        return;
    if (!tuple.localAddress.isFilled())
        tuple.localAddress = field(hostOf(*local), source, event.seq, true);
    if (!tuple.localPort.isFilled() && local->port() != 0) {
        // A port chosen at bind(port 0) keeps bind as its source.
        const QString origin = tuple.localPort.source.isEmpty() ? source : tuple.localPort.source;
        tuple.localPort = field(QString::number(local->port()), origin, event.seq, true);
    }
}

void setRemote(SocketTuple& tuple, const SocketAddress& address, const QString& source, qint64 seq)
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

void apply(SocketTuple& tuple, const CallRequest& request, const CallEvent& event)
{
    const QString& call = event.call;
    if (event.failed())
        return;
    if (call == QLatin1String("socket")) {
        tuple = SocketTuple{};
        tuple.protocol = field(protocolName(request.domain, request.type), call, event.seq);
        tuple.perDatagram = (request.type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)) == SOCK_DGRAM;
        return;
    }
    if (call == QLatin1String("bind")) {
        tuple.localAddress = field(hostOf(request.address), call, event.seq);
        if (request.address.family() != AF_UNIX) {
            const quint16 port = request.address.port();
            tuple.localPort = port != 0 ? field(QString::number(port), call, event.seq)
                                        : field(QString(), call, event.seq, true);
        }
    } else if (call == QLatin1String("connect")) {
        setRemote(tuple, request.address, call, event.seq);
        tuple.perDatagram = false;
        learnLocal(tuple, event, call);
    } else if (call == QLatin1String("sendto") || call == QLatin1String("send")) {
        if (call == QLatin1String("sendto") && request.address.isValid() && tuple.perDatagram)
            setRemote(tuple, request.address, call, event.seq);
        learnLocal(tuple, event, call);
    } else if (call == QLatin1String("recvfrom") && tuple.perDatagram &&
               event.returnedAddress.isValid()) {
        setRemote(tuple, event.returnedAddress, call, event.seq);
    } else if (call == QLatin1String("getsockname") && event.returnedAddress.isValid()) {
        // Reads back what the system chose: the port of a bind(port 0) or of a connect.
        const SocketAddress& local = event.returnedAddress;
        if (!tuple.localAddress.isFilled())
            tuple.localAddress = field(hostOf(local), call, event.seq, true);
        if (!tuple.localPort.isFilled() && local.family() != AF_UNIX)
            tuple.localPort = field(QString::number(local.port()), call, event.seq, true);
    } else if (call == QLatin1String("getpeername") && event.returnedAddress.isValid() &&
               !tuple.remoteAddress.isFilled()) {
        setRemote(tuple, event.returnedAddress, call, event.seq);
    }
    // bind() to port 0: the system chose the port then, and the kernel reports it.
    if (tuple.localPort.chosenBySystem && !tuple.localPort.isFilled())
        learnLocal(tuple, event, tuple.localPort.source);
}

SocketTuple accepted(const SocketTuple& listener, const CallEvent& event)
{
    SocketTuple tuple;
    tuple.protocol = listener.protocol;
    const QString call = event.call;
    const auto local = SocketAddress::fromEndpoint(event.local);
    // The new descriptor has the listener's port; its address is the one the caller dialled,
    // even when the listener was bound to the wildcard.
    tuple.localAddress =
        field(local ? hostOf(*local) : listener.localAddress.value, call, event.seq);
    tuple.localPort = field(listener.localPort.value, call, event.seq);
    if (event.returnedAddress.isValid())
        setRemote(tuple, event.returnedAddress, call, event.seq);
    return tuple;
}

} // namespace SocketScope::TupleTracker
