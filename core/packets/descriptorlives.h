#pragma once

#include "calls/callevent.h"
#include "calls/threadgroups.h"

#include <QHash>
#include <QList>

#include <limits>

namespace SocketScope {

// Packet times are converted from the capture's clock; allow for the conversion's error.
constexpr qint64 linkClockSlackNs = 50'000;
constexpr qint64 lifeNeverNs = std::numeric_limits<qint64>::max();

// A connect() that put a SYN on the wire: it succeeded, is still going on in the background
// (non-blocking), or failed because of the answer (or the lack of one).
bool putsSynOnWire(const CallEvent& call);

// One descriptor from the call that created it to its close, with the endpoints it had.
struct DescriptorLife {
    QString actor;
    int fd = -1;
    int socketType = 0; // SOCK_STREAM carries TCP, SOCK_DGRAM UDP: ports are per protocol
    qint64 bornNs = 0;
    qint64 closedNs = lifeNeverNs;
    SocketAddress local; // as on the wire: IPv4-mapped addresses as IPv4
    SocketAddress peer;
    QList<int> calls; // indices in the log's calls, by start time
    // The last connect(): where it dialled and while, for a socket whose local port the
    // kernel gave back after a refused connection.
    SocketAddress dialled;
    qint64 dialledFromNs = 0;
    qint64 dialledUntilNs = 0;
};

// What of a life decides which packets it is found for, whatever their time.
struct LifeEndpoints {
    int socketType = 0;
    SocketAddress local;
    SocketAddress peer;
    SocketAddress dialled;
    qint64 dialledFromNs = 0;
    qint64 dialledUntilNs = 0;
    bool used = false; // by a call of its own (not only inherited)
    static LifeEndpoints of(const DescriptorLife& life)
    {
        return {life.socketType,      life.local,         life.peer,
                life.dialled,         life.dialledFromNs, life.dialledUntilNs,
                !life.calls.isEmpty()};
    }
    bool operator==(const LifeEndpoints&) const = default;
};

// What folding new calls into the lives may change in packets linked before: those from
// `earliestNs` on (a call's time decides the packets around and after it), and, whatever
// their time, those between endpoints whose descriptor changed its addresses.
struct LifeChanges {
    qint64 earliestNs = lifeNeverNs;
    struct Endpoints {
        quint16 port = 0;    // a packet with an end on this port
        SocketAddress other; // whose other end is this one; invalid: any
        // From this time on: an unconnected life is a candidate only while it lives, a
        // connected one whatever the time.
        qint64 fromNs = std::numeric_limits<qint64>::min();
    };
    QList<Endpoints> endpoints;
};

// The session's descriptors as its calls show them, folded in start-time order. Calls are
// added as the log grows; one that started before the last folded cannot be folded in
// place (add() says so), and the lives are built again from all the calls.
class DescriptorLives {
public:
    void clear();
    // Folds calls[m_folded...] in; false (nothing done) when one started before the last one
    // folded.
    bool add(const QList<CallEvent>& calls, LifeChanges& changes);
    void rebuild(const QList<CallEvent>& calls);

    const QList<DescriptorLife>& lives() const { return m_lives; }
    // The lives bound to this local port and connected to `peer` (invalid: to nobody), in
    // the order they were born.
    const QList<int>& onEnds(quint16 port, const SocketAddress& peer) const;
    // The lives that dialled this port, in the order they were born.
    const QList<int>& dialling(quint16 port) const;

private:
    using Key = std::pair<QString, int>;            // actor, descriptor
    using Ends = std::pair<quint16, SocketAddress>; // local port, peer
    void fold(const QList<CallEvent>& calls, int index, LifeChanges* changes);
    void closeProcess(const CallEvent& call, int index);
    void inheritLives(const QString& parent, const QString& child, qint64 bornNs,
                      LifeChanges* changes);
    void update(int life, const LifeEndpoints& before, LifeChanges* changes);
    template <typename Place>
    static void index(QHash<Place, QList<int>>& byPlace, const Place& from, const Place& to,
                      int life, bool wasIndexed, bool indexed);

    QList<DescriptorLife> m_lives;
    QHash<Key, int> m_current; // the open descriptors
    ThreadGroups m_threads;
    QHash<Ends, QList<int>> m_byLocalEnds;
    QHash<quint16, QList<int>> m_byDialledPort;
    qsizetype m_folded = 0;
    qint64 m_lastStartNs = std::numeric_limits<qint64>::min();
};

} // namespace SocketScope
