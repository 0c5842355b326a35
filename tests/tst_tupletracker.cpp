#include "calls/tupletracker.h"
#include "sources/session.h"
#include "testscenarios.h"

#include <QTest>

#include <cerrno>

using namespace SocketScope;

namespace {

const CallEvent* findCall(const EventLog& log, const char* actor, const char* call)
{
    for (const CallEvent& event : log.calls()) {
        if (event.actor == QLatin1String(actor) && event.call == QLatin1String(call))
            return &event;
    }
    return nullptr;
}

void checkField(const TupleField& field, const QString& value, const char* source, bool chosen)
{
    QCOMPARE(field.value, value);
    QCOMPARE(field.source, QLatin1String(source));
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
        CallRequest request;
        request.call = QStringLiteral("socket");
        request.domain = AF_INET;
        request.type = SOCK_STREAM;
        CallEvent event;
        event.call = request.call;
        event.seq = 1;
        TupleTracker::apply(tuple, request, event);
        checkField(tuple.protocol, QStringLiteral("TCP"), "socket", false);
        QVERIFY(!tuple.localAddress.isFilled());
        QVERIFY(!tuple.perDatagram);

        request.call = event.call = QStringLiteral("bind");
        request.address = *SocketAddress::fromIp(QStringLiteral("0.0.0.0"), 5000);
        event.seq = 3;
        TupleTracker::apply(tuple, request, event);
        checkField(tuple.localAddress, QStringLiteral("*"), "bind", false);
        checkField(tuple.localPort, QStringLiteral("5000"), "bind", false);
        QCOMPARE(tuple.localPort.seq, 3);
        QVERIFY(!tuple.remoteAddress.isFilled());

        // A failed call changes nothing.
        request.call = event.call = QStringLiteral("connect");
        event.errnoValue = ECONNREFUSED;
        event.ret = -1;
        TupleTracker::apply(tuple, request, event);
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
        const SocketTuple& bound = findCall(log, "server", "bind")->tuple;
        checkField(bound.localPort, port, "bind", true);
        const SocketTuple& listening = findCall(log, "server", "listen")->tuple;
        checkField(listening.localPort, port, "bind", true);

        // connect() without bind: the system picks the client's address and ephemeral port.
        const CallEvent* connect = findCall(log, "client", "connect");
        const SocketTuple& client = connect->tuple;
        checkField(client.remoteAddress, QStringLiteral("127.0.0.1"), "connect", false);
        checkField(client.remotePort, port, "connect", false);
        checkField(client.localAddress, QStringLiteral("127.0.0.1"), "connect", true);
        QVERIFY(client.localPort.chosenBySystem);
        QCOMPARE(client.localPort.source, QStringLiteral("connect"));
        QCOMPARE(client.localPort.seq, connect->seq);

        // accept(): a new descriptor, the listener's port, the caller's address and port.
        const CallEvent* accept = findCall(log, "server", "accept");
        QVERIFY(accept->resultFd != accept->fd);
        const SocketTuple& handset = accept->tuple;
        checkField(handset.localPort, port, "accept", false);
        checkField(handset.remoteAddress, client.localAddress.value, "accept", false);
        checkField(handset.remotePort, client.localPort.value, "accept", false);
        QCOMPARE(handset.protocol.value, QStringLiteral("TCP"));
        // The JSON carries the same, field by field.
        const QJsonObject json = accept->toJson().value(QLatin1String("tuple")).toObject();
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
        const CallEvent* sendto = findCall(log, "client", "sendto");
        const SocketTuple& client = sendto->tuple;
        QVERIFY(client.perDatagram);
        checkField(client.protocol, QStringLiteral("UDP"), "socket", false);
        // sendto() on an unbound socket: the system gave it the wildcard and a port.
        checkField(client.localAddress, QStringLiteral("*"), "sendto", true);
        QVERIFY(client.localPort.chosenBySystem);
        checkField(client.remotePort, QString::number(session.servicePort()), "sendto", false);
        const SocketTuple& server = findCall(log, "server", "recvfrom")->tuple;
        QVERIFY(server.perDatagram);
        checkField(server.remotePort, client.localPort.value, "recvfrom", false);
    }

    void ipv6Wildcard()
    {
        Session session;
        QVERIFY(TestScenarios::runToEnd(session,
                                        TestScenarios::fromTestData(QStringLiteral("tcp-ipv6"))));
        if (!session.outcome()->passed)
            QSKIP("IPv6 loopback is not available on this machine");
        const EventLog& log = session.log();
        const SocketTuple& bound = findCall(log, "server", "bind")->tuple;
        checkField(bound.localAddress, QStringLiteral("*"), "bind", false); // in6addr_any
        const CallEvent* name = findCall(log, "server", "getsockname");
        QCOMPARE(name->returnedAddress.family(), AF_INET6);
        const SocketTuple& handset = findCall(log, "server", "accept")->tuple;
        // Bound to the wildcard, accepted on the address the client dialled.
        checkField(handset.localAddress, QStringLiteral("::1"), "accept", false);
        checkField(handset.remoteAddress, QStringLiteral("::1"), "accept", false);
    }
};

QTEST_GUILESS_MAIN(TestTupleTracker)
#include "tst_tupletracker.moc"
