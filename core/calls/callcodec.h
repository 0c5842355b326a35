#pragma once

#include "calls/callevent.h"
#include "calls/callrequest.h"
#include "calls/jsonfields.h"

#include <QJsonObject>

#include <optional>

namespace SocketScope::CallCodec {

// Calls as JSON, the one form for everything that leaves the process: the requests and
// results that cross the pipe to a child process (socketscope-child), and the call lines of
// a saved session (docs/trace-format.md). Typed values are written as such ("arguments",
// "results", "after", "tuple"); the strace text and the errno's explanation are written
// beside them for people and tools, and never read back.
//
// Reading checks every field; on the first one missing or wrong, nullopt and *error names it.
QJsonObject eventToJson(const CallEvent& event);
std::optional<CallEvent> eventFromJson(const QJsonObject& object, QString* error);

QJsonObject requestToJson(const CallRequest& request);
std::optional<CallRequest> requestFromJson(const QJsonObject& object, QString* error);

// A sockaddr as the hexadecimal bytes of the structure, exactly as the kernel had it.
QString addressToHex(const SocketAddress& address);
// Written under `key` when valid; read back checked to be a whole sockaddr_in, sockaddr_in6
// or sockaddr_un (an invalid address when the key is absent).
void putAddress(QJsonObject& object, const char* key, const SocketAddress& address);
SocketAddress readAddress(JsonFields& fields, const char* key);

} // namespace SocketScope::CallCodec
