#include "packets/packetlinker.h"

#include "calls/socketaddress.h"
#include "calls/threadgroups.h"

#include <QHash>

#include <algorithm>
#include <limits>
#include <numeric>

namespace SocketScope {

namespace {

// Packet times are converted from the capture's clock; allow for the conversion's error.
constexpr qint64 clockSlackNs = 50'000;
constexpr qint64 never = std::numeric_limits<qint64>::max();

bool sends(const CallEvent& call)
{
    return Calls::has(call.call, CallTrait::SendsData) && !call.failed();
}

bool ends(const CallEvent& call)
{
    return (call.call == Call::Close || call.call == Call::Shutdown) && !call.failed();
}

// A connect() that put a SYN on the wire: it succeeded, is still going on in the background
// (non-blocking), or failed because of the answer (or the lack of one).
bool connects(const CallEvent& call)
{
    if (call.call != Call::Connect || call.cancelled)
        return false;
    switch (call.error) {
    case 0:
    case EINPROGRESS:
    case ECONNREFUSED:
    case ETIMEDOUT:
    case EHOSTUNREACH:
    case ENETUNREACH:
    case ECONNRESET:
        return true;
    default:
        return false;
    }
}

// One descriptor from the call that created it to its close, with the endpoints it had.
struct DescriptorLife {
    QString actor;
    int fd = -1;
    int socketType = 0; // SOCK_STREAM carries TCP, SOCK_DGRAM UDP: ports are per protocol
    qint64 bornNs = 0;
    qint64 closedNs = never;
    SocketAddress local; // as on the wire: IPv4-mapped addresses as IPv4
    SocketAddress peer;
    QList<const CallEvent*> calls; // by start time
    // The last connect(): where it dialled and while, for a socket whose local port the
    // kernel gave back after a refused connection.
    SocketAddress dialled;
    qint64 dialledFromNs = 0;
    qint64 dialledUntilNs = 0;
};

// A local address matches a packet's address exactly, or as a wildcard (INADDR_ANY,
// in6addr_any) bound to its port.
bool localMatches(const DescriptorLife& life, const SocketAddress& wire)
{
    return life.local == wire ||
           (life.local.isWildcard() && life.local.port() != 0 && life.local.port() == wire.port());
}

class Linker {
public:
    explicit Linker(const QList<CallEvent>& calls);
    void link(PacketEvent& packet);

private:
    struct Segment {
        quint32 endSeq = 0;
        qint64 cause = -1;
        quint8 flags = 0;
    };
    using Direction = std::pair<SocketAddress, SocketAddress>; // source, destination

    const DescriptorLife* find(const SocketAddress& local, const SocketAddress& remote, qint64 t,
                               bool listener, int socketType) const;
    qint64 latestCall(const DescriptorLife* life, qint64 t, bool (*kind)(const CallEvent&)) const;
    using Current = QHash<std::pair<QString, int>, int>;
    void inheritLives(Current& current, const QString& parent, const QString& child, qint64 bornNs);
    qint64 endingCallAt(const DescriptorLife* life, qint64 t) const;
    qint64 causeOf(const PacketEvent& packet, const DescriptorLife* sender) const;
    void numberRelatively(PacketEvent& packet);

