#pragma once

#include "calls/socketaddress.h"
#include "calls/sockettuple.h"

#include <QByteArray>
#include <QJsonObject>
#include <QMetaType>
#include <QString>

namespace SocketScope {

// One system call as it really happened: an immutable value, appended to the event log and
// projected by every view. Field names of the JSON form are documented in docs/trace-format.md.
struct CallEvent {
    qint64 seq = 0;
    int step = -1;         // index of the scenario step that made the call
    qint64 tNs = 0;        // CLOCK_MONOTONIC at the start of the call
    qint64 durationNs = 0; // includes the time spent blocked
    QString actor;         // "server", "client", ...
    QString call;          // "accept"
    qint64 pid = 0;        // the process that made it: a child's after fork()
    QString childActor;    // fork(): the actor that goes on in the child process
    int fd = -1;           // the descriptor the call acted on (socket(): the new one)
    int resultFd = -1;     // the descriptor whose state follows (accept(): the new one)
    QString args;          // C rendering, strace style, without the call name
    qint64 ret = 0;
    QString retDetail;  // what strace adds after the value: "([{fd=3, revents=POLLIN}])"
    int errnoValue = 0; // 0 when the call succeeded
    QString errnoName;  // also EAI_* names for getaddrinfo
    QString errnoMessage;
    QString errnoExplanation;
    bool cancelled = false;        // the wait was cancelled before the call was made
    QByteArray data;               // bytes sent, or bytes received
    SocketAddress address;         // the sockaddr the program passed (bind, connect, sendto)
    SocketAddress returnedAddress; // the sockaddr the kernel filled (accept, recvfrom, ...)
    int family = 0;     // of the result descriptor: AF_INET, AF_INET6, AF_UNIX; 0 unknown
    int socketType = 0; // SOCK_STREAM or SOCK_DGRAM (without SOCK_NONBLOCK/SOCK_CLOEXEC)
    // The result descriptor after the call, as the kernel reports it.
    QString local;
    QString peer;
    QString tcpState;
    SocketTuple tuple; // the result descriptor's quintuplet after the call, with provenance

    bool failed() const { return errnoValue != 0 || cancelled; }
    // "bind(3, {...}, 16) = 0" or "... = -1 ECONNREFUSED (Connection refused)".
    QString straceLine() const;
    QJsonObject toJson() const;
};

// A call that has started and not returned yet: what the views show as "in progress".
struct CallStart {
    qint64 seq = 0;
    int step = -1;
    qint64 tNs = 0;
    QString actor;
    QString call;
    int fd = -1;
    QString args;
    bool blocked = false; // it had to wait (accept with nobody calling, recv on silence)
};

qint64 monotonicNowNs();

} // namespace SocketScope

Q_DECLARE_METATYPE(SocketScope::CallEvent)
Q_DECLARE_METATYPE(SocketScope::CallStart)
