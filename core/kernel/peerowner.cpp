#include "kernel/peerowner.h"

#include "calls/reach.h"
#include "kernel/socketdiag.h"

#include <unistd.h>

namespace SocketScope {

namespace {

bool same(const SocketAddress& a, const SocketAddress& b)
{
    return a.isValid() && b.isValid() && a.unmapped() == b.unmapped();
}

// The first owner that is not this process; nothing when this process holds it too (a
// descriptor inherited by another program is still SocketScope's own socket).
std::optional<SocketOwner> outsider(const SocketRow& row, qint64 self)
{
    for (const SocketOwner& owner : row.owners) {
        if (owner.pid == self)
            return std::nullopt;
    }
    if (row.owners.isEmpty())
        return std::nullopt;
    return row.owners.first();
}

// A loopback sender's datagram may leave a socket bound to every address.
bool boundAt(const SocketAddress& bound, const SocketAddress& sender)
{
    if (!bound.isValid() || bound.port() != sender.port())
        return false;
    const bool loopback = !sender.isWildcard() && !reachableFromOtherMachines(sender);
    return same(bound, sender) || (bound.isWildcard() && loopback);
}

} // namespace

std::optional<SocketOwner> outsidePeerOwner(const QList<SocketRow>& rows,
                                            const SocketAddress& local, const SocketAddress& peer,
                                            bool datagram, qint64 self)
{
    const auto ofKind = [datagram](const SocketRow& row) {
        return row.protocol.startsWith(datagram ? QLatin1String("udp") : QLatin1String("tcp"));
    };
    for (const SocketRow& row : rows) {
        if (ofKind(row) && same(row.localAddress, peer) && same(row.peerAddress, local) &&
            !row.owners.isEmpty())
            return outsider(row, self);
    }
    if (datagram)
        return std::nullopt;
    for (const SocketRow& row : rows) {
        if (ofKind(row) && row.state == QLatin1String("LISTEN") &&
            row.localAddress.port() == peer.port() &&
            (row.localAddress.isWildcard() || same(row.localAddress, peer)))
            return outsider(row, self);
    }
    return std::nullopt;
}

std::optional<SocketOwner> outsidePeerOwner(const SocketAddress& local, const SocketAddress& peer,
                                            bool datagram)
{
    if (!local.isValid() || !peer.isValid() || local.port() == 0)
        return std::nullopt;
    const SocketSnapshot snapshot = takeSocketSnapshot({});
    return outsidePeerOwner(snapshot.rows, local, peer, datagram, qint64(::getpid()));
}

std::optional<SocketOwner> datagramSenderOwner(const QList<SocketRow>& rows,
                                               const SocketAddress& sender,
                                               const SocketAddress& receiver, qint64 self)
{
    for (const SocketRow& row : rows) {
        if (!row.protocol.startsWith(QLatin1String("udp")) || !boundAt(row.localAddress, sender))
            continue;
        // A connected sender sends only to its peer: the receiver's port.
        if (row.peerAddress.isValid() && row.peerAddress.port() != 0 &&
            row.peerAddress.port() != receiver.port())
            continue;
        if (!row.owners.isEmpty())
            return outsider(row, self);
    }
    return std::nullopt;
}

std::optional<SocketOwner> datagramSenderOwner(const SocketAddress& sender,
                                               const SocketAddress& receiver)
{
    if (!sender.isValid() || sender.port() == 0)
        return std::nullopt;
    const SocketSnapshot snapshot = takeSocketSnapshot({});
    return datagramSenderOwner(snapshot.rows, sender, receiver, qint64(::getpid()));
}

} // namespace SocketScope