    QList<DescriptorLife> m_lives;
    QHash<Direction, QList<Segment>> m_segments; // sequence-consuming segments, in time order
    QHash<Direction, quint32> m_firstSeq;
};

Linker::Linker(const QList<CallEvent>& calls)
{
    QList<const CallEvent*> ordered;
    for (const CallEvent& call : calls)
        ordered.append(&call);
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const CallEvent* a, const CallEvent* b) { return a->tNs < b->tNs; });
    Current current; // (actor, fd) -> index in m_lives
    ThreadGroups threads;
    for (const CallEvent* call : ordered) {
        threads.follow(*call);
        if (startsActor(*call)) {
            inheritLives(current, call->actor, call->childActor, call->tNs + call->durationNs);
            continue;
        }
        const int fd = call->resultFd() >= 0 ? call->resultFd() : call->fd();
        if (fd < 0)
            continue;
        const auto key = std::make_pair(call->actor, fd);
        const bool creates = Calls::has(call->call, CallTrait::MakesDescriptor) && !call->failed();
        if (creates || !current.contains(key)) {
            DescriptorLife life;
            life.actor = call->actor;
            life.fd = fd;
            life.bornNs = creates ? call->tNs + call->durationNs : call->tNs;
            current[key] = int(m_lives.size());
            m_lives.append(life);
        }
        DescriptorLife& life = m_lives[current[key]];
        life.calls.append(call);
        if (call->socketType != 0)
            life.socketType = call->socketType;
        if (call->after.local.isValid())
            life.local = call->after.local.unmapped();
        if (call->after.peer.isValid())
            life.peer = call->after.peer.unmapped();
        if (connects(*call) && call->arguments.address.isValid()) {
            life.dialled = call->arguments.address.unmapped();
            life.dialledFromNs = call->tNs;
            life.dialledUntilNs = call->tNs + call->durationNs;
        }
        if (Calls::has(call->call, CallTrait::ReleasesDescriptor) && !call->failed()) {
            life.closedNs = call->tNs + call->durationNs;
            current.remove(key);
            // Threads share the table: the other threads' copies are closed with it.
            const QList<std::pair<QString, int>> keys = current.keys();
            for (const auto& [actor, descriptor] : keys) {
                if (descriptor == fd && threads.shareTable(actor, call->actor)) {
                    m_lives[current.value({actor, descriptor})].closedNs = life.closedNs;
                    current.remove({actor, descriptor});
                }
            }
        }
    }
}

// fork(): the child starts with a copy of each descriptor the parent has open, the same
// sockets under the same numbers.
void Linker::inheritLives(Current& current, const QString& parent, const QString& child,
                          qint64 bornNs)
{
    const QList<std::pair<QString, int>> keys = current.keys();
    for (const auto& [actor, fd] : keys) {
        if (actor != parent)
            continue;
        DescriptorLife copy = m_lives[current.value({actor, fd})];
        copy.actor = child;
        copy.bornNs = bornNs;
        copy.closedNs = never;
        copy.calls.clear();
        current.insert({child, fd}, int(m_lives.size()));
        m_lives.append(copy);
    }
}

// The descriptor with this local endpoint talking to `remote` at time t: connected to it,
// or (for a listener, an unconnected UDP socket) bound and connected to nobody.
const DescriptorLife* Linker::find(const SocketAddress& local, const SocketAddress& remote,
                                   qint64 t, bool listener, int socketType) const
{
    const DescriptorLife* best = nullptr;
    int bestScore = -1;
    for (const DescriptorLife& life : m_lives) {
        // A TCP port and a UDP port of the same number are two different things.
        if (life.socketType != socketType || !life.local.isValid() || !localMatches(life, local))
            continue;
        const bool connected = life.peer == remote;
        if (!connected && life.peer.isValid())
            continue;
        if (!connected && (life.bornNs > t + clockSlackNs || life.closedNs < t - clockSlackNs))
            continue;
        // A connected descriptor is the one meant, except for the handshake that a listener
        // answers; among several, the latest born before t.
        int score = connected != listener ? 4 : 2;
        if (life.bornNs <= t + clockSlackNs)
            score += 1;
        if (life.closedNs < t - clockSlackNs)
            score -= 2; // closed by then: a copy still open (after fork) is the one meant
        if (!life.calls.isEmpty())
            score += 1; // threads share every descriptor: the one that uses it is meant
        if (score > bestScore || (score == bestScore && life.bornNs > best->bornNs)) {
            best = &life;
            bestScore = score;
        }
    }
    if (best)
        return best;
    for (const DescriptorLife& life : m_lives) {
        if (life.socketType == socketType && life.dialled == remote && life.local.port() == 0 &&
            t >= life.dialledFromNs - clockSlackNs && t <= life.dialledUntilNs + clockSlackNs)
            return &life;
    }
    return nullptr;
}

qint64 Linker::latestCall(const DescriptorLife* life, qint64 t,
                          bool (*kind)(const CallEvent&)) const
{
    if (!life)
        return -1;
    // The calls started by then, the latest first: usually the very last one is the cause.
    const auto started =
        std::upper_bound(life->calls.cbegin(), life->calls.cend(), t + clockSlackNs,
                         [](qint64 time, const CallEvent* call) { return time < call->tNs; });
    for (auto it = started; it != life->calls.cbegin();) {
        const CallEvent* call = *--it;
        if (kind(*call))
            return call->seq;
    }
    return -1;
}

