#pragma once

#include "calls/callevent.h"
#include "calls/sockettuple.h"
#include "calls/threadgroups.h"

#include <QHash>

namespace SocketScope {

// The quintuplet of each descriptor of the traced programs, followed call by call as the
// engine follows its own (TupleTracker): the tracer reports what a call did, the 5-tuple
// cards show what it filled in. A forked child starts with its parent's; threads share one.
class TracedTuples {
public:
    void clear();
    // Fills event.tuple from the descriptor's quintuplet before the call, and keeps it.
    void follow(CallEvent& event);
    // The process ended: its descriptors are gone.
    void endProcess(const QString& actor);

private:
    using Table = QHash<int, SocketTuple>; // descriptor -> its quintuplet
    Table& tableOf(const QString& actor);

    ThreadGroups m_threads;
    QHash<QString, Table> m_tables; // by the actor of each process
};

} // namespace SocketScope
