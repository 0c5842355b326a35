#include "stagestate.h"

#include "calls/threadgroups.h"

#include <algorithm>
#include <sys/socket.h>

namespace SocketScope {

namespace {

// Both ends of a connection name the same address, an IPv4-mapped one as the IPv4 it is.
bool sameAddress(const SocketAddress& a, const SocketAddress& b)
{
    return a.isValid() && a.unmapped() == b.unmapped();
}

using Connection = std::pair<SocketAddress, SocketAddress>; // local, peer

Connection connectionKey(const SocketAddress& local, const SocketAddress& peer)
{
    return {local.unmapped(), peer.unmapped()};
}

class Projector {
public:
    StageState state;
    ThreadGroups threads;

    void apply(const CallEvent& event);
    void markWaiting(const QString& actor, int fd, Call call, qint64 sinceNs);
    void deriveLines();

private:
    StageEndpoint* open(const QString& actor, int fd);
    int indexOfOpen(const QString& actor, int fd) const;
    int streamPeerOf(int index) const;
    int mailboxAt(const SocketAddress& address) const;
    void recordFailure(const CallEvent& event);
    void deliverBytes(int index, const QByteArray& bytes);
    void consumeBytes(int index, qsizetype count);
    void deliverLetter(int index, const StageLetter& letter);
    void collectLetter(int index);
    void addSocket(const CallEvent& event);
    void addHandset(const CallEvent& event);
    void closeInOtherThreads(const CallEvent& event);
    void copyToChild(const CallEvent& event);
    void applyOnDescriptor(const CallEvent& event, bool dialling);
    void send(int index, const CallEvent& event);
    void receive(int index, const CallEvent& event);

