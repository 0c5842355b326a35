#include "kernel/sockettracker.h"

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

// The listener a connection not yet accepted belongs to: same protocol and port, the same
// address rather than a wildcard one when both listen.
void attachQueues(QList<InspectorRow>& rows)
{
    QMultiHash<int, int> listenersByPort;
    for (int i = 0; i < rows.size(); ++i) {
        const SocketRow& socket = rows[i].socket;
        if (socket.state == QLatin1String("LISTEN") && socket.isTcp() &&
            rows[i].mark != RowMark::Closed)
            listenersByPort.insert(endpointPort(socket.local), i);
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
        const int port = endpointPort(socket.local);
        int exact = -1;
        int wildcard = -1;
        for (auto it = listenersByPort.constFind(port);
             it != listenersByPort.cend() && it.key() == port; ++it) {
            const SocketRow& listener = rows[it.value()].socket;
            if (listener.protocol != socket.protocol)
                continue;
            const QString listenerHost = hostOf(listener.local);
            if (listenerHost == host)
                exact = it.value();
            else if (listenerHost == QLatin1String("0.0.0.0") ||
                     listenerHost == QLatin1String("[::]"))
                wildcard = it.value();
        }
        const int owner = exact >= 0 ? exact : wildcard;
        if (owner >= 0)
            (halfOpen ? rows[owner].halfOpenPeers : rows[owner].waitingPeers).append(socket.peer);
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
        const bool anotherSocket =
            entry.last.inode != 0 && socket.inode != 0 && entry.last.inode != socket.inode;
        entry.last = socket;
        addState(entry.history, now, socket.state);
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
    // A dump that was interrupted or lost a family says nothing of what it did not see:
    // those rows stay as they were, and only a whole snapshot can close them.
    const bool whole = !snapshot.interrupted && snapshot.problems.isEmpty();
    if (!m_first) {
        for (auto it = m_seen.cbegin(); it != m_seen.cend(); ++it) {
            if (seen.contains(it.key()))
                continue;
            if (!whole) {
                Seen kept = it.value();
                kept.mark = RowMark::None;
                rows.append(InspectorRow{
                    kept.last, it.key(), RowMark::None, kept.sessionEnd, kept.history, {}, {}});
                seen.insert(it.key(), std::move(kept));
                continue;
            }
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
