#include "sockettracker.h"

#include <QSet>

namespace SocketScope {

namespace {

QString baseKey(const SocketRow& row)
{
    // An unnamed UNIX socket has no address to tell it by: its inode is its name.
    if (row.protocol == QLatin1String("unix") && row.local == QLatin1String("*"))
        return QStringLiteral("unix|%1").arg(row.inode);
    return row.protocol + QLatin1Char('|') + row.local + QLatin1Char('|') + row.peer;
}

void addState(QList<StateChange>& history, qint64 tNs, const QString& state)
{
    if (!history.isEmpty() && history.last().state == state)
        return;
    history.append(StateChange{tNs, state});
    if (history.size() > SocketTracker::historyLength)
        history.removeFirst();
}

// The listener a connection not yet accepted belongs to: same port, same address or a
// wildcard one.
void attachQueues(QList<InspectorRow>& rows)
{
    QMultiHash<int, int> listenersByPort;
    for (int i = 0; i < rows.size(); ++i) {
        if (rows[i].socket.state == QLatin1String("LISTEN") && rows[i].socket.isTcp())
            listenersByPort.insert(endpointPort(rows[i].socket.local), i);
    }
    if (listenersByPort.isEmpty())
        return;
    const auto hostOf = [](const QString& endpoint) {
        return endpoint.left(endpoint.lastIndexOf(QLatin1Char(':')));
    };
    for (const InspectorRow& row : std::as_const(rows)) {
        const SocketRow& socket = row.socket;
        const bool halfOpen = socket.state == QLatin1String("SYN_RECV");
        const bool waiting = socket.state == QLatin1String("ESTABLISHED") && socket.inode == 0;
        if (!socket.isTcp() || row.mark == RowMark::Closed || (!halfOpen && !waiting))
            continue;
        const QString host = hostOf(socket.local);
        for (auto it = listenersByPort.constFind(endpointPort(socket.local));
             it != listenersByPort.cend() && it.key() == endpointPort(socket.local); ++it) {
            InspectorRow& listener = rows[it.value()];
            const QString listenerHost = hostOf(listener.socket.local);
            if (listenerHost != host && listenerHost != QLatin1String("0.0.0.0") &&
                listenerHost != QLatin1String("[::]"))
                continue;
            (halfOpen ? listener.halfOpenPeers : listener.waitingPeers).append(socket.peer);
            break;
        }
    }
}

} // namespace

bool socketChanged(const SocketRow& before, const SocketRow& after)
{
    return before.state != after.state || before.recvQ != after.recvQ ||
           before.sendQ != after.sendQ || before.inode != after.inode ||
           before.owners != after.owners;
}

SocketTracker::SocketTracker(qint64 highlightNs)
    : m_highlightNs(highlightNs)
{
}

std::optional<PacketEnd> SocketTracker::sessionEndOf(const SocketRow& row) const
{
    for (const SocketOwner& owner : row.owners) {
        for (const SessionSocket& socket : m_session) {
            if (socket.pid == owner.pid && socket.fd == owner.fd)
                return PacketEnd{socket.actor, socket.fd};
        }
    }
    return std::nullopt;
}

QList<InspectorRow> SocketTracker::update(const SocketSnapshot& snapshot)
{
    const qint64 now = snapshot.takenAtNs;
    QHash<QString, Seen> seen;
    seen.reserve(snapshot.rows.size());
    QList<InspectorRow> rows;
    rows.reserve(snapshot.rows.size() + m_closed.size());
    for (const SocketRow& socket : snapshot.rows) {
        QString key = baseKey(socket);
        // Listeners sharing a port (SO_REUSEPORT), a dump that saw a socket twice.
        if (seen.contains(key))
            key += QStringLiteral("#%1").arg(socket.inode ? socket.inode : socket.cookie);
        Seen entry;
        const auto before = m_seen.constFind(key);
        if (before != m_seen.cend()) {
            entry = *before;
            if (socketChanged(entry.last, socket)) {
                entry.mark = RowMark::Changed;
                entry.markedAtNs = now;
            }
        } else {
            m_closed.remove(key); // the same addresses again: a new socket
            entry.mark = m_first ? RowMark::None : RowMark::New;
            entry.markedAtNs = now;
        }
        entry.last = socket;
        addState(entry.history, now, socket.state);
        const bool anotherSocket =
            entry.last.inode != 0 && socket.inode != 0 && entry.last.inode != socket.inode;
        if (const std::optional<PacketEnd> end = sessionEndOf(socket))
            entry.sessionEnd = end; // and kept in TIME_WAIT, when no descriptor holds it
        else if (!socket.owners.isEmpty() || anotherSocket)
            entry.sessionEnd.reset(); // another program's socket now
        // No owner at all: closed while /proc was read, or not visible; it stays the session's.
        if (entry.mark != RowMark::None && now - entry.markedAtNs >= m_highlightNs)
            entry.mark = RowMark::None;
        rows.append(InspectorRow{socket, key, entry.mark, entry.sessionEnd, entry.history, {}, {}});
        seen.insert(key, std::move(entry));
    }
    if (!m_first) {
        for (auto it = m_seen.cbegin(); it != m_seen.cend(); ++it) {
            if (seen.contains(it.key()))
                continue;
            Seen closed = it.value();
            closed.mark = RowMark::Closed;
            closed.closedAtNs = now;
            addState(closed.history, now, QStringLiteral("CLOSED"));
            m_closed.insert(it.key(), closed);
        }
    }
    for (auto it = m_closed.begin(); it != m_closed.end();) {
        if (now - it->closedAtNs >= m_highlightNs) {
            it = m_closed.erase(it);
            continue;
        }
        rows.append(
            InspectorRow{it->last, it.key(), RowMark::Closed, it->sessionEnd, it->history, {}, {}});
        ++it;
    }
    m_seen = std::move(seen);
    m_first = false;
    attachQueues(rows);
    return rows;
}

} // namespace SocketScope
