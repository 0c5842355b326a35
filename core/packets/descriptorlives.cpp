#include "packets/descriptorlives.h"

#include <algorithm>
#include <numeric>

namespace SocketScope {

namespace {

// The packets a life may be found for, whatever their time: on its local port, with its peer
// when it has one (whatever their time), else while it lives; those of the connection it
// dialled (a refused one's port given back) from the connect() on.
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

// The packets from `fromNs` on that a life may be found for: a call on it, made then, decides
// only those.
void noteEndpointsFrom(const LifeEndpoints& life, qint64 fromNs, LifeChanges& changes)
{
    if (life.local.isValid())
        changes.endpoints.append({life.local.port(), life.peer, fromNs});
    if (life.dialled.isValid())
        changes.endpoints.append({life.dialled.port(), SocketAddress(), fromNs});
}

bool sameLife(const DescriptorLife& a, const DescriptorLife& b)
{
    return a.actor == b.actor && a.fd == b.fd && a.bornNs == b.bornNs;
}

// A checkpoint every so many calls, the older ones thinned: folding again after a call that
// started long ago costs little more than the calls since.
constexpr qsizetype checkpointSpacing = 512;
constexpr qsizetype checkpointsKept = 8;

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

DescriptorLives::DescriptorLives()
{
    clear();
}

void DescriptorLives::clear()
{
    m_state = Folded();
    m_order.clear();
    m_checkpoints = {Checkpoint()};
    m_added = 0;
}

const QList<int>& DescriptorLives::onEnds(quint16 port, const SocketAddress& peer) const
{
    const auto it = m_state.byLocalEnds.constFind({port, peer});
    return it == m_state.byLocalEnds.cend() ? none : *it;
}

const QList<int>& DescriptorLives::dialling(quint16 port) const
{
    const auto it = m_state.byDialledPort.constFind(port);
    return it == m_state.byDialledPort.cend() ? none : *it;
}

void DescriptorLives::add(const QList<CallEvent>& calls, LifeChanges& changes)
{
    if (m_added == calls.size())
        return;
    QList<int> added(calls.size() - m_added);
    std::iota(added.begin(), added.end(), int(m_added));
    m_added = calls.size();
    const auto foldsBefore = [&calls](int a, int b) {
        return calls[a].tNs < calls[b].tNs || (calls[a].tNs == calls[b].tNs && a < b);
    };
    std::sort(added.begin(), added.end(), foldsBefore);
    if (calls[added.first()].tNs < m_state.lastStartNs) {
        foldAgain(calls, std::move(added), changes);
    } else {
        for (const int index : std::as_const(added))
            fold(calls, index, changes);
    }
    keepCheckpoint();
}

// Calls that started before the last one folded: folds again, in start order, from the latest
// checkpoint before them, and says which packets what the lives were may have been found for.
void DescriptorLives::foldAgain(const QList<CallEvent>& calls, QList<int> added,
                                LifeChanges& changes)
{
    const qint64 earliestNs = calls[added.first()].tNs;
    // The empty fold, first, always qualifies.
    const auto checkpoint = std::find_if(
        m_checkpoints.crbegin(), m_checkpoints.crend(),
        [earliestNs](const Checkpoint& c) { return c.state.lastStartNs <= earliestNs; });
    const qsizetype position = checkpoint->position;
    const qint64 sinceNs = checkpoint->state.lastStartNs;
    const qint64 fromNs =
        sinceNs == std::numeric_limits<qint64>::min() ? sinceNs : sinceNs - linkClockSlackNs;
    QList<int> again = m_order.mid(position);
    const qsizetype folded = again.size();
    again.append(added);
    std::inplace_merge(again.begin(), again.begin() + folded, again.end(), [&calls](int a, int b) {
        return calls[a].tNs < calls[b].tNs || (calls[a].tNs == calls[b].tNs && a < b);
    });
    const Folded before = m_state;
    m_state = checkpoint->state;
    m_order.resize(position);
    m_checkpoints.erase(checkpoint.base(), m_checkpoints.cend());
    for (const int index : std::as_const(again))
        fold(calls, index, changes);
    for (qsizetype i = 0; i < before.lives.size(); ++i) {
        if (before.touchedAt[i] < position)
            continue;
        const DescriptorLife& was = before.lives[i];
        const LifeEndpoints ends = LifeEndpoints::of(was);
        const bool kept = i < m_state.lives.size() && sameLife(was, m_state.lives[i]) &&
                          LifeEndpoints::of(m_state.lives[i]) == ends;
        if (kept)
            noteEndpointsFrom(ends, fromNs, changes);
        else
            noteEndpoints(ends, was.bornNs, changes);
    }
}

void DescriptorLives::keepCheckpoint()
{
    if (m_order.size() - m_checkpoints.constLast().position < checkpointSpacing)
        return;
    m_checkpoints.append({m_order.size(), m_state});
    while (m_checkpoints.size() > checkpointsKept) {
        // Drops the one whose neighbours are closest: the spacing grows with age.
        qsizetype drop = 1;
        for (qsizetype i = 2; i + 1 < m_checkpoints.size(); ++i) {
            if (m_checkpoints[i + 1].position - m_checkpoints[i - 1].position <
                m_checkpoints[drop + 1].position - m_checkpoints[drop - 1].position)
                drop = i;
        }
        m_checkpoints.removeAt(drop);
    }
}

void DescriptorLives::fold(const QList<CallEvent>& calls, int index, LifeChanges& changes)
{
    const CallEvent& call = calls[index];
    m_order.append(index);
    m_state.lastStartNs = std::max(m_state.lastStartNs, call.tNs);
    m_state.threads.follow(call);
    if (startsActor(call)) {
        inheritLives(call.actor, call.childActor, call.tNs + call.durationNs, changes);
        return;
    }
    if (Calls::has(call.call, CallTrait::EndsProcess)) {
        if (!call.failed())
            closeProcess(call, index, changes);
        return;
    }
    const int fd = call.resultFd() >= 0 ? call.resultFd() : call.fd();
    if (fd < 0)
        return;
    const Key key{call.actor, fd};
    const bool creates = Calls::has(call.call, CallTrait::MakesDescriptor) && !call.failed();
    LifeEndpoints before; // none for a new life
    if (creates || !m_state.current.contains(key)) {
        DescriptorLife life;
        life.actor = call.actor;
        life.fd = fd;
        life.bornNs = creates ? call.tNs + call.durationNs : call.tNs;
        m_state.current[key] = appendLife(life);
    } else {
        before = LifeEndpoints::of(m_state.lives[m_state.current[key]]);
    }
    const int lifeIndex = m_state.current[key];
    DescriptorLife& life = m_state.lives[lifeIndex];
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
    touched(lifeIndex, call.tNs, changes);
    if (Calls::has(call.call, CallTrait::ReleasesDescriptor) && !call.failed()) {
        const qint64 closedNs = call.tNs + call.durationNs;
        m_state.lives[lifeIndex].closedNs = closedNs;
        m_state.current.remove(key);
        // Threads share the table: the other threads' copies are closed with it.
        if (!m_state.threads.anyThreads())
            return;
        for (auto it = m_state.current.begin(); it != m_state.current.end();) {
            if (it.key().second == fd && m_state.threads.shareTable(it.key().first, call.actor)) {
                m_state.lives[*it].closedNs = closedNs;
                touched(*it, call.tNs, changes);
                it = m_state.current.erase(it);
            } else {
                ++it;
            }
        }
    }
}

// exit_group(): the kernel closes what the process (all its threads) held; the FIN it sends
// is the call's doing.
void DescriptorLives::closeProcess(const CallEvent& call, int index, LifeChanges& changes)
{
    const ThreadGroups& threads = m_state.threads;
    for (auto it = m_state.current.begin(); it != m_state.current.end();) {
        const bool ours = it.key().first == call.actor ||
                          (threads.anyThreads() && threads.shareTable(it.key().first, call.actor));
        if (!ours) {
            ++it;
            continue;
        }
        DescriptorLife& life = m_state.lives[*it];
        const LifeEndpoints before = LifeEndpoints::of(life);
        life.calls.append(index);
        life.closedNs = call.tNs + call.durationNs;
        // Its first call may be this one: it counts as used from its birth.
        update(*it, before, changes);
        touched(*it, call.tNs, changes);
        it = m_state.current.erase(it);
    }
}

// fork(): the child starts with a copy of each descriptor the parent has open, the same
// sockets under the same numbers.
void DescriptorLives::inheritLives(const QString& parent, const QString& child, qint64 bornNs,
                                   LifeChanges& changes)
{
    QList<std::pair<int, int>> inherited; // descriptor, life
    for (auto it = m_state.current.cbegin(); it != m_state.current.cend(); ++it) {
        if (it.key().first == parent)
            inherited.append({it.key().second, *it});
    }
    for (const auto& [fd, parentLife] : std::as_const(inherited)) {
        DescriptorLife copy = m_state.lives[parentLife];
        copy.actor = child;
        copy.bornNs = bornNs;
        copy.closedNs = lifeNeverNs;
        copy.calls.clear();
        const int life = appendLife(copy);
        m_state.current.insert({child, fd}, life);
        update(life, LifeEndpoints(), changes);
    }
}

int DescriptorLives::appendLife(const DescriptorLife& life)
{
    m_state.lives.append(life);
    m_state.touchedAt.append(m_order.size() - 1);
    return int(m_state.lives.size()) - 1;
}

// A call on the life at `callNs` decides the packets it may be found for from then on.
void DescriptorLives::touched(int life, qint64 callNs, LifeChanges& changes)
{
    m_state.touchedAt[life] = m_order.size() - 1;
    noteEndpointsFrom(LifeEndpoints::of(m_state.lives[life]), callNs - linkClockSlackNs, changes);
}

// Keeps the port indexes right and says which packets linked before may now be found for
// another life: those this life was or is now a candidate for.
void DescriptorLives::update(int life, const LifeEndpoints& before, LifeChanges& changes)
{
    const DescriptorLife& changed = m_state.lives[life];
    const LifeEndpoints after = LifeEndpoints::of(changed);
    index(m_state.byLocalEnds, Ends{before.local.port(), before.peer},
          Ends{after.local.port(), after.peer}, life, before.local.isValid(),
          after.local.isValid());
    index(m_state.byDialledPort, before.dialled.port(), after.dialled.port(), life,
          before.dialled.isValid(), after.dialled.isValid());
    if (before == after)
        return;
    noteEndpoints(before, changed.bornNs, changes);
    noteEndpoints(after, changed.bornNs, changes);
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
