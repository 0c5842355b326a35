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
    }
    // Only when starting: reserving on every append would defeat the list's growth.
    if (m_arrows.isEmpty())
        m_arrows.reserve(rows.size());
    m_packets = packets;
    m_visible = rows;
    m_originNs = originNs;
    for (qsizetype row = m_arrows.size(); row < rows.size(); ++row) {
        const PacketEvent& packet = packets.at(rows.at(row));
        // Source before destination: the first sender ends up on the left.
        const int from = lifelineOf(packet.decoded.source, packet.sender);
        const int to = lifelineOf(packet.decoded.destination, packet.receiver);
        m_arrows.append(Arrow{from, to});
    }
}

int SequenceDiagramModel::lifelineOf(const SocketAddress& endpoint, const PacketEnd& end)
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
