#include "kernel/socketwatcher.h"

namespace SocketScope {

SocketWatcher::SocketWatcher(QObject* parent)
    : QObject(parent)
    , m_timer(new QTimer(this))
{
    qRegisterMetaType<SocketTableUpdate>();
    qRegisterMetaType<SocketFilter>();
    qRegisterMetaType<QList<SessionSocket>>();
    m_timer->setTimerType(Qt::CoarseTimer);
    connect(m_timer, &QTimer::timeout, this, [this] { refreshNow(); });
}

void SocketWatcher::setInterval(int intervalMs)
{
    m_timer->setInterval(intervalMs);
}

void SocketWatcher::setPaused(bool paused)
{
    if (paused) {
        m_timer->stop();
    } else if (!m_timer->isActive()) {
        m_timer->start();
        refreshNow();
    }
}

void SocketWatcher::stop()
{
    m_timer->stop();
}

void SocketWatcher::refreshNow(quint64 ticket)
{
    m_ticket = qMax(m_ticket, ticket);
    // Requests that arrive while others wait (a scenario's calls, one after the other) are
    // answered by one snapshot taken after all of them.
    if (m_snapshotQueued)
        return;
    m_snapshotQueued = true;
    QMetaObject::invokeMethod(this, &SocketWatcher::takeSnapshot, Qt::QueuedConnection);
}

void SocketWatcher::takeSnapshot()
{
    m_snapshotQueued = false;
    SnapshotOptions options;
    options.tcpInfo = true;
    m_snapshot = takeSocketSnapshot(options);
    m_all = m_tracker.update(m_snapshot);
    publish();
}

void SocketWatcher::setFilter(const SocketFilter& filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    publish();
}

void SocketWatcher::setSort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= socketColumnCount)
        return;
    m_sortColumn = SocketColumn(column);
    m_sortOrder = order;
    publish();
}

void SocketWatcher::setSessionSockets(const QList<SessionSocket>& sockets)
{
    m_tracker.setSessionSockets(sockets);
}

void SocketWatcher::publish()
{
    SocketTableUpdate update;
    update.total = int(m_all.size());
    update.rows.reserve(m_all.size());
    for (const InspectorRow& row : m_all) {
        if (m_filter.matches(row))
            update.rows.append(row);
    }
    sortRows(update.rows, m_sortColumn, m_sortOrder);
    update.rowOfKey.reserve(update.rows.size());
    for (int i = 0; i < update.rows.size(); ++i)
        update.rowOfKey.insert(update.rows[i].key, i);
    update.problems = m_snapshot.problems;
    update.interrupted = m_snapshot.interrupted;
    update.unreadableProcesses = m_snapshot.unreadableProcesses;
    update.takenAtNs = m_snapshot.takenAtNs;
    update.generation = ++m_generation;
    update.ticket = m_ticket;
    update.filter = m_filter;
    Q_EMIT updated(update);
}

} // namespace SocketScope
