#include "trace/tracedtuples.h"

#include "calls/tupletracker.h"

#include <fcntl.h>

namespace SocketScope {

namespace {

// dup(), dup2(), dup3(), fcntl(F_DUPFD): another number for the same socket.
bool duplicates(const CallEvent& event)
{
    switch (event.call) {
    case Call::Dup:
    case Call::Dup2:
    case Call::Dup3:
        return true;
    case Call::Fcntl:
        return event.arguments.command == F_DUPFD || event.arguments.command == F_DUPFD_CLOEXEC;
    default:
        return false;
    }
}

} // namespace

void TracedTuples::clear()
{
    m_threads = ThreadGroups();
    m_tables.clear();
}

TracedTuples::Table& TracedTuples::tableOf(const QString& actor)
{
    return m_tables[m_threads.processOf(actor)];
}

void TracedTuples::follow(CallEvent& event)
{
    m_threads.follow(event);
    if (startsActor(event)) {
        if (sharesTable(event))
            return;
        // What the child did itself, reported first, stands.
        const Table parent = tableOf(event.actor);
        Table& child = m_tables[event.childActor];
        for (auto it = parent.cbegin(); it != parent.cend(); ++it) {
            if (it->has_value() && !child.contains(it.key()))
                child.insert(it.key(), *it);
        }
        return;
    }
    Table& table = tableOf(event.actor);
    const SocketTuple before = table.value(event.fd()).value_or(SocketTuple());
    const bool accepts = event.call == Call::Accept || event.call == Call::Accept4;
    if (accepts && !event.failed()) {
        event.tuple = TupleTracker::accepted(before, event);
    } else if (duplicates(event)) {
        event.tuple = before;
    } else {
        event.tuple = before;
        TupleTracker::apply(event.tuple, event);
    }
    if (event.failed())
        return;
    const int fd = event.resultFd();
    if (Calls::has(event.call, CallTrait::ReleasesDescriptor)) {
        table.insert(fd, std::nullopt);
    } else if (event.call == Call::Socket || event.call == Call::Socketpair || accepts ||
               duplicates(event)) {
        table.insert(fd, event.tuple);
        if (event.call == Call::Socketpair && event.results.fds.size() > 1)
            table.insert(event.results.fds.at(1), event.tuple);
    } else if (fd >= 0 && table.value(fd).has_value()) {
        // A descriptor it made, or its parent gave it: one whose making it did not see (a
        // child's call before its fork was reported) is not made up from this call alone.
        table.insert(fd, event.tuple);
    }
}

void TracedTuples::end(const ProcessEnd& end)
{
    if (end.exec) {
        Table& table = tableOf(end.actor);
        for (const int fd : end.closed)
            table.insert(fd, std::nullopt);
    } else if (m_threads.processOf(end.actor) == end.actor) {
        m_tables.remove(end.actor);
    }
}

} // namespace SocketScope
