#pragma once

#include "calls/callevent.h"
#include "packets/descriptorlives.h"
#include "packets/packetevent.h"

#include <QHash>
#include <QList>

#include <optional>

namespace SocketScope {

using PacketDirection = std::pair<SocketAddress, SocketAddress>; // source, destination

// The packets between two endpoints, and what linking them in time order learned: the
// segments that consumed sequence numbers (what an ACK or a SYN/ACK answers) and where each
// direction's numbering starts. Linking a conversation needs nothing of another one, so a
// conversation is linked again from any of its packets after rolling back to it.
struct Conversation {
    struct Segment {
        quint32 endSeq = 0;
        qint64 cause = -1;
        quint8 flags = 0;
        int at = 0; // the packet's position in the conversation
    };
    struct FirstSeqChange {
        int at = 0;
        PacketDirection direction;
        std::optional<quint32> before;
    };

    SocketAddress a; // the ends of its first packet
    SocketAddress b;
    QList<int> packets; // their places in the log, in time order
    QHash<PacketDirection, QList<Segment>> segments;
    QHash<PacketDirection, quint32> firstSeq;
    QList<FirstSeqChange> firstSeqChanges;

    // Forgets what the packets from position `at` on taught.
    void rollBack(int at);
};

// The linking rules of packetlinker.h, for one packet, over the lives of the log's calls.
class PacketLinkRules {
public:
    PacketLinkRules(const QList<CallEvent>& calls, const DescriptorLives& lives);
    // Links the packet at position `at` of its conversation, the ones before it linked.
    void link(PacketEvent& packet, Conversation& conversation, int at) const;

private:
    const DescriptorLife* find(const SocketAddress& local, const SocketAddress& remote, qint64 t,
                               bool listener, int socketType) const;
    qint64 latestCall(const DescriptorLife* life, qint64 t, bool (*kind)(const CallEvent&)) const;
    qint64 endingCallAt(const DescriptorLife* life, qint64 t) const;
    qint64 causeOf(const PacketEvent& packet, const DescriptorLife* sender,
                   const Conversation& conversation) const;

    const QList<CallEvent>& m_calls;
    const DescriptorLives& m_lives;
};

} // namespace SocketScope
