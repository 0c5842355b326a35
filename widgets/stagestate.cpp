#include "stagestate.h"

#include "calls/messagebytes.h"
#include "stagelines.h"
#include "stageprojector.h"

#include <algorithm>
#include <sys/socket.h>

namespace SocketScope {

namespace StageProjection {

namespace {

// The calls that give another descriptor of the socket they act on.
bool duplicates(const CallEvent& event)
{
    switch (event.call) {
    case Call::Dup:
    case Call::Dup2:
    case Call::Dup3:
        return true;
    case Call::Fcntl: // F_DUPFD: a new descriptor
        return event.resultFd() != event.fd();
    default:
        return false;
    }
}

} // namespace

void Projector::recordFailure(const CallEvent& event)
{
    StageEndpoint* endpoint = open(event.actor, event.fd());
    state.last.kind = StageExchange::Kind::Failure;
    state.last.from = indexOfOpen(event.actor, event.fd());
    if (!endpoint)
        return;
    endpoint->failedCall = event.call;
    endpoint->failureKind = event.cancelled       ? StageEndpoint::FailureKind::Cancelled
                            : event.neverReturned ? StageEndpoint::FailureKind::NeverReturned
                                                  : StageEndpoint::FailureKind::Errno;
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
    state.last.from = append(endpoint);
}

// socketpair(): two ends already connected to each other, in the process that made them.
void Projector::addSocketPair(const CallEvent& event)
{
    if (event.failed() || event.results.fds.size() != 2)
        return;
    StageEndpoint end;
    end.actor = event.actor;
    end.family = event.family;
    end.datagram = event.socketType == SOCK_DGRAM;
    end.phase = StageEndpoint::Phase::Connected;
    end.fd = event.results.fds[0];
    end.inode = event.after.inode;
    end.peerInode = event.after.peerInode;
    end.tuple = event.tuple;
    state.last.from = append(end);
    end.fd = event.results.fds[1];
    std::swap(end.inode, end.peerInode);
    end.tuple = {};
    state.last.to = append(end);
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
    handset.inode = event.after.inode;
    handset.peerInode = event.after.peerInode;
    handset.peerPid = event.after.peerPid;
    handset.peerCommand = event.after.peerCommand;
    handset.unread =
        m_awaitingHandset.take(connectionKey(handset.local, handset.peer, handset.peerInode));
    // Without sock_diag (no peer inode) an AF_UNIX caller is known by its addresses alone.
    if (handset.unread.isEmpty() && handset.peerInode == 0) {
        for (auto it = m_awaitingHandset.begin(); it != m_awaitingHandset.end(); ++it) {
            if (it.key().local == handset.local.unmapped() &&
                it.key().peer == handset.peer.unmapped()) {
                handset.unread = it.value();
                m_awaitingHandset.erase(it);
                break;
            }
        }
    }
    handset.tuple = event.tuple;
    const int index = append(handset);
    m_unread.insert(m_socketOf[index], handset.unread);
    state.last.kind = StageExchange::Kind::PickUp;
    state.last.from = indexOfOpen(event.actor, event.fd());
    state.last.to = index;
}

void Projector::send(int index, const CallEvent& event)
{
    StageEndpoint& endpoint = state.endpoints[index];
    const QByteArray kept = event.transferred();
    const StreamBytes sent(kept, event.transferredCount() - kept.size());
    if (!endpoint.datagram) {
        const int peer = streamPeerOf(index);
        if (peer >= 0)
            deliverBytes(peer, sent);
        else
            m_awaitingHandset[connectionKey(endpoint.peer, endpoint.local, endpoint.inode)].append(
                sent);
        state.last = {StageExchange::Kind::Speech, index, peer, event.arguments.payload,
                      event.bytesNotKept,          {}};
        return;
    }
    // sendmmsg posts one letter a message that went.
    const auto letters = event.call == Call::SendMmsg
                             ? event.arguments.messages
                             : QList<MultiMessage>{{event.arguments.address, 0, {}, 0}};
    for (const MultiMessage& message : letters) {
        const SocketAddress destination =
            message.address.isValid() ? message.address : endpoint.peer;
        const QByteArray bytes =
            event.call == Call::SendMmsg ? messageBytes(message) : event.arguments.payload;
        const int box = mailboxAt(destination);
        if (box >= 0)
            deliverLetter(box, {bytes, endpoint.local, destination});
        state.last = {StageExchange::Kind::Posted, index,      box, bytes,
                      event.bytesNotKept,          destination};
    }
}

void Projector::receive(int index, const CallEvent& event)
{
    StageEndpoint& endpoint = state.endpoints[index];
    const bool peeks = event.arguments.flags & MSG_PEEK;
    if (endpoint.datagram) {
        // recvmmsg takes one letter a message it received.
        const qint64 letters = event.call == Call::RecvMmsg ? event.ret : 1;
        for (qint64 i = 0; i < letters && !peeks; ++i)
            collectLetter(index);
        state.last = {
            StageExchange::Kind::Collected, index, -1, event.results.data, event.bytesNotKept,
            event.results.returnedAddress};
        state.last.senderPid = event.after.peerPid;
        state.last.senderCommand = event.after.peerCommand;
        return;
    }
    // recvmmsg returns how many messages came: the bytes are their lengths'.
    const qint64 bytes = event.call == Call::RecvMmsg ? event.transferredCount() : event.ret;
    if (bytes == 0)
        endpoint.peerHungUp = true;
    if (!peeks)
        consumeBytes(index, qsizetype(bytes));
    state.last = {StageExchange::Kind::Heard, streamPeerOf(index), index,
                  event.results.data,         event.bytesNotKept,  {}};
}

void Projector::applyOnDescriptor(const CallEvent& event, bool dialling)
{
    const int index = indexOfOpen(event.actor, event.fd());
    if (index < 0)
        return; // a call on a descriptor that is not a socket of the scenario
    drawWith(index, event.actor);
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
        endpoint.failureKind = StageEndpoint::FailureKind::Errno;
        endpoint.failure = {};
        endpoint.failedTarget = {};
    }
    if (event.after.local.isValid())
        endpoint.local = event.after.local;
    if (event.after.peer.isValid())
        endpoint.peer = event.after.peer;
    // A letter's sender is the letter's, not the mailbox's peer.
    if (event.after.peerPid && event.after.peer.isValid()) {
        endpoint.peerPid = event.after.peerPid;
        endpoint.peerCommand = event.after.peerCommand;
    }
    if (event.after.tcpState)
        endpoint.tcpState = event.after.tcpState;
    if (event.after.inode) {
        // A stream's peer never changes: when it has closed by the time the state is read
        // (sock_diag then names none), it is still the end the call's bytes went to.
        if (event.after.peerInode || endpoint.datagram || endpoint.inode != event.after.inode)
            endpoint.peerInode = event.after.peerInode;
        endpoint.inode = event.after.inode;
    }
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
        release(index);
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
    case Call::EpollCreate:
    case Call::EpollCreate1:
    case Call::EpollCtl:
    case Call::EpollWait:
    case Call::EpollPwait:
    case Call::GetAddrInfo:
    case Call::GetNameInfo:
    case Call::Fork:
    case Call::Vfork:
    case Call::Clone:
    case Call::Clone3:
    case Call::Execve:
    case Call::ExitGroup:
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
    if (event.call == Call::Socketpair) {
        addSocketPair(event);
        return;
    }
    threads.follow(event);
    if (Calls::has(event.call, CallTrait::EndsProcess)) {
        if (endProcess(event.actor))
            state.last.kind = StageExchange::Kind::HangUp;
        return;
    }
    if (Calls::has(event.call, CallTrait::StartsActor)) {
        // A thread shares the process's descriptors, it gets no copies.
        if (startsActor(event) && !threads.shareTable(event.childActor, event.actor))
            copyToChild(event);
        return;
    }
    // A non-blocking connect() returns EINPROGRESS, an interrupted one EINTR in SYN_SENT: the
    // kernel dials on.
    const bool dialling = event.call == Call::Connect &&
                          (event.error == EINPROGRESS ||
                           (event.error == EINTR && event.after.tcpState == TcpState::SynSent));
    if (event.failed() && !dialling) {
        recordFailure(event);
        return;
    }
    if (event.call == Call::Accept || event.call == Call::Accept4) {
        addHandset(event);
        return;
    }
    if (duplicates(event)) {
        addDuplicate(event);
        return;
    }
    applyOnDescriptor(event, dialling);
}

// Drawn with the call before it: what that call did stays the last exchange shown.
void Projector::apply(const ProcessEnd& end)
{
    state.timeNs = std::max(state.timeNs, end.tNs);
    if (end.exec)
        closeOnExec(end.actor, end.closed);
    else
        endProcess(end.actor);
}

void Projector::markWaiting(const QString& actor, int fd, Call call, qint64 sinceNs)
{
    const int index = indexOfOpen(actor, fd);
    if (index < 0)
        return;
    drawWith(index, actor);
    state.endpoints[index].waitingCall = call;
    state.endpoints[index].waitingSinceNs = sinceNs;
}

} // namespace StageProjection

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

