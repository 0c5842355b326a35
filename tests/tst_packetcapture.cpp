#include "log/sessionfile.h"
#include "sources/session.h"
#include "testlog.h"
#include "testscenarios.h"
#include "testunprivileged.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace SocketScope;
using namespace SocketScope::TestScenarios;
using namespace SocketScope::TestLog;

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run runProgram(const QString& program, const QStringList& arguments,
               const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    Run run;
    if (!process.waitForFinished(60'000))
        return run;
    run.exitCode = process.exitCode();
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

// tshark's reading of a pcap file: one tab-separated line of `fields` per packet.
QList<QStringList> tsharkFields(const QString& pcapPath, const QStringList& fields)
{
    QStringList arguments{QStringLiteral("-r"), pcapPath,
                          QStringLiteral("-T"), QStringLiteral("fields"),
                          QStringLiteral("-E"), QStringLiteral("occurrence=f")};
    for (const QString& field : fields)
        arguments << QStringLiteral("-e") << field;
    const Run run = runProgram(QStandardPaths::findExecutable(QStringLiteral("tshark")), arguments);
    QList<QStringList> rows;
    for (const QString& line : run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        rows << line.split(QLatin1Char('\t'));
    return rows;
}

SessionOptions capturing()
{
    SessionOptions options = onFreePort();
    options.capture = CaptureMode::CaptureIfPermitted;
    options.captureHelper = QStringLiteral(SOCKETSCOPE_CAPTURE_HELPER);
    return options;
}

QList<QJsonObject> traceEvents(const QString& path, const QString& kind)
{
    QFile file(path);
    QList<QJsonObject> events;
    if (!file.open(QIODevice::ReadOnly))
        return events;
    for (const QByteArray& line : file.readAll().split('\n')) {
        const QJsonObject object = QJsonDocument::fromJson(line).object();
        if (object[QLatin1String("kind")].toString() == kind)
            events << object;
    }
    return events;
}

} // namespace

class TestPacketCapture : public QObject {
    Q_OBJECT

private:
    bool m_capturePermitted = false;

    // Runs a scenario with capture; false (and a skip) when this machine does not permit it.
    bool runCaptured(Session& session, const QString& id)
    {
        if (!runToEnd(session, builtIn(id), capturing()))
            return false;
        return session.log().captureStatus().kind == CaptureStatus::Kind::Captured;
    }

    void compareWithTshark(const EventLog& log)
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("session.pcap"));
        QString error;
        QVERIFY2(SessionFile::savePcap(log, path, &error), qPrintable(error));
        const QStringList fields{QStringLiteral("ip.src"),
                                 QStringLiteral("ip.dst"),
                                 QStringLiteral("tcp.srcport"),
                                 QStringLiteral("tcp.dstport"),
                                 QStringLiteral("udp.srcport"),
                                 QStringLiteral("udp.dstport"),
                                 QStringLiteral("tcp.flags"),
                                 QStringLiteral("tcp.seq_raw"),
                                 QStringLiteral("tcp.ack_raw"),
                                 QStringLiteral("tcp.len"),
                                 QStringLiteral("udp.length"),
                                 QStringLiteral("tcp.window_size_value"),
                                 QStringLiteral("tcp.options.mss_val"),
                                 QStringLiteral("tcp.options.wscale.shift"),
                                 QStringLiteral("tcp.options.timestamp.tsval"),
                                 QStringLiteral("frame.time_epoch")};
        const QList<QStringList> rows = tsharkFields(path, fields);
        const QList<PacketEvent>& packets = sessionPackets(log);
        QCOMPARE(rows.size(), packets.size());
        for (int i = 0; i < rows.size(); ++i) {
            const QStringList& row = rows[i];
            const DecodedPacket& d = packets[i].decoded;
            QCOMPARE(row.size(), fields.size());
            QCOMPARE(row[0], d.source.host());
            QCOMPARE(row[1], d.destination.host());
            if (packets[i].isTcp()) {
                QCOMPARE(row[2], QString::number(d.source.port()));
                QCOMPARE(row[3], QString::number(d.destination.port()));
                QCOMPARE(row[6].toUInt(nullptr, 16), uint(d.tcpFlags));
                QCOMPARE(row[7].toUInt(), d.sequenceNumber);
                QCOMPARE(row[8].toUInt(), d.acknowledgementNumber);
                QCOMPARE(row[9].toInt(), packets[i].payloadLength());
                QCOMPARE(row[11].toUInt(), uint(d.window));
                QCOMPARE(row[12], d.mss ? QString::number(*d.mss) : QString());
                QCOMPARE(row[13], d.windowScale ? QString::number(*d.windowScale) : QString());
                QCOMPARE(row[14], d.timestamps ? QString::number(d.timestamps->first) : QString());
            } else {
                QCOMPARE(row[4], QString::number(d.source.port()));
                QCOMPARE(row[5], QString::number(d.destination.port()));
                QCOMPARE(row[10].toInt(), packets[i].payloadLength() + 8);
            }
            // Microsecond precision in the file.
            const qint64 micros = qint64(row[15].toDouble() * 1e6 + 0.5);
            QVERIFY(qAbs(micros - packets[i].captureTimeNs / 1000) <= 1);
        }
    }

private Q_SLOTS:
    // The helper's pipes go with it: ten captured runs leave the process's descriptors as
    // they were, and no helper behind.
    void noDescriptorLeft()
    {
        const int before = openDescriptors();
        for (int run = 0; run < 10; ++run) {
            Session session;
            QVERIFY(runToEnd(session, builtIn(QStringLiteral("udp-echo")), capturing()));
            if (run == 4)
                session.reset(); // a reset while capturing, too
        }
        QTRY_COMPARE(openDescriptors(), before);
    }

    // A helper that starts and then never takes the port the session learns (stuck, or
    // broken): the run does not wait for it for ever, but goes on with inferred packets and
    // says why.
    void stuckHelperGivesWayToInference()
    {
        QTemporaryDir dir;
        QFile helper(dir.filePath(QStringLiteral("stuck-capture")));
        QVERIFY(helper.open(QIODevice::WriteOnly));
        // A pcap header (microseconds, Ethernet), then silence.
        helper.write("#!/bin/sh\nprintf '\\324\\303\\262\\241\\002\\000\\004\\000"
                     "\\000\\000\\000\\000\\000\\000\\000\\000\\377\\377\\000\\000"
                     "\\001\\000\\000\\000'\nexec sleep 60\n");
        helper.close();
        helper.setPermissions(QFile::ReadOwner | QFile::ExeOwner);
        SessionOptions options = onFreePort();
        options.capture = CaptureMode::CaptureIfPermitted;
        options.captureHelper = helper.fileName();
        Session session;
        session.load(builtIn(QStringLiteral("tcp-echo")), options);
        session.run();
        QVERIFY(
            QTest::qWaitFor([&] { return session.state() == Session::State::Finished; }, 20'000));
        QVERIFY(session.outcome()->passed);
        const CaptureStatus& capture = session.log().captureStatus();
        QCOMPARE(capture.kind, CaptureStatus::Kind::Inferred);
        QVERIFY2(capture.reason.contains(QLatin1String("port")), qPrintable(capture.reason));
        QVERIFY(!sessionPackets(session.log()).isEmpty());
    }

    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("tshark")).isEmpty())
            QSKIP("tshark is not installed (scripts/install-dependencies.sh --tests installs it)");
    }

    // tcp-echo captured for real: what SocketScope decoded is what tshark reads from the
    // pcap file it wrote, and each packet is linked to the right call.
    void tcpEchoCaptured()
    {
        Session session;
        if (!runCaptured(session, QStringLiteral("tcp-echo")))
            QSKIP(qPrintable(QStringLiteral("capture not permitted here: ") +
                             session.log().captureStatus().reason));
        m_capturePermitted = true;
        const EventLog& log = session.log();
        compareWithTshark(log);

        QHash<QString, qint64> seqOf; // "client connect" -> seq
        for (const CallEvent& call : log.calls())
            seqOf.insert(call.actor + QLatin1Char(' ') + Calls::name(call.call), call.seq);
        using F = DecodedPacket::TcpFlag;
        const qint64 connect = seqOf.value(QStringLiteral("client connect"));
        int handshake = 0, fins = 0, data = 0;
        for (const PacketEvent& packet : sessionPackets(log)) {
            QVERIFY(!packet.inferred);
            const quint8 flags = packet.decoded.tcpFlags;
            if (flags & F::Syn) {
                QCOMPARE(packet.cause, connect);
                ++handshake;
            }
            if (packet.payloadLength() == 14) {
                QCOMPARE(packet.cause, seqOf.value(QStringLiteral("client write")));
                ++data;
            }
            if (packet.payloadLength() == 3) {
                QCOMPARE(packet.cause, seqOf.value(QStringLiteral("server write")));
                ++data;
            }
            if (flags & F::Fin) {
                const bool fromClient = packet.sender.actor == QLatin1String("client");
                // The server's last close() is of the listening socket: its dialogue socket
                // is the first close of the server.
                qint64 expected = seqOf.value(QStringLiteral("client close"));
                if (!fromClient) {
                    for (const CallEvent& call : log.calls()) {
                        if (call.actor == QLatin1String("server") && call.call == Call::Close &&
                            call.fd() == packet.sender.fd)
                            expected = call.seq;
                    }
                }
                QCOMPARE(packet.cause, expected);
                ++fins;
            }
            QVERIFY(packet.sender.isKnown());
            QVERIFY(packet.receiver.isKnown());
        }
        QCOMPARE(handshake, 2); // SYN and SYN/ACK
        QCOMPARE(data, 2);
        QCOMPARE(fins, 2);
        QVERIFY(sessionPackets(log).size() >= 9);
        QCOMPARE(sessionPackets(log)[2].cause, connect); // the handshake's last ACK
    }

    // Nobody listening: the kernel forgets the ephemeral port, yet the SYN and its RST are
    // the session's, both caused by connect().
    void refusedConnectCaptured()
    {
        SessionOptions options = capturing();
        options.port = closedPort();
        Session session;
        QVERIFY(runToEnd(session, fromTestData(QStringLiteral("refused-expected")), options));
        if (session.log().captureStatus().kind != CaptureStatus::Kind::Captured)
            QSKIP("capture not permitted here");
        const EventLog& log = session.log();
        QCOMPARE(sessionPackets(log).size(), 2);
        qint64 connect = -1;
        for (const CallEvent& call : log.calls()) {
            if (call.call == Call::Connect)
                connect = call.seq;
        }
        for (const PacketEvent& packet : sessionPackets(log)) {
            QCOMPARE(packet.cause, connect);
            QVERIFY(!packet.inferred);
        }
        QCOMPARE(sessionPackets(log)[0].sender.actor, QStringLiteral("client"));
        QCOMPARE(sessionPackets(log)[1].receiver.actor, QStringLiteral("client"));
        QVERIFY(sessionPackets(log)[1].decoded.tcpFlags & DecodedPacket::Rst);
    }

    // The helper captures loopback only, and refuses anything else before opening a capture.
    void helperRefusesBadArguments_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("no host") << QStringList{};
        QTest::newRow("not loopback")
            << QStringList{QStringLiteral("--host"), QStringLiteral("192.168.1.1")};
        QTest::newRow("not an address")
            << QStringList{QStringLiteral("--host"), QStringLiteral("localhost; id")};
        QTest::newRow("bad port") << QStringList{QStringLiteral("--host"),
                                                 QStringLiteral("127.0.0.1"),
                                                 QStringLiteral("--port"), QStringLiteral("70000")};
        QTest::newRow("interface")
            << QStringList{QStringLiteral("--interface"), QStringLiteral("any")};
    }
    void helperRefusesBadArguments()
    {
        QFETCH(QStringList, arguments);
        const Run run = runProgram(QStringLiteral(SOCKETSCOPE_CAPTURE_HELPER), arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.startsWith(QLatin1String("socketscope-capture: ")));
        QVERIFY(run.out.isEmpty()); // not a byte of capture
    }

    void udpEchoCaptured()
    {
        Session session;
        if (!runCaptured(session, QStringLiteral("udp-echo")))
            QSKIP("capture not permitted here");
        const EventLog& log = session.log();
        QStringList seen;
        for (const PacketEvent& packet : sessionPackets(log))
            seen << QStringLiteral("%1 %2>%3 len %4 cause %5 %6/%7 -> %8/%9")
                        .arg(packet.tNs)
                        .arg(packet.decoded.source.endpoint(),
                             packet.decoded.destination.endpoint())
                        .arg(packet.payloadLength())
                        .arg(packet.cause)
                        .arg(packet.sender.actor)
                        .arg(packet.sender.fd)
                        .arg(packet.receiver.actor)
                        .arg(packet.receiver.fd);
        QVERIFY2(seen.size() == 2, qPrintable(seen.join(u'\n')));
        compareWithTshark(log);
        for (const PacketEvent& packet : sessionPackets(log)) {
            QVERIFY(packet.cause > 0);
            QVERIFY(packet.sender.isKnown());
        }
    }

    // The done-when command: as root the pcap holds the whole exchange and the trace links
    // it; without the permission the same run infers the packets, says so, writes no pcap.
    void headlessPcapAndTrace()
    {
        if (!m_capturePermitted)
            QSKIP("capture not permitted here");
        QTemporaryDir dir;
        const QString pcap = dir.filePath(QStringLiteral("t.pcap"));
        const QString trace = dir.filePath(QStringLiteral("t.jsonl"));
        const Run run =
            runProgram(QStringLiteral(SOCKETSCOPE_BINARY),
                       {QStringLiteral("--headless"), QStringLiteral("--scenario"),
                        QStringLiteral("tcp-echo"), QStringLiteral("--port"), QStringLiteral("0"),
                        QStringLiteral("--pcap"), pcap, QStringLiteral("--trace"), trace});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QList<QStringList> rows = tsharkFields(pcap, {QStringLiteral("tcp.flags.str")});
        QStringList flags;
        for (const QStringList& row : rows)
            flags << row.value(0);
        const auto count = [&flags](QChar letter) {
            return std::count_if(flags.cbegin(), flags.cend(),
                                 [letter](const QString& f) { return f.contains(letter); });
        };
        QCOMPARE(count(QLatin1Char('S')), 2);
        QCOMPARE(count(QLatin1Char('F')), 2);
        QCOMPARE(count(QLatin1Char('P')), 2);

        const QList<QJsonObject> calls = traceEvents(trace, QStringLiteral("call"));
        QHash<qint64, QString> callName;
        for (const QJsonObject& call : calls)
            callName.insert(call[QLatin1String("seq")].toInteger(),
                            call[QLatin1String("call")].toString());
        const QList<QJsonObject> packets = traceEvents(trace, QStringLiteral("packet"));
        QCOMPARE(packets.size(), rows.size());
        for (const QJsonObject& packet : packets) {
            QVERIFY(!packet[QLatin1String("inferred")].toBool());
            const QString cause = callName.value(packet[QLatin1String("cause")].toInteger());
            const QString packetFlags = packet[QLatin1String("flags")].toString();
            if (packetFlags.contains(QLatin1String("SYN")))
                QCOMPARE(cause, QStringLiteral("connect"));
            else if (packetFlags.contains(QLatin1String("FIN")))
                QCOMPARE(cause, QStringLiteral("close"));
            else if (packet[QLatin1String("len")].toInt() > 0)
                QCOMPARE(cause, QStringLiteral("write"));
        }
    }

    void headlessWithoutPermission()
    {
        QTemporaryDir dir;
        QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                              QFileDevice::ExeOwner | QFileDevice::ReadOther |
                                              QFileDevice::WriteOther | QFileDevice::ExeOther);
        const QString pcap = dir.filePath(QStringLiteral("t.pcap"));
        const QString trace = dir.filePath(QStringLiteral("t.jsonl"));
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        const QString app = TestUnprivileged::copyApp(dir.path(), &environment);
        QVERIFY(!app.isEmpty());
        QStringList command{app,
                            QStringLiteral("--headless"),
                            QStringLiteral("--scenario"),
                            QStringLiteral("tcp-echo"),
                            QStringLiteral("--port"),
                            QStringLiteral("0"),
                            QStringLiteral("--pcap"),
                            pcap,
                            QStringLiteral("--trace"),
                            trace};
        // As root, run it as a user without any capability, the way a student runs it.
        if (geteuid() == 0)
            command =
                QStringList{QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
                            QStringLiteral("--clear-groups"), QStringLiteral("--inh-caps=-all")} +
                command;
        const QString program = geteuid() == 0
                                    ? QStandardPaths::findExecutable(QStringLiteral("setpriv"))
                                    : command.takeFirst();
        // The helper where that user can run it: the build folder may be closed to others.
        const QString helper = dir.filePath(QStringLiteral("socketscope-capture"));
        QVERIFY(QFile::copy(QStringLiteral(SOCKETSCOPE_CAPTURE_HELPER), helper));
        environment.insert(QStringLiteral("SOCKETSCOPE_CAPTURE_HELPER"), helper);
        const Run run = runProgram(program, command, environment);
        if (run.exitCode == 0 && QFile::exists(pcap))
            QSKIP("this user may capture (the helper has cap_net_raw)");
        QVERIFY2(run.exitCode == 3, qPrintable(run.err));
        QVERIFY(run.err.contains(QLatin1String("setcap cap_net_raw+ep")));
        QVERIFY(run.out.contains(QLatin1String("[inferred packet]")));
        QVERIFY(!QFile::exists(pcap));
        const QList<QJsonObject> packets = traceEvents(trace, QStringLiteral("packet"));
        QCOMPARE(packets.size(), 11);
        for (const QJsonObject& packet : packets) {
            QVERIFY(packet[QLatin1String("inferred")].toBool());
            QVERIFY(packet[QLatin1String("cause")].toInteger() > 0);
        }
    }
};

QTEST_GUILESS_MAIN(TestPacketCapture)
#include "tst_packetcapture.moc"
