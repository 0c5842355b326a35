#pragma once

#include "kernel/inspectorrow.h"
#include "kernel/sockettracker.h"

#include <QHash>
#include <QObject>
#include <QTimer>

namespace SocketScope {

// What the inspector shows after one refresh: rows already filtered and sorted, so that
// the GUI thread only swaps them in.
struct SocketTableUpdate {
    QList<InspectorRow> rows;
    QHash<QString, int> rowOfKey;
    int total = 0; // before filtering
    QStringList problems;
    bool interrupted = false;
    int unreadableProcesses = 0;
    qint64 takenAtNs = 0;
    quint64 generation = 0; // grows with every update; a stale one is recognised by it
    quint64 ticket = 0;     // the last refreshNow() request this snapshot answers
    SocketFilter filter;    // what the rows were filtered with
};

// Takes snapshots of the machine's sockets on a worker thread, every interval or when
// asked, and hands out ready-to-show updates. Lives in its own QThread: every slot is
// called through a queued connection.
class SocketWatcher : public QObject {
    Q_OBJECT
public:
    explicit SocketWatcher(QObject* parent = nullptr);

public Q_SLOTS:
    void setInterval(int intervalMs);
    void setPaused(bool paused);
    // A snapshot now; `ticket` comes back in the update, so that the asker knows the
    // snapshot was taken after its request.
    void refreshNow(quint64 ticket = 0);
    void setFilter(const SocketScope::SocketFilter& filter);
    void setSort(int column, Qt::SortOrder order);
    void setSessionSockets(const QList<SocketScope::SessionSocket>& sockets);
    void stop();

Q_SIGNALS:
    void updated(const SocketScope::SocketTableUpdate& update);

private:
    void takeSnapshot();
    void publish();

    QTimer* m_timer;
    SocketTracker m_tracker;
    SocketSnapshot m_snapshot;
    QList<InspectorRow> m_all;
    SocketFilter m_filter;
    SocketColumn m_sortColumn = SocketColumn::Local;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    quint64 m_generation = 0;
    quint64 m_ticket = 0;
    bool m_snapshotQueued = false;
};

} // namespace SocketScope

Q_DECLARE_METATYPE(SocketScope::SocketTableUpdate)
Q_DECLARE_METATYPE(SocketScope::SessionSocket)
