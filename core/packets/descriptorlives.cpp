#include "packets/descriptorlives.h"

#include <algorithm>
#include <numeric>

namespace SocketScope {

namespace {

// The packets a life may be found for: on its local port, with its peer when it has one
// (whatever their time), else while it lives; those of the connection it dialled (a refused
// one's port given back) from the connect() on.
void noteEndpoints(const LifeEndpoints& life, qint64 bornNs, LifeChanges& changes)
{
    if (life.local.isValid()) {
        changes.endpoints.append(
            {life.local.port(), life.peer,
             life.peer.isValid() ? std::numeric_limits<qint64>::min() : bornNs - linkClockSlackNs});
    }
    if (life.dialled.isValid()) {
        changes.endpoints.append(
            {life.dialled.port(), SocketAddress(), life.dialledFromNs - linkClockSlackNs});
    }
}

const QList<int> none;

} // namespace

// A connect() that put a SYN on the wire: it succeeded, is still going on in the background
// (non-blocking), or failed because of the answer (or the lack of one).
bool putsSynOnWire(const CallEvent& call)
{
    if (call.call != Call::Connect || !call.returned())
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

void DescriptorLives::clear()
{
    m_lives.clear();
    m_current.clear();
    m_threads = ThreadGroups();
    m_byLocalEnds.clear();
    m_byDialledPort.clear();
    m_folded = 0;
    m_lastStartNs = std::numeric_limits<qint64>::min();
}

const QList<int>& DescriptorLives::onEnds(quint16 port, const SocketAddress& peer) const
{
    const auto it = m_byLocalEnds.constFind({port, peer});
    return it == m_byLocalEnds.cend() ? none : *it;
}

const QList<int>& DescriptorLives::dialling(quint16 port) const
{
    const auto it = m_byDialledPort.constFind(port);
    return it == m_byDialledPort.cend() ? none : *it;
}

bool DescriptorLives::add(const QList<CallEvent>& calls, LifeChanges& changes)
{
    qint64 last = m_lastStartNs;
    for (qsizetype i = m_folded; i < calls.size(); ++i) {
        if (calls[i].tNs < last)
            return false;
        last = calls[i].tNs;
    }
    for (; m_folded < calls.size(); ++m_folded)
        fold(calls, int(m_folded), &changes);
    return true;
}

void DescriptorLives::rebuild(const QList<CallEvent>& calls)
{
    clear();
    QList<int> ordered(calls.size());
    std::iota(ordered.begin(), ordered.end(), 0);
    std::stable_sort(ordered.begin(), ordered.end(),
                     [&calls](int a, int b) { return calls[a].tNs < calls[b].tNs; });
    for (const int index : ordered)
        fold(calls, index, nullptr);
    m_folded = calls.size();
}

void DescriptorLives::fold(const QList<CallEvent>& calls, int index, LifeChanges* changes)
{
    const CallEvent& call = calls[index];
    m_lastStartNs = std::max(m_lastStartNs, call.tNs);
    if (changes)
        changes->earliestNs = std::min(changes->earliestNs, call.tNs - linkClockSlackNs);
    m_threads.follow(call);
    if (startsActor(call)) {
        inheritLives(call.actor, call.childActor, call.tNs + call.durationNs, changes);
        return;
    }
    if (Calls::has(call.call, CallTrait::EndsProcess)) {
        if (!call.failed())
            closeProcess(call, index);
        return;
    }
    const int fd = call.resultFd() >= 0 ? call.resultFd() : call.fd();
    if (fd < 0)
        return;
    const Key key{call.actor, fd};
    const bool creates = Calls::has(call.call, CallTrait::MakesDescriptor) && !call.failed();
    LifeEndpoints before; // none for a new life
    if (creates || !m_current.contains(key)) {
        DescriptorLife life;
        life.actor = call.actor;
        life.fd = fd;
        life.bornNs = creates ? call.tNs + call.durationNs : call.tNs;
        m_current[key] = int(m_lives.size());
        m_lives.append(life);
    } else {
        before = LifeEndpoints::of(m_lives[m_current[key]]);
    }
    const int lifeIndex = m_current[key];
    DescriptorLife& life = m_lives[lifeIndex];
    life.calls.append(index);
    if (call.socketType != 0)
        life.socketType = call.socketType;
    if (call.after.local.isValid())
        life.local = call.after.local.unmapped();
    if (call.after.peer.isValid())
        life.peer = call.after.peer.unmapped();
    if (putsSynOnWire(call) && call.arguments.address.isValid()) {
        life.dialled = call.arguments.address.unmapped();
        life.dialledFromNs = call.tNs;
        life.dialledUntilNs = call.tNs + call.durationNs;
    }
    update(lifeIndex, before, changes);
    if (Calls::has(call.call, CallTrait::ReleasesDescriptor) && !call.failed()) {
        // Its close time decides only packets after the call: `earliestNs` covers them.
        const qint64 closedNs = call.tNs + call.durationNs;
        m_lives[lifeIndex].closedNs = closedNs;
        m_current.remove(key);
        // Threads share the table: the other threads' copies are closed with it.
        if (!m_threads.anyThreads())
            return;
        for (auto it = m_current.begin(); it != m_current.end();) {
            if (it.key().second == fd && m_threads.shareTable(it.key().first, call.actor)) {
                m_lives[*it].closedNs = closedNs;
                it = m_current.erase(it);
            } else {
                ++it;
            }
        }
    }
}

// exit_group(): the kernel closes what the process (all its threads) held; the FIN it sends
// is the call's doing.
void DescriptorLives::closeProcess(const CallEvent& call, int index)
{
    for (auto it = m_current.begin(); it != m_current.end();) {
        const bool ours =
            it.key().first == call.actor ||
            (m_threads.anyThreads() && m_threads.shareTable(it.key().first, call.actor));
        if (!ours) {
            ++it;
            continue;
        }
        DescriptorLife& life = m_lives[*it];
        life.calls.append(index);
        life.closedNs = call.tNs + call.durationNs;
        it = m_current.erase(it);
    }
}

// fork(): the child starts with a copy of each descriptor the parent has open, the same
// sockets under the same numbers.
void DescriptorLives::inheritLives(const QString& parent, const QString& child, qint64 bornNs,
                                   LifeChanges* changes)
{
    QList<std::pair<int, int>> inherited; // descriptor, life
    for (auto it = m_current.cbegin(); it != m_current.cend(); ++it) {
        if (it.key().first == parent)
            inherited.append({it.key().second, *it});
    }
    for (const auto& [fd, parentLife] : std::as_const(inherited)) {
        DescriptorLife copy = m_lives[parentLife];
        copy.actor = child;
        copy.bornNs = bornNs;
        copy.closedNs = lifeNeverNs;
        copy.calls.clear();
        m_current.insert({child, fd}, int(m_lives.size()));
        m_lives.append(copy);
        update(int(m_lives.size()) - 1, LifeEndpoints(), changes);
    }
}

// Keeps the port indexes right and says which packets linked before may now be found for
// another life: those this life was or is now a candidate for.
void DescriptorLives::update(int life, const LifeEndpoints& before, LifeChanges* changes)
{
    const DescriptorLife& changed = m_lives[life];
    const LifeEndpoints after = LifeEndpoints::of(changed);
    index(m_byLocalEnds, Ends{before.local.port(), before.peer},
          Ends{after.local.port(), after.peer}, life, before.local.isValid(),
          after.local.isValid());
    index(m_byDialledPort, before.dialled.port(), after.dialled.port(), life,
          before.dialled.isValid(), after.dialled.isValid());
    if (!changes || before == after)
        return;
    noteEndpoints(before, changed.bornNs, *changes);
    noteEndpoints(after, changed.bornNs, *changes);
}

template <typename Place>
void DescriptorLives::index(QHash<Place, QList<int>>& byPlace, const Place& from, const Place& to,
                            int life, bool wasIndexed, bool indexed)
{
    if (wasIndexed == indexed && (!indexed || from == to))
        return;
    if (wasIndexed) {
        QList<int>& lives = byPlace[from];
        const auto found = std::lower_bound(lives.begin(), lives.end(), life);
        if (found != lives.end() && *found == life)
            lives.erase(found);
    }
    if (indexed) {
        QList<int>& lives = byPlace[to];
        lives.insert(std::lower_bound(lives.begin(), lives.end(), life) - lives.begin(), life);
    }
}

} // namespace SocketScope
