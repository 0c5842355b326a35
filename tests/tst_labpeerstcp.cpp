// The lab's TCP sockets against programs outside SocketScope: nc and the course's C
// programs calling it or called by it; a peer that resets or vanishes, explained.
#include "lab/labsession.h"
#include "labpeer.h"

#include <QTemporaryDir>

#include <csignal>
#include <memory>

using namespace SocketScope;
using namespace SocketScope::LabPeer;

class TestLabPeersTcp : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        const QString missing = missingTool();
        QVERIFY2(missing.isEmpty(), qPrintable(missing));
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
        const quint16 port = labPassive(*lab);
        QVERIFY(port != 0);
        // -N: nc shuts its sending side down at the end of its input.
        Program nc(QStringLiteral("nc"), {QStringLiteral("-v"), QStringLiteral("-N"),
                                          QStringLiteral("127.0.0.1"), QString::number(port)});
        QVERIFY2(nc.waitFor(QStringLiteral("Connection to 127.0.0.1 %1 port").arg(port)),
                 qPrintable(nc.err()));
        const QString ncName = LabPeer::commandOf(nc.pid());
        const quint16 ncPort = labAccepts(*lab);
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
        auto server = startCourseServer(program, false, &port);
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
        const quint16 port = labPassive(*lab);
        QVERIFY(port != 0);
        Program client(program, {QStringLiteral("127.0.0.1"), QString::number(port)}, true);
        client.write(input);
        client.closeInput();
        QVERIFY(labAccepts(*lab) != 0);
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

    // A peer that resets the connection: nc, stopped with the lab's bytes unread in its
    // socket, is killed; its kernel answers with RST, and the lab's read names ECONNRESET
    // and what it means, and goes on.
    void peerResetIsExplained()
    {
        auto lab = startLab(QStringLiteral("tcp"));
        const quint16 port = labPassive(*lab);
        QVERIFY(port != 0);
        auto nc = std::make_unique<Program>(
            QStringLiteral("nc"),
            QStringList{QStringLiteral("-v"), QStringLiteral("127.0.0.1"), QString::number(port)});
        QVERIFY(nc->waitFor(QStringLiteral("succeeded")));
        const quint16 ncPort = labAccepts(*lab);
        QVERIFY(ncPort != 0);
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
        const quint16 port = labPassive(*lab);
        QVERIFY(port != 0);
        auto nc = std::make_unique<Program>(
            QStringLiteral("nc"),
            QStringList{QStringLiteral("-v"), QStringLiteral("127.0.0.1"), QString::number(port)});
        QVERIFY(nc->waitFor(QStringLiteral("succeeded")));
        const quint16 ncPort = labAccepts(*lab);
        QVERIFY(ncPort != 0);
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
};

QTEST_MAIN(TestLabPeersTcp)
#include "tst_labpeerstcp.moc"
