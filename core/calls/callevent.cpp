#include "calls/callevent.h"

#include <ctime>
#include <fcntl.h>

namespace SocketScope {

qint64 monotonicNowNs()
{
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return qint64(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

int CallEvent::fd() const
{
    return Calls::has(call, CallTrait::TakesDescriptor) ? arguments.fd : resultFd();
}

int CallEvent::resultFd() const
{
    if (call == Call::Socketpair) // returns 0; the two descriptors are in the results
        return failed() ? -1 : results.fds.value(0, -1);
    // fcntl(F_DUPFD) acts on one descriptor and returns a new one, as dup() does.
    const bool duplicates = call == Call::Fcntl &&
                            (arguments.command == F_DUPFD || arguments.command == F_DUPFD_CLOEXEC);
    if (Calls::has(call, CallTrait::MakesDescriptor) || duplicates)
        return failed() || ret < 0 ? -1 : int(ret);
    return Calls::has(call, CallTrait::TakesDescriptor) ? arguments.fd : -1;
}

QByteArray CallEvent::transferred() const
{
    // sendmmsg returns how many messages went: its payload holds theirs only.
    if (call == Call::SendMmsg)
        return ret > 0 ? arguments.payload : QByteArray();
    if (Calls::has(call, CallTrait::SendsData))
        return ret > 0 ? arguments.payload.left(ret) : QByteArray();
    return results.data;
}

qint64 CallEvent::transferredCount() const
{
    if (call == Call::SendMmsg)
        return ret > 0 ? arguments.payload.size() + bytesNotKept : 0;
    if (Calls::has(call, CallTrait::SendsData))
        return ret > 0 ? ret : 0;
    return results.data.size() + bytesNotKept;
}

ErrnoInfo CallEvent::errorInfo() const
{
    if (error == 0)
        return {};
    if (Calls::has(call, CallTrait::NameLookup))
        return addrInfoErrorInfo(error);
    ErrnoInfo info = errnoInfo(error);
    info.explanation = errnoExplanationFor(error, call, family, socketType);
    return info;
}

} // namespace SocketScope
