#pragma once

#include "kernel/socketwatcher.h"
#include "theme.h"

#include <QAbstractTableModel>

namespace SocketScope {

// The inspector's table: rows arrive filtered and sorted from the SocketWatcher's thread,
// so that a refresh of ten thousand rows only swaps a list here. Selection and current row
// follow their socket through a refresh (persistent indexes are moved by key).
class SocketTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Role { KeyRole = Qt::UserRole + 1, MarkRole, SessionRole };

    explicit SocketTableModel(QObject* parent = nullptr);

    // The colours of the rows marked after a refresh.
    void setTheme(const Theme& theme);

    void setUpdate(const SocketTableUpdate& update);
    const SocketTableUpdate& currentUpdate() const { return m_update; }
    const InspectorRow* rowAt(int row) const;
    int rowOfKey(const QString& key) const { return m_update.rowOfKey.value(key, -1); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    // The watcher sorts: the request goes out, the sorted rows come back with the next update.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

Q_SIGNALS:
    void sortRequested(int column, Qt::SortOrder order);

private:
    QVariant displayText(const InspectorRow& row, SocketColumn column) const;

    SocketTableUpdate m_update;
    Theme m_theme = Theme::current();
};

// The colour a row is painted for a moment after a refresh (as TCPView does).
QColor markColour(RowMark mark, const Theme& theme);

} // namespace SocketScope
