// The lines of socketscope-tracer's channel (docs/tracer-protocol.md), read into typed values:
// each kind of message, and lines that are not the protocol's, refused with their reason.
#include "calls/callcodec.h"
#include "trace/tracemessage.h"

#include <QJsonDocument>
#include <QTest>

#include <cerrno>
#include <netinet/in.h>

using namespace SocketScope;

namespace {

QByteArray lineOf(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

CallEvent acceptCall()
{
    CallEvent event;
    event.tNs = 1000;
    event.durationNs = 500;
    event.pid = 4242;
    event.call = Call::Accept;
    event.arguments.fd = 3;
    event.ret = 4;
    event.results.returnedAddress = *SocketAddress::fromIp(QStringLiteral("127.0.0.1"), 40000);
    event.family = AF_INET;
    event.socketType = SOCK_STREAM;
    return event;
}

} // namespace

class TestTraceMessage : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void eachKindIsRead()
    {
        QString error;
        auto process = parseTraceMessage(
            R"({"kind":"process","pid":100,"parent":0,"thread":false,"program":"/usr/bin/nc","argv":["nc","-l","5000"]})",
            &error);
        QVERIFY2(process, qPrintable(error));
        QCOMPARE(process->kind, TraceMessage::Kind::Process);
        QCOMPARE(process->pid, 100);
        QCOMPARE(process->argv,
                 QStringList({QStringLiteral("nc"), QStringLiteral("-l"), QStringLiteral("5000")}));

        auto start = parseTraceMessage(
            R"({"kind":"start","id":7,"pid":100,"call":"accept4","fd":3,"tNs":123})", &error);
        QVERIFY2(start, qPrintable(error));
        QCOMPARE(start->call, Call::Accept4);
        QCOMPARE(start->fd, 3);
        QCOMPARE(start->id, 7);

        auto blocked = parseTraceMessage(R"({"kind":"blocked","id":7})", &error);
        QVERIFY2(blocked && blocked->kind == TraceMessage::Kind::Blocked, qPrintable(error));

        const CallEvent sent = acceptCall();
        QJsonObject call{{QStringLiteral("kind"), QStringLiteral("call")},
                         {QStringLiteral("id"), 7},
                         {QStringLiteral("event"), CallCodec::eventToJson(sent)}};
        auto returned = parseTraceMessage(lineOf(call), &error);
        QVERIFY2(returned, qPrintable(error));
        QCOMPARE(returned->event, sent);
        QCOMPARE(returned->pid, 4242);

        auto killed =
            parseTraceMessage(R"({"kind":"killed","pid":100,"signal":11,"tNs":5})", &error);
        QVERIFY2(killed && killed->signal == 11 && killed->tNs == 5, qPrintable(error));
        auto exited = parseTraceMessage(R"({"kind":"exit","pid":100,"status":3,"tNs":6})", &error);
        QVERIFY2(exited && exited->status == 3 && exited->tNs == 6, qPrintable(error));
        auto refused = parseTraceMessage(R"({"kind":"refused","what":"exec","errno":2})", &error);
        QVERIFY2(refused, qPrintable(error));
        QCOMPARE(refused->refusal, TraceMessage::Refusal::Exec);
        QCOMPARE(refused->error, ENOENT);

        auto reach = parseTraceMessage(
            R"({"kind":"reach","address":"020013887f0000010000000000000000","bound":true})",
            &error);
        QVERIFY2(reach, qPrintable(error));
        QCOMPARE(reach->kind, TraceMessage::Kind::Reach);
        QCOMPARE(reach->address.endpoint(), QStringLiteral("127.0.0.1:5000"));
        QVERIFY(reach->bound);
        auto hold = parseTraceMessage(R"({"kind":"hold","id":9,"pid":100})", &error);
        QVERIFY2(hold && hold->kind == TraceMessage::Kind::Hold && hold->id == 9,
                 qPrintable(error));
    }

    void hostileLinesAreRefused_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QString>("reason");
        QTest::newRow("not JSON") << QByteArray("{\"kind\":") << "not a JSON object";
        QTest::newRow("an array") << QByteArray("[1,2]") << "not a JSON object";
        QTest::newRow("no kind") << QByteArray(R"({"pid":1})") << "kind";
        QTest::newRow("unknown kind") << QByteArray(R"({"kind":"reboot"})") << "reboot";
        QTest::newRow("pid zero") << QByteArray(R"({"kind":"exit","pid":0,"status":0,"tNs":1})")
                                  << "pid";
        QTest::newRow("pid a string")
            << QByteArray(R"({"kind":"exit","pid":"1","status":0,"tNs":1})") << "pid";
        QTest::newRow("status beyond a byte")
            << QByteArray(R"({"kind":"exit","pid":5,"status":256,"tNs":1})") << "status";
        QTest::newRow("signal 0") << QByteArray(R"({"kind":"killed","pid":5,"signal":0,"tNs":1})")
                                  << "signal";
        QTest::newRow("end without its moment")
            << QByteArray(R"({"kind":"killed","pid":5,"signal":9})") << "tNs";
        QTest::newRow("unknown call")
            << QByteArray(R"({"kind":"start","id":1,"pid":5,"call":"reboot","tNs":1})") << "reboot";
        QTest::newRow("negative id")
            << QByteArray(R"({"kind":"start","id":-1,"pid":5,"call":"bind","tNs":1})") << "id";
        QTest::newRow("huge descriptor")
            << QByteArray(R"({"kind":"start","id":1,"pid":5,"call":"bind","fd":99999999,"tNs":1})")
            << "fd";
        QTest::newRow("process without program")
            << QByteArray(R"({"kind":"process","pid":5})") << "program";
        QTest::newRow("refusal of another kind")
            << QByteArray(R"({"kind":"refused","what":"mount","errno":1})") << "what";
        QTest::newRow("reach without an address")
            << QByteArray(R"({"kind":"reach","bound":false})") << "address";
        QTest::newRow("reach of an AF_UNIX path")
            << QByteArray(R"({"kind":"reach","address":"01002f746d702f78"})") << "port";
        QTest::newRow("reach of half a sockaddr_in")
            << QByteArray(R"({"kind":"reach","address":"020013887f000001"})") << "sockaddr";
        QTest::newRow("hold without id") << QByteArray(R"({"kind":"hold","pid":100})") << "id";
        QTest::newRow("hold without its thread")
            << QByteArray(R"({"kind":"hold","id":9})") << "pid";
        QTest::newRow("call without event") << QByteArray(R"({"kind":"call","id":1})") << "event";
        QTest::newRow("call with a broken event")
            << QByteArray(R"({"kind":"call","id":1,"event":{"call":"bind"}})") << "t_ns";
        QTest::newRow("call without its process")
            << QByteArray(R"({"kind":"call","id":1,"event":{"call":"bind","t_ns":5}})") << "pid";
    }
    void hostileLinesAreRefused()
    {
        QFETCH(QByteArray, line);
        QFETCH(QString, reason);
        QString error;
        QVERIFY(!parseTraceMessage(line, &error));
        QVERIFY2(error.contains(reason), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestTraceMessage)
#include "tst_tracemessage.moc"
