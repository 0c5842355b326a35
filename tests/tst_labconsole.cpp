// The lab's console against real sockets: socklab's words, its questions, bad input, Ctrl+C,
// reset, the UDP mode, and a session saved and replayed.
#include "lab/labsession.h"
#include "testlabconsole.h"
#include "testsockets.h"

#include <QSignalSpy>
#include <QTest>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace SocketScope;
using namespace SocketScope::TestLabConsole;

class TestLabConsoleCommands : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // The student's client against a server of theirs: socklab's commands and words, the
    // bytes as the server got them (two spaces are CR LF), the answer read, the status.
    void tcpClientTalksToARealServer()
    {
        quint16 port = 0;
        const int server = TestSockets::boundSocket(AF_INET, SOCK_STREAM, &port);
        LabSession lab(LabMode::Standard, labOptions());
        Console console(lab);
        QVERIFY(console.type(QStringLiteral("s tcp")));
        const int id = lab.currentId();
        QVERIFY(id >= 0);
        QCOMPARE(console.results.last(), QStringLiteral("The socket identifier is %1").arg(id));
        QVERIFY(console.type(QStringLiteral("conn . 127.0.0.1 %1").arg(port)));
        QCOMPARE(console.results.last(), QStringLiteral("Connection established."));
        const int peer = ::accept(server, nullptr, nullptr);
        QVERIFY(peer >= 0);
        QVERIFY(console.type(QStringLiteral("w . \"Bonjour  \"")));
        QCOMPARE(console.results.last(), QStringLiteral("Sent 9 bytes"));
        QCOMPARE(receiveSome(peer), QByteArray("Bonjour\r\n"));
        QCOMPARE(::send(peer, "ok\n", 3, 0), ssize_t(3));
        QVERIFY(console.type(QStringLiteral("r . 100")));
        QCOMPARE(console.results.last(), QStringLiteral("Read 3 bytes: message=\"ok\\n\""));
        QVERIFY(console.type(QStringLiteral("=")));
        const QString row = console.results.last();
        QVERIFY2(row.startsWith(QStringLiteral(">%1").arg(id, 3)), qPrintable(row));
        QVERIFY2(row.contains(QStringLiteral("127.0.0.1(%1)").arg(port)), qPrintable(row));
        QVERIFY(console.type(QStringLiteral("close .")));
        QVERIFY(lab.sockets().isEmpty());
        QCOMPARE(receiveSome(peer), QByteArray()); // the server sees the end of the stream
        QVERIFY(console.errors.isEmpty());
        QStringList calls;
        for (const CallEvent& event : lab.session().log().calls())
            calls << Calls::name(event.call);
        QCOMPARE(calls, (QStringList{QStringLiteral("socket"), QStringLiteral("connect"),
                                     QStringLiteral("write"), QStringLiteral("read"),
                                     QStringLiteral("close")}));
        ::close(peer);
        ::close(server);
    }

    // socklab tcp's passive: a listening socket on the loopback; a real client calls it and
    // accept() names it; the new socket becomes the current one.
    void tcpModeServerAcceptsARealClient()
    {
        LabSession lab(LabMode::Tcp, labOptions());
        Console console(lab);
        QVERIFY(console.type(QStringLiteral("passive")));
        const QString created = console.results.last();
        QVERIFY2(created.startsWith(QStringLiteral("TCP socket created: id=")),
                 qPrintable(created));
        const quint16 port = created.section(QStringLiteral("port="), 1).toUShort();
        QVERIFY(port != 0);
        const int client = TestSockets::connectedTo(port);
        sockaddr_in local{};
        socklen_t length = sizeof(local);
        ::getsockname(client, reinterpret_cast<sockaddr*>(&local), &length);
        const int listener = lab.currentId();
        QVERIFY(console.type(QStringLiteral("a")));
        QVERIFY(console.type(QString()));
        QCOMPARE(console.results.at(console.results.size() - 2),
                 QStringLiteral("A connection from 127.0.0.1 (%1) was received.")
                     .arg(ntohs(local.sin_port)));
        QVERIFY(lab.currentId() != listener);
        QCOMPARE(
            console.results.last(),
            QStringLiteral("Connection is established, with socket ID %1.").arg(lab.currentId()));
        QCOMPARE(::send(client, "hi", 2, 0), ssize_t(2));
        QVERIFY(console.type(QStringLiteral("read . 10")));
        QCOMPARE(console.results.last(), QStringLiteral("Read 2 bytes: message=\"hi\""));
        ::close(client);
        QVERIFY(console.errors.isEmpty());
    }

    // Missing arguments are asked for in socklab's words; a wrong answer is asked again.
    void missingArgumentsAreAskedFor()
    {
        quint16 port = 0;
        const int server = TestSockets::boundSocket(AF_INET, SOCK_STREAM, &port);
        LabSession lab(LabMode::Standard, labOptions());
        Console console(lab);
        QSignalSpy prompts(&lab, &LabSession::printed);
        QVERIFY(console.type(QStringLiteral("socket")));
        QVERIFY(lab.isAsking());
        QCOMPARE(lab.prompt(), QStringLiteral("Protocol? [tcp/udp] : "));
        QVERIFY(console.type(QStringLiteral("tcp")));
        QVERIFY(console.type(QStringLiteral("connect")));
        QVERIFY(lab.prompt().startsWith(QStringLiteral("Id. socket (")));
        QVERIFY(console.type(QString())); // the current socket
        QCOMPARE(lab.prompt(), QStringLiteral("Host? : "));
        QVERIFY(console.type(QStringLiteral("127.0.0.1")));
        QCOMPARE(lab.prompt(), QStringLiteral("Port? : "));
        QVERIFY(console.type(QStringLiteral("70000")));
        QVERIFY(lab.isAsking()); // asked again
        QCOMPARE(console.errors.size(), 1);
        QVERIFY(console.type(QString::number(port)));
        QCOMPARE(console.results.last(), QStringLiteral("Connection established."));
        ::close(server);
    }

    // Ctrl+C: the blocked accept() returns, cancelled, and the lab goes on.
    void blockedCallInterrupted()
    {
        LabSession lab(LabMode::Tcp, labOptions());
        Console console(lab);
        QVERIFY(console.type(QStringLiteral("passive")));
        QVERIFY(console.typeBlocking(QStringLiteral("accept .")));
        QVERIFY(lab.isBusy());
        QSignalSpy ready(&lab, &LabSession::readyForInput);
        lab.interrupt();
        QVERIFY(ready.wait(5'000));
        QVERIFY(!lab.isBusy());
        QVERIFY2(console.errors.last().startsWith(QStringLiteral("accept(): interrupted")),
                 qPrintable(console.errors.last()));
        QVERIFY(lab.session().log().calls().last().cancelled);
        QVERIFY(console.type(QStringLiteral("status")));
        QVERIFY(console.results.last().contains(QStringLiteral("TCP")));
    }

    // Bad input says what is wrong and changes nothing: no call is made.
    void badInputMakesNoCall_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("error");
        QTest::newRow("unknown command") << "frobnicate"
                                         << "*** invalid command";
        QTest::newRow("ambiguous") << "se"
                                   << "*** ambiguous command";
        QTest::newRow("no current socket") << "read . 10"
                                           << "no current socket";
        QTest::newRow("no such id") << "close 999"
                                    << "no socket has id 999";
        QTest::newRow("quoting") << "write . \"abc"
                                 << "*** invalid quoting";
    }
    void badInputMakesNoCall()
    {
        QFETCH(QString, line);
        QFETCH(QString, error);
        LabSession lab(LabMode::Standard, labOptions());
        Console console(lab);
        QVERIFY(console.type(line));
        QVERIFY(!console.errors.isEmpty());
        QVERIFY2(console.errors.join(QLatin1Char('\n')).contains(error),
                 qPrintable(console.errors.join(QLatin1Char('\n'))));
        QVERIFY(lab.session().log().calls().isEmpty());
        QVERIFY(lab.anyCommandFailed());
    }

    // The lab binds the port typed, even when another program holds it: the lesson is
    // EADDRINUSE, not a port quietly changed.
    void busyPortIsTheLesson()
    {
        quint16 port = 0;
        const int holder = TestSockets::boundSocket(AF_INET, SOCK_STREAM, &port);
        LabSession lab(LabMode::Standard, labOptions());
        Console console(lab);
        QVERIFY(console.type(QStringLiteral("socket tcp")));
        QVERIFY(console.type(QStringLiteral("bind . 127.0.0.1 %1").arg(port)));
        ::close(holder);
        const CallEvent& bind = lab.session().log().calls().last();
        QCOMPARE(bind.call, Call::Bind);
        QCOMPARE(bind.arguments.address.port(), port);
        QCOMPARE(bind.error, EADDRINUSE);
        QVERIFY2(console.errors.join(QLatin1Char('\n')).contains(QStringLiteral("EADDRINUSE")),
                 qPrintable(console.errors.join(QLatin1Char('\n'))));
    }

    // Reset starts the lab over: its sockets closed, none left in its table, new calls go.
    void resetStartsOver()
    {
        LabSession lab(LabMode::Standard, labOptions());
        Console console(lab);
        QVERIFY(console.type(QStringLiteral("socket udp")));
        QVERIFY(console.type(QStringLiteral("socket tcp")));
        lab.session().reset();
        QVERIFY(lab.sockets().isEmpty());
        QVERIFY(lab.session().log().calls().isEmpty());
        QVERIFY(console.type(QStringLiteral("socket tcp")));
        QCOMPARE(lab.session().log().calls().size(), 1);
        QVERIFY(!lab.session().log().calls().first().failed());
        QCOMPARE(lab.sockets().size(), 1);
    }

    // Values a saved lab session could not read back are refused when typed.
    void valuesBeyondWhatASavedSessionTakes_data()
    {
        QTest::addColumn<QString>("line");
        QTest::newRow("select for more than an hour") << "select . 4000000";
        QTest::newRow("backlog") << "listen . 70000";
        QTest::newRow("read size") << "read . 2000000";
        QTest::newRow("message") << "write . #2000000";
    }
    void valuesBeyondWhatASavedSessionTakes()
    {
        QFETCH(QString, line);
        LabSession lab(LabMode::Standard, labOptions());
        Console console(lab);
        QVERIFY(console.type(QStringLiteral("socket tcp")));
        QVERIFY(console.type(line));
        QCOMPARE(lab.session().log().calls().size(), 1);
        QVERIFY(!console.errors.isEmpty());
    }
    // socket6 is IPv6 only as socklab's; -dual takes IPv4 too: IPV6_V6ONLY read from the kernel.
    void socket6Dual_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<int>("v6only");
        QTest::newRow("socklab's socket6") << QStringLiteral("socket6 tcp") << 1;
        QTest::newRow("dual") << QStringLiteral("socket6 udp -dual") << 0;
    }

    void socket6Dual()
    {
        QFETCH(QString, line);
        QFETCH(int, v6only);
        LabSession lab(LabMode::Standard, labOptions());
        Console console(lab);
        QVERIFY(console.type(line));
        QVERIFY(console.errors.isEmpty());
        int value = -1;
        socklen_t length = sizeof(value);
        QCOMPARE(::getsockopt(lab.currentId(), IPPROTO_IPV6, IPV6_V6ONLY, &value, &length), 0);
        QCOMPARE(value, v6only);
    }

    // A command built by a form runs as the typed line would, and is echoed as that line.
    void runLineEchoesTheCommand()
    {
        LabSession lab(LabMode::Standard, labOptions());
        Console console(lab);
        QSignalSpy echoed(&lab, &LabSession::echoed);
        QSignalSpy ready(&lab, &LabSession::readyForInput);
        LabLine line{labCommand(LabMode::Standard, LabVerb::Socket), {QStringLiteral("udp")}, {}};
        QVERIFY(lab.runLine(line));
        QVERIFY(!ready.isEmpty() || ready.wait(10'000));
        QCOMPARE(echoed.size(), 1);
        QCOMPARE(echoed.first().first().toString(), QStringLiteral("socklab> socket udp"));
        const int id = lab.currentId();
        QVERIFY(id >= 0);
        ready.clear();
        line = {labCommand(LabMode::Standard, LabVerb::SendTo),
                {QString::number(id), QStringLiteral("127.0.0.1"), QStringLiteral("9"),
                 QStringLiteral("0a 0d")},
                LabFlag::Hex | LabFlag::DontWait};
        QVERIFY(lab.runLine(line));
        QVERIFY(!ready.isEmpty() || ready.wait(10'000));
        QCOMPARE(echoed.last().first().toString(),
                 QStringLiteral("socklab> sendto %1 127.0.0.1 9 \"0a 0d\" -dontwait -hex").arg(id));
        QCOMPARE(lab.session().log().calls().last().arguments.payload, QByteArray("\n\r"));
    }

    // A call on a socket the lab closed says so, without making it.
    void closedIdSaysSo()
    {
        LabSession lab(LabMode::Standard, labOptions());
        Console console(lab);
        QVERIFY(console.type(QStringLiteral("socket udp")));
        const int id = lab.currentId();
        QVERIFY(console.type(QStringLiteral("close %1").arg(id)));
        const qsizetype calls = lab.session().log().calls().size();
        QVERIFY(console.type(QStringLiteral("read %1 10").arg(id)));
        QVERIFY(console.errors.last().contains(QStringLiteral("no socket has id %1").arg(id)));
        QCOMPARE(lab.session().log().calls().size(), calls);
    }

    // socklab udp: a socket bound at once; a letter sent to a real UDP socket and one back.
    void udpModeLetters()
    {
        quint16 port = 0;
        const int peer = TestSockets::boundSocket(AF_INET, SOCK_DGRAM, &port);
        LabSession lab(LabMode::Udp, labOptions());
        Console console(lab);
        QVERIFY(console.type(QStringLiteral("socket")));
        const QString created = console.results.last();
        QVERIFY2(created.startsWith(QStringLiteral("UDP socket created: Id=")),
                 qPrintable(created));
        const quint16 labPort = created.section(QStringLiteral("port="), 1).toUShort();
        QVERIFY(console.type(QStringLiteral("t . 127.0.0.1 %1 lettre").arg(port)));
        QCOMPARE(console.results.last(), QStringLiteral("Sent 6 bytes"));
        QCOMPARE(receiveSome(peer), QByteArray("lettre"));
        sockaddr_in to{};
        to.sin_family = AF_INET;
        to.sin_port = htons(labPort);
        to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        QCOMPARE(::sendto(peer, "reponse", 7, 0, reinterpret_cast<sockaddr*>(&to), sizeof(to)),
                 ssize_t(7));
        QVERIFY(console.type(QStringLiteral("f . 100")));
        QCOMPARE(console.results.at(console.results.size() - 2),
                 QStringLiteral("A message of length 7 bytes was received from 127.0.0.1 (%1).")
                     .arg(port));
        QCOMPARE(console.results.last(), QStringLiteral("Message=\"reponse\""));
        ::close(peer);
        QVERIFY(console.errors.isEmpty());
    }

    // A lab session is saved as a scenario's is, and replays as it ran: its steps become the
    // saved scenario's, each narrated by the command that made it.
    void savedAndReplayed()
    {
        quint16 port = 0;
        const int peer = TestSockets::boundSocket(AF_INET, SOCK_DGRAM, &port);
        LabSession lab(LabMode::Udp, labOptions());
        Console console(lab);
        QVERIFY(console.type(QStringLiteral("socket")));
        QVERIFY(console.type(QStringLiteral("sendto . 127.0.0.1 %1 \"année  \"").arg(port)));
        QVERIFY(console.type(QStringLiteral("select . 0")));
        QVERIFY(console.type(QStringLiteral("k .")));
        ::close(peer);
        const auto replay = replayOf(lab);
        QVERIFY(replay);
        QCOMPARE(replay->log().calls(), lab.session().log().calls());
        QCOMPARE(replay->log().notes(), lab.session().log().notes());
        QCOMPARE(replay->log().calls().at(2).arguments.payload,
                 QStringLiteral("année\r\n").toUtf8());
        QCOMPARE(replay->log().notes().at(2).narration,
                 QStringLiteral("sendto . 127.0.0.1 %1 \"année  \"").arg(port));
    }
};

QTEST_GUILESS_MAIN(TestLabConsoleCommands)
#include "tst_labconsole.moc"
