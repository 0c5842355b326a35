#include "packets/packetinference.h"

#include "calls/messagebytes.h"

#include <sys/socket.h>

namespace SocketScope {

namespace {

// The source address on the wire. A wildcard or unbound socket sends from the address the
// route gives; on loopback that is the destination's own. After a refused connect the kernel
// has forgotten the ephemeral port it used: port 0, shown "?".
SocketAddress sourceOnWire(const SocketAddress& local, const SocketAddress& destination)
{
    const SocketAddress bound = local.unmapped();
    if (bound.isValid() && !bound.isWildcard() && bound.port() != 0)
        return bound;
    const SocketAddress to = destination.unmapped();
    if (!to.isValid())
        return bound;
    SocketAddress from = to;
    from.setPort(bound.isValid() ? bound.port() : 0);
    return from;
}

bool sameConnection(const SocketAddress& a, const SocketAddress& b)
{
    return a.unmapped() == b.unmapped();
}

// What one datagram carries: its destination (invalid: the connected peer) and its bytes.
struct Datagram {
    SocketAddress destination;
    QByteArray payload;
    qint64 notKept = 0;
};

// The messages of a sendmmsg that went, one datagram each, their bytes as the log kept them.
QList<Datagram> datagramsOf(const QList<MultiMessage>& messages)
{
    QList<Datagram> datagrams;
    for (const MultiMessage& message : messages) {
        const QByteArray bytes = messageBytes(message);
        datagrams.append({message.address, bytes, message.length - bytes.size()});
    }
    return datagrams;
}

} // namespace

PacketEvent PacketInference::make(const CallEvent& call, const Way& way, bool tcp)
{
    PacketEvent packet;
    packet.inferred = true;
    packet.cause = call.seq;
    packet.sender = {call.actor, call.resultFd() >= 0 ? call.resultFd() : call.fd()};
    packet.sentByCaller = true;
    // Inside the call, in the order the packets go.
    packet.tNs = call.tNs + qMin<qint64>(call.durationNs, 1);
    DecodedPacket& d = packet.decoded;
    d.transport = tcp ? DecodedPacket::Transport::Tcp : DecodedPacket::Transport::Udp;
    d.source = way.from;
    d.destination = way.to;
    d.ipVersion = way.to.family() == AF_INET6 ? 6 : 4;
    return packet;
}

void PacketInference::segment(QList<PacketEvent>& out, const CallEvent& call, const Way& way,
                              bool fromCaller, quint8 flags, const QByteArray& payload,
                              qint64 notKept)
{
    const Direction forward = way.key();
    const Direction back = way.back().key();
    PacketEvent packet = make(call, way, true);
    if (!fromCaller) {
        packet.sender = {}; // the peer's kernel answered: the linker finds its descriptor
        packet.sentByCaller = false;
    }
    packet.tNs += out.size();
    packet.decoded.tcpFlags = flags;
    packet.decoded.sequenceNumber = m_nextSeq.value(forward);
    packet.decoded.acknowledgementNumber = (flags & DecodedPacket::Ack) ? m_nextSeq.value(back) : 0;
    packet.decoded.payload = payload;
    packet.payloadNotKept = notKept;
    packet.relativeSeq = packet.decoded.sequenceNumber;
    packet.relativeAck = packet.decoded.acknowledgementNumber;
    const int consumed = packet.payloadLength() + ((flags & DecodedPacket::Syn) ? 1 : 0) +
                         ((flags & DecodedPacket::Fin) ? 1 : 0);
    m_nextSeq[forward] = m_nextSeq.value(forward) + quint32(consumed);
    out.append(packet);
}

void PacketInference::handshake(QList<PacketEvent>& out, const CallEvent& call, const Known& known)
{
    using F = DecodedPacket::TcpFlag;
    const SocketAddress remote = known.peer.isValid() ? known.peer : call.arguments.address;
    const Way way{sourceOnWire(known.local, remote), remote.unmapped()};
    if (!way.from.isValid() || !way.to.isValid())
        return;
    m_nextSeq[way.key()] = 0;
    m_nextSeq[way.back().key()] = 0;
    m_finished.remove(way.key());
    m_finished.remove(way.back().key());
    segment(out, call, way, true, F::Syn, {});
    if (call.error == ECONNREFUSED) {
        segment(out, call, way.back(), false, F::Rst | F::Ack, {});
        return;
    }
    // A non-blocking connect (EINPROGRESS) goes on in the kernel: the handshake is drawn once
    // the socket is seen established (at once on loopback, unless the waiting line is full).
    if (call.error == EINPROGRESS && call.after.tcpState != TcpState::Established) {
        m_dialling.insert({call.actor, call.fd()}, {call, way});
        return;
    }
    if (call.failed() && call.error != EINPROGRESS)
        return;
    completeHandshake(out, call, way, call.tNs);
}

void PacketInference::completeHandshake(QList<PacketEvent>& out, const CallEvent& connect,
                                        const Way& way, qint64 seenNs)
{
    using F = DecodedPacket::TcpFlag;
    const qsizetype first = out.size();
    segment(out, connect, way.back(), false, F::Syn | F::Ack, {});
    segment(out, connect, way, true, F::Ack, {});
    for (qsizetype i = first; i < out.size(); ++i)
        out[i].tNs = qMax(out[i].tNs, seenNs + i); // when it was seen, not when connect began
}

// A socket still dialling in the background that this call shows connected: by its own
// state, or as the peer of the connection accept() just returned.
void PacketInference::completeDialling(QList<PacketEvent>& out, const CallEvent& call,
                                       const Known& known)
{
    for (auto it = m_dialling.begin(); it != m_dialling.end();) {
        const bool own = it.key() == std::make_pair(call.actor, call.fd()) &&
                         call.after.tcpState == TcpState::Established;
        const bool accepted = (call.call == Call::Accept || call.call == Call::Accept4) &&
                              !call.failed() && known.peer.isValid() &&
                              known.peer.unmapped() == it->way.from;
        if (own || accepted) {
            completeHandshake(out, it->connect, it->way, call.tNs);
            it = m_dialling.erase(it);
        } else {
            ++it;
        }
    }
}

void PacketInference::finish(QList<PacketEvent>& out, const CallEvent& call, const Known& known)
{
    using F = DecodedPacket::TcpFlag;
    const Way way{known.local.unmapped(), known.peer.unmapped()};
    if (!known.peer.isValid() || m_finished.contains(way.key()) || !m_nextSeq.contains(way.key()))
        return;
    const bool closes = call.call == Call::Close || Calls::has(call.call, CallTrait::EndsProcess);
    // Closing one copy of a forked descriptor ends nothing while another copy is open.
    const bool stillHeld =
        closes &&
        std::any_of(m_descriptors.cbegin(), m_descriptors.cend(), [&known](const Known& other) {
            return sameConnection(other.local, known.local) &&
                   sameConnection(other.peer, known.peer);
        });
    if (stillHeld)
        return;
    m_finished.insert(way.key());
    // Closing with bytes not read, or with SO_LINGER 0, aborts: a RST, not a FIN.
    const bool aborts = closes && (known.lingerZero || m_unread.value(way.back().key()) > 0);
    if (aborts) {
        m_finished.insert(way.back().key());
        segment(out, call, way, true, F::Rst | F::Ack, {});
        return;
    }
    segment(out, call, way, true, F::Fin | F::Ack, {});
    segment(out, call, way.back(), false, F::Ack, {});
}

// The kernel closes descriptors of the process (its threads' too): all of them at its end, or
// those an exec closed, as close() would, at once. `closing` is the call that made it do so
// (exit_group), or none (seq -1: a signal killed it, or exec).
QList<PacketEvent> PacketInference::closeDescriptors(const CallEvent& closing,
                                                     const std::optional<QList<int>>& only)
{
    QList<std::pair<int, Known>> closed;
    const QList<std::pair<QString, int>> keys = m_descriptors.keys();
    for (const auto& key : keys) {
        const bool ofProcess =
            key.first == closing.actor || m_threads.shareTable(key.first, closing.actor);
        if (ofProcess && (!only || only->contains(key.second))) {
            closed.append({key.second, m_descriptors.take(key)});
            m_dialling.remove(key);
        }
    }
    QList<PacketEvent> out;
    for (const auto& [fd, known] : std::as_const(closed)) {
        if (known.socketType != SOCK_STREAM)
            continue;
        // As a close() of that descriptor: its packets are sent from it, caused by `closing`.
        CallEvent call = closing;
        call.call = Call::Close;
        call.arguments.fd = fd;
        finish(out, call, known);
    }
    return out;
}

QList<PacketEvent> PacketInference::packetsFor(const ProcessEnd& end)
{
    CallEvent closing;
    closing.seq = -1;
    closing.actor = end.actor;
    closing.call = Call::Close;
    closing.tNs = end.tNs;
    return closeDescriptors(closing, end.exec ? std::optional(end.closed) : std::nullopt);
}

QList<PacketEvent> PacketInference::packetsFor(const CallEvent& call)
{
    using F = DecodedPacket::TcpFlag;
    m_threads.follow(call);
    if (startsActor(call)) {
        // The child holds copies of the parent's descriptors: the same connections.
        const QList<std::pair<QString, int>> keys = m_descriptors.keys();
        for (const auto& [actor, descriptor] : keys) {
            if (actor == call.actor)
                m_descriptors.insert({call.childActor, descriptor},
                                     m_descriptors.value({actor, descriptor}));
        }
        return {};
    }
    if (Calls::has(call.call, CallTrait::EndsProcess))
        return call.failed() ? QList<PacketEvent>() : closeDescriptors(call, std::nullopt);
    const int fd = call.resultFd() >= 0 ? call.resultFd() : call.fd();
    const auto key = std::make_pair(call.actor, fd);
    Known& known = m_descriptors[key];
    if (call.socketType != 0)
        known.socketType = call.socketType;
    if (call.after.local.isValid())
        known.local = call.after.local;
    if (call.after.peer.isValid())
        known.peer = call.after.peer;
    const Known now = known;
    const bool closes = Calls::has(call.call, CallTrait::ReleasesDescriptor);
    if (closes) {
        m_descriptors.remove(key);
        // The other threads of the process lose it too: they share the table.
        const QList<std::pair<QString, int>> keys = m_descriptors.keys();
        for (const auto& [actor, descriptor] : keys) {
            if (descriptor == fd && m_threads.shareTable(actor, call.actor) && !call.failed())
                m_descriptors.remove({actor, descriptor});
        }
    }

    QList<PacketEvent> out;
    const bool tcp = now.socketType == SOCK_STREAM;
    if (closes)
        m_dialling.remove(key); // closed while dialling: the kernel just stops
    else if (tcp && !m_dialling.isEmpty())
        completeDialling(out, call, now);
    if (call.call == Call::SetSockOpt && call.arguments.level == SOL_SOCKET &&
        call.arguments.option == SO_LINGER)
        known.lingerZero = !call.failed() && call.arguments.value.integer != 0 &&
                           call.arguments.value.lingerSeconds == 0;
    const Way way{now.local.unmapped(), now.peer.unmapped()};
    if (tcp && Calls::has(call.call, CallTrait::ReceivesData) && call.ret > 0 &&
        !(call.arguments.flags & MSG_PEEK))
        m_unread[way.back().key()] -= call.transferredCount();
    if (call.family == AF_UNIX || (!tcp && now.socketType != SOCK_DGRAM))
        return out; // AF_UNIX and the like put nothing on the network
    if (tcp && call.call == Call::Connect) {
        handshake(out, call, now);
    } else if (Calls::has(call.call, CallTrait::SendsData) && !call.failed() && call.ret >= 0) {
        const QByteArray payload = call.transferred();
        const qint64 notKept = call.transferredCount() - payload.size();
        if (tcp && call.ret > 0 && now.peer.isValid()) {
            m_unread[way.key()] += call.transferredCount();
            segment(out, call, way, true, F::Psh | F::Ack, payload, notKept);
            segment(out, call, way.back(), false, F::Ack, {});
        } else if (!tcp) {
            // sendmmsg puts one datagram a message that went on the wire.
            const QList<Datagram> datagrams =
                call.call == Call::SendMmsg
                    ? datagramsOf(call.arguments.messages)
                    : QList<Datagram>{{call.arguments.address, payload, notKept}};
            for (const Datagram& each : datagrams) {
                const SocketAddress destination =
                    each.destination.isValid() ? each.destination : now.peer;
                const Way datagramWay{sourceOnWire(now.local, destination), destination.unmapped()};
                if (datagramWay.from.isValid() && datagramWay.to.isValid()) {
                    PacketEvent datagram = make(call, datagramWay, false);
                    datagram.decoded.payload = each.payload;
                    datagram.payloadNotKept = each.notKept;
                    out.append(datagram);
                }
            }
        }
    } else if (tcp && !call.failed() &&
               (closes || (call.call == Call::Shutdown && call.arguments.how != SHUT_RD))) {
        finish(out, call, now);
    }
    return out;
}

} // namespace SocketScope
