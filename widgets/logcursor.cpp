#include "logcursor.h"

#include "sources/session.h"

namespace SocketScope {

LogCursor::LogCursor(QObject* parent)
    : QObject(parent)
{
}

void LogCursor::setSession(Session* session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    m_position = count();
    if (!m_session)
        return;
    connect(m_session, &Session::eventAppended, this, [this] {
        const bool wasLive = m_position == count() - 1;
        Q_EMIT countChanged(count());
        if (wasLive)
            setPosition(count());
    });
    connect(m_session, &Session::wasReset, this, [this] {
        Q_EMIT countChanged(0);
        m_position = -1; // force the signal: the log it pointed into is gone
        setPosition(0);
    });
    Q_EMIT positionChanged(m_position);
}

int LogCursor::count() const
{
    return m_session ? int(m_session->log().calls().size()) : 0;
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
