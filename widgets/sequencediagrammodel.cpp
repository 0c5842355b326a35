#include "sequencediagrammodel.h"

namespace SocketScope {

SequenceDiagramModel::SequenceDiagramModel(const QList<PacketEvent>& packets,
                                           const QList<int>& visible, qint64 originNs)
{
    setPackets(packets, visible, originNs);
}

void SequenceDiagramModel::setPackets(const QList<PacketEvent>& packets, const QList<int>& visible,
                                      qint64 originNs)
{
    const QList<int> rows = PacketRows::validIndices(packets, visible);
    const qsizetype kept =
        originNs == m_originNs ? PacketRows::sharedRows(m_packets, m_visible, packets, rows) : 0;
    if (kept < m_visible.size()) {
        m_arrows.clear();
        m_lifelines.clear();
        m_lifelineIndex.clear();
        m_unnamedRows.clear();
    }
    // Only when starting: reserving on every append would defeat the list's growth.
    if (m_arrows.isEmpty())
        m_arrows.reserve(rows.size());
    m_packets = packets;
    m_visible = rows;
    m_originNs = originNs;
    nameFromRelinkedRows();
    for (qsizetype row = m_arrows.size(); row < rows.size(); ++row) {
        const PacketEvent& packet = packets.at(rows.at(row));
        // Source before destination: the first sender ends up on the left.
        const int from = lifelineOf(packet.decoded.source, packet.sender, int(row));
        const int to = lifelineOf(packet.decoded.destination, packet.receiver, int(row));
        m_arrows.append(Arrow{from, to});
    }
}

void SequenceDiagramModel::nameFromRelinkedRows()
{
    for (auto it = m_unnamedRows.begin(); it != m_unnamedRows.end();) {
        SequenceLifeline& lifeline = m_lifelines[it.key()];
        for (const int row : std::as_const(*it)) {
            const PacketEvent& now = packet(row);
            const PacketEnd& end = from(row) == it.key() ? now.sender : now.receiver;
            if (end.isKnown()) {
                lifeline.actor = end.actor;
                lifeline.fd = end.fd;
                break;
            }
        }
        it = lifeline.fd >= 0 ? m_unnamedRows.erase(it) : std::next(it);
    }
}

int SequenceDiagramModel::lifelineOf(const SocketAddress& endpoint, const PacketEnd& end, int row)
{
    auto it = m_lifelineIndex.constFind(endpoint);
    if (it == m_lifelineIndex.cend()) {
        it = m_lifelineIndex.insert(endpoint, int(m_lifelines.size()));
        m_lifelines.append(SequenceLifeline{endpoint, {}, -1});
    }
    SequenceLifeline& lifeline = m_lifelines[*it];
    // The first packet that knows the socket names it (inferred packets always do).
    if (lifeline.fd < 0 && end.isKnown()) {
        lifeline.actor = end.actor;
        lifeline.fd = end.fd;
        m_unnamedRows.remove(*it);
    } else if (lifeline.fd < 0) {
        QList<int>& unnamed = m_unnamedRows[*it];
        if (unnamed.size() < unnamedRowsKept)
            unnamed.append(row);
    }
    return *it;
}

int SequenceDiagramModel::rowOfPacket(qint64 packetSeq) const
{
    for (int row = 0; row < rowCount(); ++row) {
        if (seq(row) == packetSeq)
            return row;
    }
    return -1;
}

QList<int> SequenceDiagramModel::rowsCausedBy(qint64 callSeq) const
{
    QList<int> rows;
    if (callSeq < 0)
        return rows;
    for (int row = 0; row < rowCount(); ++row) {
        if (cause(row) == callSeq)
            rows.append(row);
    }
    return rows;
}

} // namespace SocketScope
