#include "calls/callkinds.h"

#include <algorithm>

namespace SocketScope {

namespace CallKinds {

bool isOneOf(const QString& value, std::initializer_list<const char*> names)
{
    return std::any_of(names.begin(), names.end(),
                       [&value](const char* name) { return value == QLatin1String(name); });
}

bool sendsData(const QString& call)
{
    return isOneOf(call, {"write", "send", "sendto", "sendmsg", "writev"});
}

bool receivesData(const QString& call)
{
    return isOneOf(call, {"read", "recv", "recvfrom", "recvmsg"});
}

bool startsActor(const CallEvent& event)
{
    return (event.call == QLatin1String("fork") && event.ret > 0) ||
           (event.call == QLatin1String("pthread_create") && event.ret == 0);
}

} // namespace CallKinds

void ThreadGroups::follow(const CallEvent& event)
{
    if (event.call == QLatin1String("pthread_create") && event.ret == 0)
        m_processOf.insert(event.childActor, processOf(event.actor));
}

} // namespace SocketScope
