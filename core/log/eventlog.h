#pragma once

#include "calls/callevent.h"
#include "packets/packetevent.h"

#include <QList>
#include <QString>

class QIODevice;

namespace SocketScope {

// The narration shown when a step was performed: a trace event of kind "step".
struct StepNote {
    qint64 seq = 0;
    qint64 tNs = 0;
    int step = -1;
    QString actor;
    QString narration;
};

// The single source of truth of a session: every call, step note and packet, in the order
// they completed. Views are projections of it up to a cursor.
class EventLog {
public:
    void append(const CallEvent& event) { m_calls.append(event); }
    void append(const StepNote& note) { m_notes.append(note); }
    void append(const PacketEvent& packet) { m_packets.append(packet); }
    // Packets are linked again as calls complete: replaces them all, in time order.
    void setPackets(const QList<PacketEvent>& packets) { m_packets = packets; }
    void clear();

    const QList<CallEvent>& calls() const { return m_calls; }
    const QList<StepNote>& notes() const { return m_notes; }
    const QList<PacketEvent>& packets() const { return m_packets; }
    bool isEmpty() const { return m_calls.isEmpty() && m_notes.isEmpty() && m_packets.isEmpty(); }

    // The packets a view shows when the first `callCount` calls are applied: those sent
    // before the last of these calls returned, and those caused by one of them.
    QList<int> packetsVisibleAt(int callCount) const;

    // JSON Lines, one event per line, ordered by seq (docs/trace-format.md).
    bool writeJsonLines(QIODevice& device) const;
    bool saveJsonLines(const QString& path, QString* error) const;
    // The captured packets as a pcap file for tshark and Wireshark. Inferred packets are
    // never written; with no captured packet at all, nothing is written and *error says why.
    bool savePcap(const QString& path, QString* error) const;

private:
    QList<CallEvent> m_calls;
    QList<StepNote> m_notes;
    QList<PacketEvent> m_packets;
};

} // namespace SocketScope
