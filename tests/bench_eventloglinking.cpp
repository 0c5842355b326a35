#include "log/eventlog.h"
#include "testfigures.h"
#include "testlinking.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTest>

#include <unistd.h>

using namespace SocketScope;
using SocketScope::TestLinking::segment;

namespace {

constexpr int measuredCalls = 1000; // appended to a log of N calls, each linked on its own

const QString client = QStringLiteral("127.0.0.1:40000");
const QString server = QStringLiteral("127.0.0.1:5000");

// The i-th write of the client and what it put on the wire: its segment and the server's ACK.
struct Write {
    CallEvent call;
    QList<PacketEvent> packets;
};

Write write(int i)
{
    using F = DecodedPacket::TcpFlag;
    const qint64 t = 10'000 + qint64(i) * 10'000;
    const quint32 sent = 1 + quint32(i) * 10;
    Write w;
    w.call = TestLinking::call(10 + 3 * i, QStringLiteral("client"), Call::Write, 4, t, 1000,
                               client, server);
    w.packets = {segment(t + 100, client, server, F::Psh | F::Ack, sent, 1, 10),
                 segment(t + 200, server, client, F::Ack, 1, sent + 10, 0)};
    w.packets[0].seq = 11 + 3 * i;
    w.packets[1].seq = 12 + 3 * i;
    return w;
}

// The resident memory of this process, in bytes.
qint64 residentBytes()
{
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return 0;
    return statm.readAll().split(' ').value(1).toLongLong() * ::sysconf(_SC_PAGESIZE);
}

} // namespace

// What one more call costs a log that already holds N: appended, its packets appended, and
// the log linked, as the session does for each call of a send -loop (log/eventlog.h).
class BenchEventLogLinking : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void appendOneCall_data()
    {
        QTest::addColumn<int>("logLength");
        QTest::newRow("1,000 calls") << 1'000;
        QTest::newRow("10,000 calls") << 10'000;
        QTest::newRow("100,000 calls") << 100'000;
    }
    void appendOneCall()
    {
        QFETCH(int, logLength);
        EventLog log;
        log.appendCall(TestLinking::call(1, QStringLiteral("server"), Call::Socket, 3, 0, 1000));
        log.appendCall(
            TestLinking::call(2, QStringLiteral("server"), Call::Listen, 3, 10, 1000, server));
        log.appendCall(TestLinking::call(3, QStringLiteral("client"), Call::Socket, 4, 20, 1000));
        log.appendCall(TestLinking::call(4, QStringLiteral("client"), Call::Connect, 4, 100, 1000,
                                         client, server));
        const qint64 residentBefore = residentBytes();
        QList<PacketEvent> packets;
        for (int i = 0; i < logLength; ++i) {
            Write w = write(i);
            log.appendCall(w.call);
            packets.append(w.packets);
        }
        log.appendPackets(packets);
        packets.clear();
        log.linkPackets();
        const double perCallBytes = double(residentBytes() - residentBefore) / logLength;
        // Measured once: each run makes the log longer.
        QElapsedTimer timer;
        timer.start();
        for (int i = logLength; i < logLength + measuredCalls; ++i) {
            const Write w = write(i);
            log.appendCall(w.call);
            log.appendPackets(w.packets);
            log.linkPackets();
        }
        const qint64 elapsedNs = timer.nsecsElapsed();
        qInfo("%d calls in the log: %.1f us per call appended and linked; about %.0f bytes "
              "resident per call and its two packets",
              logLength, double(elapsedNs) / measuredCalls / 1000.0, perCallBytes);
        const QByteArray figure = "eventlog.append_link_" + QByteArray::number(logLength);
        TestFigures::report(figure.constData(), double(elapsedNs) / measuredCalls / 1000.0, "us");
        QCOMPARE(log.packets().size(), 2 * (logLength + measuredCalls));
        QCOMPARE(log.packets().last().cause, log.calls().last().seq);
        QCOMPARE(log.packets().constLast().receiver.actor, QStringLiteral("client"));
    }
};

QTEST_GUILESS_MAIN(BenchEventLogLinking)
#include "bench_eventloglinking.moc"
