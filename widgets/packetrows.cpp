#include "packetrows.h"

#include <algorithm>

namespace SocketScope::PacketRows {

QString timeText(qint64 ns)
{
    const QLatin1Char sign(ns < 0 ? '-' : '+');
    const qint64 magnitude = ns < 0 ? -ns : ns;
    if (magnitude < 1'000'000'000)
        return QStringLiteral("%1%2 ms").arg(sign).arg(double(magnitude) / 1e6, 0, 'f', 3);
    return QStringLiteral("%1%2 s").arg(sign).arg(double(magnitude) / 1e9, 0, 'f', 3);
}

QList<int> validIndices(const QList<PacketEvent>& packets, const QList<int>& visible)
{
    QList<int> indices = visible;
    indices.removeIf([&](int index) { return index < 0 || index >= packets.size(); });
    return indices;
}

qsizetype sharedRows(const QList<PacketEvent>& before, const QList<int>& visibleBefore,
                     const QList<PacketEvent>& after, const QList<int>& visibleAfter)
{
    const qsizetype shared = std::mismatch(visibleBefore.cbegin(), visibleBefore.cend(),
                                           visibleAfter.cbegin(), visibleAfter.cend())
                                 .first -
                             visibleBefore.cbegin();
    const auto samePacket = [&](qsizetype row) {
        const PacketEvent& old = before.at(visibleBefore.at(row));
        const PacketEvent& now = after.at(visibleAfter.at(row));
        return old.seq == now.seq && old.tNs == now.tNs;
    };
    return shared > 0 && samePacket(0) && samePacket(shared - 1) ? shared : 0;
}

} // namespace SocketScope::PacketRows
