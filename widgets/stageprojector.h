#pragma once

// The stage's projection of the log, call by call (projectStage()): one class in two files,
// stagestate.cpp applies each call, stagedescriptors.cpp keeps the descriptors, their sockets
// and the bytes waiting on them. Internal to them.

#include "calls/threadgroups.h"
#include "stagestate.h"

#include <QHash>

namespace SocketScope::StageProjection {

// A connection as its accepted end will see it: local, peer and (AF_UNIX) the peer's inode.
struct Connection {
    SocketAddress local;
    SocketAddress peer;
    quint64 peerInode = 0;
    bool operator==(const Connection&) const = default;
};

inline size_t qHash(const Connection& connection, size_t seed = 0)
{
    return qHashMulti(seed, connection.local, connection.peer, connection.peerInode);
}

inline Connection connectionKey(const SocketAddress& local, const SocketAddress& peer,
                                quint64 peerInode)
{
    return {local.unmapped(), peer.unmapped(), peerInode};
}

class Projector {
public:
    StageState state;
    ThreadGroups threads;

    void apply(const CallEvent& event);
    // The kernel closed every descriptor the process still held.
    void apply(const ProcessEnd& end);
    void markWaiting(const QString& actor, int fd, Call call, qint64 sinceNs);

private:
    StageEndpoint* open(const QString& actor, int fd);
    int indexOfOpen(const QString& actor, int fd) const;
    // The open descriptors of the actor and of the threads that share its table, oldest first.
    QList<int> openSharingTable(const QString& actor) const;
    int streamPeerOf(int index) const;
    int mailboxAt(const SocketAddress& address) const;
    void recordFailure(const CallEvent& event);
    int append(const StageEndpoint& endpoint, int socket = -1);
    void showUnread(int socket);
    void deliverBytes(int index, const StreamBytes& bytes);
    void consumeBytes(int index, qsizetype count);
    void deliverLetter(int index, const StageLetter& letter);
    void collectLetter(int index);
    void addSocket(const CallEvent& event);
    void addSocketPair(const CallEvent& event);
    void addHandset(const CallEvent& event);
    void drawWith(int index, const QString& actor);
    void copyToChild(const CallEvent& event);
    void addDuplicate(const CallEvent& event);
    void release(int index);
    // Closes every descriptor of the process; whether it held any.
    bool endProcess(const QString& actor);
    void closeOnExec(const QString& actor, const QList<int>& fds);
    void applyOnDescriptor(const CallEvent& event, bool dialling);
    void send(int index, const CallEvent& event);
    void receive(int index, const CallEvent& event);

    // A forked child's copy of a descriptor is the same socket as the parent's: one receive
    // queue, which whichever process reads first empties for both. The socket of each
    // endpoint (by index), and the bytes that arrived on each socket and were not read yet.
    QList<int> m_socketOf;
    QHash<int, QList<int>> m_descriptorsOf; // socket -> its endpoints, by index
    // Actor -> its open endpoints, oldest first: a call looks at its own process's, not at
    // every descriptor a server with a thousand clients ever had.
    QHash<QString, QList<int>> m_openOf;
    QHash<int, StreamBytes> m_unread;
    // The log is in the order calls returned, thread by thread: the read a write woke up may
    // be logged before that write. What was taken before it was logged is counted here, by
    // socket for bytes, by endpoint for letters.
    QHash<int, qsizetype> m_bytesReadAhead;
    QHash<int, int> m_lettersTakenAhead;
    // Bytes sent on a connection nobody has accepted yet (the caller waits in the queue, or
    // the accept was logged after the write): by the handset to come's (local, peer).
    QHash<Connection, StreamBytes> m_awaitingHandset;
};

// projectStage() in two halves, so that a log that only grows need not be projected from its
// start each time (StageProjectionCache): advance() applies calls [from, to) and the process
// ends due by then; finish() marks what is waiting on a copy and derives the lines.
void advance(Projector& projector, const QList<CallEvent>& calls, int from, int to,
             const QList<ProcessEnd>& processEnds, qsizetype& endsApplied);
StageState finish(Projector projector, const QList<CallEvent>& calls, int applied,
                  const QList<CallStart>& inProgress, qint64 nowNs);

} // namespace SocketScope::StageProjection
