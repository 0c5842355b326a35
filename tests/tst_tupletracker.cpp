#include "calls/callcodec.h"
#include "calls/tupletracker.h"
#include "sources/session.h"
#include "testlog.h"
#include "testscenarios.h"

#include <QTest>

#include <cerrno>

using namespace SocketScope;
using namespace SocketScope::TestLog;

namespace {

void checkField(const TupleField& field, const QString& value, Call source, bool chosen)
{
    QCOMPARE(field.value, value);
    QCOMPARE(field.source, source);
    QCOMPARE(field.chosenBySystem, chosen);
    QVERIFY(field.seq > 0);
}

} // namespace

// Each slot of the quintuplet, call by call, and where its value came from.
class TestTupleTracker : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void bindToAnExplicitPortIsTheProgramsChoice()
    {
        // The rules alone, without a socket: bind() to the course's port 5000 and to the
        // wildcard, as the Caen server does.
        SocketTuple tuple;
        CallEvent event;
        event.call = Call::Socket;
        event.arguments.domain = AF_INET;
        event.arguments.type = SOCK_STREAM;
        event.seq = 1;
        TupleTracker::apply(tuple, event);
        checkField(tuple.protocol, QStringLiteral("TCP"), Call::Socket, false);
        QVERIFY(!tuple.localAddress.isFilled());
        QVERIFY(!tuple.perDatagram);

        event.call = Call::Bind;
        event.arguments.address = *SocketAddress::fromIp(QStringLiteral("0.0.0.0"), 5000);
        event.seq = 3;
        TupleTracker::apply(tuple, event);
        checkField(tuple.localAddress, QStringLiteral("*"), Call::Bind, false);
        checkField(tuple.localPort, QStringLiteral("5000"), Call::Bind, false);
        QCOMPARE(tuple.localPort.seq, 3);
        QVERIFY(!tuple.remoteAddress.isFilled());

        // A failed call changes nothing.
        event.call = Call::Connect;
        event.error = ECONNREFUSED;
        event.ret = -1;
        TupleTracker::apply(tuple, event);
        QVERIFY(!tuple.remoteAddress.isFilled());
    }

    void tcpEchoProvenance()
    {
        Session session;
        QVERIFY(
            TestScenarios::runToEnd(session, TestScenarios::builtIn(QStringLiteral("tcp-echo"))));
        const EventLog& log = session.log();
        const QString port = QString::number(session.servicePort());

        // bind(port 0): the system chose the port there and then; the kernel reports it.
        const SocketTuple& bound = findCall(log, u"server", Call::Bind)->tuple;
        checkField(bound.localPort, port, Call::Bind, true);
        const SocketTuple& listening = findCall(log, u"server", Call::Listen)->tuple;
        checkField(listening.localPort, port, Call::Bind, true);

        // connect() without bind: the system picks the client's address and ephemeral port.
        const CallEvent* connect = findCall(log, u"client", Call::Connect);
        const SocketTuple& client = connect->tuple;
        checkField(client.remoteAddress, QStringLiteral("127.0.0.1"), Call::Connect, false);
        checkField(client.remotePort, port, Call::Connect, false);
        checkField(client.localAddress, QStringLiteral("127.0.0.1"), Call::Connect, true);
        QVERIFY(client.localPort.chosenBySystem);
        QCOMPARE(client.localPort.source, Call::Connect);
        QCOMPARE(client.localPort.seq, connect->seq);

        // accept(): a new descriptor, the listener's port, the caller's address and port.
        const CallEvent* accept = findCall(log, u"server", Call::Accept);
        QVERIFY(accept->resultFd() != accept->fd());
        const SocketTuple& handset = accept->tuple;
        checkField(handset.localPort, port, Call::Accept, false);
        checkField(handset.remoteAddress, client.localAddress.value, Call::Accept, false);
        checkField(handset.remotePort, client.localPort.value, Call::Accept, false);
        QCOMPARE(handset.protocol.value, QStringLiteral("TCP"));
        // The JSON carries the same, field by field.
        const QJsonObject json =
            CallCodec::eventToJson(*accept).value(QLatin1String("tuple")).toObject();
        QCOMPARE(json.value(QLatin1String("remote_port"))
                     .toObject()
                     .value(QLatin1String("value"))
                     .toString(),
                 client.localPort.value);
        QCOMPARE(json.value(QLatin1String("local_port"))
                     .toObject()
                     .value(QLatin1String("source"))
                     .toString(),
                 QStringLiteral("accept"));
    }

    void udpRemoteSideExistsPerDatagram()
    {
        Session session;
        QVERIFY(
            TestScenarios::runToEnd(session, TestScenarios::builtIn(QStringLiteral("udp-echo"))));
        const EventLog& log = session.log();
        const CallEvent* sendto = findCall(log, u"client", Call::SendTo);
        const SocketTuple& client = sendto->tuple;
        QVERIFY(client.perDatagram);
        checkField(client.protocol, QStringLiteral("UDP"), Call::Socket, false);
        // sendto() on an unbound socket: the system gave it the wildcard and a port.
        checkField(client.localAddress, QStringLiteral("*"), Call::SendTo, true);
        QVERIFY(client.localPort.chosenBySystem);
        checkField(client.remotePort, QString::number(session.servicePort()), Call::SendTo, false);
        const SocketTuple& server = findCall(log, u"server", Call::RecvFrom)->tuple;
        QVERIFY(server.perDatagram);
        checkField(server.remotePort, client.localPort.value, Call::RecvFrom, false);
    }

    void ipv6Wildcard()
    {
        Session session;
        QVERIFY(TestScenarios::runToEnd(session,
                                        TestScenarios::fromTestData(QStringLiteral("tcp-ipv6"))));
        if (!session.outcome()->passed)
            QSKIP("IPv6 loopback is not available on this machine");
        const EventLog& log = session.log();
        const SocketTuple& bound = findCall(log, u"server", Call::Bind)->tuple;
        checkField(bound.localAddress, QStringLiteral("*"), Call::Bind, false); // in6addr_any
        const CallEvent* name = findCall(log, u"server", Call::GetSockName);
        QCOMPARE(name->results.returnedAddress.family(), AF_INET6);
        const SocketTuple& handset = findCall(log, u"server", Call::Accept)->tuple;
        // Bound to the wildcard, accepted on the address the client dialled.
        checkField(handset.localAddress, QStringLiteral("::1"), Call::Accept, false);
        checkField(handset.remoteAddress, QStringLiteral("::1"), Call::Accept, false);
    }
};

QTEST_GUILESS_MAIN(TestTupleTracker)
#include "tst_tupletracker.moc"
