#include "kernel/networkinterfaces.h"
#include "lab/labsession.h"
#include "packetpanel.h"
#include "testpeernamespace.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTest>

#include <unistd.h>

using namespace SocketScope;
using TestPeerNamespace::PeerNamespace;

namespace {

struct HelperRun {
    int exitCode = -1;
    QString out;
    QString err;
};

HelperRun runHelper(const QStringList& arguments)
{
    QProcess process;
    process.start(QStringLiteral(SOCKETSCOPE_CAPTURE_HELPER), arguments);
    HelperRun run;
    if (!process.waitForFinished(60'000))
        return run;
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

// A program that ends with the test, whichever way the test ends.
struct RunningProgram {
    QProcess process;
    QByteArray err;
    ~RunningProgram()
    {
        if (process.state() == QProcess::NotRunning)
            return;
        process.kill();
        process.waitForFinished();
    }
};

const PacketEvent* handshakePacket(const EventLog& log, qint64 connectSeq, quint8 flags)
{
    for (const PacketEvent& packet : log.packets()) {
        const quint8 handshakeFlags =
            packet.decoded.tcpFlags & (DecodedPacket::Syn | DecodedPacket::Ack);
        if (packet.cause == connectSeq && handshakeFlags == flags && packet.payloadLength() == 0)
            return &packet;
    }
    return nullptr;
}

qint64 connectSeq(const EventLog& log)
{
    for (const CallEvent& call : log.calls()) {
        if (call.call == Call::Connect && !call.failed())
            return call.seq;
    }
    return -1;
}

// A tun interface (IP packets without an Ethernet header) for the time of a test.
struct TunInterface {
    QString name = QStringLiteral("ssc%1t").arg(getpid() % 100000);
    bool made = false;
    ~TunInterface()
    {
        if (made)
            TestPeerNamespace::ip({QStringLiteral("link"), QStringLiteral("del"), name});
    }
    QString make()
    {
        if (geteuid() != 0)
            return QStringLiteral("making a tun interface needs root");
        const QList<QStringList> steps{
            {QStringLiteral("tuntap"), QStringLiteral("add"), QStringLiteral("dev"), name,
             QStringLiteral("mode"), QStringLiteral("tun")},
            {QStringLiteral("addr"), QStringLiteral("add"),
             QStringLiteral("10.234.%1.1/24").arg(getpid() % 250), QStringLiteral("dev"), name},
            {QStringLiteral("link"), QStringLiteral("set"), name, QStringLiteral("up")},
        };
        for (const QStringList& step : steps) {
            const TestPeerNamespace::IpRun run = TestPeerNamespace::ip(step);
            made = true;
            if (!run.ok)
                return QStringLiteral("ip %1: %2").arg(step.join(QLatin1Char(' ')), run.error);
        }
        return {};
    }
};

qint64 closeSeq(const EventLog& log)
{
    for (const CallEvent& call : log.calls()) {
        if (call.call == Call::Close && call.ret == 0)
            return call.seq;
    }
    return -2; // no packet's cause
}

} // namespace

class TestCaptureBeyondLoopback : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // The interface comes from the app as a name, never through a shell: anything but the
    // name of an interface the system has is refused before a capture opens.
    void helperRefusesBadInterfaces_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("said");
        const QString notAName = QStringLiteral("not an interface name");
        QTest::newRow("shell separator") << QStringLiteral("lo;id") << notAName;
        QTest::newRow("command substitution") << QStringLiteral("$(id)") << notAName;
        QTest::newRow("pipe") << QStringLiteral("lo|id") << notAName;
        QTest::newRow("space") << QStringLiteral("eth0 lo") << notAName;
        QTest::newRow("path") << QStringLiteral("../lo") << notAName;
        QTest::newRow("option-like") << QStringLiteral("-lo") << notAName;
        QTest::newRow("empty") << QString() << notAName;
        QTest::newRow("longer than IFNAMSIZ") << QStringLiteral("abcdefghijklmnop") << notAName;
        QTest::newRow("every interface")
            << QStringLiteral("any") << QStringLiteral("\"any\" stands for every interface");
        QTest::newRow("no such interface")
            << QStringLiteral("nosuchif0") << QStringLiteral("no such interface: nosuchif0");
    }
    void helperRefusesBadInterfaces()
    {
        QFETCH(QString, name);
        QFETCH(QString, said);
        const HelperRun run = runHelper({QStringLiteral("--host"), QStringLiteral("127.0.0.1"),
                                         QStringLiteral("--interface"), name,
                                         QStringLiteral("--port"), QStringLiteral("9")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.startsWith(QStringLiteral("socketscope-capture: ") + said),
                 qPrintable(run.err));
        QVERIFY(run.out.isEmpty()); // not a byte of capture
    }

    // Loopback needs no other interface; another machine's address, the interface its
    // route leaves by; an address of this machine, the interface that holds it; the
    // wildcard, every interface up.
    void interfacesOfAnAddress()
    {
        const auto address = [](const QString& host) {
            return *SocketAddress::fromIp(host, 5555);
        };
        QCOMPARE(NetworkInterfaces::forLocal(address(QStringLiteral("127.0.0.1"))), QStringList());
        QCOMPARE(NetworkInterfaces::forLocal(address(QStringLiteral("::1"))), QStringList());
        QCOMPARE(NetworkInterfaces::towards(address(QStringLiteral("127.0.0.2"))), QStringList());
        QCOMPARE(NetworkInterfaces::towards(address(QStringLiteral("::ffff:127.0.0.1"))),
                 QStringList());
        PeerNamespace peer;
        const QString why = peer.make();
        if (!why.isEmpty())
            QSKIP(qPrintable(QStringLiteral("no other machine to reach: ") + why));
        const QStringList own{peer.hostInterface};
        QCOMPARE(NetworkInterfaces::towards(address(peer.peerAddress)), own);
        QCOMPARE(NetworkInterfaces::forLocal(address(peer.hostAddress)), own);
        QCOMPARE(NetworkInterfaces::towards(address(peer.hostAddress)), own);
        QVERIFY(NetworkInterfaces::forLocal(address(QStringLiteral("0.0.0.0")))
                    .contains(peer.hostInterface));
    }

    // The lab dials another machine (a network namespace behind a veth pair, nc listening
    // there): the capture takes the veth interface before connect() is made, and the
    // handshake is the real one, linked to that connect().
    void labConnectToAnotherMachineIsCaptured()
    {
        PeerNamespace peer;
        const QString why = peer.make();
        if (!why.isEmpty())
            QSKIP(qPrintable(QStringLiteral("no other machine to dial: ") + why));
        RunningProgram nc;
        nc.process.start(QStandardPaths::findExecutable(QStringLiteral("ip")),
                         peer.inside({QStringLiteral("nc"), QStringLiteral("-lvn"),
                                      peer.peerAddress, QStringLiteral("5555")}));
        QObject::connect(&nc.process, &QProcess::readyReadStandardError,
                         [&nc] { nc.err += nc.process.readAllStandardError(); });
        QTRY_VERIFY_WITH_TIMEOUT(nc.err.contains("Listening on"), 30'000);

        SessionOptions options;
        options.capture = CaptureMode::CaptureIfPermitted;
        options.captureHelper = QStringLiteral(SOCKETSCOPE_CAPTURE_HELPER);
        LabSession lab(LabMode::Tcp, options);
        QStringList results;
        QObject::connect(&lab, &LabSession::printed,
                         [&results](const QString& text, LabSession::Output) { results << text; });
        const EventLog& log = lab.session().log();
        QTRY_VERIFY_WITH_TIMEOUT(log.captureStatus().kind != CaptureStatus::Kind::Starting, 30'000);
        if (log.captureStatus().kind != CaptureStatus::Kind::Captured)
            QSKIP(qPrintable(QStringLiteral("capture not permitted here: ") +
                             log.captureStatus().reason));
        QVERIFY(log.captureStatus().interfaces.isEmpty()); // loopback only, so far

        lab.feed(QStringLiteral("connect %1 5555").arg(peer.peerAddress));
        QTRY_VERIFY_WITH_TIMEOUT(results.contains(QStringLiteral("Connection established.")),
                                 30'000);
        QCOMPARE(log.captureStatus().kind, CaptureStatus::Kind::Captured);
        QCOMPARE(log.captureStatus().interfaces, QStringList{peer.hostInterface});
        QVERIFY(log.captureStatus().refusedInterfaces.isEmpty());
        const qint64 connect = connectSeq(log);
        QVERIFY(connect >= 0);
        const CallEvent& call =
            *std::find_if(log.calls().cbegin(), log.calls().cend(),
                          [connect](const CallEvent& c) { return c.seq == connect; });
        QCOMPARE(call.after.local.host(), peer.hostAddress);

        // SYN, SYN-ACK, ACK: captured on the veth interface, linked to the connect().
        QTRY_VERIFY_WITH_TIMEOUT(
            handshakePacket(log, connect, DecodedPacket::Syn) &&
                handshakePacket(log, connect, DecodedPacket::Syn | DecodedPacket::Ack) &&
                handshakePacket(log, connect, DecodedPacket::Ack),
            30'000);
        for (const quint8 flags :
             {quint8(DecodedPacket::Syn), quint8(DecodedPacket::Syn | DecodedPacket::Ack),
              quint8(DecodedPacket::Ack)}) {
            const PacketEvent* packet = handshakePacket(log, connect, flags);
            QVERIFY(!packet->inferred);
            QVERIFY(!packet->frame.isEmpty());
            QCOMPARE(packet->captureTimeNs > 0, true);
            const bool outgoing = flags != (DecodedPacket::Syn | DecodedPacket::Ack);
            QCOMPARE((outgoing ? packet->decoded.source : packet->decoded.destination).host(),
                     peer.hostAddress);
            QCOMPARE((outgoing ? packet->decoded.destination : packet->decoded.source).host(),
                     peer.peerAddress);
        }
        QVERIFY(std::none_of(log.packets().cbegin(), log.packets().cend(),
                             [](const PacketEvent& packet) { return packet.inferred; }));
        // The packet panel says where the packets were captured.
        PacketPanel panel;
        const CaptureStatus& status = log.captureStatus();
        panel.setSource(false, true, status.reason, status.enableCommand);
        panel.setCapturedInterfaces(status.interfaces, status.refusedInterfaces);
        QVERIFY2(
            panel.sourceText().contains(QStringLiteral("on loopback and on ") + peer.hostInterface),
            qPrintable(panel.sourceText()));

        // close() hangs up at once: no other process (a helper run again meanwhile) holds the
        // socket, and the FIN is captured, linked to the close().
        lab.feed(QStringLiteral("close ."));
        QTRY_VERIFY_WITH_TIMEOUT(
            std::any_of(log.packets().cbegin(), log.packets().cend(),
                        [&log, &peer](const PacketEvent& packet) {
                            return !packet.inferred &&
                                   (packet.decoded.tcpFlags & DecodedPacket::Fin) &&
                                   packet.decoded.source.host() == peer.hostAddress &&
                                   packet.cause == closeSeq(log);
                        }),
            30'000);
        lab.endOfInput();
    }

    // A datagram to a machine behind a tun interface: the helper will not mix its frames
    // (no Ethernet header) with loopback's, so the capture goes on without it, and says so.
    void interfaceTheHelperRefusesIsSaid()
    {
        TunInterface tun;
        const QString why = tun.make();
        if (!why.isEmpty())
            QSKIP(qPrintable(QStringLiteral("no tun interface: ") + why));
        SessionOptions options;
        options.capture = CaptureMode::CaptureIfPermitted;
        options.captureHelper = QStringLiteral(SOCKETSCOPE_CAPTURE_HELPER);
        LabSession lab(LabMode::Standard, options);
        QStringList results;
        QObject::connect(&lab, &LabSession::printed,
                         [&results](const QString& text, LabSession::Output) { results << text; });
        const EventLog& log = lab.session().log();
        QTRY_VERIFY_WITH_TIMEOUT(log.captureStatus().kind != CaptureStatus::Kind::Starting, 30'000);
        if (log.captureStatus().kind != CaptureStatus::Kind::Captured)
            QSKIP(qPrintable(QStringLiteral("capture not permitted here: ") +
                             log.captureStatus().reason));
        lab.feed(QStringLiteral("s udp"));
        QTRY_VERIFY_WITH_TIMEOUT(!lab.isBusy() && lab.currentId() >= 0, 30'000);
        lab.feed(QStringLiteral("sendto . 10.234.%1.5 7000 \"coucou\"").arg(getpid() % 250));
        QTRY_VERIFY_WITH_TIMEOUT(results.contains(QStringLiteral("Sent 6 bytes")), 30'000);
        const CaptureStatus& status = log.captureStatus();
        QCOMPARE(status.kind, CaptureStatus::Kind::Captured);
        QCOMPARE(status.interfaces, QStringList());
        QVERIFY2(status.refusedInterfaces.startsWith(tun.name) &&
                     status.refusedInterfaces.contains(QLatin1String("RAW")),
                 qPrintable(status.refusedInterfaces));
        lab.endOfInput();
    }
};

QTEST_MAIN(TestCaptureBeyondLoopback)
#include "tst_capturebeyondloopback.moc"
