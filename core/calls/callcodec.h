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
// Texts::Omitted leaves out the texts written for people (strace line, arguments, errno's
// name, message and explanation): for a channel whose reader makes them itself from the
// typed values, as the app does with socketscope-tracer's messages.
enum class Texts : quint8 { Written, Omitted };
QJsonObject eventToJson(const CallEvent& event, Texts texts = Texts::Written);
// Lists longer than this are refused when read: what writes events keeps at most this many
// entries of a poll or select set, of epoll_wait's events, of an iovec.
inline constexpr qsizetype maxListItems = 4096;
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
