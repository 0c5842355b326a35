#pragma once

#include "calls/callevent.h"
#include "packets/packetevent.h"

#include <QList>

namespace SocketScope {

// Links each packet to the call that made the kernel send it and to the session's
// descriptors at both ends, from the calls of the log (any order) alone:
// - SYN: the connect() of that socket; SYN/ACK: the connect() of the SYN it answers;
// - data and UDP datagrams: the latest write/send/sendto of the sending descriptor;
// - FIN: the latest close/shutdown of the sending descriptor;
// - RST: the close in progress on the sender (SO_LINGER 0), else the cause of what it answers;
// - a bare ACK: the cause of the segment it acknowledges (the handshake's last ACK is
//   connect()'s, the ACK of data is the write's, the ACK of a FIN is the close's).
// Captured packets keep their time; inferred packets keep the cause they were made with.
// Relative seq/ack count from each direction's first sequence number. `packets` are in time
// order and linked in place; those with neither end in the session keep both ends unknown.
void linkPackets(const QList<CallEvent>& calls, QList<PacketEvent>& packets);

} // namespace SocketScope
