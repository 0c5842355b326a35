#include "packets/packetinference.h"

#include "calls/callkinds.h"
#include "calls/socketaddress.h"
#include "packets/packetlinker.h"

#include <sys/socket.h>

namespace SocketScope {

namespace {

void fillEndpoint(const QString& wire, QString* text, quint16* port, int* ipVersion)
{
    *text = wire;
    if (const auto address = SocketAddress::fromEndpoint(wire)) {
        *port = address->port();
        *ipVersion = address->family() == AF_INET6 ? 6 : 4;
    }
}

// The source address on the wire. A wildcard or unbound socket sends from the address the
// route gives; on loopback that is the destination's own. After a refused connect the kernel
// has forgotten the ephemeral port it used: "?".
QString sourceOnWire(const QString& local, const QString& destination)
{
    const auto bound = SocketAddress::fromEndpoint(local);
    if (bound && !bound->isWildcard() && bound->port() != 0)
        return local;
    const auto to = SocketAddress::fromEndpoint(destination);
    if (!to)
        return local;
    const QString port =
        bound && bound->port() != 0 ? QString::number(bound->port()) : QStringLiteral("?");
    return (to->family() == AF_INET6 ? QStringLiteral("[%1]:%2") : QStringLiteral("%1:%2"))
        .arg(to->host(), port);
}

} // namespace

void PacketInference::clear()
{
    m_descriptors.clear();
    m_nextSeq.clear();
    m_finished.clear();
    m_unread.clear();
    m_dialling.clear();
    m_threads.clear();
}

PacketEvent PacketInference::make(const CallEvent& call, const QString& source,
                                  const QString& destination, bool tcp)
{
    PacketEvent packet;
    packet.inferred = true;
    packet.cause = call.seq;
    packet.sender = {call.actor, call.resultFd >= 0 ? call.resultFd : call.fd};
    // Inside the call, in the order the packets go.
    packet.tNs = call.tNs + qMin<qint64>(call.durationNs, 1);
    DecodedPacket& d = packet.decoded;
    d.transport = tcp ? DecodedPacket::Transport::Tcp : DecodedPacket::Transport::Udp;
    fillEndpoint(source, &d.source, &d.sourcePort, &d.ipVersion);
    fillEndpoint(destination, &d.destination, &d.destinationPort, &d.ipVersion);
    return packet;
}

void PacketInference::segment(QList<PacketEvent>& out, const CallEvent& call, const Direction& way,
                              bool fromCaller, quint8 flags, const QByteArray& payload)
{
    const Direction back{way.second, way.first};
    PacketEvent packet = make(call, way.first, way.second, true);
    if (!fromCaller)
        packet.sender = {}; // the peer's kernel answered: the linker finds its descriptor
    packet.tNs += out.size();
    packet.decoded.tcpFlags = flags;
    packet.decoded.sequenceNumber = m_nextSeq.value(way);
    packet.decoded.acknowledgementNumber = (flags & DecodedPacket::Ack) ? m_nextSeq.value(back) : 0;
    packet.decoded.payload = payload;
    packet.relativeSeq = packet.decoded.sequenceNumber;
    packet.relativeAck = packet.decoded.acknowledgementNumber;
    const int consumed = int(payload.size()) + ((flags & DecodedPacket::Syn) ? 1 : 0) +
                         ((flags & DecodedPacket::Fin) ? 1 : 0);
    m_nextSeq[way] = m_nextSeq.value(way) + quint32(consumed);
    out.append(packet);
}

void PacketInference::handshake(QList<PacketEvent>& out, const CallEvent& call, const Known& known)
{
    using F = DecodedPacket::TcpFlag;
    QString remote = known.peer;
    if (remote.isEmpty() && call.address.isValid())
        remote = wireEndpoint(call.address.endpoint());
    const QString local = sourceOnWire(known.local, remote);
    if (local.isEmpty() || remote.isEmpty())
        return;
    const Direction way{local, remote};
    const Direction back{remote, local};
    m_nextSeq[way] = 0;
    m_nextSeq[back] = 0;
    m_finished.remove(way);
    m_finished.remove(back);
    segment(out, call, way, true, F::Syn, {});
    if (call.errnoName == QLatin1String("ECONNREFUSED")) {
        segment(out, call, back, false, F::Rst | F::Ack, {});
        return;
    }
    // A non-blocking connect (EINPROGRESS) goes on in the kernel: the handshake is drawn once
    // the socket is seen established (at once on loopback, unless the waiting line is full).
    if (call.errnoName == QLatin1String("EINPROGRESS") &&
        call.tcpState != QLatin1String("ESTABLISHED")) {
        m_dialling.insert({call.actor, call.fd}, {call, local, remote});
        return;
    }
    if (call.failed() && call.errnoName != QLatin1String("EINPROGRESS"))
        return;
    completeHandshake(out, call, way, call.tNs);
}

void PacketInference::completeHandshake(QList<PacketEvent>& out, const CallEvent& connect,
                                        const Direction& way, qint64 seenNs)
{
    using F = DecodedPacket::TcpFlag;
    const qsizetype first = out.size();
    segment(out, connect, {way.second, way.first}, false, F::Syn | F::Ack, {});
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
        const bool own = it.key() == std::make_pair(call.actor, call.fd) &&
                         call.tcpState == QLatin1String("ESTABLISHED");
        const bool accepted = call.call.startsWith(QLatin1String("accept")) && !call.failed() &&
                              !known.peer.isEmpty() && known.peer == it->local;
        if (own || accepted) {
            completeHandshake(out, it->connect, {it->local, it->remote}, call.tNs);
            it = m_dialling.erase(it);
        } else {
            ++it;
        }
    }
}

