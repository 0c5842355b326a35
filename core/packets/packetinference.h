#pragma once

#include "calls/callevent.h"
#include "calls/threadgroups.h"
#include "log/processend.h"
#include "packets/packetevent.h"

#include <QHash>
#include <QList>
#include <QSet>

#include <optional>

namespace SocketScope {

// Without permission to capture, the packets each call must have made, as the course
// draws them: connect() the three-way handshake (or SYN then RST when refused), write() a
// data segment and its ACK, shutdown()/close() a FIN and its ACK, sendto() a datagram.
// Sequence numbers start at 0 and no window or option is invented. Every packet is marked
// inferred and carries the call that made it. Feed the calls in the order they return.
class PacketInference {
public:
    QList<PacketEvent> packetsFor(const CallEvent& call);
    // The kernel closed the process's sockets with no call of its own (a signal killed it),
    // or those an exec closed: their FINs (or RSTs), caused by no call.
    QList<PacketEvent> packetsFor(const ProcessEnd& end);

private:
    struct Known {
        SocketAddress local;
        SocketAddress peer;
        int socketType = 0;
        bool lingerZero = false; // SO_LINGER on with 0 s: close() resets
    };
    // The two ends as they are on the wire (IPv4-mapped addresses as IPv4; port 0 when the
    // kernel no longer tells it).
    using Direction = std::pair<SocketAddress, SocketAddress>;
    struct Way {
        SocketAddress from;
        SocketAddress to;
        Direction key() const { return {from, to}; }
        Way back() const { return {to, from}; }
    };

    PacketEvent make(const CallEvent& call, const Way& way, bool tcp);
    void segment(QList<PacketEvent>& out, const CallEvent& call, const Way& way, bool fromCaller,
                 quint8 flags, const QByteArray& payload, qint64 notKept = 0);
    void handshake(QList<PacketEvent>& out, const CallEvent& call, const Known& known);
    void completeHandshake(QList<PacketEvent>& out, const CallEvent& connect, const Way& way,
                           qint64 seenNs);
    void completeDialling(QList<PacketEvent>& out, const CallEvent& call, const Known& known);
    void finish(QList<PacketEvent>& out, const CallEvent& call, const Known& known);
    QList<PacketEvent> closeDescriptors(const CallEvent& closing,
                                        const std::optional<QList<int>>& only);

    QHash<std::pair<QString, int>, Known> m_descriptors;
    QHash<Direction, quint32> m_nextSeq;
    QSet<Direction> m_finished;
    QHash<Direction, qint64> m_unread; // bytes sent one way and not read yet
    struct Dialling {
        CallEvent connect; // a non-blocking connect() whose handshake is not seen yet
        Way way;
    };
    QHash<std::pair<QString, int>, Dialling> m_dialling;
    ThreadGroups m_threads;
};

} // namespace SocketScope
