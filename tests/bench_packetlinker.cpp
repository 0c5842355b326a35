#include "packets/packetlinker.h"
#include "testfigures.h"
#include "testlinking.h"

#include <QElapsedTimer>
#include <QTest>

#include <algorithm>

using namespace SocketScope;
using SocketScope::TestLinking::segment;

namespace {

constexpr int writes = 50'000; // each one segment and its ACK: 100,000 packets

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
            TestLinking::call(1, QStringLiteral("server"), Call::Socket, 3, 0, 1000, {}, {}),
            TestLinking::call(2, QStringLiteral("server"), Call::Listen, 3, 10, 1000, server, {}),
            TestLinking::call(3, QStringLiteral("client"), Call::Socket, 4, 20, 1000, {}, {}),
            TestLinking::call(4, QStringLiteral("client"), Call::Connect, 4, 100, 1000, client,
                              server),
        };
        QList<PacketEvent> packets;
        quint32 sent = 1;
        for (int i = 0; i < writes; ++i) {
            const qint64 t = 10'000 + qint64(i) * 10'000;
            calls.append(TestLinking::call(10 + i, QStringLiteral("client"), Call::Write, 4, t,
                                           1000, client, server));
            packets.append(segment(t + 100, client, server, F::Psh | F::Ack, sent, 1, 10));
            sent += 10;
            packets.append(segment(t + 200, server, client, F::Ack, 1, sent, 0));
        }
        QList<PacketEvent> linked;
        QList<double> linkMs;
        for (int run = 0; run < 5; ++run) {
            linked = packets;
            QElapsedTimer timer;
            timer.start();
            linkPackets(calls, linked);
            linkMs.append(double(timer.nsecsElapsed()) / 1e6);
        }
        std::sort(linkMs.begin(), linkMs.end());
        qInfo("%lld packets linked to %lld calls: median %.1f ms", qlonglong(packets.size()),
              qlonglong(calls.size()), linkMs[linkMs.size() / 2]);
        TestFigures::report("linker.link_100k", linkMs[linkMs.size() / 2], "ms");
        QCOMPARE(linked.size(), packets.size());
        QCOMPARE(linked.last().cause, qint64(10 + writes - 1));
    }
};

QTEST_GUILESS_MAIN(BenchPacketLinker)
#include "bench_packetlinker.moc"
