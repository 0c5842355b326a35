#include "packetlinker.h"

#include <QTest>

#include <sys/socket.h>

using namespace SocketScope;

namespace {

constexpr int writes = 50'000; // each one segment and its ACK: 100,000 packets

CallEvent call(qint64 seq, const QString& actor, const QString& name, int fd, qint64 tNs,
               const QString& local, const QString& peer)
{
    CallEvent event;
    event.seq = seq;
    event.actor = actor;
    event.call = name;
    event.fd = fd;
    event.resultFd = fd;
    event.tNs = tNs;
    event.durationNs = 1000;
    event.socketType = SOCK_STREAM;
    event.local = local;
    event.peer = peer;
    return event;
}

PacketEvent segment(qint64 tNs, const QString& from, const QString& to, quint8 flags, quint32 seq,
                    quint32 ack, int length)
{
    PacketEvent packet;
    packet.tNs = tNs;
    packet.decoded.transport = DecodedPacket::Transport::Tcp;
    packet.decoded.source = from;
    packet.decoded.destination = to;
    packet.decoded.tcpFlags = flags;
    packet.decoded.sequenceNumber = seq;
    packet.decoded.acknowledgementNumber = ack;
    packet.decoded.payload = QByteArray(length, 'x');
    return packet;
}

} // namespace

// What linking costs for a long capture: a client writing 50,000 times to a server.
class BenchPacketLinker : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void linkOneHundredThousandPackets()
    {
        using F = DecodedPacket::TcpFlag;
        const QString client = QStringLiteral("127.0.0.1:40000");
        const QString server = QStringLiteral("127.0.0.1:5000");
        QList<CallEvent> calls{
            call(1, QStringLiteral("server"), QStringLiteral("socket"), 3, 0, {}, {}),
            call(2, QStringLiteral("server"), QStringLiteral("listen"), 3, 10, server, {}),
            call(3, QStringLiteral("client"), QStringLiteral("socket"), 4, 20, {}, {}),
            call(4, QStringLiteral("client"), QStringLiteral("connect"), 4, 100, client, server),
        };
        QList<PacketEvent> packets;
        quint32 sent = 1;
        for (int i = 0; i < writes; ++i) {
            const qint64 t = 10'000 + qint64(i) * 10'000;
            calls.append(call(10 + i, QStringLiteral("client"), QStringLiteral("write"), 4, t,
                              client, server));
            packets.append(segment(t + 100, client, server, F::Psh | F::Ack, sent, 1, 10));
            sent += 10;
            packets.append(segment(t + 200, server, client, F::Ack, 1, sent, 0));
        }
        QList<PacketEvent> linked;
        QBENCHMARK
        {
            linked = linkPackets(calls, packets);
        }
        QCOMPARE(linked.size(), packets.size());
        QCOMPARE(linked.last().cause, qint64(10 + writes - 1));
    }
};

QTEST_GUILESS_MAIN(BenchPacketLinker)
#include "bench_packetlinker.moc"