qint64 Linker::endingCallAt(const DescriptorLife* life, qint64 t) const
{
    if (!life)
        return -1;
    for (const CallEvent* call : life->calls) {
        if (ends(*call) && call->tNs <= t + clockSlackNs &&
            t <= call->tNs + call->durationNs + clockSlackNs)
            return call->seq;
    }
    return -1;
}

qint64 Linker::causeOf(const PacketEvent& packet, const DescriptorLife* sender) const
{
    const DecodedPacket& d = packet.decoded;
    if (!packet.isTcp())
        return latestCall(sender, packet.tNs, sends);
    const auto answered = [&](auto accept) {
        const auto& list = m_segments.value({d.destination, d.source});
        for (auto it = list.crbegin(); it != list.crend(); ++it) {
            if (accept(*it))
                return it->cause;
        }
        return qint64(-1);
    };
    const bool syn = d.tcpFlags & DecodedPacket::Syn;
    const bool ack = d.tcpFlags & DecodedPacket::Ack;
    if (syn && !ack)
        return latestCall(sender, packet.tNs, connects);
    if (syn)
        return answered([](const Segment& s) { return (s.flags & DecodedPacket::Syn) != 0; });
    if (d.tcpFlags & DecodedPacket::Rst) {
        const qint64 closing = endingCallAt(sender, packet.tNs);
        return closing >= 0 ? closing : answered([](const Segment&) { return true; });
    }
    if (d.tcpFlags & DecodedPacket::Fin)
        return latestCall(sender, packet.tNs, ends);
    if (packet.payloadLength() > 0)
        return latestCall(sender, packet.tNs, sends);
    const quint32 acknowledged = d.acknowledgementNumber;
    return answered([acknowledged](const Segment& s) {
        return qint32(acknowledged - s.endSeq) >= 0; // modulo 2^32, as TCP compares
    });
}

void Linker::numberRelatively(PacketEvent& packet)
{
    const DecodedPacket& d = packet.decoded;
    const Direction forward{d.source, d.destination};
    const Direction backward{d.destination, d.source};
    if ((d.tcpFlags & DecodedPacket::Syn) || !m_firstSeq.contains(forward))
        m_firstSeq[forward] = d.sequenceNumber;
    packet.relativeSeq = d.sequenceNumber - m_firstSeq[forward];
    packet.relativeAck = d.acknowledgementNumber - m_firstSeq.value(backward, 0);
}

void Linker::link(PacketEvent& packet)
{
    const DecodedPacket& d = packet.decoded;
    const bool handshake = packet.isTcp() && (d.tcpFlags & DecodedPacket::Syn);
    const bool synOnly = handshake && !(d.tcpFlags & DecodedPacket::Ack);
    // The server side of the handshake is the listening socket; a datagram's receiver may
    // be an unconnected socket.
    const int socketType = packet.isTcp() ? SOCK_STREAM : SOCK_DGRAM;
    const DescriptorLife* sender =
        find(d.source, d.destination, packet.tNs, handshake && !synOnly, socketType);
    const DescriptorLife* receiver = find(d.destination, d.source, packet.tNs, synOnly, socketType);
    // Inferred packets know the caller's descriptor already.
    // An inferred packet knows the caller's descriptor that sent it; the rest is found
    // again at each linking, as the log grows.
    if (!packet.sentByCaller)
        packet.sender = sender ? PacketEnd{sender->actor, sender->fd} : PacketEnd{};
    packet.receiver = receiver ? PacketEnd{receiver->actor, receiver->fd} : PacketEnd{};
    if (!packet.inferred)
        packet.cause = causeOf(packet, sender);
    if (!packet.isTcp())
        return;
    numberRelatively(packet);
    const int consumed = packet.payloadLength() + ((d.tcpFlags & DecodedPacket::Syn) ? 1 : 0) +
                         ((d.tcpFlags & DecodedPacket::Fin) ? 1 : 0);
    if (consumed > 0 || (d.tcpFlags & DecodedPacket::Rst))
        m_segments[{d.source, d.destination}].append(
            {d.sequenceNumber + quint32(consumed), packet.cause, d.tcpFlags});
}

} // namespace

void linkPackets(const QList<CallEvent>& calls, QList<PacketEvent>& packets)
{
    Linker linker(calls);
    for (PacketEvent& packet : packets) {
        if (packet.inferred || packet.decoded.isValid())
            linker.link(packet);
    }
}

} // namespace SocketScope
