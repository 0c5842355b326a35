#pragma once

#include "scenarios/scenario.h"

#include <QList>
#include <QSet>
#include <QString>

namespace SocketScope {

// Which of a scenario's actors the stage gives a column, in the scenario's order: every one,
// but an actor shown on demand (the lab's second terminal) only once it has been used (it
// made a call, or was made the one that calls). An actor that made a call is always shown.
QList<qsizetype> shownActors(const QList<ScenarioActor>& actors, const QSet<QString>& used);

} // namespace SocketScope
