#pragma once

#include "stagestate.h"

#include <memory>
#include <optional>

namespace SocketScope {

namespace StageProjection {
class Projector;
}

// projectStage() for the live end of a log that grows: the projection of the calls applied
// last time is kept, and only the calls returned since are applied, so that following a
// long run costs each new call, not the whole log again. Moving back projects from the start.
class StageProjectionCache {
public:
    StageProjectionCache();
    ~StageProjectionCache();
    StageProjectionCache(const StageProjectionCache&) = delete;
    StageProjectionCache& operator=(const StageProjectionCache&) = delete;

    // As projectStage(); the same result, whatever was projected before.
    StageState project(const QList<CallEvent>& calls, int cursor,
                       const QList<CallStart>& inProgress, qint64 nowNs,
                       const QList<ProcessEnd>& processEnds);
    // The log was reset or replaced: nothing kept applies to it.
    void clear();

private:
    std::unique_ptr<StageProjection::Projector> m_projector;
    int m_applied = 0;
    // The last call applied, whole: that the log given is still the one projected (a seq
    // alone could be another run's call at the same place).
    std::optional<CallEvent> m_lastApplied;
    qsizetype m_endsApplied = 0;
};

} // namespace SocketScope