bool sameSocketAddress(const SocketAddress& a, const SocketAddress& b)
{
    return a.isValid() && a.unmapped() == b.unmapped();
}

bool isFarEnd(const StageEndpoint& self, const StageEndpoint& other)
{
    // A caller's peer has no inode until accept() gives it a socket: ask the other way too.
    if (self.peerInode && other.inode)
        return self.peerInode == other.inode;
    if (other.peerInode && self.inode)
        return other.peerInode == self.inode;
    return sameSocketAddress(other.local, self.peer) && sameSocketAddress(other.peer, self.local);
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

namespace StageProjection {

void advance(Projector& projector, const QList<CallEvent>& calls, int from, int to,
             const QList<ProcessEnd>& processEnds, qsizetype& endsApplied)
{
    const auto endProcessesUpTo = [&](int returned) {
        for (;
             endsApplied < processEnds.size() && processEnds[endsApplied].callsReturned <= returned;
             ++endsApplied)
            projector.apply(processEnds[endsApplied]);
    };
    for (int i = from; i < to; ++i) {
        endProcessesUpTo(i);
        projector.apply(calls[i]);
    }
    endProcessesUpTo(to);
}

StageState finish(Projector projector, const QList<CallEvent>& calls, int applied,
                  const QList<CallStart>& inProgress, qint64 nowNs)
{
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
    deriveLines(state);
    return std::move(state);
}

} // namespace StageProjection

StageState projectStage(const QList<CallEvent>& calls, int cursor,
                        const QList<CallStart>& inProgress, qint64 nowNs,
                        const QList<ProcessEnd>& processEnds)
{
    StageProjection::Projector projector;
    const int applied = int(std::clamp<qsizetype>(cursor, 0, calls.size()));
    qsizetype endsApplied = 0;
    StageProjection::advance(projector, calls, 0, applied, processEnds, endsApplied);
    return StageProjection::finish(std::move(projector), calls, applied, inProgress, nowNs);
}

} // namespace SocketScope
