#include "sockettablemodel.h"

#include <QColor>
#include <QFont>

namespace SocketScope {

QColor markColour(RowMark mark, const Theme& theme)
{
    switch (mark) {
    case RowMark::New:
        return theme.markNew;
    case RowMark::Changed:
        return theme.markChanged;
    case RowMark::Closed:
        return theme.markClosed;
    case RowMark::None:
        break;
    }
    return {};
}

SocketTableModel::SocketTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void SocketTableModel::setTheme(const Theme& theme)
{
    if (m_theme == theme)
        return;
    m_theme = theme;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, socketColumnCount - 1),
                           {Qt::BackgroundRole, Qt::ForegroundRole});
}

void SocketTableModel::setUpdate(const SocketTableUpdate& update)
{
    if (update.generation != 0 && update.generation <= m_update.generation)
        return; // stale: a newer one is already shown
    Q_EMIT layoutAboutToBeChanged();
    const QModelIndexList before = persistentIndexList();
    QModelIndexList after;
    after.reserve(before.size());
    for (const QModelIndex& index : before) {
        const int row = update.rowOfKey.value(m_update.rows.at(index.row()).key, -1);
        after.append(row < 0 ? QModelIndex() : createIndex(row, index.column()));
    }
    m_update = update;
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged();
}

const InspectorRow* SocketTableModel::rowAt(int row) const
{
    return row >= 0 && row < m_update.rows.size() ? &m_update.rows.at(row) : nullptr;
}

int SocketTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_update.rows.size());
}

int SocketTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : socketColumnCount;
}

QVariant SocketTableModel::displayText(const InspectorRow& row, SocketColumn column) const
{
    const SocketRow& socket = row.socket;
    switch (column) {
    case SocketColumn::Protocol: {
        const QString protocol = socket.socketType.isEmpty()
                                     ? socket.protocol
                                     : socket.protocol + QLatin1Char('/') + socket.socketType;
        return row.sessionEnd ? QStringLiteral("\u25cf ") + protocol : protocol;
    }
    case SocketColumn::State:
        return row.mark == RowMark::Closed ? tr("closed (was %1)").arg(socket.state) : socket.state;
    case SocketColumn::RecvQ:
        return socket.recvQ;
    case SocketColumn::SendQ:
        return socket.sendQ;
    case SocketColumn::Local:
        return socket.local;
    case SocketColumn::Peer:
        return socket.peer;
    case SocketColumn::Process:
        if (row.sessionEnd)
            return tr("%1 fd %2 (this session)").arg(row.sessionEnd->actor).arg(row.sessionEnd->fd);
        if (!socket.owners.isEmpty())
            return socket.ownersText();
        return socket.inode == 0 ? tr("(kernel)") : tr("(not visible)");
    case SocketColumn::Uid:
        return socket.uid;
    case SocketColumn::Inode:
        return socket.inode;
    case SocketColumn::Timer:
        return socket.timerText();
    }
    return {};
}

QVariant SocketTableModel::data(const QModelIndex& index, int role) const
{
    const InspectorRow* row = rowAt(index.row());
    if (!row || index.column() < 0 || index.column() >= socketColumnCount)
        return {};
    const auto column = SocketColumn(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return displayText(*row, column);
    case Qt::BackgroundRole:
        return row->mark == RowMark::None ? QVariant() : QVariant(markColour(row->mark, m_theme));
    case Qt::ForegroundRole:
        // The theme's tints keep its ink readable.
        return row->mark == RowMark::None ? QVariant() : QVariant(m_theme.ink);
    case Qt::FontRole:
        if (row->sessionEnd) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (column == SocketColumn::RecvQ || column == SocketColumn::SendQ ||
            column == SocketColumn::Uid || column == SocketColumn::Inode)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        if (column == SocketColumn::Process && row->socket.owners.isEmpty())
            return row->socket.inode == 0
                       ? tr("No process holds this socket: the kernel keeps it (TIME_WAIT, or a "
                            "connection not accepted yet).")
                       : tr("The owning process is not visible: it belongs to another user. "
                            "Run SocketScope as that user, or as root, to see it.");
        if (row->sessionEnd)
            return tr("A socket of this session: %1's descriptor %2. Click to find its "
                      "5-tuple card.")
                .arg(row->sessionEnd->actor)
                .arg(row->sessionEnd->fd);
        return {};
    case KeyRole:
        return row->key;
    case MarkRole:
        return int(row->mark);
    case SessionRole:
        return bool(row->sessionEnd);
    default:
        return {};
    }
}

QVariant SocketTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 ||
        section >= socketColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (SocketColumn(section)) {
    case SocketColumn::Protocol:
        return tr("Protocol");
    case SocketColumn::State:
        return tr("State");
    case SocketColumn::RecvQ:
        return tr("Recv-Q");
    case SocketColumn::SendQ:
        return tr("Send-Q");
    case SocketColumn::Local:
        return tr("Local address:port");
    case SocketColumn::Peer:
        return tr("Peer address:port");
    case SocketColumn::Process:
        return tr("Process");
    case SocketColumn::Uid:
        return tr("UID");
    case SocketColumn::Inode:
        return tr("Inode");
    case SocketColumn::Timer:
        return tr("Timer");
    }
    return {};
}

void SocketTableModel::sort(int column, Qt::SortOrder order)
{
    Q_EMIT sortRequested(column, order);
}

} // namespace SocketScope
