#include "lab/laboptions.h"
#include "lab/labsession.h"
#include "log/sessionfile.h"
#include "sources/replaysource.h"
#include "testprocess.h"
#include "testscenarios.h"
#include "testsockets.h"

#include <QBuffer>
#include <QHash>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

using namespace SocketScope;

namespace {

SessionOptions labOptions()
{
    SessionOptions options;
    options.capture = CaptureMode::InferOnly;
    return options;
}

// The console's side of the lab: lines typed one at a time, each once the lab is ready for
// the next, and what it printed.
class Console {
public:
    explicit Console(LabSession& lab)
        : m_lab(lab)
    {
        QObject::connect(&lab, &LabSession::printed,
                         [this](const QString& text, LabSession::Output kind) {
                             (kind == LabSession::Output::Error ? errors : results) << text;
                         });
        QObject::connect(&lab, &LabSession::readyForInput, [this] { ++m_ready; });
    }

    // Types a line, then waits until the lab can take the next one.
    bool type(const QString& line)
    {
        const int before = m_ready;
        m_lab.feed(line);
        // An answer that leaves a question open asks the next one at once.
        if (m_lab.isAsking() && !m_lab.isBusy())
            return true;
        return QTest::qWaitFor([&] { return m_ready > before; }, 10'000);
    }
    // Types a line whose call blocks: returns once the lab is waiting for it.
    bool typeBlocking(const QString& line)
    {
        QSignalSpy blocked(&m_lab.session().log(), &EventLog::callBlocked);
        m_lab.feed(line);
        return blocked.wait(10'000) || !blocked.isEmpty();
    }

    QStringList results;
    QStringList errors;

private:
    LabSession& m_lab;
    int m_ready = 0;
};

// The port the kernel gave a socket, read from the kernel.
quint16 localPort(int fd)
{
    sockaddr_in6 local{};
    socklen_t length = sizeof(local);
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &length) != 0)
        return 0;
    return ntohs(local.sin6_port); // sin_port is at the same place
}

QByteArray receiveSome(int fd)
{
    char buffer[256];
    const ssize_t count = ::recv(fd, buffer, sizeof(buffer), 0);
    return count > 0 ? QByteArray(buffer, count) : QByteArray();
}

// An int option as the kernel says it now.
int intOption(int fd, int level, int option)
{
    int value = -1;
    socklen_t length = sizeof(value);
    ::getsockopt(fd, level, option, &value, &length);
    return value;
}

bool nonBlocking(int fd)
{
    return (::fcntl(fd, F_GETFL) & O_NONBLOCK) != 0;
}

// What the kernel keeps for a receive buffer asked of this size, from a socket of its own.
int keptReceiveBuffer(int size)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
    const int kept = intOption(fd, SOL_SOCKET, SO_RCVBUF);
    ::close(fd);
    return kept;
}

qint64 receiveTimeoutMs(int fd)
{
    timeval value{};
    socklen_t length = sizeof(value);
    ::getsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &value, &length);
    return qint64(value.tv_sec) * 1000 + value.tv_usec / 1000;
}

linger lingerOf(int fd)
{
    linger value{};
    socklen_t length = sizeof(value);
    ::getsockopt(fd, SOL_SOCKET, SO_LINGER, &value, &length);
    return value;
}

// How many questions `options id` asks for such a socket: one an option it shows.
int walkedOptions(int domain, int type)
{
    int count = 0;
    for (const LabOptionSpec& spec : labOptionSpecs())
        count += spec.walked && labOptionApplies(spec, domain, type) ? 1 : 0;
    return count;
}

int countCalls(LabSession& lab, Call call)
{
    int count = 0;
    for (const CallEvent& event : lab.session().log().calls())
        count += event.call == call ? 1 : 0;
    return count;
}

} // namespace

class TestLab : public QObject {
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

