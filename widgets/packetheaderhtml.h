#pragma once

#include "calls/callevent.h"
#include "packets/packetevent.h"
#include "theme.h"

#include <QString>

#include <optional>

namespace SocketScope {

// The captured header bytes of a packet, field by field in the byte panel's colours, with
// its ports' two bytes matched to the sin_port/sin6_port bytes of the call's sockaddr: the
// same bytes, in network order, in memory and on the wire.
QString packetHeaderHtml(const PacketEvent& packet, const std::optional<CallEvent>& cause,
                         const Theme& theme);

} // namespace SocketScope
