#include "stagestate.h"

#include "calls/callkinds.h"
#include "calls/socketaddress.h"

#include <algorithm>
#include <sys/socket.h>

namespace SocketScope {

namespace {

// The number after the descriptor in strace's rendering: listen(3, 5) -> 5.
int secondArgument(const QString& args)
{
    return args.section(QStringLiteral(", "), 1, 1).toInt();
}

class Projector {
public:
    StageState state;
    ThreadGroups threads;

    void apply(const CallEvent& event);
    void markWaiting(const QString& actor, int fd, const QString& call, qint64 sinceNs);
    void deriveLines();

private:
    StageEndpoint* open(const QString& actor, int fd);
    int indexOfOpen(const QString& actor, int fd) const;
    int streamPeerOf(int index) const;
    int mailboxAt(const QString& address) const;
    void recordFailure(const CallEvent& event);
    void deliverBytes(int index, const QByteArray& bytes);
    void consumeBytes(int index, qsizetype count);
    void deliverLetter(int index, const StageLetter& letter);
    void collectLetter(int index);

    // The log is in the order calls returned, thread by thread: the read a write woke up may
    // be logged before that write. What was taken before it was logged is counted here.
    QHash<int, qsizetype> m_bytesReadAhead;
    QHash<int, int> m_lettersTakenAhead;
    // Bytes sent on a connection nobody has accepted yet (the caller waits in the queue, or
    // the accept was logged after the write): "local|peer" of the handset to come.
    QHash<QString, QByteArray> m_awaitingHandset;
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
    if (self.peer.isEmpty() || self.datagram)
        return -1;
    for (qsizetype i = 0; i < state.endpoints.size(); ++i) {
        const StageEndpoint& other = state.endpoints[i];
        if (i != index && !other.datagram && other.local == self.peer && other.peer == self.local &&
            other.phase != StageEndpoint::Phase::Closed)
            return int(i);
    }
    return -1;
}

int Projector::mailboxAt(const QString& address) const
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
    StageEndpoint* endpoint = open(event.actor, event.fd);
    state.last.kind = StageExchange::Kind::Failure;
    state.last.from = indexOfOpen(event.actor, event.fd);
    if (!endpoint)
        return;
    endpoint->failedCall = event.call;
    endpoint->errnoName = event.cancelled ? QStringLiteral("cancelled") : event.errnoName;
    endpoint->errnoExplanation = event.errnoExplanation;
    endpoint->failedTarget = event.address.isValid() ? event.address.endpoint() : QString();
}

void Projector::apply(const CallEvent& event)
{
    state.last = StageExchange{};
    state.lastSeq = event.seq;
    state.timeNs = event.tNs + event.durationNs;
    const QString& call = event.call;

    if (call == QLatin1String("socket")) {
        if (event.ret < 0)
            return; // no telephone was installed
        StageEndpoint endpoint;
        endpoint.actor = event.actor;
        endpoint.fd = int(event.ret);
        endpoint.family = event.family;
        endpoint.datagram = event.socketType == SOCK_DGRAM;
        endpoint.tuple = event.tuple;
        state.endpoints.append(endpoint);
        state.last.from = int(state.endpoints.size() - 1);
        return;
    }
    threads.follow(event);
    if (call == QLatin1String("close") && event.ret == 0) {
        // Threads share one descriptor table: one thread's close closes it for all.
        for (StageEndpoint& other : state.endpoints) {
            if (other.fd == event.fd && other.actor != event.actor &&
                threads.shareTable(other.actor, event.actor) &&
                other.phase != StageEndpoint::Phase::Closed) {
                other.phase = StageEndpoint::Phase::Closed;
                other.tcpState.clear();
            }
        }
    }
    if (call == QLatin1String("fork") || call == QLatin1String("pthread_create")) {
        if (!CallKinds::startsActor(event))
            return;
        // The child process starts with a copy of the parent's descriptor table: the same
        // sockets, reachable from both until one of them closes its copy.
        const qsizetype count = state.endpoints.size();
        for (qsizetype i = 0; i < count; ++i) {
            StageEndpoint copy = state.endpoints[i];
            if (copy.actor != event.actor || copy.phase == StageEndpoint::Phase::Closed)
                continue;
            copy.actor = event.childActor;
            copy.waitingCall.clear();
            state.endpoints.append(copy);
        }
        return;
    }
    // A non-blocking connect() returns EINPROGRESS: not a failure, the kernel dials on.
    const bool dialling =
        call == QLatin1String("connect") && event.errnoName == QLatin1String("EINPROGRESS");
    if (event.failed() && !dialling) {
        recordFailure(event);
        return;
    }
    if (call.startsWith(QLatin1String("accept"))) {
        StageEndpoint handset;
        handset.actor = event.actor;
        handset.fd = int(event.ret);
        handset.family = event.family;
        handset.phase = StageEndpoint::Phase::Connected;
        handset.parentFd = event.fd;
        handset.local = event.local;
        handset.peer = event.peer;
        handset.tcpState = event.tcpState;
        handset.unread = m_awaitingHandset.take(handset.local + QLatin1Char('|') + handset.peer);
        handset.tuple = event.tuple;
        state.endpoints.append(handset);
        state.last.kind = StageExchange::Kind::PickUp;
        state.last.from = indexOfOpen(event.actor, event.fd);
        state.last.to = int(state.endpoints.size() - 1);
        return;
    }

    const int index = indexOfOpen(event.actor, event.fd);
    if (index < 0)
        return; // a call on a descriptor that is not a socket of the scenario
    StageEndpoint& endpoint = state.endpoints[index];
    endpoint.tuple = event.tuple;
    if (endpoint.waitingCall == QLatin1String("connect") &&
        event.tcpState == QLatin1String("ESTABLISHED")) {
        endpoint.waitingCall.clear(); // the background connect() got through
        endpoint.phase = StageEndpoint::Phase::Connected;
    }
    // A failure stays drawn until a later call on the same descriptor succeeds; hanging up
    // does not erase why the call failed.
    if (call != QLatin1String("close")) {
        endpoint.failedCall.clear();
        endpoint.errnoName.clear();
        endpoint.errnoExplanation.clear();
        endpoint.failedTarget.clear();
    }
    if (!event.local.isEmpty())
        endpoint.local = event.local;
    if (!event.peer.isEmpty())
        endpoint.peer = event.peer;
    if (!event.tcpState.isEmpty())
        endpoint.tcpState = event.tcpState;
    state.last.from = index;

    if (call == QLatin1String("bind")) {
        endpoint.phase = StageEndpoint::Phase::Bound;
        if (endpoint.local.isEmpty() && event.address.port() != 0)
            endpoint.local = event.address.endpoint();
    } else if (call == QLatin1String("listen")) {
        endpoint.phase = StageEndpoint::Phase::Listening;
        endpoint.backlog = secondArgument(event.args);
    } else if (call == QLatin1String("connect")) {
        if (endpoint.peer.isEmpty())
            endpoint.peer = event.address.endpoint();
        state.last.kind = StageExchange::Kind::Dial;
        if (dialling && event.tcpState != QLatin1String("ESTABLISHED")) {
            endpoint.waitingCall = call; // "dialling…" until a later call finds it connected
            endpoint.waitingSinceNs = event.tNs;
        } else {
            endpoint.phase = StageEndpoint::Phase::Connected;
        }
    } else if (!endpoint.datagram &&
               (call == QLatin1String("write") || call == QLatin1String("send") ||
                call == QLatin1String("sendto"))) {
        const int peer = streamPeerOf(index);
        const QByteArray sent = event.data.left(qMax<qint64>(event.ret, 0));
        if (peer >= 0)
            deliverBytes(peer, sent);
        else
            m_awaitingHandset[endpoint.peer + QLatin1Char('|') + endpoint.local] += sent;
        state.last = {StageExchange::Kind::Speech, index, peer, event.data, {}};
    } else if (call == QLatin1String("sendto") || call == QLatin1String("send") ||
               call == QLatin1String("write")) {
        const QString destination =
            event.address.isValid() ? event.address.endpoint() : endpoint.peer;
        const int box = mailboxAt(destination);
        if (box >= 0)
            deliverLetter(box, {event.data, endpoint.local, destination});
        state.last = {StageExchange::Kind::Posted, index, box, event.data, destination};
    } else if (endpoint.datagram &&
               (call == QLatin1String("recvfrom") || call == QLatin1String("recv") ||
                call == QLatin1String("read"))) {
        if (!event.args.contains(QLatin1String("MSG_PEEK")))
            collectLetter(index);
        state.last = {StageExchange::Kind::Collected, index, -1, event.data,
                      event.returnedAddress.endpoint()};
    } else if (call == QLatin1String("read") || call == QLatin1String("recv") ||
               call == QLatin1String("recvfrom")) {
        if (event.ret == 0)
            endpoint.peerHungUp = true;
        if (!event.args.contains(QLatin1String("MSG_PEEK")))
            consumeBytes(index, qsizetype(event.ret));
        state.last = {StageExchange::Kind::Heard, streamPeerOf(index), index, event.data, {}};
    } else if (call == QLatin1String("shutdown")) {
        const QString how = event.args.section(QStringLiteral(", "), 1, 1);
        endpoint.readShut |= how != QLatin1String("SHUT_WR");
        endpoint.writeShut |= how != QLatin1String("SHUT_RD");
        state.last.kind = StageExchange::Kind::HangUp;
    } else if (call == QLatin1String("close")) {
        endpoint.phase = StageEndpoint::Phase::Closed;
        endpoint.tcpState.clear();
        endpoint.mailbox.clear();
        endpoint.unread.clear();
        state.last.kind = StageExchange::Kind::HangUp;
    }
}

void Projector::markWaiting(const QString& actor, int fd, const QString& call, qint64 sinceNs)
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
        if (caller.datagram || caller.parentFd >= 0 || caller.peer.isEmpty() ||
            caller.phase != StageEndpoint::Phase::Connected)
            continue;
        int handset = -1;
        for (qsizetype j = 0; j < endpoints.size(); ++j) {
            if (j != i && !endpoints[j].datagram && endpoints[j].local == caller.peer &&
                endpoints[j].peer == caller.local && endpoints[j].parentFd >= 0)
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
            if (j != i && endpoints[j].local == handset.peer && endpoints[j].peer == handset.local)
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

bool endpointsMatch(const QString& bound, const QString& target)
{
    if (bound.isEmpty() || target.isEmpty())
        return false;
    if (bound == target)
        return true;
    const auto a = SocketAddress::fromEndpoint(bound);
    const auto b = SocketAddress::fromEndpoint(target);
    return a && b && a->port() == b->port() && a->port() != 0 &&
           (a->isWildcard() || a->host() == b->host());
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
                projector.markWaiting(calls[i].actor, calls[i].fd, calls[i].call, calls[i].tNs);
        }
    }
    projector.deriveLines();
    return state;
}

} // namespace SocketScope
