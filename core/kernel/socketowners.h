#pragma once

#include "kernel/socketrow.h"

#include <QHash>

namespace SocketScope {

// Which processes hold which socket, read from /proc/PID/fd the way ss -p and lsof do.
struct SocketOwnerIndex {
    QHash<quint64, QList<SocketOwner>> byInode;
    // Processes whose descriptors we may not read (another user's, without privileges).
    int unreadableProcesses = 0;
};

SocketOwnerIndex scanSocketOwners(const QString& procRoot = QStringLiteral("/proc"));

// Fills each row's owners from the index; rows no readable process holds keep none.
void attachOwners(QList<SocketRow>& rows, const SocketOwnerIndex& index);

} // namespace SocketScope
