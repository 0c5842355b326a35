#include "stagelines.h"

namespace SocketScope {

void deriveLines(StageState& state)
{
    QList<StageEndpoint>& endpoints = state.endpoints;
    for (qsizetype i = 0; i < endpoints.size(); ++i) {
        const StageEndpoint& caller = endpoints[i];
        // A line is drawn once, from the side that dialled (it has no parent listener).
        if (caller.datagram || caller.parentFd >= 0 || !caller.peer.isValid() ||
            caller.phase != StageEndpoint::Phase::Connected)
            continue;
        int handset = -1;
        for (qsizetype j = 0; j < endpoints.size(); ++j) {
            if (j != i && !endpoints[j].datagram && isFarEnd(caller, endpoints[j]) &&
                endpoints[j].parentFd >= 0)
                handset = int(j);
        }
        if (handset >= 0) {
            const bool closed = endpoints[handset].phase == StageEndpoint::Phase::Closed;
            state.lines.append({int(i), handset, false, closed || caller.peerHungUp});
            continue;
        }
        bool queued = false;
        for (qsizetype j = 0; j < endpoints.size() && !queued; ++j) {
            StageEndpoint& listener = endpoints[j];
            if (listener.phase == StageEndpoint::Phase::Listening &&
                endpointsMatch(listener.local, caller.peer)) {
                ++listener.queuedCallers;
                state.lines.append({int(i), int(j), true, false});
                queued = true;
            }
        }
        // Nobody on this stage answered: a program outside SocketScope did.
        endpoints[i].outsidePeer = !queued;
    }
    // The other side of a line whose caller hung up still shows where the call came from.
    for (qsizetype i = 0; i < endpoints.size(); ++i) {
        const StageEndpoint& handset = endpoints[i];
        if (handset.parentFd < 0 || handset.phase != StageEndpoint::Phase::Connected)
            continue;
        bool drawn = false;
        for (const StageLine& line : std::as_const(state.lines))
            drawn |= line.to == i;
        if (drawn)
            continue;
        bool found = false;
        for (qsizetype j = 0; j < endpoints.size(); ++j) {
            if (j != i && isFarEnd(handset, endpoints[j])) {
                state.lines.append({int(j), int(i), false, true});
                found = true;
            }
        }
        // The caller is a program outside SocketScope.
        endpoints[i].outsidePeer = !found && !handset.datagram;
    }
    // socketpair(): two ends connected from birth, neither dialled, known by their inodes.
    for (qsizetype i = 0; i < endpoints.size(); ++i) {
        const StageEndpoint& end = endpoints[i];
        if (end.parentFd >= 0 || end.peer.isValid() || end.inode == 0 || end.peerInode == 0 ||
            end.phase != StageEndpoint::Phase::Connected)
            continue;
        for (qsizetype j = i + 1; j < endpoints.size(); ++j) {
            const StageEndpoint& other = endpoints[j];
            if (other.inode == end.peerInode && other.peerInode == end.inode &&
                other.phase == StageEndpoint::Phase::Connected) {
                state.lines.append({int(i), int(j), false, false});
                break;
            }
        }
    }
}

} // namespace SocketScope
