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
// checkpoint before them, and notes the endpoints of every life that is not what it was.
void DescriptorLives::foldAgain(const QList<CallEvent>& calls, QList<int> added,
                                LifeChanges& changes)
{
    const qint64 earliestNs = calls[added.first()].tNs;
    // The empty fold, first, always qualifies.
    const auto checkpoint = std::find_if(
        m_checkpoints.crbegin(), m_checkpoints.crend(),
        [earliestNs](const Checkpoint& c) { return c.state.lastStartNs <= earliestNs; });
    const qsizetype position = checkpoint->position;
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
    // What each call changed relative to the checkpoint does not matter: only what the lives
    // are now against what they were, which packets were linked with.
    LifeChanges refolded;
    for (const int index : std::as_const(again))
        fold(calls, index, refolded);
    const QList<DescriptorLife>& now = m_state.lives;
    for (qsizetype i = 0; i < std::max(before.lives.size(), now.size()); ++i) {
        const bool was = i < before.lives.size();
        const bool is = i < now.size();
        if (was && is && before.lives[i] == now[i])
            continue;
        if (was)
            noteEndpoints(LifeEndpoints::of(before.lives[i]), before.lives[i].bornNs, changes);
        if (is)
            noteEndpoints(LifeEndpoints::of(now[i]), now[i].bornNs, changes);
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
    QHash<int, int>& open = m_state.current[call.actor];
    const bool creates = Calls::has(call.call, CallTrait::MakesDescriptor) && !call.failed();
    LifeEndpoints before; // none for a new life
    if (creates || !open.contains(fd)) {
        DescriptorLife life;
        life.actor = call.actor;
        life.fd = fd;
        life.bornNs = creates ? call.tNs + call.durationNs : call.tNs;
        open.insert(fd, appendLife(life));
    } else {
        before = LifeEndpoints::of(m_state.lives[open.value(fd)]);
    }
    const int lifeIndex = open.value(fd);
    DescriptorLife& life = m_state.lives[lifeIndex];
    life.calls.append(index);
    life.used = true;
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
    noteCall(lifeIndex, call.tNs, changes);
    if (Calls::has(call.call, CallTrait::ReleasesDescriptor) && !call.failed()) {
        const qint64 closedNs = call.tNs + call.durationNs;
        m_state.lives[lifeIndex].closedNs = closedNs;
        open.remove(fd);
        // Threads share the table: the other threads' copies are closed with it.
        if (!m_state.threads.anyThreads())
            return;
        for (auto it = m_state.current.begin(); it != m_state.current.end(); ++it) {
            if (!m_state.threads.shareTable(it.key(), call.actor))
                continue;
            const int copy = it->value(fd, -1);
            if (copy < 0)
                continue;
            m_state.lives[copy].closedNs = closedNs;
            noteCall(copy, call.tNs, changes);
            it->remove(fd);
        }
    }
}

// exit_group(): the kernel closes what the process (all its threads) held; the FIN it sends
// is the call's doing.
void DescriptorLives::closeProcess(const CallEvent& call, int index, LifeChanges& changes)
{
    const ThreadGroups& threads = m_state.threads;
    const auto close = [&](QHash<int, int>& open) {
        for (const int life : std::as_const(open)) {
            m_state.lives[life].calls.append(index);
            m_state.lives[life].closedNs = call.tNs + call.durationNs;
            noteCall(life, call.tNs, changes);
        }
        open.clear();
    };
    if (!threads.anyThreads()) {
        const auto own = m_state.current.find(call.actor);
        if (own != m_state.current.end()) {
            close(*own);
            m_state.current.erase(own);
        }
        return;
    }
    for (auto it = m_state.current.begin(); it != m_state.current.end(); ++it) {
        if (threads.shareTable(it.key(), call.actor))
            close(*it);
    }
}

// fork(): the child starts with a copy of each descriptor the parent has open, the same
// sockets under the same numbers.
void DescriptorLives::inheritLives(const QString& parent, const QString& child, qint64 bornNs,
                                   LifeChanges& changes)
{
    const QHash<int, int> open = m_state.current.value(parent);
    QList<std::pair<int, int>> inherited; // descriptor, life
    for (auto it = open.cbegin(); it != open.cend(); ++it)
        inherited.append({it.key(), *it});
    // By descriptor: the copies are born in the same order however the table was filled.
    std::sort(inherited.begin(), inherited.end());
    for (const auto& [fd, parentLife] : std::as_const(inherited)) {
        DescriptorLife copy = m_state.lives[parentLife];
        copy.actor = child;
        copy.bornNs = bornNs;
        copy.closedNs = lifeNeverNs;
        copy.calls.clear();
        copy.used = false;
        const int life = appendLife(copy);
        m_state.current[child].insert(fd, life);
        update(life, LifeEndpoints(), changes);
    }
}

int DescriptorLives::appendLife(const DescriptorLife& life)
{
    m_state.lives.append(life);
    return int(m_state.lives.size()) - 1;
}

// A call on the life at `callNs` decides the packets it may be found for from then on.
void DescriptorLives::noteCall(int life, qint64 callNs, LifeChanges& changes)
{
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
