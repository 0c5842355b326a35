#pragma once

#include "calls/callevent.h"
#include "packets/packetevent.h"

#include <sys/socket.h>

// Calls and captured segments crafted by hand, for the linking tests and benchmark.
namespace SocketScope::TestLinking {

// local and peer as "127.0.0.1:5000": the descriptor's state after the call.
inline CallEvent call(qint64 seq, const QString& actor, Call name, int fd, qint64 startNs,
                      qint64 durationNs, const QString& local = {}, const QString& peer = {})
{
    CallEvent event;
    event.seq = seq;
    event.actor = actor;
    event.call = name;
    if (Calls::has(name, CallTrait::MakesDescriptor))
        event.ret = fd;
    else
        event.arguments.fd = fd;
    event.tNs = startNs;
    event.durationNs = durationNs;
    event.socketType = SOCK_STREAM;
    event.after.local = SocketAddress::fromEndpoint(local).value_or(SocketAddress());
    event.after.peer = SocketAddress::fromEndpoint(peer).value_or(SocketAddress());
    return event;
}

inline PacketEvent segment(qint64 tNs, const QString& source, const QString& destination,
                           quint8 flags, quint32 seq, quint32 ack, int length = 0)
{
    PacketEvent packet;
    packet.tNs = tNs;
    packet.decoded.transport = DecodedPacket::Transport::Tcp;
    packet.decoded.ipVersion = 4;
    packet.decoded.source = *SocketAddress::fromEndpoint(source);
    packet.decoded.destination = *SocketAddress::fromEndpoint(destination);
    packet.decoded.tcpFlags = flags;
    packet.decoded.sequenceNumber = seq;
    packet.decoded.acknowledgementNumber = ack;
    packet.decoded.payload = QByteArray(length, 'x');
    return packet;
}

} // namespace SocketScope::TestLinking
