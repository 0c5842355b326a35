#pragma once

#include "packetrows.h"
#include "packets/packetevent.h"

#include <QHash>
#include <QList>
#include <QString>

namespace SocketScope {

// One vertical line of the diagram: a transport endpoint, and the socket behind it when the
// packets say which one it is.
struct SequenceLifeline {
    SocketAddress endpoint; // as on the wire
    QString actor;          // empty when no packet names the socket
    int fd = -1;
};

// The packets of a session as a sequence diagram, without any geometry or widget: one
// lifeline per endpoint, in order of appearance (the first sender on the left), and one row
// per visible packet. Rows refer to the packet list (implicitly shared, not copied) and make
// their texts when asked, so that building is O(n) and cheap for 100,000 packets, and only
// the rows on screen pay for their strings.
class SequenceDiagramModel {
public:
    SequenceDiagramModel() = default;
    SequenceDiagramModel(const QList<PacketEvent>& packets, const QList<int>& visible,
                         qint64 originNs);

    // `visible` holds indices into `packets` (EventLog::packetsVisibleAt); times are shown
    // relative to `originNs` (CLOCK_MONOTONIC). When the rows shown begin the new ones (a
    // running session), only the new rows are added.
    void setPackets(const QList<PacketEvent>& packets, const QList<int>& visible, qint64 originNs);

    const QList<SequenceLifeline>& lifelines() const { return m_lifelines; }
    int lifelineCount() const { return int(m_lifelines.size()); }
    int rowCount() const { return int(m_arrows.size()); }
    bool isEmpty() const { return m_arrows.isEmpty(); }

    // Per row: where the arrow starts and ends (lifeline indices) and what it says.
    int from(int row) const { return m_arrows.at(row).from; }
    int to(int row) const { return m_arrows.at(row).to; }
    const PacketEvent& packet(int row) const { return m_packets.at(m_visible.at(row)); }
    qint64 seq(int row) const { return packet(row).seq; }
    qint64 cause(int row) const { return packet(row).cause; }
    bool isInferred(int row) const { return packet(row).inferred; }
    bool isTcp(int row) const { return packet(row).isTcp(); }
    QString label(int row) const { return packet(row).label(); }
    QString details(int row) const { return packet(row).details(m_relativeNumbers); }
    QString time(int row) const { return PacketRows::timeText(packet(row).tNs - m_originNs); }

    // Sequence and acknowledgement numbers in details(): relative (default) or absolute.
    bool relativeNumbers() const { return m_relativeNumbers; }
    void setRelativeNumbers(bool relative) { m_relativeNumbers = relative; }
    // A lifeline's caption names its actor in the views' language; an actor not named, by id.
    void setActorNames(const QHash<QString, QString>& names) { m_actorNames = names; }
    QString actorName(const QString& id) const { return m_actorNames.value(id, id); }

    // The row showing a packet, -1 when it is not visible.
    int rowOfPacket(qint64 packetSeq) const;
    // The rows of the packets a call caused, in order.
    QList<int> rowsCausedBy(qint64 callSeq) const;

private:
    struct Arrow {
        int from = 0;
        int to = 0;
    };

    int lifelineOf(const SocketAddress& endpoint, const PacketEnd& end, int row);
    // Kept rows linked again since (a traced program's calls come after its captured
    // packets) may now name a lifeline.
    void nameFromRelinkedRows();

    QList<PacketEvent> m_packets;
    QList<int> m_visible; // a packet index per row
    QList<Arrow> m_arrows;
    QList<SequenceLifeline> m_lifelines;
    QHash<SocketAddress, int> m_lifelineIndex;
    // The first rows of each lifeline no packet names yet: a socket's first packets (its
    // SYN) are those that name it, so a few are enough.
    QHash<int, QList<int>> m_unnamedRows;
    static constexpr int unnamedRowsKept = 8;
    qint64 m_originNs = 0;
    bool m_relativeNumbers = true;
    QHash<QString, QString> m_actorNames;
};

} // namespace SocketScope
