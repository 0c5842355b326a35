#pragma once

#include "calls/callevent.h"

namespace SocketScope::CallResult {

// How the system-call layer fills in what a call returned.
void setResult(CallEvent& event, qint64 ret, int error);
void setCancelled(CallEvent& event);
// getaddrinfo and getnameinfo return an EAI_* code instead of setting errno.
void setAddrInfoError(CallEvent& event, int code);

} // namespace SocketScope::CallResult
