#include "stageprojectioncache.h"

#include "stageprojector.h"

#include <algorithm>

namespace SocketScope {

StageProjectionCache::StageProjectionCache() = default;
StageProjectionCache::~StageProjectionCache() = default;

void StageProjectionCache::clear()
{
    m_projector.reset();
    m_applied = 0;
    m_lastApplied.reset();
    m_endsApplied = 0;
}

StageState StageProjectionCache::project(const QList<CallEvent>& calls, int cursor,
                                         const QList<CallStart>& inProgress, qint64 nowNs,
                                         const QList<ProcessEnd>& processEnds)
{
    const int applied = int(std::clamp<qsizetype>(cursor, 0, calls.size()));
    const bool sameLog = m_projector && m_applied <= calls.size() &&
                         m_endsApplied <= processEnds.size() &&
                         (m_applied == 0 || calls[m_applied - 1] == *m_lastApplied);
    if (!sameLog || applied < m_applied) {
        clear();
        m_projector = std::make_unique<StageProjection::Projector>();
    }
    StageProjection::advance(*m_projector, calls, m_applied, applied, processEnds, m_endsApplied);
    m_applied = applied;
    if (applied > 0)
        m_lastApplied = calls[applied - 1];
    else
        m_lastApplied.reset();
    return StageProjection::finish(*m_projector, calls, applied, inProgress, nowNs);
}

} // namespace SocketScope
