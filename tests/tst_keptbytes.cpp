#include "calls/reach.h"
#include "lab/labsession.h"
#include "log/bytebudget.h"
#include "log/sessionfile.h"
#include "log/streambytes.h"
#include "sources/replaysource.h"
#include "testkeptstream.h"
#include "testsockets.h"

#include <QBuffer>
#include <QTest>

#include <netinet/in.h>
#include <sys/un.h>

using namespace SocketScope;

namespace {

CallEvent bigWrite(qint64 size)
{
    CallEvent event;
    event.call = Call::Write;
    event.actor = QStringLiteral("client");
    event.arguments.fd = 3;
    event.arguments.payload = QByteArray(size, 'x');
    event.ret = size;
    return event;
}

} // namespace

// A peer that floods: the log keeps a sample of each call and of each socket, and every
// count; what it did not keep is said wherever bytes are shown.
class TestKeptBytes : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Pieces of a stream read from the front: kept bytes, then bytes not kept; the size is
    // exact and only the kept bytes before the first gap are shown.
    void streamBytesReadFromTheFront_data()
    {
        QTest::addColumn<qint64>("removed");
        QTest::addColumn<qint64>("size");
        QTest::addColumn<qint64>("notKept");
        QTest::addColumn<QByteArray>("leading");
        // The stream: "abc" + 5 not kept, then "de" + 0, then "" + 4 not kept.
        QTest::newRow("nothing read") << qint64(0) << qint64(14) << qint64(9) << QByteArray("abc");
        QTest::newRow("inside the first kept bytes")
            << qint64(2) << qint64(12) << qint64(9) << QByteArray("c");
        QTest::newRow("into the first gap") << qint64(5) << qint64(9) << qint64(7) << QByteArray();
        QTest::newRow("past the first gap")
            << qint64(8) << qint64(6) << qint64(4) << QByteArray("de");
        QTest::newRow("everything") << qint64(14) << qint64(0) << qint64(0) << QByteArray();
        QTest::newRow("more than there is") << qint64(20) << qint64(0) << qint64(0) << QByteArray();
    }
    void streamBytesReadFromTheFront()
    {
        QFETCH(qint64, removed);
        QFETCH(qint64, size);
        QFETCH(qint64, notKept);
        QFETCH(QByteArray, leading);
        StreamBytes stream(QByteArray("abc"), 5);
        stream.append(QByteArray("de"));
        stream.append(QByteArray(), 4);
        stream.removeFront(removed);
        QCOMPARE(stream.size(), size);
        QCOMPARE(stream.notKept(), notKept);
        QCOMPARE(stream.leadingBytes(), leading);
    }

    // A write of more than the sample: the first bytes are kept, the count and the strace
    // line stay exact, and the line says how many were not kept.
    void aLargeCallKeepsItsFirstBytesAndItsCount_data()
    {
        QTest::addColumn<qint64>("size");
        QTest::addColumn<qint64>("notKept");
        QTest::newRow("smaller than the sample") << qint64(100) << qint64(0);
        QTest::newRow("the sample exactly") << KeptBytes::perCall << qint64(0);
        QTest::newRow("one byte more") << KeptBytes::perCall + 1 << qint64(1);
        QTest::newRow("a mebibyte") << qint64(1 << 20) << qint64((1 << 20) - KeptBytes::perCall);
    }
    void aLargeCallKeepsItsFirstBytesAndItsCount()
    {
        QFETCH(qint64, size);
        QFETCH(qint64, notKept);
        ByteBudget budget;
        CallEvent event = bigWrite(size);
        budget.keep(event);
        QCOMPARE(event.bytesNotKept, notKept);
        QCOMPARE(event.arguments.payload.size(), size - notKept);
        QCOMPARE(event.transferredCount(), size);
        QCOMPARE(budget.keptBytes(), size - notKept);
        const QString line = event.straceLine();
        QVERIFY2(line.endsWith(QStringLiteral(", %1) = %1").arg(size)), qPrintable(line.right(40)));
        QCOMPARE(line.contains(QStringLiteral("/* %1 bytes not kept */").arg(notKept)),
                 notKept > 0);
    }

    // Past a socket's total, calls keep their counts only; another socket has its own total;
    // a closed descriptor's number starts afresh.
    void aSocketKeepsABoundedTotal()
    {
        ByteBudget budget;
        const qint64 calls = 2 * KeptBytes::perSocket / KeptBytes::perCall;
        qint64 keptByLast = -1;
        for (qint64 i = 0; i < calls; ++i) {
            CallEvent event = bigWrite(KeptBytes::perCall);
            budget.keep(event);
            keptByLast = event.arguments.payload.size();
        }
        QCOMPARE(budget.keptBytes(), KeptBytes::perSocket);
        QCOMPARE(keptByLast, qint64(0));
        CallEvent other = bigWrite(10);
        other.arguments.fd = 4;
        budget.keep(other);
        QCOMPARE(other.bytesNotKept, qint64(0));
        CallEvent close;
        close.call = Call::Close;
        close.actor = QStringLiteral("client");
        close.arguments.fd = 3;
        budget.keep(close);
        CallEvent reused = bigWrite(10);
        budget.keep(reused);
        QCOMPARE(reused.bytesNotKept, qint64(0));
    }

    // A packet's payload is cut like a call's: its length on the wire stays exact.
    void aLargePacketKeepsItsLength()
    {
        ByteBudget budget;
        PacketEvent packet;
        packet.inferred = true;
        packet.decoded.transport = DecodedPacket::Transport::Tcp;
        packet.decoded.payload = QByteArray(65000, 'p');
        budget.keep(packet);
        QCOMPARE(packet.payloadLength(), 65000);
        QCOMPARE(packet.decoded.payload.size(), KeptBytes::perCall);
        QCOMPARE(packet.payloadNotKept, 65000 - KeptBytes::perCall);
    }

    // A real peer streams a few MiB into a lab socket read in a loop: every count is exact,
    // the bytes kept are the stream's own, the log keeps one socket's total, the console and
    // the saved session say what was not kept, and the replay shows the same.
    void aStreamFromARealPeerIsKeptBounded()
    {
        constexpr qint64 total = 4 << 20;
        TestKeptStream::Result result = TestKeptStream::run(total, 8192);
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        LabSession& lab = *result.lab;
        const EventLog& log = lab.session().log();
        QCOMPARE(result.received, total);
        QVERIFY(log.keptBytes() <= KeptBytes::perSocket);
        qint64 offset = 0;
        int withoutBytes = 0;
        for (const CallEvent& call : log.calls()) {
            if (call.call != Call::Read)
                continue;
            QCOMPARE(call.transferredCount(), call.ret);
            QVERIFY(call.results.data.size() <= KeptBytes::perCall);
            QCOMPARE(call.results.data, TestKeptStream::pattern(offset, call.results.data.size()));
            offset += call.ret;
            if (call.ret > 0 && call.results.data.isEmpty())
                ++withoutBytes;
        }
        QCOMPARE(offset, total);
        QVERIFY(withoutBytes > 0);
        QVERIFY2(result.consoleLines.filter(QStringLiteral("bytes not kept")).size() > 0,
                 qPrintable(result.consoleLines.last()));

        QBuffer buffer;
        buffer.open(QIODevice::ReadWrite);
        QVERIFY(SessionFile::write(log, buffer));
        QVERIFY(buffer.data().contains("\"bytes_not_kept\""));
        // The whole stream in hexadecimal would not fit: the file holds what the log kept.
        QVERIFY2(buffer.size() < 2 * total, qPrintable(QString::number(buffer.size())));
        buffer.seek(0);
        SessionFileError error;
        auto saved = SessionFile::read(buffer, &error);
        QVERIFY2(saved, qPrintable(error.text()));
        ReplaySource replay(*saved);
        replay.setIntervalMs(0);
        replay.run();
        QTRY_COMPARE(replay.state(), EventSource::State::Finished);
        QCOMPARE(replay.log().calls(), log.calls());
    }

    void reachableFromOtherMachines_data()
    {
        QTest::addColumn<QString>("endpoint");
        QTest::addColumn<bool>("reachable");
        QTest::newRow("IPv4 loopback") << QStringLiteral("127.0.0.1:5000") << false;
        QTest::newRow("elsewhere in 127/8") << QStringLiteral("127.1.2.3:5000") << false;
        QTest::newRow("IPv6 loopback") << QStringLiteral("[::1]:5000") << false;
        QTest::newRow("IPv4-mapped loopback") << QStringLiteral("[::ffff:127.0.0.1]:5000") << false;
        QTest::newRow("IPv4 wildcard") << QStringLiteral("0.0.0.0:5000") << true;
        QTest::newRow("IPv6 wildcard") << QStringLiteral("[::]:5000") << true;
        QTest::newRow("a LAN address") << QStringLiteral("192.168.1.10:5000") << true;
        QTest::newRow("an IPv6 LAN address") << QStringLiteral("[fe80::1]:5000") << true;
        QTest::newRow("AF_UNIX") << QStringLiteral("/tmp/socketscope.sock") << false;
    }
    void reachableFromOtherMachines()
    {
        QFETCH(QString, endpoint);
        QFETCH(bool, reachable);
        const auto address = SocketAddress::fromEndpoint(endpoint);
        QVERIFY(address);
        QCOMPARE(SocketScope::reachableFromOtherMachines(*address), reachable);
        QVERIFY(!SocketScope::reachableFromOtherMachines(SocketAddress()));
    }

    // bind() beyond loopback is the user's choice, and the lab says what it means.
    void bindingBeyondLoopbackIsSaid_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<bool>("warned");
        QTest::newRow("loopback") << QStringLiteral("127.0.0.1") << false;
        QTest::newRow("any address") << QStringLiteral("0.0.0.0") << true;
    }
    void bindingBeyondLoopbackIsSaid()
    {
        QFETCH(QString, host);
        QFETCH(bool, warned);
        const QStringList printed = TestKeptStream::typed(
            {QStringLiteral("socket tcp"), QStringLiteral("bind . %1 0").arg(host)});
        QCOMPARE(printed.filter(QStringLiteral("reachable from other machines")).size(),
                 warned ? 1 : 0);
    }
};

QTEST_GUILESS_MAIN(TestKeptBytes)
#include "tst_keptbytes.moc"
