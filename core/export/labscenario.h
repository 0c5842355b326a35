#pragma once

#include "calls/callevent.h"
#include "scenarios/scenario.h"

#include <QList>

namespace SocketScope::LabScenario {

// A session's scenario whose steps name no "$port" (the lab's: it binds and dials the ports
// typed) with the port its server bound made the scenario's "$port": the same steps, the
// port chosen again at each run. A scenario that has a "$port" is returned as it is.
Scenario withServicePort(const Scenario& scenario, const QList<CallEvent>& calls);

// The lab's session as a scenario file the catalogue can load and run again: the port the
// lab's server bound (the one the system gave for port 0) becomes the scenario's "$port",
// and so does every call that dials or writes to it, so that a rerun on a busy machine takes
// a free port; the narration of each step is the command that made it, left for the teacher
// to rewrite, as are the title, summary and outcome. `calls` is the log's: what the kernel
// gave each step.
Scenario fromLab(const Scenario& lab, const QList<CallEvent>& calls, const QString& id);

} // namespace SocketScope::LabScenario
