#include "stageprojector.h"

#include <algorithm>

namespace SocketScope::StageProjection {

namespace {

void insertSorted(QList<int>& list, int index)
{
    list.insert(std::lower_bound(list.begin(), list.end(), index) - list.begin(), index);
}

void removeSorted(QList<int>& list, int index)
{
    const auto found = std::lower_bound(list.begin(), list.end(), index);
    if (found != list.end() && *found == index)
        list.erase(found);
}

} // namespace

// A new socket (socket < 0), or another descriptor of an existing one.
int Projector::append(const StageEndpoint& endpoint, int socket)
{
    const int index = int(state.endpoints.size());
    state.endpoints.append(endpoint);
    m_socketOf.append(socket >= 0 ? socket : index);
    m_descriptorsOf[m_socketOf.constLast()].append(index);
    if (endpoint.phase != StageEndpoint::Phase::Closed)
        m_openOf[endpoint.actor].append(index);
    return index;
}

// Unread bytes are drawn on every open descriptor of their socket, and nowhere else.
void Projector::showUnread(int socket)
{
    for (const int i : m_descriptorsOf.value(socket)) {
        StageEndpoint& endpoint = state.endpoints[i];
        endpoint.unread =
            endpoint.phase == StageEndpoint::Phase::Closed ? StreamBytes() : m_unread.value(socket);
    }
}

void Projector::deliverBytes(int index, const StreamBytes& bytes)
{
    const int socket = m_socketOf[index];
    qsizetype& ahead = m_bytesReadAhead[socket];
    const qsizetype skipped = qsizetype(qMin<qint64>(ahead, bytes.size()));
    ahead -= skipped;
    StreamBytes rest = bytes;
    rest.removeFront(skipped);
    m_unread[socket].append(rest);
    showUnread(socket);
}

void Projector::consumeBytes(int index, qsizetype count)
{
    const int socket = m_socketOf[index];
    StreamBytes& unread = m_unread[socket];
    const qsizetype taken = qsizetype(qMin<qint64>(count, unread.size()));
    unread.removeFront(taken);
    m_bytesReadAhead[socket] += count - taken;
    showUnread(socket);
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

// Threads share one descriptor table: a descriptor is found whichever thread's column it is
// drawn in; a forked child has its own copies.
int Projector::indexOfOpen(const QString& actor, int fd) const
{
    const QList<int> open = openSharingTable(actor);
    for (auto it = open.crbegin(); it != open.crend(); ++it) {
        if (state.endpoints[*it].fd == fd)
            return *it;
    }
    return -1;
}

QList<int> Projector::openSharingTable(const QString& actor) const
{
    if (!threads.anyThreads())
        return m_openOf.value(actor);
    QList<int> open;
    for (auto it = m_openOf.cbegin(); it != m_openOf.cend(); ++it) {
        if (threads.shareTable(it.key(), actor))
            open.append(*it);
    }
    std::sort(open.begin(), open.end());
    return open;
}

// A connected socket is drawn in the column of the thread that works with it now: accepted
// by the main thread, served by the thread it was handed to. A listening socket stays where
// it was made: one socket, however many threads share it.
void Projector::drawWith(int index, const QString& actor)
{
    StageEndpoint& endpoint = state.endpoints[index];
    if (endpoint.phase == StageEndpoint::Phase::Listening || endpoint.actor == actor)
        return;
    if (endpoint.phase != StageEndpoint::Phase::Closed) {
        removeSorted(m_openOf[endpoint.actor], index);
        insertSorted(m_openOf[actor], index);
    }
    endpoint.actor = actor;
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
    // A socketpair() end has no address, only its peer's inode.
    if ((!self.peer.isValid() && self.peerInode == 0) || self.datagram)
        return -1;
    for (qsizetype i = 0; i < state.endpoints.size(); ++i) {
        const StageEndpoint& other = state.endpoints[i];
        if (i != index && !other.datagram && isFarEnd(self, other) &&
            other.phase != StageEndpoint::Phase::Closed)
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

// The child process starts with a copy of the parent's descriptor table: the same sockets,
// reachable from both until one of them closes its copy.
void Projector::copyToChild(const CallEvent& event)
{
    for (const int i : openSharingTable(event.actor)) {
        StageEndpoint copy = state.endpoints[i];
        copy.actor = event.childActor;
        copy.waitingCall.reset();
        append(copy, m_socketOf[i]);
    }
}

// dup(), dup2(), dup3(), fcntl(F_DUPFD): another descriptor of the same socket in the same
// process, drawn beside it. dup2() and dup3() first close what was at the new number.
void Projector::addDuplicate(const CallEvent& event)
{
    const int to = event.resultFd();
    if (to < 0 || to == event.fd())
        return;
    if (const int replaced = indexOfOpen(event.actor, to); replaced >= 0)
        release(replaced);
    const int from = indexOfOpen(event.actor, event.fd());
    if (from < 0)
        return; // a descriptor that is not a socket put over one
    StageEndpoint copy = state.endpoints[from];
    copy.fd = to;
    copy.waitingCall.reset();
    copy.failedCall.reset();
    copy.mailbox.clear(); // letters wait once, on the socket's first descriptor
    state.last.from = from;
    state.last.to = append(copy, m_socketOf[from]);
}

// exit_group(): the kernel closes every descriptor of the process, its threads' included.
bool Projector::endProcess(const QString& actor)
{
    const QList<int> open = openSharingTable(actor);
    for (const int i : open)
        release(i);
    return !open.isEmpty();
}

// exec: the kernel closed these descriptors of the process (SOCK_CLOEXEC, FD_CLOEXEC); the
// others live on in the new program.
void Projector::closeOnExec(const QString& actor, const QList<int>& fds)
{
    for (const int i : openSharingTable(actor)) {
        if (fds.contains(state.endpoints[i].fd))
            release(i);
    }
}

// close(), or a dup2() over it: this descriptor is gone; its socket lives on in any other.
void Projector::release(int index)
{
    StageEndpoint& endpoint = state.endpoints[index];
    if (endpoint.phase != StageEndpoint::Phase::Closed)
        removeSorted(m_openOf[endpoint.actor], index);
    endpoint.phase = StageEndpoint::Phase::Closed;
    endpoint.tcpState.reset();
    endpoint.mailbox.clear();
    endpoint.unread.clear();
}

} // namespace SocketScope::StageProjection
