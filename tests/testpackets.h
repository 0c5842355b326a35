#pragma once

#include "packets/packetevent.h"

#include <QList>

// Packets crafted by hand for the views' tests: no socket, no capture.
namespace SocketScope::TestPackets {

inline const QString client = QStringLiteral("127.0.0.1:40000");
inline const QString server = QStringLiteral("127.0.0.1:5000");

inline PacketEvent packet(qint64 seq, qint64 tNs, const QString& from, const QString& to,
                          DecodedPacket::Transport transport)
{
    PacketEvent packet;
    packet.seq = seq;
    packet.tNs = tNs;
    packet.decoded.ipVersion = 4;
    packet.decoded.transport = transport;
    packet.decoded.source = *SocketAddress::fromEndpoint(from);
    packet.decoded.destination = *SocketAddress::fromEndpoint(to);
    return packet;
}

// A TCP segment; absolute numbers are the relative ones plus 1000 (client) or 2000 (server).
inline PacketEvent tcp(qint64 seq, qint64 tNs, const QString& from, const QString& to, quint8 flags,
                       quint32 relativeSeq, quint32 relativeAck)
{
    PacketEvent segment = packet(seq, tNs, from, to, DecodedPacket::Transport::Tcp);
    const bool fromClient = from == client;
    segment.decoded.tcpFlags = flags;
    segment.decoded.window = 512;
    segment.relativeSeq = relativeSeq;
    segment.relativeAck = relativeAck;
    segment.decoded.sequenceNumber = relativeSeq + (fromClient ? 1000 : 2000);
    segment.decoded.acknowledgementNumber = relativeAck + (fromClient ? 2000 : 1000);
    segment.sender = fromClient ? PacketEnd{QStringLiteral("client"), 3}
                                : PacketEnd{QStringLiteral("server"), 4};
    segment.receiver = fromClient ? PacketEnd{QStringLiteral("server"), 4}
                                  : PacketEnd{QStringLiteral("client"), 3};
    return segment;
}

inline PacketEvent udp(qint64 seq, qint64 tNs, const QString& from, const QString& to,
                       const QByteArray& payload)
{
    PacketEvent datagram = packet(seq, tNs, from, to, DecodedPacket::Transport::Udp);
    datagram.decoded.payload = payload;
    return datagram;
}

// tcp-echo's packets (connect() is call 5, write() call 13), then an inferred UDP datagram
// (sendto() call 16) between two other ports. Times start at 1 ms.
inline QList<PacketEvent> echoSession()
{
    using F = DecodedPacket::TcpFlag;
    QList<PacketEvent> packets;
    packets << tcp(10, 1'000'000, client, server, F::Syn, 0, 0);
    packets.last().cause = 5;
    packets << tcp(11, 1'100'000, server, client, F::Syn | F::Ack, 0, 1);
    packets << tcp(12, 1'200'000, client, server, F::Ack, 1, 1);
    packets.last().cause = 5;
    packets << tcp(14, 2'500'000, client, server, F::Psh | F::Ack, 1, 1);
    packets.last().decoded.payload = QByteArrayLiteral("Hello world !\n");
    packets.last().cause = 13;
    packets << tcp(15, 2'600'000, server, client, F::Ack, 1, 15);
    packets << udp(17, 3'000'000, QStringLiteral("127.0.0.1:6000"),
                   QStringLiteral("127.0.0.1:7000"), QByteArrayLiteral("hello"));
    packets.last().inferred = true;
    packets.last().cause = 16;
    packets.last().sender = PacketEnd{QStringLiteral("client"), 5};
    packets.last().receiver = PacketEnd{QStringLiteral("server"), 6};
    return packets;
}

// A long conversation: data one way, acknowledgements back, a datagram now and then, some
// inferred; packet i (seq 2i + 1) was caused by call 2i.
inline QList<PacketEvent> conversation(int count)
{
    using F = DecodedPacket::TcpFlag;
    const QByteArray payload(100, 'x');
    QList<PacketEvent> packets;
    packets.reserve(count);
    for (int i = 0; i < count; ++i) {
        const qint64 seq = 2 * i + 1;
        const qint64 tNs = qint64(i) * 50'000;
        const quint32 offset = quint32(i / 2) * 100;
        if (i % 50 == 49) {
            packets << udp(seq, tNs, QStringLiteral("127.0.0.1:6000"),
                           QStringLiteral("127.0.0.1:7000"), payload);
        } else if (i % 2 == 0) {
            packets << tcp(seq, tNs, client, server, F::Psh | F::Ack, offset + 1, 1);
            packets.last().decoded.payload = payload;
        } else {
            packets << tcp(seq, tNs, server, client, F::Ack, 1, offset + 101);
        }
        packets.last().cause = seq - 1;
        packets.last().inferred = i % 7 == 3;
    }
    return packets;
}

// 0, 1, ..., count - 1: the first `count` packets visible.
inline QList<int> indices(int count)
{
    QList<int> result;
    result.reserve(count);
    for (int i = 0; i < count; ++i)
        result.append(i);
    return result;
}

} // namespace SocketScope::TestPackets
