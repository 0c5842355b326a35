#pragma once

#include "calls/socketaddress.h"
#include "kernel/socketrow.h"
#include "packets/packetevent.h"

#include <QMetaType>

#include <optional>

namespace SocketScope {

// How a row differs from the last snapshot, shown for a moment as TCPView does.
enum class RowMark { None, New, Changed, Closed };

// A state the kernel reported for a socket, and when it was first seen in it.
struct StateChange {
    qint64 tNs = 0;
    QString state;
    bool operator==(const StateChange&) const = default;
};

// One line of the inspector's table: the socket, what changed, and whose it is.
struct InspectorRow {
    SocketRow socket;
    QString key; // stable across snapshots: protocol, local and peer (a TIME_WAIT keeps it)
    RowMark mark = RowMark::None;
    std::optional<PacketEnd> sessionEnd; // the session's actor and descriptor holding it
    QList<StateChange> history;          // oldest first, the last few states seen
    // A listener's queues: peers of connections established but not accepted yet, and of
    // handshakes in progress (SYN received).
    QStringList waitingPeers;
    QStringList halfOpenPeers;
};

// The columns of the table, in order; sorting and the model share them.
enum class SocketColumn { Protocol, State, RecvQ, SendQ, Local, Peer, Process, Uid, Inode, Timer };
constexpr int socketColumnCount = 10;

// What the user narrows the table to; empty fields match everything.
struct SocketFilter {
    QString text;    // anywhere in the row, case-insensitive
    QString state;   // exactly this kernel state ("LISTEN")
    int port = -1;   // local or peer port
    QString process; // command name or pid
    bool sessionOnly = false;

    bool matches(const InspectorRow& row) const;
    bool operator==(const SocketFilter&) const = default;
};

void sortRows(QList<InspectorRow>& rows, SocketColumn column, Qt::SortOrder order);

} // namespace SocketScope

Q_DECLARE_METATYPE(SocketScope::SocketFilter)
Q_DECLARE_TYPEINFO(SocketScope::StateChange, Q_RELOCATABLE_TYPE);
Q_DECLARE_TYPEINFO(SocketScope::InspectorRow, Q_RELOCATABLE_TYPE);
