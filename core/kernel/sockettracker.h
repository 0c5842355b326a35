#pragma once

#include "kernel/inspectorrow.h"
#include "kernel/socketdiag.h"

#include <QHash>

namespace SocketScope {

// A socket of the session: which actor's descriptor it is, in which process.
struct SessionSocket {
    qint64 pid = 0;
    int fd = -1;
    QString actor;
    bool operator==(const SessionSocket&) const = default;
};

// Follows the machine's sockets from one snapshot to the next: which are new, which changed,
// which closed (kept a moment, marked), the states each went through, and which are the
// session's. A socket keeps its row from SYN_RECV to TIME_WAIT: it is known by its protocol
// and addresses, not by its inode, which the kernel drops when no descriptor holds it.
class SocketTracker {
public:
    explicit SocketTracker(qint64 highlightNs = 2'000'000'000);

    void setSessionSockets(const QList<SessionSocket>& sockets) { m_session = sockets; }
    void setHighlightNs(qint64 ns) { m_highlightNs = ns; }

    // Every row of the snapshot, then the recently closed ones.
    QList<InspectorRow> update(const SocketSnapshot& snapshot);

    static constexpr int historyLength = 8;

private:
    struct Seen {
        SocketRow last;
        qint64 markedAtNs = 0;
        RowMark mark = RowMark::None;
        QList<StateChange> history;
        std::optional<PacketEnd> sessionEnd;
        qint64 closedAtNs = 0;
    };

    std::optional<PacketEnd> sessionEndOf(const SocketRow& row) const;

    qint64 m_highlightNs;
    QList<SessionSocket> m_session;
    QHash<QString, Seen> m_seen;
    QHash<QString, Seen> m_closed;
    bool m_first = true;
};

// True when what the table shows of a socket changed (a timer counting down does not count).
bool socketChanged(const SocketRow& before, const SocketRow& after);

} // namespace SocketScope
