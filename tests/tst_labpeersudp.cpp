// The lab's UDP mailbox against programs outside SocketScope: socat and the course's C
// programs, a letter each way.
#include "lab/labsession.h"
#include "labpeer.h"
#include "stagestate.h"
#include "stageview.h"

#include <QCoreApplication>
#include <QTemporaryDir>

#include <memory>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace SocketScope;
using namespace SocketScope::LabPeer;

class TestLabPeersUdp : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        const QString missing = missingTool();
        QVERIFY2(missing.isEmpty(), qPrintable(missing));
    }
    // socklab udp's mailbox and socat: a letter each way, each side naming the other's port.
    void socatWritesToLabMailbox()
    {
        auto lab = startLab(QStringLiteral("udp"));
        const quint16 port = labMailbox(*lab);
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

    // A letter from another program on this machine: the lab's recvfrom names its sender as
    // the kernel says (the socket bound at the letter's return address), and the stage's
    // letter says who posted it.
    void letterSenderNamed_data()
    {
        QTest::addColumn<bool>("socat");
        QTest::addRow("socat, a program outside SocketScope") << true;
        QTest::addRow("a plain UDP socket of this test's process") << false;
    }
    void letterSenderNamed()
    {
        QFETCH(bool, socat);
        QTemporaryDir dir;
        const QString trace = dir.filePath(QStringLiteral("lab.jsonl"));
        auto lab = startLab(QStringLiteral("udp"), trace);
        const quint16 port = labMailbox(*lab);
        QVERIFY(port != 0);
        std::unique_ptr<Program> sender;
        int plain = -1;
        qint64 pid = QCoreApplication::applicationPid();
        if (socat) {
            sender = std::make_unique<Program>(
                QStringLiteral("socat"),
                QStringList{QStringLiteral("-"), QStringLiteral("UDP:127.0.0.1:%1").arg(port)});
            pid = sender->pid();
            sender->write("ping\n");
        } else {
            plain = ::socket(AF_INET, SOCK_DGRAM, 0);
            sockaddr_in to{};
            to.sin_family = AF_INET;
            to.sin_port = htons(port);
            to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            QCOMPARE(::sendto(plain, "ping\n", 5, 0, reinterpret_cast<sockaddr*>(&to), sizeof(to)),
                     ssize_t(5));
        }
        const QString command = commandOf(pid);
        QVERIFY(!command.isEmpty());
        lab->type(QStringLiteral("f . 100"));
        QVERIFY(lab->waitFor(QStringLiteral("A message of length 5 bytes was received from")));
        lab->closeInput();
        QVERIFY(lab->waitForEnd());
        QCOMPARE(lab->exitCode(), 0);
        if (plain >= 0)
            ::close(plain);
        const auto saved = savedLab(trace);
        QVERIFY(saved);
        const CallEvent* received = firstCall(*saved, Call::RecvFrom);
        QVERIFY(received);
        QCOMPARE(received->after.peerPid, pid);
        QCOMPARE(received->after.peerCommand, command);

        const int position = int(received - saved->calls.constData()) + 1;
        const StageState state = projectStage(saved->calls, position);
        QCOMPARE(state.last.kind, StageExchange::Kind::Collected);
        QCOMPARE(state.last.senderPid, pid);
        StageView view;
        view.setAnimationDuration(0);
        view.resize(QSize(1000, 640));
        view.setActors({received->actor}, {received->actor});
        view.setState(state);
        const QString named = QStringLiteral("%1 (PID %2)").arg(command).arg(pid);
        bool drawn = false;
        for (const StageText& text : view.scene().texts)
            drawn |= text.kind == StageText::Kind::Envelope && text.whole.contains(named);
        QVERIFY2(drawn, qPrintable(named));
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
        auto server = startCourseServer(program, true, &port);
        QVERIFY(server);
        auto lab = startLab(QStringLiteral("udp"));
        QVERIFY(labMailbox(*lab) != 0);
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
        const quint16 port = labMailbox(*lab);
        QVERIFY(port != 0);
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
};

QTEST_MAIN(TestLabPeersUdp)
#include "tst_labpeersudp.moc"
