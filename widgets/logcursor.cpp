#include "logcursor.h"

#include "log/eventlog.h"

namespace SocketScope {

LogCursor::LogCursor(QObject* parent)
    : QObject(parent)
{
}

void LogCursor::setLog(const EventLog* log)
{
    if (m_log)
        disconnect(m_log, nullptr, this, nullptr);
    m_log = log;
    m_position = -1; // force the signal: the log it pointed into is another one
    if (m_log) {
        connect(m_log, &EventLog::callAppended, this, [this] {
            const bool wasLive = m_position == count() - 1;
            Q_EMIT countChanged(count());
            if (wasLive) {
                m_followingLog = true;
                setPosition(count());
                m_followingLog = false;
            }
        });
        connect(m_log, &EventLog::wasReset, this, [this] {
            Q_EMIT countChanged(0);
            m_position = -1;
            setPosition(0);
        });
    }
    Q_EMIT countChanged(count());
    setPosition(count());
}

int LogCursor::count() const
{
    return m_log ? int(m_log->calls().size()) : 0;
}

void LogCursor::setPosition(int position)
{
    const int bounded = qBound(0, position, count());
    if (bounded == m_position)
        return;
    m_position = bounded;
    Q_EMIT positionChanged(m_position);
}

void LogCursor::back()
{
    setPosition(m_position - 1);
}

void LogCursor::forward()
{
    setPosition(m_position + 1);
}

void LogCursor::toLive()
{
    setPosition(count());
}

} // namespace SocketScope
