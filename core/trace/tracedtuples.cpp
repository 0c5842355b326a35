#include "trace/tracedtuples.h"

#include "calls/tupletracker.h"

namespace SocketScope {

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
        // The child's calls may have been reported first: what it did since stands.
        const Table parent = tableOf(event.actor);
        Table& child = m_tables[event.childActor];
        for (auto it = parent.cbegin(); it != parent.cend(); ++it) {
            if (!child.contains(it.key()))
                child.insert(it.key(), *it);
        }
        return;
    }
    Table& table = tableOf(event.actor);
    const SocketTuple before = table.value(event.fd());
    // accept() and dup() make a descriptor from the one they were given.
    if (Calls::has(event.call, CallTrait::MakesDescriptor) && event.call != Call::Socket &&
        event.call != Call::Socketpair && !event.failed()) {
        event.tuple = TupleTracker::accepted(before, event);
    } else {
        event.tuple = before;
        TupleTracker::apply(event.tuple, event);
    }
    const int fd = event.resultFd();
    if (fd < 0)
        return;
    if (Calls::has(event.call, CallTrait::ReleasesDescriptor) && !event.failed())
        table.remove(fd);
    else
        table.insert(fd, event.tuple);
}

void TracedTuples::endProcess(const QString& actor)
{
    if (m_threads.processOf(actor) == actor)
        m_tables.remove(actor);
}

} // namespace SocketScope