    // Two terminals, like two socklab windows: Lab 1 serves, Lab 2 calls it; each uses only
    // the sockets it created, "." is each one's current socket, and each terminal's calls are
    // its own actor's in the log.
    void terminalsOwnTheirSockets()
    {
        LabSession lab(LabMode::Standard, labOptions());
        Console console(lab);
        QCOMPARE(lab.terminal(), 1);
        QVERIFY(console.type(QStringLiteral("socket tcp")));
        const int server = lab.currentId();
        QVERIFY(console.type(QStringLiteral("bind . 127.0.0.1 0")));
        QVERIFY(console.type(QStringLiteral("listen . 5")));
        const quint16 port = localPort(server);
        QVERIFY(port != 0);

        QSignalSpy switched(&lab, &LabSession::terminalChanged);
        QVERIFY(console.type(QStringLiteral("terminal 2")));
        QCOMPARE(lab.terminal(), 2);
        QCOMPARE(switched.size(), 1);
        QCOMPARE(console.results.last(), QStringLiteral("Terminal 2 (Lab 2) makes the calls."));
        QCOMPARE(lab.currentId(), -1);
        QVERIFY(lab.statusRows().isEmpty());
        QVERIFY(console.type(QStringLiteral("=")));
        QCOMPARE(console.results.last(), QStringLiteral("No socket has been created yet."));

        const qsizetype callsBefore = lab.session().log().calls().size();
        QVERIFY(console.type(QStringLiteral("accept %1").arg(server)));
        QCOMPARE(console.errors.last(),
                 QStringLiteral("*** socket %1 is Lab 1's: type terminal 1 to use it").arg(server));
        QCOMPARE(lab.session().log().calls().size(), callsBefore);

        QVERIFY(console.type(QStringLiteral("socket tcp")));
        const int client = lab.currentId();
        QVERIFY(client != server);
        QVERIFY(console.type(QStringLiteral("connect . 127.0.0.1 %1").arg(port)));
        QCOMPARE(console.results.last(), QStringLiteral("Connection established."));

        QVERIFY(console.type(QStringLiteral("terminal 1")));
        QCOMPARE(lab.currentId(), server);
        QVERIFY(console.type(QStringLiteral("accept .")));
        const int accepted = lab.currentId();
        QCOMPARE(lab.sockets().value(accepted).terminal, 1);
        QCOMPARE(lab.sockets().value(client).terminal, 2);
        QCOMPARE(lab.statusRows().size(), 2); // the listener and the accepted socket

        QHash<QString, QStringList> byActor;
        for (const CallEvent& event : lab.session().log().calls())
            byActor[event.actor] << Calls::name(event.call);
        QCOMPARE(byActor.value(LabSession::terminalActor(1)),
                 (QStringList{QStringLiteral("socket"), QStringLiteral("bind"),
                              QStringLiteral("listen"), QStringLiteral("accept")}));
        QCOMPARE(byActor.value(LabSession::terminalActor(2)),
                 (QStringList{QStringLiteral("socket"), QStringLiteral("connect")}));
        QCOMPARE(console.errors.size(), 1);
    }

    // socklab's two windows: Lab 1 waits in accept() while Lab 2 calls it; the accepted socket
    // is Lab 1's, its answer says whose it is, and Lab 2 stays current.
    void oneTerminalWaitsWhileTheOtherCalls()
    {
        LabSession lab(LabMode::Standard, labOptions());
        Console console(lab);
        QVERIFY(console.type(QStringLiteral("socket tcp")));
        const int server = lab.currentId();
        QVERIFY(console.type(QStringLiteral("bind . 127.0.0.1 0")));
        QVERIFY(console.type(QStringLiteral("listen . 5")));
        QVERIFY2(console.typeBlocking(QStringLiteral("accept .")),
                 qPrintable(console.errors.join(QLatin1Char('\n'))));
        QVERIFY(lab.isBusy());
        QVERIFY(lab.setTerminal(2));
        QVERIFY(!lab.isBusy());
        QVERIFY(console.type(QStringLiteral("socket tcp")));
        const int client = lab.currentId();
        QVERIFY(console.type(QStringLiteral("connect . 127.0.0.1 %1").arg(localPort(server))));
        QTRY_COMPARE(lab.sockets().size(), 3);
        QCOMPARE(lab.terminal(), 2);
        QCOMPARE(lab.currentId(), client);
        // Lab 1's accept() and Lab 2's connect() return in either order.
        QTRY_VERIFY(
            console.results.join(QLatin1Char('\n'))
                .contains(QStringLiteral("[Lab 1] Connection is established, with socket ID")));
        QVERIFY(console.type(QStringLiteral("terminal 1")));
        QVERIFY(!lab.isBusy());
        const int accepted = lab.currentId();
        QVERIFY(accepted != server && accepted != client);
        QCOMPARE(lab.sockets().value(accepted).terminal, 1);
        QVERIFY(console.errors.isEmpty());
    }

