#include "packets/packetlinker.h"

#include "packets/descriptorlives.h"
#include "packets/packetlinkrules.h"

#include <QHash>

#include <algorithm>

namespace SocketScope {

namespace {

bool linkable(const PacketEvent& packet)
{
    return packet.inferred || packet.decoded.isValid();
}

struct Place {
    int conversation = -1; // -1: not linked (not decoded)
    int at = 0;
};

} // namespace

struct PacketLinker::State {
    DescriptorLives lives;
    QList<Conversation> conversations;
    QHash<PacketDirection, int> conversationOf; // both directions
    QHash<quint16, QList<int>> conversationsOnPort;
    // An end's port and the other end -> the conversations between them.
    QHash<std::pair<quint16, SocketAddress>, QList<int>> conversationsOnEnds;
    QList<Place> places;   // of each packet placed, by its index in the log
    QList<qint64> placed;  // the seq of each packet placed, by its index in the log
    QHash<int, int> dirty; // conversation -> the first of its packets to link again

    void placeFrom(qsizetype from, const QList<PacketEvent>& packets);
    Place place(const PacketEvent& packet, int index);
    void markFrom(int conversation, int at);
    void markEndpoints(const LifeChanges::Endpoints& endpoints, const QList<PacketEvent>& packets);
};

// Places the packets from `from` on in their conversations. Packets put before those placed
// shift them: each conversation is cut there, placed again, and linked again from where it
// differs from what it was.
void PacketLinker::State::placeFrom(qsizetype from, const QList<PacketEvent>& packets)
{
    QHash<int, QList<qint64>> cut; // conversation -> the packets cut off
    if (from < places.size()) {
        for (int c = 0; c < conversations.size(); ++c) {
            QList<int>& list = conversations[c].packets;
            const auto at = std::lower_bound(list.begin(), list.end(), int(from));
            if (at == list.end())
                continue;
            QList<qint64>& seqs = cut[c];
            for (auto it = at; it != list.end(); ++it)
                seqs.append(placed[*it]);
            list.erase(at, list.end());
        }
        places.resize(from);
        placed.resize(from);
    }
    QHash<int, int> firstPlaced; // conversation -> the position of its first packet placed now
    for (qsizetype i = from; i < packets.size(); ++i) {
        const Place where = place(packets[i], int(i));
        if (where.conversation >= 0 && !firstPlaced.contains(where.conversation))
            firstPlaced.insert(where.conversation, where.at);
    }
    for (auto it = firstPlaced.cbegin(); it != firstPlaced.cend(); ++it) {
        const QList<qint64> before = cut.value(it.key());
        const QList<int>& list = conversations[it.key()].packets;
        int same = 0;
        while (same < before.size() && it.value() + same < list.size() &&
               placed[list[it.value() + same]] == before[same])
            ++same;
        if (same < list.size() - it.value())
            markFrom(it.key(), it.value() + same);
    }
}

Place PacketLinker::State::place(const PacketEvent& packet, int index)
{
    placed.append(packet.seq);
    if (!linkable(packet)) {
        places.append(Place{});
        return Place{};
    }
    const SocketAddress& source = packet.decoded.source;
    const SocketAddress& destination = packet.decoded.destination;
    auto found = conversationOf.constFind({source, destination});
    if (found == conversationOf.cend()) {
        const int created = int(conversations.size());
        Conversation conversation;
        conversation.a = source;
        conversation.b = destination;
        conversations.append(conversation);
        found = conversationOf.insert({source, destination}, created);
        conversationOf.insert({destination, source}, created);
        conversationsOnPort[source.port()].append(created);
        if (destination.port() != source.port())
            conversationsOnPort[destination.port()].append(created);
        conversationsOnEnds[{source.port(), destination}].append(created);
        if (destination != source)
            conversationsOnEnds[{destination.port(), source}].append(created);
    }
    Conversation& conversation = conversations[*found];
    const Place where{*found, int(conversation.packets.size())};
    places.append(where);
    conversation.packets.append(index);
    return where;
}

void PacketLinker::State::markFrom(int conversation, int at)
{
    const auto it = dirty.find(conversation);
    if (it == dirty.end())
        dirty.insert(conversation, at);
    else
        *it = std::min(*it, at);
}

void PacketLinker::State::markEndpoints(const LifeChanges::Endpoints& endpoints,
                                        const QList<PacketEvent>& packets)
{
    const auto ends = [&endpoints](const SocketAddress& mine, const SocketAddress& other) {
        return mine.port() == endpoints.port &&
               (!endpoints.other.isValid() || other == endpoints.other);
    };
    const QList<int> candidates = endpoints.other.isValid()
                                      ? conversationsOnEnds.value({endpoints.port, endpoints.other})
                                      : conversationsOnPort.value(endpoints.port);
    for (const int index : candidates) {
        const Conversation& conversation = conversations.at(index);
        // Its packets are in time order: only those from `fromNs` on may change.
        const auto from = std::lower_bound(
            conversation.packets.cbegin(), conversation.packets.cend(), endpoints.fromNs,
            [&packets](int packet, qint64 time) { return packets[packet].tNs < time; });
        if (from == conversation.packets.cend())
            continue;
        if (ends(conversation.a, conversation.b) || ends(conversation.b, conversation.a))
            markFrom(index, int(from - conversation.packets.cbegin()));
    }
}

PacketLinker::PacketLinker()
    : m_state(std::make_unique<State>())
{
}

PacketLinker::~PacketLinker() = default;

void PacketLinker::clear()
{
    m_state = std::make_unique<State>();
}

void PacketLinker::link(const QList<CallEvent>& calls, QList<PacketEvent>& packets,
                        qsizetype changedFrom)
{
    State& s = *m_state;
    s.placeFrom(std::min(changedFrom, s.places.size()), packets);
    LifeChanges changes;
    s.lives.add(calls, changes);
    // Many calls name the same endpoints (a listener's copies in each child): each once, from
    // the earliest time.
    QHash<std::pair<quint16, SocketAddress>, qint64> fromNs;
    for (const LifeChanges::Endpoints& endpoints : std::as_const(changes.endpoints)) {
        const auto it = fromNs.find({endpoints.port, endpoints.other});
        if (it == fromNs.end())
            fromNs.insert({endpoints.port, endpoints.other}, endpoints.fromNs);
        else
            *it = std::min(*it, endpoints.fromNs);
    }
    for (auto it = fromNs.cbegin(); it != fromNs.cend(); ++it)
        s.markEndpoints({it.key().first, it.key().second, it.value()}, packets);
    const PacketLinkRules rules(calls, s.lives);
    for (auto it = s.dirty.cbegin(); it != s.dirty.cend(); ++it) {
        Conversation& conversation = s.conversations[it.key()];
        conversation.rollBack(it.value());
        for (int at = it.value(); at < conversation.packets.size(); ++at)
            rules.link(packets[conversation.packets[at]], conversation, at);
    }
    s.dirty.clear();
}

void linkPackets(const QList<CallEvent>& calls, QList<PacketEvent>& packets)
{
    PacketLinker linker;
    linker.link(calls, packets, 0);
}

} // namespace SocketScope
