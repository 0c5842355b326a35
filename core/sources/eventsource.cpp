#include "sources/eventsource.h"

namespace SocketScope {

EventSource::EventSource(QObject* parent)
    : QObject(parent)
{
}

void EventSource::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

} // namespace SocketScope
