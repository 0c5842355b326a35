#include "packets/packetlinkrules.h"

#include <algorithm>

namespace SocketScope {

namespace {

bool sends(const CallEvent& call)
{
    return Calls::has(call.call, CallTrait::SendsData) && !call.failed();
}

bool ends(const CallEvent& call)
{
    return (call.call == Call::Close || call.call == Call::Shutdown ||
            Calls::has(call.call, CallTrait::EndsProcess)) &&
           !call.failed();
}

// A local address matches a packet's address exactly, or as a wildcard (INADDR_ANY,
// in6addr_any) bound to its port.
bool localMatches(const DescriptorLife& life, const SocketAddress& wire)
{
    return life.local == wire ||
           (life.local.isWildcard() && life.local.port() != 0 && life.local.port() == wire.port());
}

const QList<int> noLives;

} // namespace

void Conversation::rollBack(int at)
{
    for (QList<Segment>& list : segments) {
        while (!list.isEmpty() && list.constLast().at >= at)
            list.removeLast();
    }
    while (!firstSeqChanges.isEmpty() && firstSeqChanges.constLast().at >= at) {
        const FirstSeqChange& change = firstSeqChanges.constLast();
        if (change.before)
            firstSeq.insert(change.direction, *change.before);
        else
            firstSeq.remove(change.direction);
        firstSeqChanges.removeLast();
    }
}

PacketLinkRules::PacketLinkRules(const QList<CallEvent>& calls, const DescriptorLives& lives)
    : m_calls(calls)
    , m_lives(lives)
{
}

// The descriptor with this local endpoint talking to `remote` at time t: connected to it,
// or (for a listener, an unconnected UDP socket) bound and connected to nobody.
const DescriptorLife* PacketLinkRules::find(const SocketAddress& local, const SocketAddress& remote,
                                            qint64 t, bool listener, int socketType) const
{
    const QList<DescriptorLife>& lives = m_lives.lives();
    const DescriptorLife* best = nullptr;
    int bestScore = -1;
    // Only lives bound to the packet's port can match it, exactly or as a wildcard: those
    // connected to its other end and those connected to nobody, in the order they were born.
    // (An end the packet does not give, as `remote` invalid, is matched by those of nobody.)
    const QList<int>& toRemote = m_lives.onEnds(local.port(), remote);
    const QList<int>& toNobody =
        remote.isValid() ? m_lives.onEnds(local.port(), SocketAddress()) : noLives;
    auto nextRemote = toRemote.cbegin();
    auto nextUnconnected = toNobody.cbegin();
    while (nextRemote != toRemote.cend() || nextUnconnected != toNobody.cend()) {
        const bool connected = nextUnconnected == toNobody.cend() ||
                               (nextRemote != toRemote.cend() && *nextRemote < *nextUnconnected);
        const DescriptorLife& life = lives[connected ? *nextRemote++ : *nextUnconnected++];
        const qint64 slack = linkClockSlackNs;
        if (!connected && (life.bornNs > t + slack || life.closedNs < t - slack))
            continue;
        // A TCP port and a UDP port of the same number are two different things.
        if (life.socketType != socketType || !localMatches(life, local))
            continue;
        // A connected descriptor is the one meant, except for the handshake that a listener
        // answers; among several, the latest born before t.
        int score = connected != listener ? 4 : 2;
        if (life.bornNs <= t + slack)
            score += 1;
        if (life.closedNs < t - slack)
            score -= 2; // closed by then: a copy still open (after fork) is the one meant
        if (life.used)
            score += 1; // threads share every descriptor: the one that uses it is meant
        if (score > bestScore || (score == bestScore && life.bornNs > best->bornNs)) {
            best = &life;
            bestScore = score;
        }
    }
    if (best)
        return best;
    for (const int index : m_lives.dialling(remote.port())) {
        const DescriptorLife& life = lives[index];
        if (life.socketType == socketType && life.dialled == remote && life.local.port() == 0 &&
            t >= life.dialledFromNs - linkClockSlackNs &&
            t <= life.dialledUntilNs + linkClockSlackNs)
            return &life;
    }
    return nullptr;
}

qint64 PacketLinkRules::latestCall(const DescriptorLife* life, qint64 t,
                                   bool (*kind)(const CallEvent&)) const
{
    if (!life)
        return -1;
    // The calls started by then, the latest first: usually the very last one is the cause.
    const auto started =
        std::upper_bound(life->calls.cbegin(), life->calls.cend(), t + linkClockSlackNs,
                         [this](qint64 time, int call) { return time < m_calls[call].tNs; });
    for (auto it = started; it != life->calls.cbegin();) {
        const CallEvent& call = m_calls[*--it];
        if (kind(call))
            return call.seq;
    }
    return -1;
}

qint64 PacketLinkRules::endingCallAt(const DescriptorLife* life, qint64 t) const
{
    if (!life)
        return -1;
    for (const int index : life->calls) {
        const CallEvent& call = m_calls[index];
        if (ends(call) && call.tNs <= t + linkClockSlackNs &&
            t <= call.tNs + call.durationNs + linkClockSlackNs)
            return call.seq;
    }
    return -1;
}

qint64 PacketLinkRules::causeOf(const PacketEvent& packet, const DescriptorLife* sender,
                                const Conversation& conversation) const
{
    using Segment = Conversation::Segment;
    const DecodedPacket& d = packet.decoded;
    if (!packet.isTcp())
        return latestCall(sender, packet.tNs, sends);
    const auto answered = [&](auto accept) {
        const auto found = conversation.segments.constFind({d.destination, d.source});
        if (found == conversation.segments.cend())
            return qint64(-1);
        for (auto it = found->crbegin(); it != found->crend(); ++it) {
            if (accept(*it))
                return it->cause;
        }
        return qint64(-1);
    };
    const bool syn = d.tcpFlags & DecodedPacket::Syn;
    const bool ack = d.tcpFlags & DecodedPacket::Ack;
    if (syn && !ack)
        return latestCall(sender, packet.tNs, putsSynOnWire);
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

void PacketLinkRules::link(PacketEvent& packet, Conversation& conversation, int at) const
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
    // An inferred packet knows the caller's descriptor that sent it; the rest is found
    // again at each linking, as the log grows.
    if (!packet.sentByCaller)
        packet.sender = sender ? PacketEnd{sender->actor, sender->fd} : PacketEnd{};
    packet.receiver = receiver ? PacketEnd{receiver->actor, receiver->fd} : PacketEnd{};
    if (!packet.inferred)
        packet.cause = causeOf(packet, sender, conversation);
    if (!packet.isTcp())
        return;
    // Relative seq/ack count from each direction's first sequence number.
    const PacketDirection forward{d.source, d.destination};
    const auto first = conversation.firstSeq.constFind(forward);
    if ((d.tcpFlags & DecodedPacket::Syn) || first == conversation.firstSeq.cend()) {
        const std::optional<quint32> before =
            first == conversation.firstSeq.cend() ? std::nullopt : std::optional(*first);
        if (before != d.sequenceNumber) {
            conversation.firstSeqChanges.append({at, forward, before});
            conversation.firstSeq.insert(forward, d.sequenceNumber);
        }
    }
    packet.relativeSeq = d.sequenceNumber - conversation.firstSeq.value(forward);
    packet.relativeAck =
        d.acknowledgementNumber - conversation.firstSeq.value({d.destination, d.source}, 0);
    const int consumed = packet.payloadLength() + ((d.tcpFlags & DecodedPacket::Syn) ? 1 : 0) +
                         ((d.tcpFlags & DecodedPacket::Fin) ? 1 : 0);
    if (consumed > 0 || (d.tcpFlags & DecodedPacket::Rst))
        conversation.segments[forward].append(
            {d.sequenceNumber + quint32(consumed), packet.cause, d.tcpFlags, at});
}

} // namespace SocketScope
