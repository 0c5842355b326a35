#include "stageactors.h"

namespace SocketScope {

QList<qsizetype> shownActors(const QList<ScenarioActor>& actors, const QSet<QString>& used)
{
    QList<qsizetype> shown;
    for (qsizetype i = 0; i < actors.size(); ++i) {
        if (!actors[i].onDemand || used.contains(actors[i].id))
            shown << i;
    }
    return shown;
}

} // namespace SocketScope
