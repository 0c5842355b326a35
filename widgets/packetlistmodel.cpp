#include "packetlistmodel.h"

#include "packetrows.h"

#include <QFont>

namespace SocketScope {

PacketListModel::PacketListModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void PacketListModel::setPackets(const QList<PacketEvent>& packets, const QList<int>& visible,
                                 qint64 originNs)
{
    const QList<int> rows = PacketRows::validIndices(packets, visible);
    const qsizetype kept =
        originNs == m_originNs ? PacketRows::sharedRows(m_packets, m_visible, packets, rows) : 0;
    const qsizetype oldCount = m_visible.size();
    const qsizetype newCount = rows.size();
    const auto assign = [&] {
        m_packets = packets;
        m_visible = rows;
        m_originNs = originNs;
    };
    if (kept == oldCount && kept == newCount) {
        assign();
    } else if (kept == oldCount) {
        beginInsertRows({}, int(oldCount), int(newCount - 1));
        assign();
        endInsertRows();
    } else if (kept == newCount) {
        beginRemoveRows({}, int(newCount), int(oldCount - 1));
        assign();
        endRemoveRows();
    } else {
        beginResetModel();
        assign();
        endResetModel();
    }
}

int PacketListModel::rowOfPacket(qint64 packetSeq) const
{
    for (int row = 0; row < rowCount(); ++row) {
        if (packet(row).seq == packetSeq)
            return row;
    }
    return -1;
}

void PacketListModel::setRelativeNumbers(bool relative)
{
    if (m_relativeNumbers == relative)
        return;
    m_relativeNumbers = relative;
    if (!m_visible.isEmpty())
        Q_EMIT dataChanged(index(0, InfoColumn), index(rowCount() - 1, InfoColumn),
                           {Qt::DisplayRole});
}

int PacketListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_visible.size());
}

int PacketListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PacketListModel::display(const PacketEvent& packet, int column) const
{
    switch (column) {
    case SeqColumn:
        return packet.seq;
    case TimeColumn:
        return PacketRows::timeText(packet.tNs - m_originNs);
    case SourceColumn:
        return DecodedPacket::endpointText(packet.decoded.source);
    case DestinationColumn:
        return DecodedPacket::endpointText(packet.decoded.destination);
    case ProtocolColumn:
        return packet.protocolName();
    case InfoColumn: {
        const QString details = packet.details(m_relativeNumbers);
        return details.isEmpty() ? packet.label() : packet.label() + QLatin1String("  ") + details;
    }
    case CauseColumn:
        return packet.cause >= 0 ? QVariant(packet.cause) : QVariant();
    case OriginColumn:
        return packet.inferred ? tr("inferred") : tr("captured");
    }
    return {};
}

QVariant PacketListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PacketEvent& row = packet(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(row, index.column());
    case Qt::ToolTipRole:
        // Info may be cut at the panel's edge.
        return index.column() == InfoColumn ? display(row, InfoColumn) : QVariant();
    case Qt::FontRole:
        if (row.inferred) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == SeqColumn || index.column() == TimeColumn ||
            index.column() == CauseColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case PacketSeqRole:
        return row.seq;
    case InferredRole:
        return row.inferred;
    }
    return {};
}

QVariant PacketListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole) {
        if (section == CauseColumn)
            return tr("The call that made the kernel send this packet");
        if (section == OriginColumn)
            return tr("Captured on the wire, or inferred from the calls when capture is not "
                      "permitted");
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeqColumn:
        return tr("No.");
    case TimeColumn:
        return tr("Time");
    case SourceColumn:
        return tr("Source");
    case DestinationColumn:
        return tr("Destination");
    case ProtocolColumn:
        return tr("Protocol");
    case InfoColumn:
        return tr("Info");
    case CauseColumn:
        return tr("Cause");
    case OriginColumn:
        return tr("Origin");
    }
    return {};
}

} // namespace SocketScope
