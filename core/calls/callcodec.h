#pragma once

#include "calls/callevent.h"
#include "calls/callrequest.h"

#include <QJsonObject>

#include <optional>

namespace SocketScope::CallCodec {

// What crosses the pipe to a child process (socketscope-child): the request of one call,
// with the descriptor's family and type so that the child can describe it afterwards, and
// the call as it happened there. Addresses travel as their raw sockaddr bytes.
QJsonObject requestToJson(const CallRequest& request, int domain, int type);
std::optional<CallRequest> requestFromJson(const QJsonObject& object, int* domain, int* type);

QJsonObject resultToJson(const CallEvent& event, qint64 pid);
CallEvent resultFromJson(const QJsonObject& object, qint64* pid);

} // namespace SocketScope::CallCodec
