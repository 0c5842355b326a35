#include "calls/displaytext.h"
#include "kernel/peerowner.h"
#include "lab/labsession.h"
#include "labpeer.h"
#include "log/sessionfile.h"
#include "stagelayout.h"
#include "stagestate.h"
#include "stageview.h"

#include <QStandardPaths>
#include <QTemporaryDir>

#include <csignal>
#include <memory>

using namespace SocketScope;
using LabPeer::Program;

namespace {

// The headless lab (socketscope --lab MODE), its session saved to `trace` at its end.
std::unique_ptr<Program> startLab(const QString& mode, const QString& trace = {})
{
    QStringList arguments{QStringLiteral("--lab"), mode, QStringLiteral("--no-capture")};
    if (!trace.isEmpty())
        arguments << QStringLiteral("--trace") << trace;
    return std::make_unique<Program>(QStringLiteral(SOCKETSCOPE_BINARY), arguments);
}

// A server that takes its port as an argument, on a port nobody else holds: when another
// program took the port first (bind fails, or nc shares it), another port is tried.
std::unique_ptr<Program> startServer(const QString& program,
                                     const std::function<QStringList(quint16)>& arguments,
                                     bool datagram, quint16* port, bool lineBuffered = true)
{
    for (int attempt = 0; attempt < 10; ++attempt) {
        *port = LabPeer::unusedPort(datagram ? SOCK_DGRAM : SOCK_STREAM);
        auto server = std::make_unique<Program>(program, arguments(*port), lineBuffered);
        const qint64 pid = server->pid();
        const bool ready = QTest::qWaitFor(
            [&] { return !server->running() || LabPeer::holds(pid, *port, datagram); }, 120'000);
        if (ready && server->running())
            return server;
    }
    return nullptr;
}

// The port socklab's words give: "TCP socket created: id=3, port=41234".
quint16 portIn(const QString& line)
{
    return line.section(QStringLiteral("port="), 1).toUShort();
}

// The port in "... from 127.0.0.1 (41234)."
quint16 parenthesisedPort(const QString& line)
{
    return line.section(QLatin1Char('('), -1).section(QLatin1Char(')'), 0, 0).toUShort();
}

// What the lab prints for bytes it read: the same words whatever the bytes.
QString readLine(const QByteArray& bytes)
{
    return QStringLiteral("Read %1 bytes: message=%2")
        .arg(bytes.size())
        .arg(DisplayText::quoted(bytes, 1000));
}

std::optional<SavedSession> savedLab(const QString& trace)
{
    SessionFileError error;
    auto saved = SessionFile::load(trace, &error);
    if (!saved)
        qWarning() << error.text();
    return saved;
}

const CallEvent* firstCall(const SavedSession& saved, Call call)
{
    for (const CallEvent& event : saved.calls) {
        if (event.call == call)
            return &event;
    }
    return nullptr;
}

} // namespace

class TestLabPeers : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        for (const char* tool : {"nc", "socat", "stdbuf"})
            QVERIFY2(!QStandardPaths::findExecutable(QLatin1String(tool)).isEmpty(),
                     qPrintable(QStringLiteral("%1 is missing: scripts/install-dependencies.sh "
                                               "--tests installs it")
                                    .arg(QLatin1String(tool))));
    }

    // socklab tcp's connect to nc -l: each side sees the other's port and bytes; the log
    // names nc as the program at the far end.
    void labCallsNcListener()
    {
        quint16 port = 0;
        auto nc = startServer(
            QStringLiteral("nc"),
            [](quint16 p) {
                return QStringList{QStringLiteral("-lv"), QStringLiteral("127.0.0.1"),
                                   QString::number(p)};
            },
            false, &port, false);
        QVERIFY(nc);
        const QString ncName = LabPeer::commandOf(nc->pid());
        QTemporaryDir dir;
        const QString trace = dir.filePath(QStringLiteral("lab.jsonl"));
        auto lab = startLab(QStringLiteral("tcp"), trace);
        lab->type(QStringLiteral("connect 127.0.0.1 %1").arg(port));
        QVERIFY2(lab->waitFor(QStringLiteral("Connection established.")), qPrintable(lab->err()));
        const quint16 labPort = portIn(lab->lineStarting(QStringLiteral("TCP socket created:")));
        QVERIFY(labPort != 0);
        // nc names the caller by the lab's port.
        QVERIFY2(nc->waitFor(QStringLiteral("Connection received on localhost %1").arg(labPort)),
                 qPrintable(nc->err()));
        lab->type(QStringLiteral("w . \"Bonjour  \""));
        QVERIFY(lab->waitFor(QStringLiteral("Sent 9 bytes")));
        QVERIFY(QTest::qWaitFor([&] { return nc->outBytes() == "Bonjour\r\n"; }, 120'000));
        nc->write("salut\n");
        lab->type(QStringLiteral("r . 100"));
        QVERIFY(lab->waitFor(readLine("salut\n")));
        lab->type(QStringLiteral("close ."));
        lab->closeInput();
        QVERIFY(lab->waitForEnd());
        QCOMPARE(lab->exitCode(), 0);
        QCOMPARE(lab->err(), QString());
        nc->closeInput();
        QVERIFY(nc->waitForEnd()); // the lab hung up: nc's connection ended
        const auto saved = savedLab(trace);
        QVERIFY(saved);
        const CallEvent* connect = firstCall(*saved, Call::Connect);
        QVERIFY(connect);
        QCOMPARE(connect->after.peer.port(), port);
        QCOMPARE(connect->after.local.port(), labPort);
        QCOMPARE(connect->after.peerPid, nc->pid());
        QCOMPARE(connect->after.peerCommand, ncName);
    }

    // An nc client calls socklab tcp's passive socket: the lab names nc's port, the kernel
    // says that port is nc's; nc's end of file reaches the lab as a read of 0, said plainly.
    void ncCallsLabPassive()
    {
        QTemporaryDir dir;
        const QString trace = dir.filePath(QStringLiteral("lab.jsonl"));
        auto lab = startLab(QStringLiteral("tcp"), trace);
        lab->type(QStringLiteral("passive"));
        QVERIFY(lab->waitFor(QStringLiteral("TCP socket created:")));
        const quint16 port = portIn(lab->lineStarting(QStringLiteral("TCP socket created:")));
        QVERIFY(port != 0);
        // -N: nc shuts its sending side down at the end of its input.
        Program nc(QStringLiteral("nc"), {QStringLiteral("-v"), QStringLiteral("-N"),
                                          QStringLiteral("127.0.0.1"), QString::number(port)});
        QVERIFY2(nc.waitFor(QStringLiteral("Connection to 127.0.0.1 %1 port").arg(port)),
                 qPrintable(nc.err()));
        const QString ncName = LabPeer::commandOf(nc.pid());
        lab->type(QStringLiteral("a"));
        lab->type(QString());
        QVERIFY(lab->waitFor(QStringLiteral("Connection is established, with socket ID")));
        const quint16 ncPort =
            parenthesisedPort(lab->lineStarting(QStringLiteral("A connection from 127.0.0.1")));
        QVERIFY(ncPort != 0);
        nc.write("bonjour du client\n");
        lab->type(QStringLiteral("r . 100"));
        QVERIFY(lab->waitFor(readLine("bonjour du client\n")));
        lab->type(QStringLiteral("w . \"merci \""));
        QVERIFY(QTest::qWaitFor([&] { return nc.outBytes() == "merci\n"; }, 120'000));
        nc.closeInput();
        lab->type(QStringLiteral("r . 100"));
        QVERIFY(lab->waitFor(QStringLiteral("The peer closed the connection")));
        QVERIFY(lab->out().contains(readLine({})));
        lab->type(QStringLiteral("close ."));
        lab->closeInput();
        QVERIFY(lab->waitForEnd());
        QCOMPARE(lab->exitCode(), 0);
        QVERIFY(nc.waitForEnd());
        const auto saved = savedLab(trace);
        QVERIFY(saved);
        const CallEvent* accept = firstCall(*saved, Call::Accept);
        QVERIFY(accept);
        QCOMPARE(accept->after.peer.port(), ncPort);
        QCOMPARE(accept->after.peerPid, nc.pid()); // the port the lab named is nc's
        QCOMPARE(accept->after.peerCommand, ncName);
    }

    // socklab udp's mailbox and socat: a letter each way, each side naming the other's port.
    void socatWritesToLabMailbox()
    {
        auto lab = startLab(QStringLiteral("udp"));
        lab->type(QStringLiteral("s"));
        QVERIFY(lab->waitFor(QStringLiteral("UDP socket created:")));
        const quint16 port = portIn(lab->lineStarting(QStringLiteral("UDP socket created:")));
        QVERIFY(port != 0);
        Program socat(QStringLiteral("socat"),
                      {QStringLiteral("-"), QStringLiteral("UDP:127.0.0.1:%1").arg(port)});
        socat.write("ping\n");
        lab->type(QStringLiteral("f . 100"));
        QVERIFY(lab->waitFor(QStringLiteral("A message of length 5 bytes was received from")));
        const quint16 socatPort =
            parenthesisedPort(lab->lineStarting(QStringLiteral("A message of length 5 bytes")));
        QVERIFY(socatPort != 0);
        QVERIFY(lab->waitFor(QStringLiteral("Message=%1").arg(DisplayText::quoted("ping\n", 100))));
        lab->type(QStringLiteral("t . 127.0.0.1 %1 \"pong \"").arg(socatPort));
        QVERIFY(lab->waitFor(QStringLiteral("Sent 5 bytes")));
        // socat got it at the port the lab said the letter came from.
        QVERIFY(QTest::qWaitFor([&] { return socat.outBytes() == "pong\n"; }, 120'000));
        lab->closeInput();
        QVERIFY(lab->waitForEnd());
        QCOMPARE(lab->exitCode(), 0);
        socat.closeInput();
        QVERIFY(socat.waitForEnd());
    }

    // The lab as the client of the course's TCP servers: the course's dialogue, seen from
    // both sides; the server hangs up and the lab says so.
    void labCallsCourseTcpServer_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QString>("labMessage"); // socklab's convention: a trailing space is LF
        QTest::addColumn<QString>("serverPrints");
        QTest::addColumn<QByteArray>("answer");
        QTest::addRow("R3.05 mono-client server")
            << QStringLiteral(PEER_R305_SERVEUR_TCP) << QStringLiteral("Hello world ! ")
            << QStringLiteral("Message reçu : Hello world !\n"
                              " (14 octets)")
            << QByteArray("ok\n");
        // The listing writes 24 bytes of a 25-byte string: its line feed stays behind.
        QTest::addRow("lab sheet server")
            << QStringLiteral(PEER_TP_SERVEUR_TCP) << QStringLiteral("Bonjour ")
            << QStringLiteral("Voici le message que j'ai reçu : Bonjour\n")
            << QByteArray("J'ai reçu votre message\n").left(24);
    }
    void labCallsCourseTcpServer()
    {
        QFETCH(QString, program);
        QFETCH(QString, labMessage);
        QFETCH(QString, serverPrints);
        QFETCH(QByteArray, answer);
        quint16 port = 0;
        auto server = startServer(
            program, [](quint16 p) { return QStringList{QString::number(p)}; }, false, &port);
        QVERIFY(server);
        QTemporaryDir dir;
        const QString trace = dir.filePath(QStringLiteral("lab.jsonl"));
        auto lab = startLab(QStringLiteral("tcp"), trace);
        lab->type(QStringLiteral("connect 127.0.0.1 %1").arg(port));
        QVERIFY2(lab->waitFor(QStringLiteral("Connection established.")), qPrintable(lab->err()));
        lab->type(QStringLiteral("w . \"%1\"").arg(labMessage));
        QVERIFY(lab->waitFor(QStringLiteral("Sent %1 bytes").arg(labMessage.toUtf8().size())));
        QVERIFY2(server->waitFor(serverPrints), qPrintable(server->out()));
        lab->type(QStringLiteral("r . 256"));
        QVERIFY2(lab->waitFor(readLine(answer)), qPrintable(lab->out()));
        // The server closes its end of the dialogue after its answer.
        lab->type(QStringLiteral("r . 256"));
        QVERIFY2(lab->waitFor(QStringLiteral("The peer closed the connection")),
                 qPrintable(lab->out()));
        lab->closeInput();
        QVERIFY(lab->waitForEnd());
        QCOMPARE(lab->exitCode(), 0);
        const auto saved = savedLab(trace);
        QVERIFY(saved);
        const CallEvent* connect = firstCall(*saved, Call::Connect);
        QVERIFY(connect);
        QCOMPARE(connect->after.peerPid, server->pid());
    }

    // The course's TCP clients call a lab passive socket: what each sent, the other got.
    void courseTcpClientCallsLab_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("clientSends");
        QTest::addColumn<QString>("clientPrints");
        QTest::addRow("R3.05 client")
            << QStringLiteral(PEER_R305_CLIENT_TCP) << QByteArray() << QByteArray("Hello world !\n")
            << QStringLiteral("Message reçu du serveur : ok\n (3 octets)");
        QTest::addRow("lab sheet client")
            << QStringLiteral(PEER_TP_CLIENT_TCP) << QByteArray("Salut le serveur\n")
            << QByteArray("Salut le serveur\n")
            << QStringLiteral("Entrez le message à envoyer : ok\n\n");
    }
    void courseTcpClientCallsLab()
    {
        QFETCH(QString, program);
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, clientSends);
        QFETCH(QString, clientPrints);
        QTemporaryDir dir;
        const QString trace = dir.filePath(QStringLiteral("lab.jsonl"));
        auto lab = startLab(QStringLiteral("tcp"), trace);
        lab->type(QStringLiteral("passive"));
        QVERIFY(lab->waitFor(QStringLiteral("TCP socket created:")));
        const quint16 port = portIn(lab->lineStarting(QStringLiteral("TCP socket created:")));
        Program client(program, {QStringLiteral("127.0.0.1"), QString::number(port)}, true);
        client.write(input);
        client.closeInput();
        lab->type(QStringLiteral("a"));
        lab->type(QString());
        QVERIFY(lab->waitFor(QStringLiteral("Connection is established, with socket ID")));
        lab->type(QStringLiteral("r . 256"));
        QVERIFY2(lab->waitFor(readLine(clientSends)), qPrintable(lab->out()));
        lab->type(QStringLiteral("w . \"ok \""));
        QVERIFY(client.waitForEnd());
        QCOMPARE(client.exitCode(), 0);
        QVERIFY2(client.out().contains(clientPrints), qPrintable(client.out()));
        lab->closeInput();
        QVERIFY(lab->waitForEnd());
        QCOMPARE(lab->exitCode(), 0);
    }

    // The lab posts a letter to the course's UDP servers, which print what they got.
    void labWritesToCourseUdpServer_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QString>("labMessage");
        QTest::addColumn<QString>("serverPrints");
        QTest::addRow("R3.05 server")
            << QStringLiteral(PEER_R305_SERVEUR_UDP) << QStringLiteral("Hello world ! ")
            << QStringLiteral("Message Hello world !\n reçu avec succès (14 octets)");
        QTest::addRow("lab sheet server")
            << QStringLiteral(PEER_TP_SERVEUR_UDP) << QStringLiteral("Bonjour ")
            << QStringLiteral("got packet from 127.0.0.1\npacket is 8 bytes long\n"
                              "packet contains \"Bonjour\n\"");
    }
    void labWritesToCourseUdpServer()
    {
        QFETCH(QString, program);
        QFETCH(QString, labMessage);
        QFETCH(QString, serverPrints);
        quint16 port = 0;
        auto server = startServer(
            program, [](quint16 p) { return QStringList{QString::number(p)}; }, true, &port);
        QVERIFY(server);
        auto lab = startLab(QStringLiteral("udp"));
        lab->type(QStringLiteral("s"));
        lab->type(QStringLiteral("t . 127.0.0.1 %1 \"%2\"").arg(port).arg(labMessage));
        QVERIFY(lab->waitFor(QStringLiteral("Sent %1 bytes").arg(labMessage.toUtf8().size())));
        QVERIFY(server->waitForEnd());
        QCOMPARE(server->exitCode(), 0);
        QVERIFY2(server->out().contains(serverPrints), qPrintable(server->out()));
        lab->closeInput();
        QVERIFY(lab->waitForEnd());
        QCOMPARE(lab->exitCode(), 0);
    }

    // The course's UDP clients post to the lab's mailbox: the lab reads the letter they say
    // they sent.
    void courseUdpClientWritesToLab_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QStringList>("arguments"); // before the port
        QTest::addColumn<QByteArray>("letter");
        QTest::addColumn<QString>("clientPrints");
        QTest::addRow("R3.05 client")
            << QStringLiteral(PEER_R305_CLIENT_UDP) << QStringList{QStringLiteral("127.0.0.1")}
            << QByteArray("Hello world !\n")
            << QStringLiteral("Message Hello world !\n envoyé avec succès (14 octets)");
        QTest::addRow("lab sheet client")
            << QStringLiteral(PEER_TP_CLIENT_UDP)
            << QStringList{QStringLiteral("127.0.0.1"), QStringLiteral("Bonjour")}
            << QByteArray("Bonjour") << QStringLiteral("sent 7 bytes to 127.0.0.1");
    }
    void courseUdpClientWritesToLab()
    {
        QFETCH(QString, program);
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, letter);
        QFETCH(QString, clientPrints);
        auto lab = startLab(QStringLiteral("udp"));
        lab->type(QStringLiteral("s"));
        QVERIFY(lab->waitFor(QStringLiteral("UDP socket created:")));
        const quint16 port = portIn(lab->lineStarting(QStringLiteral("UDP socket created:")));
        Program client(program, arguments << QString::number(port), true);
        QVERIFY(client.waitForEnd());
        QCOMPARE(client.exitCode(), 0);
        QVERIFY2(client.out().contains(clientPrints), qPrintable(client.out()));
        lab->type(QStringLiteral("f . 256"));
        QVERIFY(lab->waitFor(QStringLiteral("A message of length %1 bytes was received from "
                                            "127.0.0.1")
                                 .arg(letter.size())));
        QVERIFY(lab->waitFor(QStringLiteral("Message=%1").arg(DisplayText::quoted(letter, 1000))));
        lab->closeInput();
        QVERIFY(lab->waitForEnd());
        QCOMPARE(lab->exitCode(), 0);
    }

    // A peer that resets the connection: nc, stopped with the lab's bytes unread in its
    // socket, is killed; its kernel answers with RST, and the lab's read names ECONNRESET
    // and what it means, and goes on.
    void peerResetIsExplained()
    {
        auto lab = startLab(QStringLiteral("tcp"));
        lab->type(QStringLiteral("passive"));
        QVERIFY(lab->waitFor(QStringLiteral("TCP socket created:")));
        const quint16 port = portIn(lab->lineStarting(QStringLiteral("TCP socket created:")));
        auto nc = std::make_unique<Program>(
            QStringLiteral("nc"),
            QStringList{QStringLiteral("-v"), QStringLiteral("127.0.0.1"), QString::number(port)});
        QVERIFY(nc->waitFor(QStringLiteral("succeeded")));
        lab->type(QStringLiteral("a"));
        lab->type(QString());
        QVERIFY(lab->waitFor(QStringLiteral("Connection is established, with socket ID")));
        const quint16 ncPort =
            parenthesisedPort(lab->lineStarting(QStringLiteral("A connection from 127.0.0.1")));
        const qint64 pid = nc->pid();
        QCOMPARE(::kill(pid_t(pid), SIGSTOP), 0);
        lab->type(QStringLiteral("w . \"unread \""));
        QVERIFY(lab->waitFor(QStringLiteral("Sent 7 bytes")));
        // The bytes wait in nc's socket, which nobody reads now.
        QVERIFY(QTest::qWaitFor(
            [&] {
                for (const SocketRow& row : takeSocketSnapshot({}).rows) {
                    if (row.isTcp() && row.localAddress.port() == ncPort && row.recvQ == 7)
                        return true;
                }
                return false;
            },
            120'000));
        QCOMPARE(::kill(pid_t(pid), SIGKILL), 0);
        QVERIFY(nc->waitForEnd());
        lab->type(QStringLiteral("r . 100"));
        QVERIFY2(lab->waitFor(QStringLiteral("ECONNRESET: ")), qPrintable(lab->err()));
        QVERIFY2(lab->err().contains(QStringLiteral("read(): Connection reset by peer")),
                 qPrintable(lab->err()));
        lab->type(QStringLiteral("="));
        lab->closeInput();
        QVERIFY(lab->waitForEnd());
        QCOMPARE(lab->exitCode(), 0);
    }

    // A peer that vanished: nc, killed, hangs up (the read of 0 says so); the lab's next
    // write is answered by a reset, and the one after fails with EPIPE, named and explained,
    // the lab going on (SIGPIPE does not end it).
    void vanishedPeerIsExplained()
    {
        auto lab = startLab(QStringLiteral("tcp"));
        lab->type(QStringLiteral("passive"));
        QVERIFY(lab->waitFor(QStringLiteral("TCP socket created:")));
        const quint16 port = portIn(lab->lineStarting(QStringLiteral("TCP socket created:")));
        auto nc = std::make_unique<Program>(
            QStringLiteral("nc"),
            QStringList{QStringLiteral("-v"), QStringLiteral("127.0.0.1"), QString::number(port)});
        QVERIFY(nc->waitFor(QStringLiteral("succeeded")));
        lab->type(QStringLiteral("a"));
        lab->type(QString());
        QVERIFY(lab->waitFor(QStringLiteral("Connection is established, with socket ID")));
        const quint16 ncPort =
            parenthesisedPort(lab->lineStarting(QStringLiteral("A connection from 127.0.0.1")));
        nc.reset(); // killed: its kernel closes the socket (FIN)
        lab->type(QStringLiteral("r . 100"));
        QVERIFY(lab->waitFor(QStringLiteral("The peer closed the connection")));
        lab->type(QStringLiteral("w . \"encore \""));
        QVERIFY(lab->waitFor(QStringLiteral("Sent 7 bytes")));
        // Nobody holds nc's port any more: its kernel answers with RST, and the lab's
        // connection is gone from the kernel's tables.
        QVERIFY(QTest::qWaitFor(
            [&] {
                for (const SocketRow& row : takeSocketSnapshot({}).rows) {
                    if (row.isTcp() && row.localAddress.port() == port &&
                        row.peerAddress.port() == ncPort)
                        return false;
                }
                return true;
            },
            120'000));
        lab->type(QStringLiteral("w . \"encore \""));
        QVERIFY2(lab->waitFor(QStringLiteral("EPIPE: ")), qPrintable(lab->err()));
        QVERIFY2(lab->err().contains(QStringLiteral("write(): Broken pipe")),
                 qPrintable(lab->err()));
        lab->type(QStringLiteral("="));
        lab->closeInput();
        QVERIFY(lab->waitForEnd());
        QCOMPARE(lab->exitCode(), 0);
    }

    // The stage draws a program outside SocketScope at the far end of a lab connection as
    // what it is: its own telephone, with its name and PID as the kernel gives them; a
    // connection between two of the lab's own sockets has none.
    void stageDrawsTheOutsideProgram_data()
    {
        QTest::addColumn<bool>("outside");
        QTest::addRow("nc -l, outside SocketScope") << true;
        QTest::addRow("the lab's own passive socket") << false;
    }
    void stageDrawsTheOutsideProgram()
    {
        QFETCH(bool, outside);
        quint16 port = 0;
        std::unique_ptr<Program> nc;
        QString listener; // the lab's passive socket's id
        QString ncName;
        QTemporaryDir dir;
        const QString trace = dir.filePath(QStringLiteral("lab.jsonl"));
        auto lab = startLab(QStringLiteral("tcp"), trace);
        if (outside) {
            nc = startServer(
                QStringLiteral("nc"),
                [](quint16 p) {
                    return QStringList{QStringLiteral("-l"), QStringLiteral("127.0.0.1"),
                                       QString::number(p)};
                },
                false, &port, false);
            QVERIFY(nc);
            ncName = LabPeer::commandOf(nc->pid());
        } else {
            lab->type(QStringLiteral("passive"));
            QVERIFY(lab->waitFor(QStringLiteral("TCP socket created:")));
            listener = lab->lineStarting(QStringLiteral("TCP socket created:"))
                           .section(QStringLiteral("id="), 1)
                           .section(QLatin1Char(','), 0, 0);
            port = portIn(lab->lineStarting(QStringLiteral("TCP socket created:")));
        }
        lab->type(QStringLiteral("connect 127.0.0.1 %1").arg(port));
        QVERIFY2(lab->waitFor(QStringLiteral("Connection established.")), qPrintable(lab->err()));
        if (!outside) {
            lab->type(QStringLiteral("a %1").arg(listener));
            QVERIFY(lab->waitFor(QStringLiteral("Connection is established, with socket ID")));
        }
        lab->closeInput(); // the lab closes its sockets at its end: the stage before that
        QVERIFY(lab->waitForEnd());
        QCOMPARE(lab->exitCode(), 0);
        const auto saved = savedLab(trace);
        QVERIFY(saved);
        int connected = -1;
        for (qsizetype i = 0; i < saved->calls.size() && connected < 0; ++i) {
            if (saved->calls[i].call == Call::Connect)
                connected = int(i);
        }
        QVERIFY(connected >= 0);
        const int position = outside ? connected + 1 : connected + 2; // after the accept
        const StageState state = projectStage(saved->calls, position);
        const int caller =
            state.indexOf(saved->calls[connected].actor, saved->calls[connected].fd());
        QVERIFY(caller >= 0);
        QCOMPARE(state.endpoints[caller].outsidePeer, outside);

        StageView view;
        view.setAnimationDuration(0);
        view.resize(QSize(1000, 640));
        QStringList ids;
        for (const ScenarioActor& actor : saved->scenario.actors)
            ids << actor.id;
        view.setActors(ids, ids);
        view.setState(state);
        const StageScene& scene = view.scene();
        if (!outside) {
            QVERIFY(view.outsiderText(caller).isEmpty());
            QVERIFY(scene.outsiders.isEmpty());
            return;
        }
        const QStringList expected{QStringLiteral("%1 (PID %2)").arg(ncName).arg(nc->pid()),
                                   QStringLiteral("outside program"),
                                   QStringLiteral("127.0.0.1:%1").arg(port)};
        QCOMPARE(view.outsiderText(caller), expected);
        QCOMPARE(scene.outsiders.size(), 1);
        const StageOutsider& drawn = scene.outsiders.first();
        QCOMPARE(drawn.endpoint, caller);
        QVERIFY(QRectF(QPointF(0, 0), QSizeF(view.size())).contains(drawn.icon));
        const StageText& label = scene.texts[drawn.label];
        QCOMPARE(label.whole, expected);
        QVERIFY(QRectF(QPointF(0, 0), QSizeF(view.size())).contains(label.rect));
        // Nothing else stands where the outside program is drawn.
        for (qsizetype i = 0; i < scene.texts.size(); ++i) {
            if (i != drawn.label)
                QVERIFY(!scene.texts[i].rect.intersects(drawn.icon) &&
                        !scene.texts[i].rect.intersects(label.rect));
        }
        for (const StageCell& cell : scene.cells)
            QVERIFY(!cell.icon.intersects(drawn.icon) && !cell.icon.intersects(label.rect));
        // The line to it crosses no words (it leaves from the caller's telephone).
        QVERIFY(scene.cells[caller].icon.contains(drawn.line.p1()));
        QVERIFY(drawn.icon.contains(drawn.line.p2()));
        for (const StageText& text : scene.texts) {
            for (int step = 1; step < 100; ++step)
                QVERIFY(!text.rect.contains(drawn.line.pointAt(step / 100.0)));
        }
        // When the kernel would not say whose it is (another user's program), it is still an
        // outside program.
        StageState unnamed = state;
        unnamed.endpoints[caller].peerPid = 0;
        unnamed.endpoints[caller].peerCommand.clear();
        view.setState(unnamed);
        QCOMPARE(view.outsiderText(caller),
                 (QStringList{QStringLiteral("outside program"),
                              QStringLiteral("127.0.0.1:%1").arg(port)}));
        QCOMPARE(view.scene().outsiders.size(), 1);
    }

    // Whose the far end of a connection is, from the kernel's rows: the socket with the
    // addresses swapped; before accept(), the program listening there; never this process.
    void outsideOwnerIsChosenFromTheRows_data()
    {
        QTest::addColumn<QString>("farState");   // the far end's row, "" for none
        QTest::addColumn<qint64>("farOwner");    // its owner's PID, 0 for none readable
        QTest::addColumn<QString>("listenerAt"); // a listener's address, "" for none
        QTest::addColumn<qint64>("expected");    // the PID named, 0 for nobody
        QTest::addRow("accepted by nc") << QStringLiteral("ESTABLISHED") << qint64(4242)
                                        << QStringLiteral("127.0.0.1:5000") << qint64(4242);
        QTest::addRow("not accepted yet: the listener's program")
            << QStringLiteral("ESTABLISHED") << qint64(0) << QStringLiteral("127.0.0.1:5000")
            << qint64(4343);
        QTest::addRow("not accepted yet, listener on every address")
            << QString() << qint64(0) << QStringLiteral("0.0.0.0:5000") << qint64(4343);
        QTest::addRow("this process's own socket")
            << QStringLiteral("ESTABLISHED") << qint64(1) << QString() << qint64(0);
        QTest::addRow("another port listens: nobody")
            << QString() << qint64(0) << QStringLiteral("127.0.0.1:5001") << qint64(0);
        QTest::addRow("owner unreadable, no listener")
            << QStringLiteral("ESTABLISHED") << qint64(0) << QString() << qint64(0);
    }
    void outsideOwnerIsChosenFromTheRows()
    {
        QFETCH(QString, farState);
        QFETCH(qint64, farOwner);
        QFETCH(QString, listenerAt);
        QFETCH(qint64, expected);
        const qint64 self = 1;
        const SocketAddress local = *SocketAddress::fromEndpoint(QStringLiteral("127.0.0.1:40000"));
        const SocketAddress peer = *SocketAddress::fromEndpoint(QStringLiteral("127.0.0.1:5000"));
        QList<SocketRow> rows;
        SocketRow mine; // the lab's own end, always there
        mine.protocol = QStringLiteral("tcp");
        mine.state = QStringLiteral("ESTABLISHED");
        mine.localAddress = local;
        mine.peerAddress = peer;
        mine.owners = {{self, 8, QStringLiteral("socketscope")}};
        rows << mine;
        if (!farState.isEmpty()) {
            SocketRow far;
            far.protocol = QStringLiteral("tcp");
            far.state = farState;
            far.localAddress = peer;
            far.peerAddress = local;
            if (farOwner)
                far.owners = {{farOwner, 4, QStringLiteral("nc")}};
            rows << far;
        }
        if (!listenerAt.isEmpty()) {
            SocketRow listener;
            listener.protocol = QStringLiteral("tcp");
            listener.state = QStringLiteral("LISTEN");
            listener.localAddress = *SocketAddress::fromEndpoint(listenerAt);
            listener.owners = {{4343, 3, QStringLiteral("serveur")}};
            rows << listener;
        }
        const auto owner = outsidePeerOwner(rows, local, peer, false, self);
        QCOMPARE(owner ? owner->pid : 0, expected);
    }
};

QTEST_MAIN(TestLabPeers)
#include "tst_labpeers.moc"
