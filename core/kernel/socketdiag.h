#pragma once

#include "kernel/socketrow.h"

#include <QStringList>

namespace SocketScope {

struct SnapshotOptions {
    bool tcpInfo = false; // ask the kernel for TCP_INFO of every TCP socket
    bool owners = true;   // find the owning processes under /proc
};

// The machine's sockets at one moment, and what could not be read.
struct SocketSnapshot {
    QList<SocketRow> rows;
    // One line per failure, in the user's language: a family the kernel would not dump,
    // a netlink error. The rest of the snapshot is still good.
    QStringList problems;
    // Sockets came and went while the kernel answered (NLM_F_DUMP_INTR): a row may be
    // missing or seen twice; the next snapshot will be whole again.
    bool interrupted = false;
    int unreadableProcesses = 0;
    qint64 takenAtNs = 0; // CLOCK_MONOTONIC

    bool failed() const { return rows.isEmpty() && !problems.isEmpty(); }
};

// Every TCP and UDP socket over IPv4 and IPv6 and every UNIX socket of the machine, read
// with netlink sock_diag, the interface ss uses.
SocketSnapshot takeSocketSnapshot(const SnapshotOptions& options = {});

} // namespace SocketScope