void PacketInference::finish(QList<PacketEvent>& out, const CallEvent& call, const Known& known)
{
    using F = DecodedPacket::TcpFlag;
    const Direction way{known.local, known.peer};
    if (known.peer.isEmpty() || m_finished.contains(way) || !m_nextSeq.contains(way))
        return;
    // Closing one copy of a forked descriptor ends nothing while another copy is open.
    const bool stillHeld =
        call.call == QLatin1String("close") &&
        std::any_of(m_descriptors.cbegin(), m_descriptors.cend(), [&known](const Known& other) {
            return other.local == known.local && other.peer == known.peer;
        });
    if (stillHeld)
        return;
    m_finished.insert(way);
    // Closing with bytes not read, or with SO_LINGER 0, aborts: a RST, not a FIN.
    const bool aborts = call.call == QLatin1String("close") &&
                        (known.lingerZero || m_unread.value({known.peer, known.local}) > 0);
    if (aborts) {
        m_finished.insert({known.peer, known.local});
        segment(out, call, way, true, F::Rst | F::Ack, {});
        return;
    }
    segment(out, call, way, true, F::Fin | F::Ack, {});
    segment(out, call, {known.peer, known.local}, false, F::Ack, {});
}

QList<PacketEvent> PacketInference::packetsFor(const CallEvent& call)
{
    using F = DecodedPacket::TcpFlag;
    m_threads.follow(call);
    if (CallKinds::startsActor(call)) {
        // The child holds copies of the parent's descriptors: the same connections.
        const QList<std::pair<QString, int>> keys = m_descriptors.keys();
        for (const auto& [actor, descriptor] : keys) {
            if (actor == call.actor)
                m_descriptors.insert({call.childActor, descriptor},
                                     m_descriptors.value({actor, descriptor}));
        }
        return {};
    }
    const int fd = call.resultFd >= 0 ? call.resultFd : call.fd;
    const auto key = std::make_pair(call.actor, fd);
    Known& known = m_descriptors[key];
    if (call.socketType != 0)
        known.socketType = call.socketType;
    if (!call.local.isEmpty())
        known.local = wireEndpoint(call.local);
    if (!call.peer.isEmpty())
        known.peer = wireEndpoint(call.peer);
    const Known now = known;
    if (call.call == QLatin1String("close")) {
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
    if (call.call == QLatin1String("close"))
        m_dialling.remove(key); // closed while dialling: the kernel just stops
    else if (tcp && !m_dialling.isEmpty())
        completeDialling(out, call, now);
    if (call.call == QLatin1String("setsockopt") && call.args.contains(QLatin1String("SO_LINGER")))
        known.lingerZero = !call.failed() && call.args.contains(QLatin1String("l_onoff=1")) &&
                           call.args.contains(QLatin1String("l_linger=0"));
    if (tcp && CallKinds::receivesData(call.call) && call.ret > 0 &&
        !(call.args.contains(QLatin1String("MSG_PEEK"))))
        m_unread[{now.peer, now.local}] -= call.ret;
    if (!tcp && now.socketType != SOCK_DGRAM)
        return out; // AF_UNIX and the like put nothing on the network
    if (tcp && call.call == QLatin1String("connect")) {
        handshake(out, call, now);
    } else if (CallKinds::sendsData(call.call) && !call.failed() && call.ret >= 0) {
        const QByteArray payload = call.data.left(call.ret);
        if (tcp && call.ret > 0 && !now.peer.isEmpty()) {
            m_unread[{now.local, now.peer}] += call.ret;
            segment(out, call, {now.local, now.peer}, true, F::Psh | F::Ack, payload);
            segment(out, call, {now.peer, now.local}, false, F::Ack, {});
        } else if (!tcp) {
            const QString destination =
                call.address.isValid() ? wireEndpoint(call.address.endpoint()) : now.peer;
            const QString source = sourceOnWire(now.local, destination);
            if (!source.isEmpty() && !destination.isEmpty()) {
                PacketEvent datagram = make(call, source, destination, false);
                datagram.decoded.payload = payload;
                out.append(datagram);
            }
        }
    } else if (tcp && !call.failed() &&
               (call.call == QLatin1String("close") ||
                (call.call == QLatin1String("shutdown") &&
                 (call.args.endsWith(QLatin1String("SHUT_WR")) ||
                  call.args.endsWith(QLatin1String("SHUT_RDWR")))))) {
        finish(out, call, now);
    }
    return out;
}

} // namespace SocketScope
