#pragma once

#include "calls/socketaddress.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace SocketScope {

// The kernel's TCP_INFO for one connection, as sock_diag hands it (INET_DIAG_INFO).
struct TcpInfo {
    quint32 rttUs = 0;
    quint32 rttVarUs = 0;
    quint32 rtoUs = 0;
    quint32 congestionWindow = 0; // in segments
    quint32 slowStartThreshold = 0;
    quint32 sendMss = 0;
    quint32 receiveMss = 0;
    bool windowScaling = false;
    quint8 sendWindowScale = 0;
    quint8 receiveWindowScale = 0;
    quint32 retransmits = 0; // of the segment in flight now
    quint32 totalRetransmits = 0;
    quint32 unacked = 0;
    quint64 bytesAcked = 0;
    quint64 bytesReceived = 0;
    quint32 segmentsOut = 0;
    quint32 segmentsIn = 0;
    quint32 lastDataSentMs = 0; // ago
    quint32 lastDataReceivedMs = 0;

    // The kernel's "no threshold yet": the connection is still in slow start.
    bool slowStartThresholdIsInfinite() const { return slowStartThreshold >= 0x7fffffffu; }
    QJsonObject toJson() const;
    bool operator==(const TcpInfo&) const = default;
};

// A timer the kernel runs on a socket (ss -o): what it waits for and when it fires.
enum class SocketTimer { None, Retransmit, Keepalive, TimeWait, ZeroWindowProbe };
QString socketTimerName(SocketTimer timer);

// A process that holds the socket open (found under /proc/PID/fd).
struct SocketOwner {
    qint64 pid = 0;
    int fd = -1;
    QString command;
    bool operator==(const SocketOwner&) const = default;
};

// One socket of the machine as netlink sock_diag reports it (the interface ss uses).
struct SocketRow {
    QString protocol;   // "tcp", "tcp6", "udp", "udp6", "unix"
    QString socketType; // of a UNIX socket: "stream", "dgram" or "seqpacket"
    QString state;      // "LISTEN", "ESTABLISHED", "UNCONN", ...
    quint32 recvQ = 0;  // for a listener: connections waiting to be accepted
    quint32 sendQ = 0;  // for a listener: the backlog limit
    QString local;      // "127.0.0.1:5000", "[::1]:5000", a path, "*" for an unnamed unix socket
    QString peer;       // as ss writes it: "0.0.0.0:*" for none
    // TCP and UDP: the same as values; the peer invalid when it has none.
    SocketAddress localAddress;
    SocketAddress peerAddress;
    quint32 uid = 0;
    quint64 inode = 0; // 0 for what no descriptor holds (TIME_WAIT, not yet accepted)
    quint64 cookie = 0;
    SocketTimer timer = SocketTimer::None;
    quint32 timerExpiresMs = 0;
    quint32 timerRetransmits = 0;
    std::optional<TcpInfo> tcpInfo;
    QList<SocketOwner> owners;

    bool isTcp() const { return protocol.startsWith(QLatin1String("tcp")); }
    QString timerText() const;
    QString ownersText() const;
    QJsonObject toJson() const;
    bool operator==(const SocketRow&) const = default;
};

} // namespace SocketScope

// Every member moves by memcpy: a dump of ten thousand rows grows its list without
// moving each row member by member.
Q_DECLARE_TYPEINFO(SocketScope::SocketOwner, Q_RELOCATABLE_TYPE);
Q_DECLARE_TYPEINFO(SocketScope::SocketRow, Q_RELOCATABLE_TYPE);
