#include "stagelines.h"

#include <QHash>
#include <QVarLengthArray>

#include <algorithm>

namespace SocketScope {

namespace {

// The endpoints that may be the far end of another one, indexed by what isFarEnd() compares,
// so that a stage of a thousand connections finds each far end without comparing it with
// every other endpoint.
class FarEnds {
public:
    explicit FarEnds(const QList<StageEndpoint>& endpoints)
        : m_endpoints(endpoints)
    {
        for (qsizetype i = 0; i < endpoints.size(); ++i) {
            const StageEndpoint& end = endpoints[i];
            if (end.inode)
                m_byInode[end.inode].append(int(i));
            if (end.peerInode)
                m_byPeerInode[end.peerInode].append(int(i));
            if (end.local.isValid() && end.peer.isValid())
                m_byEnds[{end.local.unmapped(), end.peer.unmapped()}].append(int(i));
        }
    }

    // The far ends of the endpoint at `index` (isFarEnd()), in the endpoints' order.
    QVarLengthArray<int, 8> of(qsizetype index) const
    {
        const StageEndpoint& self = m_endpoints[index];
        QVarLengthArray<int, 8> candidates;
        const auto add = [&candidates](const QList<int>& found) {
            candidates.append(found.constData(), found.size());
        };
        if (self.peerInode)
            add(m_byInode.value(self.peerInode));
        if (self.inode)
            add(m_byPeerInode.value(self.inode));
        if (self.local.isValid() && self.peer.isValid())
            add(m_byEnds.value({self.peer.unmapped(), self.local.unmapped()}));
        std::sort(candidates.begin(), candidates.end());
        candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
        QVarLengthArray<int, 8> farEnds;
        for (const int candidate : candidates) {
            if (candidate != index && isFarEnd(self, m_endpoints[candidate]))
                farEnds.append(candidate);
        }
        return farEnds;
    }

private:
    const QList<StageEndpoint>& m_endpoints;
    QHash<quint64, QList<int>> m_byInode;
    QHash<quint64, QList<int>> m_byPeerInode;
    QHash<std::pair<SocketAddress, SocketAddress>, QList<int>> m_byEnds; // local, peer
};

} // namespace

void deriveLines(StageState& state)
{
    QList<StageEndpoint>& endpoints = state.endpoints;
    const FarEnds farEnds(endpoints);
    QList<int> listeners;
    for (qsizetype i = 0; i < endpoints.size(); ++i) {
        if (endpoints[i].phase == StageEndpoint::Phase::Listening)
            listeners.append(int(i));
    }
    QList<bool> answered(endpoints.size(), false); // the handset end of a line
    for (qsizetype i = 0; i < endpoints.size(); ++i) {
        const StageEndpoint& caller = endpoints[i];
        // A line is drawn once, from the side that dialled (it has no parent listener).
        if (caller.datagram || caller.parentFd >= 0 || !caller.peer.isValid() ||
            caller.phase != StageEndpoint::Phase::Connected)
            continue;
        int handset = -1;
        for (const int j : farEnds.of(i)) {
            if (!endpoints[j].datagram && endpoints[j].parentFd >= 0)
                handset = j; // the latest
        }
        if (handset >= 0) {
            const bool closed = endpoints[handset].phase == StageEndpoint::Phase::Closed;
            state.lines.append({int(i), handset, false, closed || caller.peerHungUp});
            answered[handset] = true;
            continue;
        }
        bool queued = false;
        for (const int j : std::as_const(listeners)) {
            StageEndpoint& listener = endpoints[j];
            if (endpointsMatch(listener.local, caller.peer)) {
                ++listener.queuedCallers;
                state.lines.append({int(i), j, true, false});
                answered[j] = true;
                queued = true;
                break;
            }
        }
        // Nobody on this stage answered: a program outside SocketScope did.
        endpoints[i].outsidePeer = !queued;
    }
    // The other side of a line whose caller hung up still shows where the call came from.
    for (qsizetype i = 0; i < endpoints.size(); ++i) {
        const StageEndpoint& handset = endpoints[i];
        if (handset.parentFd < 0 || handset.phase != StageEndpoint::Phase::Connected || answered[i])
            continue;
        const auto callers = farEnds.of(i);
        for (const int j : callers)
            state.lines.append({j, int(i), false, true});
        // The caller is a program outside SocketScope.
        endpoints[i].outsidePeer = callers.isEmpty() && !handset.datagram;
    }
    // socketpair(): two ends connected from birth, neither dialled, known by their inodes.
    for (qsizetype i = 0; i < endpoints.size(); ++i) {
        const StageEndpoint& end = endpoints[i];
        if (end.parentFd >= 0 || end.peer.isValid() || end.inode == 0 || end.peerInode == 0 ||
            end.phase != StageEndpoint::Phase::Connected)
            continue;
        for (const int j : farEnds.of(i)) {
            const StageEndpoint& other = endpoints[j];
            if (j > i && other.inode == end.peerInode && other.peerInode == end.inode &&
                other.phase == StageEndpoint::Phase::Connected) {
                state.lines.append({int(i), j, false, false});
                break;
            }
        }
    }
}

} // namespace SocketScope
