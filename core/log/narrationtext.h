#pragma once

#include "calls/callevent.h"
#include "scenarios/scenario.h"

#include <QList>
#include <QString>

namespace SocketScope {

// A step's narration with its placeholders filled with this run's numbers.
struct FilledNarration {
    QString text;
    int unresolved = 0; // placeholders whose value the log does not hold yet, shown as "…"
};

// The narration of scenario step `step` in `language`, filled from the first `callCount`
// calls of the log (in the order they returned): the descriptor a name got, the ports and
// addresses of a named socket as the kernel reported them last, this run's server port.
FilledNarration fillNarration(const Scenario& scenario, int step, const QString& language,
                              const QList<CallEvent>& calls, int callCount);

} // namespace SocketScope
