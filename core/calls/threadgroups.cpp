#include "calls/threadgroups.h"

namespace SocketScope {

bool startsActor(const CallEvent& event)
{
    if (!Calls::has(event.call, CallTrait::StartsActor) || event.failed())
        return false;
    // pthread_create returns 0; the others the child's PID.
    return event.call == Call::PthreadCreate ? event.ret == 0 : event.ret > 0;
}

void ThreadGroups::follow(const CallEvent& event)
{
    if (event.call == Call::PthreadCreate && startsActor(event))
        m_processOf.insert(event.childActor, processOf(event.actor));
}

} // namespace SocketScope
