#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace SocketScope {

// One socket of the machine as netlink sock_diag reports it (the interface ss uses).
struct SocketRow {
    QString protocol; // "tcp", "tcp6", "udp", "udp6", "unix"
    QString state;    // "LISTEN", "ESTABLISHED", "UNCONN", ...
    quint32 recvQ = 0;
    quint32 sendQ = 0;
    QString local; // "127.0.0.1:5000", "[::1]:5000", a path, "*" for an unnamed unix socket
    QString peer;
    quint32 uid = 0;
    quint64 inode = 0;

    QJsonObject toJson() const;
};

// Every TCP and UDP socket over IPv4 and IPv6 and every UNIX socket of the machine, read
// with netlink sock_diag. Sockets that appear or vanish during the dump are simply there or
// not; a netlink failure gives nullopt and *error says what happened.
std::optional<QList<SocketRow>> snapshotSockets(QString* error);

} // namespace SocketScope
