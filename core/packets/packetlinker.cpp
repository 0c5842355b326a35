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
    QList<Place> places; // of each packet linked, by its index in the log
    // Conversation -> the first of its packets to link again.
    QHash<int, int> dirty;

    void place(const PacketEvent& packet, int index);
    void markFrom(int index);
    void markEndpoints(const LifeChanges::Endpoints& endpoints, const QList<PacketEvent>& packets);
};

void PacketLinker::State::place(const PacketEvent& packet, int index)
{
    if (!linkable(packet)) {
        places.append(Place{});
        return;
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
    }
    Conversation& conversation = conversations[*found];
    places.append({*found, int(conversation.packets.size())});
    conversation.packets.append(index);
}

void PacketLinker::State::markFrom(int index)
{
    const Place& where = places.at(index);
    if (where.conversation < 0)
        return;
    const auto it = dirty.find(where.conversation);
    if (it == dirty.end())
        dirty.insert(where.conversation, where.at);
    else
        *it = std::min(*it, where.at);
}

void PacketLinker::State::markEndpoints(const LifeChanges::Endpoints& endpoints,
                                        const QList<PacketEvent>& packets)
{
    const auto ends = [&endpoints](const SocketAddress& mine, const SocketAddress& other) {
        return mine.port() == endpoints.port &&
               (!endpoints.other.isValid() || other == endpoints.other);
    };
    for (const int index : conversationsOnPort.value(endpoints.port)) {
        const Conversation& conversation = conversations.at(index);
        // Its packets are in time order: only those from `fromNs` on may change.
        const auto from = std::lower_bound(
            conversation.packets.cbegin(), conversation.packets.cend(), endpoints.fromNs,
            [&packets](int packet, qint64 time) { return packets[packet].tNs < time; });
        if (from == conversation.packets.cend())
            continue;
        if (ends(conversation.a, conversation.b) || ends(conversation.b, conversation.a))
            markFrom(*from);
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
    LifeChanges changes;
    const bool again = changedFrom < s.places.size() || !s.lives.add(calls, changes);
    if (again) {
        clear();
        m_state->lives.rebuild(calls);
        link(calls, packets, packets.size());
        return;
    }
    const qsizetype linked = s.places.size();
    for (qsizetype i = linked; i < packets.size(); ++i)
        s.place(packets[i], int(i));
    for (const LifeChanges::Endpoints& endpoints : std::as_const(changes.endpoints))
        s.markEndpoints(endpoints, packets);
    // Packets are in time order: those the new calls' times may decide are at the end.
    const auto from =
        std::lower_bound(packets.cbegin(), packets.cbegin() + linked, changes.earliestNs,
                         [](const PacketEvent& packet, qint64 time) { return packet.tNs < time; });
    for (qsizetype i = from - packets.cbegin(); i < packets.size(); ++i)
        s.markFrom(int(i));
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
