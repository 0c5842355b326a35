// A traced program's real packets (where the capture helper may capture): the capture takes
// the ports the programs bind and dial before their packets go, and the packets are linked
// to the programs' calls as a scenario's are.
#include "sources/tracesource.h"
#include "testsockets.h"
#include "testtracer.h"

#include <QDir>
#include <QSocketNotifier>
#include <QTest>

#include <sys/socket.h>
#include <sys/time.h>

using namespace SocketScope;
using TracerTest::peer;
using TracerTest::waitForEnd;

namespace {

TraceOptions capturedRun(const QList<QStringList>& programs)
{
    TraceOptions options = TracerTest::tracedRun(programs);
    options.capture = CaptureMode::CaptureIfPermitted;
    options.captureHelper = QStringLiteral(SOCKETSCOPE_CAPTURE_HELPER);
    options.ownTerminal = true;
    return options;
}

const CallEvent* callOf(const EventLog& log, Call call)
{
    for (const CallEvent& event : log.calls()) {
        if (event.call == call)
            return &event;
    }
    return nullptr;
}

// The first packet from `port` with these flags (and this payload, if given).
const PacketEvent* packetFrom(const EventLog& log, quint16 port, int flags,
                              const QByteArray& payload = {})
{
    for (const PacketEvent& packet : log.packets()) {
        const DecodedPacket& d = packet.decoded;
        if (d.source.port() == port && (d.tcpFlags & flags) == flags &&
            (payload.isEmpty() || d.payload == payload))
            return &packet;
    }
    return nullptr;
}

// Packets are the session's only: each has an end on the port the session used.
bool allOnPort(const EventLog& log, quint16 port)
{
    return std::all_of(log.packets().cbegin(), log.packets().cend(), [port](const PacketEvent& p) {
        return p.decoded.source.port() == port || p.decoded.destination.port() == port;
    });
}

} // namespace

class TestTraceCapture : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // The course's client dials a server of the test's: its connect() waits until the
    // capture takes the server's port, so that the SYN is captured and linked to it.
    void tracedClientsPacketsAreCaptured()
    {
        quint16 port = 0;
        const int listener = TestSockets::boundSocket(AF_INET, SOCK_STREAM, &port);
        int served = -1;
        QSocketNotifier accepting(listener, QSocketNotifier::Read);
        std::unique_ptr<QSocketNotifier> reading;
        connect(&accepting, &QSocketNotifier::activated, this, [&] {
            served = ::accept4(listener, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
            accepting.setEnabled(false);
            reading = std::make_unique<QSocketNotifier>(served, QSocketNotifier::Read);
            connect(reading.get(), &QSocketNotifier::activated, this, [&] {
                char buffer[64];
                if (::read(served, buffer, sizeof(buffer)) > 0)
                    QCOMPARE(::write(served, "ok", 2), ssize_t(2));
                reading->setEnabled(false);
            });
        });
        TraceSource source(capturedRun({{QStringLiteral(PEER_TP_CLIENT_TCP),
                                         QStringLiteral("127.0.0.1"), QString::number(port)}}));
        source.writeInput(0, "hello\n");
        QVERIFY(waitForEnd(source));
        ::close(served);
        ::close(listener);
        const EventLog& log = source.log();
        if (log.captureStatus().kind != CaptureStatus::Kind::Captured)
            QSKIP("capture is not permitted here");
        QCOMPARE(source.exitStatus(), 0);
        const CallEvent* dial = callOf(log, Call::Connect);
        const CallEvent* write = callOf(log, Call::Write);
        QVERIFY(dial && !dial->failed() && write);
        const quint16 client = dial->after.local.port();
        const PacketEvent* syn = packetFrom(log, client, DecodedPacket::Syn);
        QVERIFY2(syn, "the SYN was captured");
        QVERIFY(!syn->inferred);
        QCOMPARE(syn->cause, dial->seq);
        QCOMPARE(syn->sender.actor, dial->actor);
        const PacketEvent* synAck = packetFrom(log, port, DecodedPacket::Syn | DecodedPacket::Ack);
        QVERIFY(synAck);
        QCOMPARE(synAck->cause, dial->seq);
        const PacketEvent* data = packetFrom(log, client, DecodedPacket::Psh, "hello\n");
        QVERIFY(data);
        QCOMPARE(data->cause, write->seq);
        QVERIFY(packetFrom(log, port, DecodedPacket::Psh, "ok"));
        // The client ends without close(): exit_group() closes its socket, and sends its FIN.
        const CallEvent* exit = callOf(log, Call::ExitGroup);
        const PacketEvent* fin = packetFrom(log, client, DecodedPacket::Fin);
        QVERIFY(exit && fin);
        QCOMPARE(fin->cause, exit->seq);
        QVERIFY(allOnPort(log, port));
    }

    // A traced server bound to port 0: the capture takes the port the system chose as soon
    // as bind() returns, and a client from outside the session is seen arriving.
    void tracedServersPacketsAreCaptured()
    {
        TraceSource source(capturedRun({{peer("tracer_server")}}));
        QVERIFY(
            QTest::qWaitFor([&] { return callOf(source.log(), Call::Listen) != nullptr; }, 60'000));
        if (source.log().captureStatus().kind != CaptureStatus::Kind::Captured)
            QSKIP("capture is not permitted here");
        const quint16 port = callOf(source.log(), Call::Bind)->after.local.port();
        QVERIFY(port != 0);
        QVERIFY(QTest::qWaitFor([&] { return source.capturesPort(port); }, 30'000));
        const int client = TestSockets::connectedTo(port);
        const timeval patience{30, 0};
        ::setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &patience, sizeof(patience));
        QCOMPARE(::send(client, "ping", 4, 0), 4);
        char echo[8] = {};
        QCOMPARE(::recv(client, echo, sizeof(echo), MSG_WAITALL), 4);
        QVERIFY(waitForEnd(source));
        ::close(client);
        const EventLog& log = source.log();
        const CallEvent* accept = callOf(log, Call::Accept);
        const CallEvent* reply = callOf(log, Call::SendTo);
        QVERIFY(accept && reply);
        const PacketEvent* syn =
            packetFrom(log, accept->results.returnedAddress.port(), DecodedPacket::Syn);
        QVERIFY2(syn, "the SYN was captured");
        QVERIFY(!syn->inferred);
        QCOMPARE(syn->receiver.actor, accept->actor);
        QCOMPARE(syn->cause, qint64(-1)); // the dialler is not in the session
        const PacketEvent* answer = packetFrom(log, port, DecodedPacket::Psh, "ping");
        QVERIFY(answer);
        QCOMPARE(answer->cause, reply->seq);
        QVERIFY(allOnPort(log, port));
    }
};

QTEST_MAIN(TestTraceCapture)
#include "tst_tracecapture.moc"
