#pragma once

#include "calls/callevent.h"
#include "log/processend.h"
#include "log/streambytes.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace SocketScope {

// A letter waiting in a UDP mailbox: what recvfrom will take out.
struct StageLetter {
    QByteArray bytes;
    SocketAddress from;
    SocketAddress to;
    bool operator==(const StageLetter&) const = default;
};

// One descriptor as the stage draws it: a telephone (TCP) or a mailbox (UDP).
struct StageEndpoint {
    enum class Phase { Created, Bound, Listening, Connected, Closed };
    // How a call failed: an errno, a wait SocketScope cancelled, or a process that ended
    // inside it.
    enum class FailureKind : quint8 { Errno, Cancelled, NeverReturned };

    QString actor;
    int fd = -1;
    int family = 0;
    bool datagram = false;
    Phase phase = Phase::Created;
    SocketAddress local; // invalid while it has none
    SocketAddress peer;
    std::optional<TcpState> tcpState;
    quint64 inode = 0; // AF_UNIX: the socket's and its peer's inodes (DescriptorState)
    quint64 peerInode = 0;
    qint64 peerPid = 0; // the program outside SocketScope at the other end, when the kernel said
    QString peerCommand;
    bool outsidePeer = false; // connected to no descriptor of this stage (deriveLines)
    int backlog = 0;
    int parentFd = -1;       // the listening descriptor accept() took it from
    int queuedCallers = 0;   // listening: connections established, not yet accepted
    bool readShut = false;   // shutdown(SHUT_RD)
    bool writeShut = false;  // shutdown(SHUT_WR): this side hung up its mouthpiece
    bool peerHungUp = false; // a read returned 0: the other side hung up
    StreamBytes unread;      // stream: bytes that arrived and were not read yet
    QList<StageLetter> mailbox;
    std::optional<Call> waitingCall; // a call in progress on it at the cursor
    qint64 waitingSinceNs = 0;
    std::optional<Call> failedCall; // the last call on it that failed, until one succeeds
    FailureKind failureKind = FailureKind::Errno; // ... how
    ErrnoInfo failure;                            // its errno's name, message and explanation
    SocketAddress failedTarget;                   // connect/sendto: the address nobody answered at
    SocketTuple tuple;                            // its quintuplet after the last call on it
    bool operator==(const StageEndpoint&) const = default;
};

// The telephone line between two connected descriptors, or a caller waiting in a
// listening socket's queue.
struct StageLine {
    int from = -1; // index in StageState::endpoints (the caller)
    int to = -1;   // the handset that picked up, or the listener whose queue holds the call
    bool queued = false;
    bool hungUp = false; // one side has closed
    bool operator==(const StageLine&) const = default;
};

// What the call at the cursor carried, for the bubble, the letter or the dialling line.
struct StageExchange {
    enum class Kind { None, Speech, Heard, Posted, Collected, Dial, PickUp, HangUp, Failure };
    Kind kind = Kind::None;
    int from = -1; // endpoint indexes; -1 when unknown
    int to = -1;
    QByteArray bytes;
    qint64 bytesNotKept = 0; // after `bytes`: the log kept a long stream's first bytes only
    SocketAddress envelope;  // destination of a posted letter, sender of a collected one
    qint64 senderPid = 0;    // a collected letter's sender outside SocketScope, when known
    QString senderCommand = {};
    bool operator==(const StageExchange&) const = default;
};

// The stage at one position of the log: every descriptor so far, the lines between them,
// the calls in progress and the last exchange. Rebuilt from the log, never stored.
struct StageState {
    QList<StageEndpoint> endpoints;
    QList<StageLine> lines;
    StageExchange last;
    qint64 lastSeq = 0; // of the call at the cursor; 0 before the first
    qint64 timeNs = 0;  // the moment the stage shows
    int cursor = 0;

    int indexOf(const QString& actor, int fd) const; // the open descriptor, else the newest
    bool operator==(const StageState&) const = default;
};

// Projects the first `cursor` calls of the log (in the order they returned), and the ends of
// the traced processes that had ended by then. At the live end pass the calls still in
// progress; in the past, the calls that returned later but had started by then are shown as
// in progress.
StageState projectStage(const QList<CallEvent>& calls, int cursor,
                        const QList<CallStart>& inProgress = {}, qint64 nowNs = 0,
                        const QList<ProcessEnd>& processEnds = {});

// Both ends of a connection name the same address, an IPv4-mapped one as the IPv4 it is.
bool sameSocketAddress(const SocketAddress& a, const SocketAddress& b);

// `other` is the far end of `self`'s connection: by the inodes the kernel gave (AF_UNIX,
// whose unnamed ends all look alike), otherwise each names the other's address.
bool isFarEnd(const StageEndpoint& self, const StageEndpoint& other);

// "127.0.0.1:5000" and "0.0.0.0:5000" name the same socket for a datagram sent there.
bool endpointsMatch(const SocketAddress& bound, const SocketAddress& target);

} // namespace SocketScope
