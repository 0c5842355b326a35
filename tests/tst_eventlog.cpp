#include "log/eventlog.h"
#include "log/sessionfile.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

#include <cerrno>

using namespace SocketScope;

namespace {

CallEvent acceptEvent()
{
    CallEvent accept;
    accept.seq = 4;
    accept.step = 3;
    accept.tNs = 1000;
    accept.durationNs = 50;
    accept.actor = QStringLiteral("server");
    accept.call = Call::Accept;
    accept.arguments.fd = 3;
    accept.arguments.addressCapacity = 16;
    accept.ret = 4;
    accept.results.returnedAddress = *SocketAddress::fromIp(QStringLiteral("127.0.0.1"), 40000);
    accept.results.returnedLength = 16;
    accept.after.local = *SocketAddress::fromIp(QStringLiteral("127.0.0.1"), 5000);
    accept.after.peer = accept.results.returnedAddress;
    accept.after.tcpState = TcpState::Established;
    return accept;
}

CallEvent refusedEvent()
{
    CallEvent refused;
    refused.seq = 2;
    refused.actor = QStringLiteral("client");
    refused.call = Call::Connect;
    refused.arguments.fd = 5;
    refused.arguments.address = *SocketAddress::fromIp(QStringLiteral("127.0.0.1"), 5000);
    refused.ret = -1;
    refused.error = ECONNREFUSED;
    return refused;
}

} // namespace

class TestEventLog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // A call is in progress from its start to its return, then in the calls, by seq.
    void callsInProgressThenReturned()
    {
        EventLog log;
        QSignalSpy started(&log, &EventLog::callStarted);
        QSignalSpy blocked(&log, &EventLog::callBlocked);
        QSignalSpy appended(&log, &EventLog::callAppended);
        const CallEvent accept = acceptEvent();
        log.startCall(
            CallStart{accept.seq, accept.step, accept.tNs, accept.actor, accept.call, 3, false});
        log.startCall(CallStart{2, 1, 500, QStringLiteral("client"), Call::Connect, 5, false});
        QCOMPARE(log.callsInProgress().size(), 2);
        QCOMPARE(log.callsInProgress().first().seq, 2); // in the order they started
        log.markBlocked(4);
        log.markBlocked(4); // told once
        QCOMPARE(blocked.size(), 1);
        QVERIFY(log.callInProgress(4)->blocked);
        log.appendCall(refusedEvent());
        log.appendCall(accept);
        QCOMPARE(started.size(), 2);
        QCOMPARE(appended.size(), 2);
        QVERIFY(log.callsInProgress().isEmpty());
        QCOMPARE(log.callIndex(4), 1);
        QCOMPARE(log.call(2)->error, ECONNREFUSED);
        QVERIFY(!log.call(3));
        // Starting a call that already returned changes nothing.
        log.startCall(CallStart{4, 3, 1000, QStringLiteral("server"), Call::Accept, 3, false});
        QVERIFY(log.callsInProgress().isEmpty());
    }

    void noteInForceAtTheCursor()
    {
        EventLog log;
        log.appendNote(StepNote{1, 10, 0, QStringLiteral("client"), QStringLiteral("dial"), 0});
        log.appendCall(refusedEvent());
        log.appendNote(StepNote{3, 20, 1, QStringLiteral("server"), QStringLiteral("pick up"), 1});
        log.appendCall(acceptEvent());
        QVERIFY(!log.noteAt(0) || log.noteAt(0)->step == 0); // before the first call: none
        QCOMPARE(log.noteAt(1)->narration, QStringLiteral("dial"));
        QCOMPARE(log.noteAt(2)->narration, QStringLiteral("pick up")); // the live end
    }

    // Saved: a header, then one object per line in seq order, with the typed values and the
    // text people read.
    void savedOneObjectPerLineInSeqOrder()
    {
        EventLog log;
        log.appendCall(acceptEvent());
        log.appendCall(refusedEvent());
        log.appendNote(StepNote{1, 10, 0, QStringLiteral("client"), QStringLiteral("dial"), 0});

        QBuffer buffer;
        buffer.open(QIODevice::ReadWrite);
        QVERIFY(SessionFile::write(log, buffer));
        const QList<QByteArray> lines = buffer.data().trimmed().split('\n');
        QCOMPARE(lines.size(), 4);
        QList<QJsonObject> objects;
        for (const QByteArray& line : lines) {
            QJsonParseError error;
            objects << QJsonDocument::fromJson(line, &error).object();
            QCOMPARE(error.error, QJsonParseError::NoError);
        }
        QCOMPARE(objects[0][QLatin1String("kind")].toString(), QStringLiteral("session"));
        QCOMPARE(objects[0][QLatin1String("format")].toInt(), SessionFile::formatVersion);
        QCOMPARE(objects[1][QLatin1String("kind")].toString(), QStringLiteral("step"));
        QCOMPARE(objects[2][QLatin1String("seq")].toInt(), 2);
        QCOMPARE(objects[2][QLatin1String("errno")].toString(), QStringLiteral("ECONNREFUSED"));
        QCOMPARE(objects[2][QLatin1String("returned")].toInt(), 1);
        QVERIFY(objects[2][QLatin1String("local")].isNull());
        const QJsonObject a = objects[3];
        QCOMPARE(a[QLatin1String("kind")].toString(), QStringLiteral("call"));
        QCOMPARE(a[QLatin1String("call")].toString(), QStringLiteral("accept"));
        QCOMPARE(a[QLatin1String("fd")].toInt(), 3);
        QCOMPARE(a[QLatin1String("result_fd")].toInt(), 4);
        QCOMPARE(a[QLatin1String("ret")].toInt(), 4);
        QVERIFY(a[QLatin1String("errno")].isNull());
        QCOMPARE(a[QLatin1String("local")].toString(), QStringLiteral("127.0.0.1:5000"));
        QCOMPARE(a[QLatin1String("peer")].toString(), QStringLiteral("127.0.0.1:40000"));
        QCOMPARE(a[QLatin1String("tcp_state")].toString(), QStringLiteral("ESTABLISHED"));
        QCOMPARE(a[QLatin1String("t_ns")].toInteger(), 1000);
        QCOMPARE(a[QLatin1String("duration_ns")].toInteger(), 50);
        const QString args = QStringLiteral(
            "3, {sa_family=AF_INET, sin_port=htons(40000), sin_addr=inet_addr(\"127.0.0.1\")}, "
            "[16]");
        QCOMPARE(a[QLatin1String("args")].toString(), args);
        QCOMPARE(a[QLatin1String("strace")].toString(), QStringLiteral("accept(%1) = 4").arg(args));
        QCOMPARE(a[QLatin1String("arguments")].toObject()[QLatin1String("fd")].toInt(), 3);
    }

    void unwritablePathSaysWhy()
    {
        EventLog log;
        QString error;
        QVERIFY(!SessionFile::save(log, QStringLiteral("/nonexistent-folder/t.jsonl"), &error));
        QVERIFY(error.contains(QLatin1String("/nonexistent-folder/t.jsonl")));
    }
};

QTEST_GUILESS_MAIN(TestEventLog)
#include "tst_eventlog.moc"
