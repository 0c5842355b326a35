#include "kernel/inspectorrow.h"

#include <algorithm>

namespace SocketScope {

bool SocketFilter::matches(const InspectorRow& row) const
{
    const SocketRow& socket = row.socket;
    if (sessionOnly && !row.sessionEnd)
        return false;
    if (!state.isEmpty() && socket.state != state)
        return false;
    if (port >= 0 && endpointPort(socket.local) != port && endpointPort(socket.peer) != port)
        return false;
    if (!process.isEmpty()) {
        const bool owned = std::any_of(
            socket.owners.cbegin(), socket.owners.cend(), [this](const SocketOwner& owner) {
                return owner.command.contains(process, Qt::CaseInsensitive) ||
                       QString::number(owner.pid) == process;
            });
        if (!owned)
            return false;
    }
    if (text.isEmpty())
        return true;
    const auto has = [this](const QString& field) {
        return field.contains(text, Qt::CaseInsensitive);
    };
    return has(socket.protocol) || has(socket.state) || has(socket.local) || has(socket.peer) ||
           has(socket.ownersText()) || has(QString::number(socket.inode)) ||
           (row.sessionEnd && has(row.sessionEnd->actor));
}

namespace {

// Compares one column of two rows: negative, zero or positive.
int compareColumn(const InspectorRow& a, const InspectorRow& b, SocketColumn column)
{
    const auto numbers = [](auto x, auto y) {
        return x < y ? -1 : (x > y ? 1 : 0);
    };
    const SocketRow& x = a.socket;
    const SocketRow& y = b.socket;
    switch (column) {
    case SocketColumn::Protocol:
        return QString::compare(x.protocol, y.protocol);
    case SocketColumn::State:
        return QString::compare(x.state, y.state);
    case SocketColumn::RecvQ:
        return numbers(x.recvQ, y.recvQ);
    case SocketColumn::SendQ:
        return numbers(x.sendQ, y.sendQ);
    case SocketColumn::Local:
    case SocketColumn::Peer: {
        const QString& p = column == SocketColumn::Local ? x.local : x.peer;
        const QString& q = column == SocketColumn::Local ? y.local : y.peer;
        // By port first: what a user looks for, and 10 before 9.
        const int byPort = numbers(endpointPort(p), endpointPort(q));
        return byPort ? byPort : QString::compare(p, q);
    }
    case SocketColumn::Process: {
        // By name, then PID; the session's sockets by actor; no owner last.
        const auto name = [](const InspectorRow& row) {
            if (row.sessionEnd)
                return row.sessionEnd->actor;
            return row.socket.owners.isEmpty() ? QString() : row.socket.owners.first().command;
        };
        const int byName = QString::compare(name(a), name(b), Qt::CaseInsensitive);
        if (byName)
            return byName;
        const qint64 p = x.owners.isEmpty() ? -1 : x.owners.first().pid;
        const qint64 q = y.owners.isEmpty() ? -1 : y.owners.first().pid;
        return numbers(p, q);
    }
    case SocketColumn::Uid:
        return numbers(x.uid, y.uid);
    case SocketColumn::Inode:
        return numbers(x.inode, y.inode);
    case SocketColumn::Timer:
        return numbers(x.timer == SocketTimer::None ? 0u : x.timerExpiresMs + 1,
                       y.timer == SocketTimer::None ? 0u : y.timerExpiresMs + 1);
    }
    return 0;
}

} // namespace

void sortRows(QList<InspectorRow>& rows, SocketColumn column, Qt::SortOrder order)
{
    // Stable, with the key as the last word: equal rows keep one order between refreshes.
    std::stable_sort(rows.begin(), rows.end(), [&](const InspectorRow& a, const InspectorRow& b) {
        int result = compareColumn(a, b, column);
        if (result == 0)
            result = QString::compare(a.key, b.key);
        return order == Qt::AscendingOrder ? result < 0 : result > 0;
    });
}

} // namespace SocketScope