    // The log is in the order calls returned, thread by thread: the read a write woke up may
    // be logged before that write. What was taken before it was logged is counted here.
    QHash<int, qsizetype> m_bytesReadAhead;
    QHash<int, int> m_lettersTakenAhead;
    // Bytes sent on a connection nobody has accepted yet (the caller waits in the queue, or
    // the accept was logged after the write): by the handset to come's (local, peer).
    QHash<Connection, QByteArray> m_awaitingHandset;
};

void Projector::deliverBytes(int index, const QByteArray& bytes)
{
    qsizetype& ahead = m_bytesReadAhead[index];
    const qsizetype skipped = qMin(ahead, bytes.size());
    ahead -= skipped;
    state.endpoints[index].unread += bytes.mid(skipped);
}

void Projector::consumeBytes(int index, qsizetype count)
{
    QByteArray& unread = state.endpoints[index].unread;
    const qsizetype taken = qMin(count, unread.size());
    unread.remove(0, taken);
    m_bytesReadAhead[index] += count - taken;
}

void Projector::deliverLetter(int index, const StageLetter& letter)
{
    int& ahead = m_lettersTakenAhead[index];
    if (ahead > 0)
        --ahead;
    else
        state.endpoints[index].mailbox.append(letter);
}

void Projector::collectLetter(int index)
{
    QList<StageLetter>& mailbox = state.endpoints[index].mailbox;
    if (mailbox.isEmpty())
        ++m_lettersTakenAhead[index];
    else
        mailbox.removeFirst();
}

int Projector::indexOfOpen(const QString& actor, int fd) const
{
    for (qsizetype i = state.endpoints.size() - 1; i >= 0; --i) {
        const StageEndpoint& endpoint = state.endpoints[i];
        if (endpoint.actor == actor && endpoint.fd == fd &&
            endpoint.phase != StageEndpoint::Phase::Closed)
            return int(i);
    }
    return -1;
}

StageEndpoint* Projector::open(const QString& actor, int fd)
{
    const int index = indexOfOpen(actor, fd);
    return index >= 0 ? &state.endpoints[index] : nullptr;
}

// The connected descriptor at the other end of a TCP connection (any actor).
int Projector::streamPeerOf(int index) const
{
    const StageEndpoint& self = state.endpoints[index];
    if (!self.peer.isValid() || self.datagram)
        return -1;
    for (qsizetype i = 0; i < state.endpoints.size(); ++i) {
        const StageEndpoint& other = state.endpoints[i];
        if (i != index && !other.datagram && sameAddress(other.local, self.peer) &&
            sameAddress(other.peer, self.local) && other.phase != StageEndpoint::Phase::Closed)
            return int(i);
    }
    return -1;
}

int Projector::mailboxAt(const SocketAddress& address) const
{
    for (qsizetype i = 0; i < state.endpoints.size(); ++i) {
        const StageEndpoint& other = state.endpoints[i];
        if (other.datagram && other.phase != StageEndpoint::Phase::Closed &&
            endpointsMatch(other.local, address))
            return int(i);
    }
    return -1;
}

void Projector::recordFailure(const CallEvent& event)
{
    StageEndpoint* endpoint = open(event.actor, event.fd());
    state.last.kind = StageExchange::Kind::Failure;
    state.last.from = indexOfOpen(event.actor, event.fd());
    if (!endpoint)
        return;
    endpoint->failedCall = event.call;
    endpoint->failureCancelled = event.cancelled;
    endpoint->failure = event.errorInfo();
    endpoint->failedTarget = event.arguments.address;
}

void Projector::addSocket(const CallEvent& event)
{
    if (event.failed())
        return; // no telephone was installed
    StageEndpoint endpoint;
    endpoint.actor = event.actor;
    endpoint.fd = event.resultFd();
    endpoint.family = event.family;
    endpoint.datagram = event.socketType == SOCK_DGRAM;
    endpoint.tuple = event.tuple;
    state.endpoints.append(endpoint);
    state.last.from = int(state.endpoints.size() - 1);
}

void Projector::addHandset(const CallEvent& event)
{
    StageEndpoint handset;
    handset.actor = event.actor;
    handset.fd = event.resultFd();
    handset.family = event.family;
    handset.phase = StageEndpoint::Phase::Connected;
    handset.parentFd = event.fd();
    handset.local = event.after.local;
    handset.peer = event.after.peer;
    handset.tcpState = event.after.tcpState;
    handset.unread = m_awaitingHandset.take(connectionKey(handset.local, handset.peer));
    handset.tuple = event.tuple;
    state.endpoints.append(handset);
    state.last.kind = StageExchange::Kind::PickUp;
    state.last.from = indexOfOpen(event.actor, event.fd());
    state.last.to = int(state.endpoints.size() - 1);
}

// Threads share one descriptor table: one thread's close closes it for all.
void Projector::closeInOtherThreads(const CallEvent& event)
{
    for (StageEndpoint& other : state.endpoints) {
        if (other.fd == event.fd() && other.actor != event.actor &&
            threads.shareTable(other.actor, event.actor) &&
            other.phase != StageEndpoint::Phase::Closed) {
            other.phase = StageEndpoint::Phase::Closed;
            other.tcpState.reset();
        }
    }
}

// The child process starts with a copy of the parent's descriptor table: the same sockets,
// reachable from both until one of them closes its copy.
void Projector::copyToChild(const CallEvent& event)
{
    const qsizetype count = state.endpoints.size();
    for (qsizetype i = 0; i < count; ++i) {
        StageEndpoint copy = state.endpoints[i];
        if (copy.actor != event.actor || copy.phase == StageEndpoint::Phase::Closed)
            continue;
        copy.actor = event.childActor;
        copy.waitingCall.reset();
        state.endpoints.append(copy);
    }
}

void Projector::send(int index, const CallEvent& event)
{
    StageEndpoint& endpoint = state.endpoints[index];
    const QByteArray sent = event.transferred();
    if (!endpoint.datagram) {
        const int peer = streamPeerOf(index);
        if (peer >= 0)
            deliverBytes(peer, sent);
        else
            m_awaitingHandset[connectionKey(endpoint.peer, endpoint.local)] += sent;
        state.last = {StageExchange::Kind::Speech, index, peer, event.arguments.payload, {}};
        return;
    }
    const SocketAddress destination =
        event.arguments.address.isValid() ? event.arguments.address : endpoint.peer;
    const int box = mailboxAt(destination);
    if (box >= 0)
        deliverLetter(box, {event.arguments.payload, endpoint.local, destination});
    state.last = {StageExchange::Kind::Posted, index, box, event.arguments.payload, destination};
}

void Projector::receive(int index, const CallEvent& event)
{
    StageEndpoint& endpoint = state.endpoints[index];
    const bool peeks = event.arguments.flags & MSG_PEEK;
    if (endpoint.datagram) {
        if (!peeks)
            collectLetter(index);
        state.last = {StageExchange::Kind::Collected, index, -1, event.results.data,
                      event.results.returnedAddress};
        return;
    }
    if (event.ret == 0)
        endpoint.peerHungUp = true;
    if (!peeks)
        consumeBytes(index, qsizetype(event.ret));
    state.last = {StageExchange::Kind::Heard, streamPeerOf(index), index, event.results.data, {}};
}

void Projector::applyOnDescriptor(const CallEvent& event, bool dialling)
{
    const int index = indexOfOpen(event.actor, event.fd());
    if (index < 0)
        return; // a call on a descriptor that is not a socket of the scenario
    StageEndpoint& endpoint = state.endpoints[index];
    endpoint.tuple = event.tuple;
    if (endpoint.waitingCall == Call::Connect && event.after.tcpState == TcpState::Established) {
        endpoint.waitingCall.reset(); // the background connect() got through
        endpoint.phase = StageEndpoint::Phase::Connected;
    }
    const bool closes = Calls::has(event.call, CallTrait::ReleasesDescriptor);
    // A failure stays drawn until a later call on the same descriptor succeeds; hanging up
    // does not erase why the call failed.
    if (!closes) {
        endpoint.failedCall.reset();
        endpoint.failureCancelled = false;
        endpoint.failure = {};
        endpoint.failedTarget = {};
    }
    if (event.after.local.isValid())
        endpoint.local = event.after.local;
    if (event.after.peer.isValid())
        endpoint.peer = event.after.peer;
    if (event.after.tcpState)
        endpoint.tcpState = event.after.tcpState;
    state.last.from = index;

    if (Calls::has(event.call, CallTrait::SendsData)) {
        send(index, event);
        return;
    }
    if (Calls::has(event.call, CallTrait::ReceivesData)) {
        receive(index, event);
        return;
    }
    switch (event.call) {
    case Call::Bind:
        endpoint.phase = StageEndpoint::Phase::Bound;
        if (!endpoint.local.isValid() && event.arguments.address.port() != 0)
            endpoint.local = event.arguments.address;
        break;
    case Call::Listen:
        endpoint.phase = StageEndpoint::Phase::Listening;
        endpoint.backlog = event.arguments.backlog;
        break;
    case Call::Connect:
        if (!endpoint.peer.isValid())
            endpoint.peer = event.arguments.address;
        state.last.kind = StageExchange::Kind::Dial;
        if (dialling && event.after.tcpState != TcpState::Established) {
            endpoint.waitingCall = event.call; // "dialling…" until a later call finds it connected
            endpoint.waitingSinceNs = event.tNs;
        } else {
            endpoint.phase = StageEndpoint::Phase::Connected;
        }
        break;
    case Call::Shutdown:
        endpoint.readShut |= event.arguments.how != SHUT_WR;
        endpoint.writeShut |= event.arguments.how != SHUT_RD;
        state.last.kind = StageExchange::Kind::HangUp;
        break;
    case Call::Close:
        endpoint.phase = StageEndpoint::Phase::Closed;
        endpoint.tcpState.reset();
        endpoint.mailbox.clear();
        endpoint.unread.clear();
        state.last.kind = StageExchange::Kind::HangUp;
        break;
    case Call::Socket:
    case Call::Socketpair:
    case Call::Accept:
    case Call::Accept4:
    case Call::Dup:
    case Call::Dup2:
    case Call::Dup3:
    case Call::Fcntl:
    case Call::Ioctl:
    case Call::Read:
    case Call::Write:
    case Call::Readv:
    case Call::Writev:
    case Call::Send:
    case Call::Recv:
    case Call::SendTo:
    case Call::RecvFrom:
    case Call::SendMsg:
    case Call::RecvMsg:
    case Call::SendMmsg:
    case Call::RecvMmsg:
    case Call::GetSockName:
    case Call::GetPeerName:
    case Call::GetSockOpt:
    case Call::SetSockOpt:
    case Call::Select:
    case Call::PSelect6:
    case Call::Poll:
    case Call::PPoll:
    case Call::EpollCreate1:
    case Call::EpollCtl:
    case Call::EpollWait:
    case Call::GetAddrInfo:
    case Call::GetNameInfo:
    case Call::Fork:
    case Call::Vfork:
    case Call::Clone:
    case Call::Execve:
    case Call::PthreadCreate:
        break;
    }
}

void Projector::apply(const CallEvent& event)
{
    state.last = StageExchange{};
    state.lastSeq = event.seq;
    state.timeNs = event.tNs + event.durationNs;
    if (event.call == Call::Socket) {
        addSocket(event);
        return;
    }
    threads.follow(event);
    if (Calls::has(event.call, CallTrait::ReleasesDescriptor) && event.ret == 0)
        closeInOtherThreads(event);
    if (Calls::has(event.call, CallTrait::StartsActor)) {
        if (startsActor(event))
            copyToChild(event);
        return;
    }
    // A non-blocking connect() returns EINPROGRESS: not a failure, the kernel dials on.
    const bool dialling = event.call == Call::Connect && event.error == EINPROGRESS;
    if (event.failed() && !dialling) {
        recordFailure(event);
        return;
    }
    if (event.call == Call::Accept || event.call == Call::Accept4) {
        addHandset(event);
        return;
    }
    applyOnDescriptor(event, dialling);
}

void Projector::markWaiting(const QString& actor, int fd, Call call, qint64 sinceNs)
{
    if (StageEndpoint* endpoint = open(actor, fd)) {
        endpoint->waitingCall = call;
        endpoint->waitingSinceNs = sinceNs;
    }
}

void Projector::deriveLines()
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
            if (j != i && !endpoints[j].datagram && sameAddress(endpoints[j].local, caller.peer) &&
                sameAddress(endpoints[j].peer, caller.local) && endpoints[j].parentFd >= 0)
                handset = int(j);
        }
        if (handset >= 0) {
            const bool closed = endpoints[handset].phase == StageEndpoint::Phase::Closed;
            state.lines.append({int(i), handset, false, closed || caller.peerHungUp});
            continue;
        }
        for (qsizetype j = 0; j < endpoints.size(); ++j) {
            StageEndpoint& listener = endpoints[j];
            if (listener.phase == StageEndpoint::Phase::Listening &&
                endpointsMatch(listener.local, caller.peer)) {
                ++listener.queuedCallers;
                state.lines.append({int(i), int(j), true, false});
                break;
            }
        }
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
        for (qsizetype j = 0; j < endpoints.size(); ++j) {
            if (j != i && sameAddress(endpoints[j].local, handset.peer) &&
                sameAddress(endpoints[j].peer, handset.local))
                state.lines.append({int(j), int(i), false, true});
        }
    }
}

} // namespace

