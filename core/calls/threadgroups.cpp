#include "calls/threadgroups.h"

#include <sched.h>

namespace SocketScope {

bool startsActor(const CallEvent& event)
{
    if (!Calls::has(event.call, CallTrait::StartsActor) || event.failed())
        return false;
    // pthread_create returns 0; the others the child's PID.
    return event.call == Call::PthreadCreate ? event.ret == 0 : event.ret > 0;
}

bool sharesTable(const CallEvent& event)
{
    switch (event.call) {
    case Call::PthreadCreate:
        return true;
    case Call::Clone:
    case Call::Clone3:
        return event.arguments.flags & CLONE_FILES;
    default:
        return false;
    }
}

void ThreadGroups::follow(const CallEvent& event)
{
    if (startsActor(event) && sharesTable(event))
        m_processOf.insert(event.childActor, processOf(event.actor));
}

} // namespace SocketScope