    // `terminal` alone says which one makes the calls; a terminal the lab lacks is refused.
    void terminalWords_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("alone says which") << QStringLiteral("terminal") << true;
        QTest::newRow("prefix") << QStringLiteral("term 2") << true;
        QTest::newRow("no third") << QStringLiteral("terminal 3") << false;
        QTest::newRow("not a number") << QStringLiteral("terminal deux") << false;
    }

    void terminalWords()
    {
        QFETCH(QString, line);
        QFETCH(bool, accepted);
        LabSession lab(LabMode::Tcp, labOptions());
        Console console(lab);
        QVERIFY(console.type(line));
        QCOMPARE(console.errors.isEmpty(), accepted);
        QCOMPARE(lab.terminal(), line.endsWith(QLatin1Char('2')) ? 2 : 1);
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
        QBuffer buffer;
        buffer.open(QIODevice::ReadWrite);
        QVERIFY(SessionFile::write(lab.session().log(), buffer));
        buffer.seek(0);
        SessionFileError error;
        auto saved = SessionFile::read(buffer, &error);
        QVERIFY2(saved, qPrintable(error.text()));
        QCOMPARE(saved->scenario.steps.size(), lab.session().log().calls().size());
        ReplaySource replay(*saved);
        replay.setIntervalMs(0);
        replay.run();
        QTRY_COMPARE(replay.state(), EventSource::State::Finished);
        QCOMPARE(replay.log().calls(), lab.session().log().calls());
        QCOMPARE(replay.log().notes(), lab.session().log().notes());
        QCOMPARE(replay.log().calls().at(2).arguments.payload,
                 QStringLiteral("année\r\n").toUtf8());
        QCOMPARE(replay.log().notes().at(2).narration,
                 QStringLiteral("sendto . 127.0.0.1 %1 \"année  \"").arg(port));
    }

    // options id: every option read by getsockopt (fcntl for nodelay), asked in socklab's
    // words, Enter keeping it; what is answered is set by real calls, read back here from
    // the kernel.
    void optionsWalkAsksEachOption()
    {
        LabSession lab(LabMode::Standard, labOptions());
        Console console(lab);
        QVERIFY(console.type(QStringLiteral("socket tcp")));
        const int fd = lab.currentId();
        const QHash<QString, QString> answers{{QStringLiteral("reuseaddr"), QStringLiteral("y")},
                                              {QStringLiteral("rcvbuf"), QStringLiteral("20000")},
                                              {QStringLiteral("rcvtimeo"), QStringLiteral("1.5")},
                                              {QStringLiteral("linger"), QStringLiteral("1,5")}};
        QStringList walked;
        for (const LabOptionSpec& spec : labOptionSpecs()) {
            if (spec.walked && labOptionApplies(spec, AF_INET, SOCK_STREAM))
                walked << QLatin1String(spec.name);
        }
        QVERIFY(console.type(QStringLiteral("options .")));
        for (const QString& name : std::as_const(walked)) {
            QVERIFY2(lab.isAsking(), qPrintable(name));
            QVERIFY2(lab.prompt().startsWith(name + QStringLiteral(" [")),
                     qPrintable(lab.prompt()));
            QVERIFY(console.type(answers.value(name)));
        }
        QVERIFY(!lab.isAsking());
        QVERIFY2(console.errors.isEmpty(), qPrintable(console.errors.join(QLatin1Char('\n'))));
        QCOMPARE(intOption(fd, SOL_SOCKET, SO_REUSEADDR), 1);
        QCOMPARE(intOption(fd, SOL_SOCKET, SO_RCVBUF), keptReceiveBuffer(20000));
        QCOMPARE(receiveTimeoutMs(fd), qint64(1500));
        QCOMPARE(lingerOf(fd).l_onoff, 1);
        QCOMPARE(lingerOf(fd).l_linger, 5);
        QVERIFY(!nonBlocking(fd)); // Enter kept it
        QCOMPARE(countCalls(lab, Call::SetSockOpt), 4);
        QCOMPARE(countCalls(lab, Call::GetSockOpt), walked.size() - 1);
        QCOMPARE(countCalls(lab, Call::Fcntl), 1); // nodelay read, not changed
    }

    // A wrong answer is asked again and sets nothing; then a good one is taken.
    void optionsBadAnswerAskedAgain()
    {
        LabSession lab(LabMode::Standard, labOptions());
        Console console(lab);
        QVERIFY(console.type(QStringLiteral("socket udp")));
        const int fd = lab.currentId();
        QVERIFY(console.type(QStringLiteral("o . broad")));
        QCOMPARE(lab.prompt(), QStringLiteral("broadcast [y/N] : "));
        QVERIFY(console.type(QStringLiteral("peut-être")));
        QVERIFY(lab.isAsking());
        QCOMPARE(console.errors.size(), 1);
        QCOMPARE(intOption(fd, SOL_SOCKET, SO_BROADCAST), 0);
        QVERIFY(console.type(QStringLiteral("y")));
        QVERIFY(!lab.isAsking());
        QVERIFY(intOption(fd, SOL_SOCKET, SO_BROADCAST) != 0);
    }

    // name=value sets at once, without a question: for scripts and the window's form.
    void optionsOneLine_data()
    {
        QTest::addColumn<QString>("words");
        QTest::addColumn<int>("level");
        QTest::addColumn<int>("option");
        QTest::addColumn<int>("expected");
        QTest::newRow("reuseaddr") << "reuseaddr=1" << SOL_SOCKET << SO_REUSEADDR << 1;
        QTest::newRow("a prefix") << "keep=y" << SOL_SOCKET << SO_KEEPALIVE << 1;
        QTest::newRow("reuseport") << "reuseport=1" << SOL_SOCKET << SO_REUSEPORT << 1;
        QTest::newRow("tcpnodelay is TCP_NODELAY")
            << "tcpnodelay=1" << int(IPPROTO_TCP) << TCP_NODELAY << 1;
        QTest::newRow("ttl") << "ttl=7" << int(IPPROTO_IP) << IP_TTL << 7;
        QTest::newRow("oobinline") << "oobinline=on" << SOL_SOCKET << SO_OOBINLINE << 1;
        // -1: O_NONBLOCK, as fcntl F_GETFL says it
        QTest::newRow("nonblock") << "nonblock=1" << -1 << 0 << 1;
        QTest::newRow("nodelay is socklab's O_NONBLOCK") << "nodelay=1" << -1 << 0 << 1;
    }
    void optionsOneLine()
    {
        QFETCH(QString, words);
        QFETCH(int, level);
        QFETCH(int, option);
        QFETCH(int, expected);
        LabSession lab(LabMode::Standard, labOptions());
        Console console(lab);
        QVERIFY(console.type(QStringLiteral("socket tcp")));
        const int fd = lab.currentId();
        QVERIFY(console.type(QStringLiteral("options . ") + words));
        QVERIFY(!lab.isAsking());
        QVERIFY2(console.errors.isEmpty(), qPrintable(console.errors.join(QLatin1Char('\n'))));
        if (level < 0) {
            QCOMPARE(nonBlocking(fd), expected != 0);
            QCOMPARE(lab.session().log().calls().last().call, Call::Fcntl);
        } else {
            QCOMPARE(intOption(fd, level, option), expected);
            QCOMPARE(lab.session().log().calls().last().call, Call::SetSockOpt);
        }
        QCOMPARE(intOption(fd, int(IPPROTO_TCP), TCP_NODELAY) != 0,
                 words.startsWith(QLatin1String("tcpnodelay")));
    }

    // Several at once, of each kind of value.
    void optionsOneLineSeveral()
    {
        LabSession lab(LabMode::Standard, labOptions());
        Console console(lab);
        QVERIFY(console.type(QStringLiteral("socket tcp")));
        const int fd = lab.currentId();
        QVERIFY(console.type(QStringLiteral("options . linger=1,5 rcvtimeo=2 sndbuf=30000")));
        QVERIFY(console.errors.isEmpty());
        QCOMPARE(lingerOf(fd).l_onoff, 1);
        QCOMPARE(lingerOf(fd).l_linger, 5);
        QCOMPARE(receiveTimeoutMs(fd), qint64(2000));
        QVERIFY(intOption(fd, SOL_SOCKET, SO_SNDBUF) >= 30000);
        QCOMPARE(lab.session().log().calls().size(), 4);
    }

    // An option the lab does not know, a name for several, a bad value: said, nothing set.
    void optionsBadInputChangesNothing_data()
    {
        QTest::addColumn<QString>("words");
        QTest::addColumn<QString>("error");
        QTest::newRow("unknown") << "frobnicate"
                                 << "*** unknown option frobnicate";
        QTest::newRow("unknown after a good one") << "reuseaddr=1 frob"
                                                  << "*** unknown option frob";
        QTest::newRow("bad value after a good one") << "reuseaddr=1 rcvbuf=abc"
                                                    << "rcvbuf";
        QTest::newRow("several for a value") << "reuse=1"
                                             << "reuseaddr, reuseport";
        QTest::newRow("negative") << "reuseaddr=1 sndbuf=-5"
                                  << "sndbuf";
        QTest::newRow("linger seconds") << "reuseaddr=1 linger=1,x"
                                        << "linger";
        QTest::newRow("timeout beyond an hour") << "reuseaddr=1 rcvtimeo=4000"
                                                << "rcvtimeo";
        QTest::newRow("asynchrone") << "asynchrone"
                                    << "SIGIO";
    }
    void optionsBadInputChangesNothing()
    {
        QFETCH(QString, words);
        QFETCH(QString, error);
        LabSession lab(LabMode::Standard, labOptions());
        Console console(lab);
        QVERIFY(console.type(QStringLiteral("socket tcp")));
        const int fd = lab.currentId();
        QVERIFY(console.type(QStringLiteral("options . ") + words));
        QVERIFY(!lab.isAsking());
        QVERIFY2(console.errors.join(QLatin1Char('\n')).contains(error),
                 qPrintable(console.errors.join(QLatin1Char('\n'))));
        QCOMPARE(lab.session().log().calls().size(), 1); // the socket only
        QCOMPARE(intOption(fd, SOL_SOCKET, SO_REUSEADDR), 0);
        QVERIFY(lab.anyCommandFailed());
    }

    // The kernel's refusal is the lesson: socklab's "setsockopt()-name:" line, with the
    // errno's name and explanation.
    void optionsKernelRefusalSaysWhich()
    {
        LabSession lab(LabMode::Standard, labOptions());
        Console console(lab);
        QVERIFY(console.type(QStringLiteral("socket tcp")));
        QVERIFY(console.type(QStringLiteral("options . ttl=0")));
        QCOMPARE(lab.session().log().calls().last().error, EINVAL);
        QVERIFY2(console.errors.first().startsWith(QStringLiteral("setsockopt()-ttl: ")),
                 qPrintable(console.errors.join(QLatin1Char('\n'))));
        QVERIFY(console.errors.last().contains(QStringLiteral("EINVAL")));
    }

    // A non-blocking socket does not wait: read with nothing to read fails at once with
    // EAGAIN, and no call is drawn blocked.
    void nonBlockingReadFailsAtOnce_data()
    {
        QTest::addColumn<QString>("words");
        QTest::newRow("nonblock") << "nonblock=1";
        QTest::newRow("socklab's nodelay") << "nodelay=y";
    }
    void nonBlockingReadFailsAtOnce()
    {
        QFETCH(QString, words);
        quint16 port = 0;
        const int server = TestSockets::boundSocket(AF_INET, SOCK_STREAM, &port);
        LabSession lab(LabMode::Standard, labOptions());
        Console console(lab);
        QVERIFY(console.type(QStringLiteral("socket tcp")));
        QVERIFY(console.type(QStringLiteral("connect . 127.0.0.1 %1").arg(port)));
        const int peer = ::accept(server, nullptr, nullptr);
        QVERIFY(console.type(QStringLiteral("options . ") + words));
        QSignalSpy blocked(&lab.session().log(), &EventLog::callBlocked);
        QVERIFY(console.type(QStringLiteral("read . 10")));
        const CallEvent& read = lab.session().log().calls().last();
        QCOMPARE(read.call, Call::Read);
        QCOMPARE(read.error, EAGAIN);
        QVERIFY(!read.blocked);
        QVERIFY(blocked.isEmpty());
        QVERIFY2(console.errors.join(QLatin1Char('\n')).contains(QStringLiteral("EAGAIN")),
                 qPrintable(console.errors.join(QLatin1Char('\n'))));
        // Blocking again: the bytes the peer sends are read.
        QVERIFY(console.type(QStringLiteral("options . nonblock=0")));
        QCOMPARE(::send(peer, "ok", 2, 0), ssize_t(2));
        QVERIFY(console.type(QStringLiteral("read . 10")));
        QCOMPARE(console.results.last(), QStringLiteral("Read 2 bytes: message=\"ok\""));
        ::close(peer);
        ::close(server);
    }

    // setsockopt and fcntl made in the lab are saved and replayed as they ran.
    void optionsSavedAndReplayed()
    {
        LabSession lab(LabMode::Udp, labOptions());
        Console console(lab);
        QVERIFY(console.type(QStringLiteral("socket")));
        const int id = lab.currentId();
        QVERIFY(console.type(QStringLiteral("options . reuseaddr=1 rcvtimeo=0.25 linger=1,3")));
        QVERIFY(console.type(QStringLiteral("options . nonblock")));
        QVERIFY(console.type(QStringLiteral("y")));
        QVERIFY(console.type(QStringLiteral("read . 10")));
        QVERIFY(console.type(QStringLiteral("k .")));
        QCOMPARE(countCalls(lab, Call::Fcntl), 2);
        QBuffer buffer;
        buffer.open(QIODevice::ReadWrite);
        QVERIFY(SessionFile::write(lab.session().log(), buffer));
        buffer.seek(0);
        SessionFileError error;
        auto saved = SessionFile::read(buffer, &error);
        QVERIFY2(saved, qPrintable(error.text()));
        QCOMPARE(saved->scenario.steps.size(), lab.session().log().calls().size());
        ReplaySource replay(*saved);
        replay.setIntervalMs(0);
        replay.run();
        QTRY_COMPARE(replay.state(), EventSource::State::Finished);
        QCOMPARE(replay.log().calls(), lab.session().log().calls());
        QCOMPARE(replay.log().notes(), lab.session().log().notes());
        // The answer is narrated as the one line that sets it again.
        const auto notes = replay.log().notes();
        const QString answered = QStringLiteral("options %1 nonblock=1").arg(id);
        QVERIFY(std::any_of(notes.cbegin(), notes.cend(),
                            [&](const auto& note) { return note.narration == answered; }));
    }

    // A long scripted session (10,000 commands) keeps the descriptor count stable: what is
    // closed is gone, what is left open is closed when the lab ends.
    void longSessionLeaksNoDescriptor()
    {
        const int before = TestScenarios::openDescriptors();
        {
            LabSession lab(LabMode::Standard, labOptions());
            Console console(lab);
            // Each line as soon as the lab is ready for it, as a script through a pipe.
            QSignalSpy ready(&lab, &LabSession::readyForInput);
            const auto type = [&](const QString& line) {
                ready.clear();
                lab.feed(line);
                return !ready.isEmpty() || ready.wait(10'000);
            };
            int steady = -1; // the lab's own descriptors, once it runs
            for (int i = 0; i < 5000; ++i) {
                QVERIFY(type(QStringLiteral("socket tcp")));
                QVERIFY(type(QStringLiteral("close .")));
                if (i % 1000 == 999) {
                    const int now = TestScenarios::openDescriptors();
                    steady = steady < 0 ? now : steady;
                    QCOMPARE(now, steady);
                }
            }
            QVERIFY(console.type(QStringLiteral("socket udp")));
            QCOMPARE(lab.sockets().size(), 1);
            QCOMPARE(lab.session().log().calls().size(), 10'001); // a call per command
            QSignalSpy finished(&lab.session(), &EventSource::finished);
            lab.session().end();
            QVERIFY(finished.wait(10'000));
            QCOMPARE(lab.session().log().calls().last().call, Call::Close);
            QVERIFY(console.errors.isEmpty());
        }
        QCOMPARE(TestScenarios::openDescriptors(), before);
    }

    // socketscope --lab: the same console on standard input and output, for scripts and
    // for programs that drive it through a pipe.
    void headlessConsoleTalksToARealServer()
    {
        quint16 port = 0;
        const int server = TestSockets::boundSocket(AF_INET, SOCK_STREAM, &port);
        const QByteArray script = QStringLiteral("socket tcp\nconnect . 127.0.0.1 %1\n"
                                                 "write . \"ping \"\nstatus\nquit\n")
                                      .arg(port)
                                      .toUtf8();
        const TestProcess::Run run = TestProcess::run(
            {QStringLiteral("--lab"), QStringLiteral("--no-capture"), QStringLiteral("--lang"),
             QStringLiteral("en")},
            QStringLiteral(SOCKETSCOPE_BINARY), QProcessEnvironment::systemEnvironment(), script);
        const int peer = ::accept(server, nullptr, nullptr);
        QVERIFY(peer >= 0);
        QCOMPARE(receiveSome(peer), QByteArray("ping\n"));
        ::close(peer);
        ::close(server);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QStringList lines = run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY2(lines.size() >= 5, qPrintable(run.out));
        QVERIFY(lines[0].startsWith(QStringLiteral("The socket identifier is ")));
        QCOMPARE(lines[1], QStringLiteral("Connection established."));
        QCOMPARE(lines[2], QStringLiteral("Sent 5 bytes"));
        QVERIFY(lines[5].contains(QStringLiteral("127.0.0.1(%1)").arg(port)));
        QVERIFY(run.err.isEmpty());
    }

    // Many commands that finish at once (a script of status lines) run one after the other,
    // not one nested in the other.
    void headlessConsoleTakesALongScript()
    {
        QByteArray script("socket udp\n");
        for (int i = 0; i < 50'000; ++i)
            script += "=\n";
        const TestProcess::Run run = TestProcess::run(
            {QStringLiteral("--lab"), QStringLiteral("--no-capture"), QStringLiteral("--strict")},
            QStringLiteral(SOCKETSCOPE_BINARY), QProcessEnvironment::systemEnvironment(), script);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err.left(500)));
        QCOMPARE(run.out.count(QStringLiteral("Id  Proto")), 50'000);
    }

    void headlessConsoleExitStatus_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("script");
        QTest::addColumn<int>("status");
        QTest::newRow("a failed command") << QStringList{} << QByteArray("close 42\n") << 0;
        QTest::newRow("strict: a failed command")
            << QStringList{QStringLiteral("--strict")} << QByteArray("close 42\n") << 1;
        QTest::newRow("strict: all went well")
            << QStringList{QStringLiteral("--strict")} << QByteArray("socket udp\nclose .\n") << 0;
        QTest::newRow("end of input while asked")
            << QStringList{QStringLiteral("--strict")} << QByteArray("connect\n") << 1;
        QTest::newRow("strict: an option's question answered by the script")
            << QStringList{QStringLiteral("--strict")}
            << QByteArray("socket udp\noptions . reuseaddr\ny\noptions .\n") +
                   QByteArray(walkedOptions(AF_INET, SOCK_DGRAM), '\n') + "close .\n"
            << 0;
        QTest::newRow("strict: end of input at an option's question")
            << QStringList{QStringLiteral("--strict")}
            << QByteArray("socket udp\noptions . reuseaddr\n") << 1;
        QTest::newRow("unknown mode") << QStringList{QStringLiteral("sctp")} << QByteArray() << 2;
        QTest::newRow("udp mode") << QStringList{QStringLiteral("udp"), QStringLiteral("--strict")}
                                  << QByteArray("socket\nstatus\n") << 0;
    }
    void headlessConsoleExitStatus()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, script);
        QFETCH(int, status);
        const TestProcess::Run run = TestProcess::run(
            QStringList{QStringLiteral("--lab"), QStringLiteral("--no-capture")} + arguments,
            QStringLiteral(SOCKETSCOPE_BINARY), QProcessEnvironment::systemEnvironment(), script);
        QVERIFY2(run.exitCode == status, qPrintable(run.out + run.err));
    }
};

QTEST_GUILESS_MAIN(TestLab)
#include "tst_lab.moc"
