#pragma once

#include "packets/packetevent.h"

#include <QAbstractTableModel>
#include <QList>

namespace SocketScope {

// The packets of the session as Wireshark lists them: one row per visible packet, in
// order, with the call that caused it and whether it was captured or inferred. Rows refer to
// the packet list (implicitly shared) and appending or stepping back inserts or removes rows,
// so that a view keeps its selection and scroll position while the session runs.
class PacketListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        SeqColumn,
        TimeColumn,
        SourceColumn,
        DestinationColumn,
        ProtocolColumn,
        InfoColumn,
        CauseColumn,
        OriginColumn,
        ColumnCount
    };
    Q_ENUM(Column)
    enum Role { PacketSeqRole = Qt::UserRole, InferredRole };

    explicit PacketListModel(QObject* parent = nullptr);

    // `visible` holds indices into `packets` (EventLog::packetsVisibleAt); times are shown
    // relative to `originNs`.
    void setPackets(const QList<PacketEvent>& packets, const QList<int>& visible, qint64 originNs);
    const PacketEvent& packet(int row) const { return m_packets.at(m_visible.at(row)); }
    // The row showing a packet, -1 when it is not visible.
    int rowOfPacket(qint64 packetSeq) const;

    // Sequence and acknowledgement numbers in the Info column: relative (default) or absolute.
    bool relativeNumbers() const { return m_relativeNumbers; }
    void setRelativeNumbers(bool relative);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QVariant display(const PacketEvent& packet, int column) const;

    QList<PacketEvent> m_packets;
    QList<int> m_visible;
    qint64 m_originNs = 0;
    bool m_relativeNumbers = true;
};

} // namespace SocketScope
