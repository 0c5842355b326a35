#include "log/eventlog.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cerrno>

using namespace SocketScope;

class TestEventLog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void writesOneObjectPerLineInSeqOrder()
    {
        EventLog log;
        CallEvent accept;
        accept.seq = 4;
        accept.step = 3;
        accept.tNs = 1000;
        accept.durationNs = 50;
        accept.actor = QStringLiteral("server");
        accept.call = QStringLiteral("accept");
        accept.fd = 3;
        accept.resultFd = 4;
        accept.args = QStringLiteral("3, {...}, [16]");
        accept.ret = 4;
        accept.local = QStringLiteral("127.0.0.1:5000");
        accept.peer = QStringLiteral("127.0.0.1:40000");
        accept.tcpState = QStringLiteral("ESTABLISHED");
        CallEvent refused;
        refused.seq = 2;
        refused.actor = QStringLiteral("client");
        refused.call = QStringLiteral("connect");
        refused.fd = 5;
        refused.ret = -1;
        refused.errnoValue = ECONNREFUSED;
        refused.errnoName = QStringLiteral("ECONNREFUSED");
        refused.errnoMessage = QStringLiteral("Connection refused");
        log.append(accept);
        log.append(refused);
        log.append(StepNote{1, 10, 0, QStringLiteral("client"), QStringLiteral("dial")});

        QBuffer buffer;
        buffer.open(QIODevice::ReadWrite);
        QVERIFY(log.writeJsonLines(buffer));
        const QList<QByteArray> lines = buffer.data().trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        QList<QJsonObject> objects;
        for (const QByteArray& line : lines) {
            QJsonParseError error;
            objects << QJsonDocument::fromJson(line, &error).object();
            QCOMPARE(error.error, QJsonParseError::NoError);
        }
        QCOMPARE(objects[0][QLatin1String("kind")].toString(), QStringLiteral("step"));
        QCOMPARE(objects[1][QLatin1String("seq")].toInt(), 2);
        QCOMPARE(objects[1][QLatin1String("errno")].toString(), QStringLiteral("ECONNREFUSED"));
        QVERIFY(objects[1][QLatin1String("local")].isNull());
        const QJsonObject a = objects[2];
        QCOMPARE(a[QLatin1String("kind")].toString(), QStringLiteral("call"));
        QCOMPARE(a[QLatin1String("call")].toString(), QStringLiteral("accept"));
        QCOMPARE(a[QLatin1String("fd")].toInt(), 3);
        QCOMPARE(a[QLatin1String("ret")].toInt(), 4);
        QVERIFY(a[QLatin1String("errno")].isNull());
        QCOMPARE(a[QLatin1String("local")].toString(), QStringLiteral("127.0.0.1:5000"));
        QCOMPARE(a[QLatin1String("peer")].toString(), QStringLiteral("127.0.0.1:40000"));
        QCOMPARE(a[QLatin1String("tcp_state")].toString(), QStringLiteral("ESTABLISHED"));
        QCOMPARE(a[QLatin1String("t_ns")].toInteger(), 1000);
        QCOMPARE(a[QLatin1String("duration_ns")].toInteger(), 50);
        QCOMPARE(a[QLatin1String("args")].toString(), QStringLiteral("3, {...}, [16]"));
        QCOMPARE(a[QLatin1String("strace")].toString(),
                 QStringLiteral("accept(3, {...}, [16]) = 4"));
    }

    void unwritablePathSaysWhy()
    {
        EventLog log;
        QString error;
        QVERIFY(!log.saveJsonLines(QStringLiteral("/nonexistent-folder/t.jsonl"), &error));
        QVERIFY(error.contains(QLatin1String("/nonexistent-folder/t.jsonl")));
    }
};

QTEST_GUILESS_MAIN(TestEventLog)
#include "tst_eventlog.moc"
