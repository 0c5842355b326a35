#pragma once

#include "calls/callevent.h"
#include "calls/sockettuple.h"
#include "calls/threadgroups.h"
#include "log/processend.h"

#include <QHash>

#include <optional>

namespace SocketScope {

// The quintuplet of each descriptor of the traced programs, followed call by call as the
// engine follows its own (TupleTracker): the tracer reports what a call did, the 5-tuple
// cards show what it filled in. A forked child starts with its parent's; threads share one.
// Calls come as they returned: a child's may come before the fork that made it.
class TracedTuples {
public:
    void clear();
    // Fills event.tuple from the descriptor's quintuplet before the call, and keeps it.
    void follow(CallEvent& event);
    // The process ended, or exec closed some of its descriptors.
    void end(const ProcessEnd& end);

private:
    // Descriptor -> its quintuplet; none: the process closed it itself (a child's close
    // reported before its fork is not undone by the copy the fork brings).
    using Table = QHash<int, std::optional<SocketTuple>>;
    Table& tableOf(const QString& actor);

    ThreadGroups m_threads;
    QHash<QString, Table> m_tables; // by the actor of each process
};

} // namespace SocketScope
