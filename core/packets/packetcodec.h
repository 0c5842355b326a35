#pragma once

#include "packets/packetevent.h"

#include <QJsonObject>

#include <optional>

namespace SocketScope::PacketCodec {

// A packet as a line of a saved session (docs/trace-format.md): its links and what a
// person reads ("src", "flags", ...), and what it is made of: the captured frame, decoded
// again when read, or an inferred packet's header fields.
QJsonObject toJson(const PacketEvent& packet);
// Checks every field; on the first one missing or wrong, nullopt and *error names it.
std::optional<PacketEvent> fromJson(const QJsonObject& object, QString* error);

} // namespace SocketScope::PacketCodec
