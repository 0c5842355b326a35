#include "kernel/peerowner.h"

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

} // namespace SocketScope
