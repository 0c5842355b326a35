#include "calls/callresult.h"

#include "calls/errnoinfo.h"

namespace SocketScope::CallResult {

void setResult(CallEvent& event, qint64 ret, int error)
{
    event.ret = ret;
    if (ret < 0) {
        const ErrnoInfo info = errnoInfo(error);
        event.errnoValue = error;
        event.errnoName = info.name;
        event.errnoMessage = info.message;
        event.errnoExplanation = info.explanation;
    }
}

void setCancelled(CallEvent& event)
{
    event.cancelled = true;
    event.ret = -1;
}

void setAddrInfoError(CallEvent& event, int code)
{
    const ErrnoInfo info = addrInfoErrorInfo(code);
    event.ret = code;
    event.errnoValue = code;
    event.errnoName = info.name;
    event.errnoMessage = info.message;
    event.errnoExplanation = info.explanation;
}

} // namespace SocketScope::CallResult