int StageState::indexOf(const QString& actor, int fd) const
{
    int newest = -1;
    for (qsizetype i = 0; i < endpoints.size(); ++i) {
        if (endpoints[i].actor != actor || endpoints[i].fd != fd)
            continue;
        newest = int(i);
        if (endpoints[i].phase != StageEndpoint::Phase::Closed)
            return int(i);
    }
    return newest;
}

bool endpointsMatch(const SocketAddress& bound, const SocketAddress& target)
{
    if (!bound.isValid() || !target.isValid())
        return false;
    const SocketAddress a = bound.unmapped();
    const SocketAddress b = target.unmapped();
    if (a == b)
        return true;
    return a.port() == b.port() && a.port() != 0 && (a.isWildcard() || a.host() == b.host());
}

StageState projectStage(const QList<CallEvent>& calls, int cursor,
                        const QList<CallStart>& inProgress, qint64 nowNs)
{
    Projector projector;
    const int applied = int(std::clamp<qsizetype>(cursor, 0, calls.size()));
    for (int i = 0; i < applied; ++i)
        projector.apply(calls[i]);
    StageState& state = projector.state;
    state.cursor = applied;
    if (applied == calls.size()) {
        for (const CallStart& start : inProgress) {
            if (start.blocked)
                projector.markWaiting(start.actor, start.fd, start.call, start.tNs);
        }
        if (nowNs > 0)
            state.timeNs = nowNs;
    } else {
        // In the past: what had started by then and returned later was still waiting.
        for (qsizetype i = applied; i < calls.size(); ++i) {
            if (calls[i].tNs < state.timeNs)
                projector.markWaiting(calls[i].actor, calls[i].fd(), calls[i].call, calls[i].tNs);
        }
    }
    projector.deriveLines();
    return state;
}

} // namespace SocketScope
