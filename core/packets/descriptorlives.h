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
    // By a call of its own: not only inherited, or ended with its process.
    bool used = false;
    // The last connect(): where it dialled and while, for a socket whose local port the
    // kernel gave back after a refused connection.
    SocketAddress dialled;
    qint64 dialledFromNs = 0;
    qint64 dialledUntilNs = 0;
    bool operator==(const DescriptorLife&) const = default;
};

// What of a life decides which packets it is found for, whatever their time.
struct LifeEndpoints {
    int socketType = 0;
    SocketAddress local;
    SocketAddress peer;
    SocketAddress dialled;
    qint64 dialledFromNs = 0;
    qint64 dialledUntilNs = 0;
    bool used = false;
    static LifeEndpoints of(const DescriptorLife& life)
    {
        return {life.socketType,    life.local,          life.peer, life.dialled,
                life.dialledFromNs, life.dialledUntilNs, life.used};
    }
    bool operator==(const LifeEndpoints&) const = default;
};

// What folding new calls into the lives may change in packets linked before: those between
// endpoints whose descriptor got a call, changed its addresses, was born or closed.
struct LifeChanges {
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
// added as the log grows, mostly in that order; one that started before the last folded (a
// call that blocked, a fork whose child spoke first) makes the lives fold again from the
// latest checkpoint before it, not from the first call.
class DescriptorLives {
public:
    DescriptorLives();
    void clear();
    // Folds in the calls added to the log since the last add().
    void add(const QList<CallEvent>& calls, LifeChanges& changes);

    const QList<DescriptorLife>& lives() const { return m_state.lives; }
    // The lives bound to this local port and connected to `peer` (invalid: to nobody), in
    // the order they were born.
    const QList<int>& onEnds(quint16 port, const SocketAddress& peer) const;
    // The lives that dialled this port, in the order they were born.
    const QList<int>& dialling(quint16 port) const;

private:
    using Ends = std::pair<quint16, SocketAddress>; // local port, peer
    // All that folding calls changes: a checkpoint is a copy of it.
    struct Folded {
        QList<DescriptorLife> lives;
        QHash<QString, QHash<int, int>> current; // actor -> its open descriptors -> life
        ThreadGroups threads;
        QHash<Ends, QList<int>> byLocalEnds;
        QHash<quint16, QList<int>> byDialledPort;
        qint64 lastStartNs = std::numeric_limits<qint64>::min();
    };
    struct Checkpoint {
        qsizetype position = 0; // calls folded, in m_order
        Folded state;
    };

    void foldAgain(const QList<CallEvent>& calls, QList<int> added, LifeChanges& changes);
    void keepCheckpoint();
    void fold(const QList<CallEvent>& calls, int index, LifeChanges& changes);
    void closeProcess(const CallEvent& call, int index, LifeChanges& changes);
    void inheritLives(const QString& parent, const QString& child, qint64 bornNs,
                      LifeChanges& changes);
    int appendLife(const DescriptorLife& life);
    void noteCall(int life, qint64 callNs, LifeChanges& changes);
    void update(int life, const LifeEndpoints& before, LifeChanges& changes);
    template <typename Place>
    static void index(QHash<Place, QList<int>>& byPlace, const Place& from, const Place& to,
                      int life, bool wasIndexed, bool indexed);

    Folded m_state;
    QList<int> m_order; // the calls folded, in the order they were (start time, then index)
    QList<Checkpoint> m_checkpoints; // by position; the first is the empty fold
    qsizetype m_added = 0;           // calls of the log taken
};

} // namespace SocketScope
