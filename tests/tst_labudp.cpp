// The lab's UDP mode (multicast, broadcast), send -loop and host names, against real sockets.
#include "lab/labmessage.h"
#include "lab/labsession.h"
#include "testlabconsole.h"
#include "testsockets.h"

#include <QFile>
#include <QTest>

#include <arpa/inet.h>
#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace SocketScope;
using TestLabConsole::Console;
using TestLabConsole::labOptions;

Q_DECLARE_METATYPE(LabMode)

namespace {

const QString group = QStringLiteral("239.255.42.99");

QStringList callNames(LabSession& lab)
{
    QStringList names;
    for (const CallEvent& event : lab.session().log().calls())
        names << Calls::name(event.call);
    return names;
}

// Whether the kernel lists `address` among the groups joined on the interface `device`
// (/proc/net/igmp: a device line, then its groups as the hexadecimal of the in_addr).
bool kernelHasGroup(const QString& device, const QString& address)
{
    QFile igmp(QStringLiteral("/proc/net/igmp"));
    if (!igmp.open(QIODevice::ReadOnly))
        return false;
    in_addr raw{};
    inet_pton(AF_INET, address.toLatin1().constData(), &raw);
    const QString hex = QStringLiteral("%1").arg(raw.s_addr, 8, 16, QLatin1Char('0')).toUpper();
    QString current;
    for (const QByteArray& line : igmp.readAll().split('\n')) {
        const QString text = QString::fromLatin1(line);
        if (!text.isEmpty() && !text.front().isSpace()) {
            current = text.section(QLatin1Char('\t'), 1).section(QLatin1Char(':'), 0, 0).trimmed();
            continue;
        }
        if (current == device && text.trimmed().startsWith(hex))
            return true;
    }
    return false;
}

bool readable(int fd)
{
    pollfd entry{fd, POLLIN, 0};
    return ::poll(&entry, 1, 0) == 1;
}

// The port the kernel gave the lab's socket (mbind also prints a warning after it).
quint16 boundPort(const LabSession& lab, int id)
{
    for (const LabStatusRow& row : lab.statusRows()) {
        if (row.id == id)
            return row.local.port();
    }
    return 0;
}

// A plain UDP socket bound to any address on a port the system chooses.
int udpOnAnyAddress(quint16* port)
{
    const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    socklen_t length = sizeof(address);
    ::bind(fd, reinterpret_cast<sockaddr*>(&address), length);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    *port = ntohs(address.sin_port);
    return fd;
}

} // namespace

class TestLabUdp : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // msocket, mbind, mjoin on the loopback's interface: the kernel lists the membership,
    // a datagram sent to the group from outside the lab arrives, mrecvfrom prints it as
    // socklab does; mleave takes the membership away.
    void joinedGroupReceivesADatagram()
    {
        LabSession lab(LabMode::Udp, labOptions());
        Console console(lab);
        QVERIFY(console.type(QStringLiteral("msocket")));
        const int id = lab.currentId();
        QCOMPARE(console.results.last(), QStringLiteral("UDP socket created: Id=%1").arg(id));
        int ttl = 0;
        socklen_t length = sizeof(ttl);
        QCOMPARE(::getsockopt(id, IPPROTO_IP, IP_MULTICAST_TTL, &ttl, &length), 0);
        QCOMPARE(ttl, 16);
        QVERIFY(console.type(QStringLiteral("mbind . 0")));
        const quint16 port = boundPort(lab, id);
        QVERIFY(port != 0);
        QVERIFY(console.type(QStringLiteral("mjoin . %1 127.0.0.1").arg(group)));
        QVERIFY2(console.errors.isEmpty(), qPrintable(console.errors.join(u'\n')));
        QCOMPARE(console.results.last(), QStringLiteral("Done joining group %1.").arg(group));
        QVERIFY(kernelHasGroup(QStringLiteral("lo"), group));

        const int sender = ::socket(AF_INET, SOCK_DGRAM, 0);
        in_addr loopback{htonl(INADDR_LOOPBACK)};
        QCOMPARE(::setsockopt(sender, IPPROTO_IP, IP_MULTICAST_IF, &loopback, sizeof(loopback)), 0);
        sockaddr_in to{};
        to.sin_family = AF_INET;
        to.sin_port = htons(port);
        inet_pton(AF_INET, group.toLatin1().constData(), &to.sin_addr);
        QCOMPARE(::sendto(sender, "salut", 5, 0, reinterpret_cast<sockaddr*>(&to), sizeof(to)),
                 ssize_t(5));
        sockaddr_in from{};
        length = sizeof(from);
        ::getsockname(sender, reinterpret_cast<sockaddr*>(&from), &length);
        QTRY_VERIFY(readable(id));

        QVERIFY(console.type(QStringLiteral("mrecvfrom . 1")));
        const QStringList tail = console.results.mid(console.results.size() - 4);
        QCOMPARE(tail.at(0), QStringLiteral("Waiting for incoming messages..."));
        QCOMPARE(tail.at(1), QStringLiteral("Received a message of length 5 bytes."));
        QCOMPARE(tail.at(2), QStringLiteral("Message received: \"salut\""));
        QVERIFY2(tail.at(3).startsWith(
                     QStringLiteral("Received from 127.0.0.1 (%1) in ").arg(ntohs(from.sin_port))),
                 qPrintable(tail.at(3)));

        QVERIFY(console.type(QStringLiteral("mleave . %1 127.0.0.1").arg(group)));
        QCOMPARE(console.results.last(), QStringLiteral("Done leaving group %1.").arg(group));
        QVERIFY(!kernelHasGroup(QStringLiteral("lo"), group));
        QVERIFY(console.errors.isEmpty());
        QCOMPARE(callNames(lab),
                 (QStringList{QStringLiteral("socket"), QStringLiteral("setsockopt"),
                              QStringLiteral("bind"), QStringLiteral("setsockopt"),
                              QStringLiteral("recvfrom"), QStringLiteral("setsockopt")}));
        ::close(sender);
    }

    // Two lab sockets as socklab does it: mjoin without [local] (INADDR_ANY: the interface
    // of the route to the group), msendto from the other. It needs such a route.
    void msendtoReachesAMemberOfTheLab()
    {
        LabSession lab(LabMode::Udp, labOptions());
        Console console(lab);
        QVERIFY(console.type(QStringLiteral("msocket")));
        const int receiver = lab.currentId();
        QVERIFY(console.type(QStringLiteral("mbind . 0")));
        const quint16 port = boundPort(lab, receiver);
        QVERIFY(console.type(QStringLiteral("mjoin . %1").arg(group)));
        if (!console.errors.isEmpty())
            QSKIP(qPrintable(QStringLiteral("no route to 224.0.0.0/4 on this machine, the "
                                            "kernel cannot join on INADDR_ANY: ") +
                             console.errors.join(QLatin1Char(' '))));
        QVERIFY(console.type(QStringLiteral("msocket")));
        QVERIFY(
            console.type(QStringLiteral("msendto . %1 %2 \"hello group\"").arg(group).arg(port)));
        QCOMPARE(console.results.last(), QStringLiteral("Sent 11 bytes"));
        QTRY_VERIFY(readable(receiver));
        QVERIFY(console.type(QStringLiteral("mrecvfrom %1 1").arg(receiver)));
        QCOMPARE(console.results.at(console.results.size() - 2),
                 QStringLiteral("Message received: \"hello group\""));
        QVERIFY(console.errors.isEmpty());
    }

    void badGroupChangesNothing_data()
    {
        QTest::addColumn<QString>("command");
        QTest::newRow("mjoin-unicast") << QStringLiteral("mjoin . 10.1.2.3");
        QTest::newRow("mjoin-limited-broadcast") << QStringLiteral("mjoin . 255.255.255.255");
        QTest::newRow("mjoin-class-e") << QStringLiteral("mjoin . 240.0.0.1");
        QTest::newRow("mjoin-name") << QStringLiteral("mjoin . localhost");
        QTest::newRow("mjoin-bad-interface") << QStringLiteral("mjoin . 239.1.1.1 nowhere");
        QTest::newRow("mleave-unicast") << QStringLiteral("mleave . 127.0.0.1");
        QTest::newRow("msendto-unicast") << QStringLiteral("msendto . 127.0.0.1 9 x");
    }
    void badGroupChangesNothing()
    {
        QFETCH(QString, command);
        LabSession lab(LabMode::Udp, labOptions());
        Console console(lab);
        QVERIFY(console.type(QStringLiteral("msocket")));
        const qsizetype calls = lab.session().log().calls().size();
        QVERIFY(console.type(command));
        QCOMPARE(console.errors.size(), 1);
        QVERIFY2(console.errors.first().startsWith(QStringLiteral("*** ")),
                 qPrintable(console.errors.first()));
        QCOMPARE(lab.session().log().calls().size(), calls);
        QVERIFY(!lab.isBusy());
        QVERIFY(lab.anyCommandFailed());
    }

    // A group asked at the prompt is asked again until it is one.
    void groupPromptAsksAgain()
    {
        LabSession lab(LabMode::Udp, labOptions());
        Console console(lab);
        QVERIFY(console.type(QStringLiteral("msocket")));
        QVERIFY(console.type(QStringLiteral("mjoin .")));
        QCOMPARE(console.prompts.last(), QStringLiteral("Group address? : "));
        QVERIFY(console.type(QStringLiteral("192.168.1.1")));
        QCOMPARE(console.errors.size(), 1);
        QVERIFY(lab.isAsking());
        QVERIFY(console.type(group));
        QCOMPARE(console.results.last(), QStringLiteral("Done joining group %1.").arg(group));
    }

    // bsend turns SO_BROADCAST on: the loopback's broadcast address then reaches a socket
    // bound to any address; sendto without it is refused by the kernel (EACCES).
    void bsendBroadcastsOnTheLoopback()
    {
        quint16 port = 0;
        const int receiver = udpOnAnyAddress(&port);
        LabSession lab(LabMode::Udp, labOptions());
        Console console(lab);
        QVERIFY(console.type(QStringLiteral("socket")));
        QVERIFY(console.type(QStringLiteral("sendto . 127.255.255.255 %1 nope").arg(port)));
        QCOMPARE(console.errors.first(), QStringLiteral("sendto(): Permission denied"));
        console.errors.clear();
        QVERIFY(console.type(QStringLiteral("bsend . 127.255.255.255 %1 coucou").arg(port)));
        QVERIFY2(console.errors.isEmpty(), qPrintable(console.errors.join(u'\n')));
        QCOMPARE(console.results.last(), QStringLiteral("Sent 6 bytes"));
        int broadcast = 0;
        socklen_t length = sizeof(broadcast);
        ::getsockopt(lab.currentId(), SOL_SOCKET, SO_BROADCAST, &broadcast, &length);
        QCOMPARE(broadcast, 1);
        char buffer[16];
        QTRY_VERIFY(readable(receiver));
        QCOMPARE(::recv(receiver, buffer, sizeof(buffer), 0), ssize_t(6));
        QCOMPARE(QByteArray(buffer, 6), QByteArray("coucou"));
        ::close(receiver);
    }

    // send -loop against a peer that never reads: the buffers fill, the send that would
    // block waits, Ctrl+C ends it; the peer then reads exactly the total printed.
    void sendLoopUntilInterrupted()
    {
        quint16 port = 0;
        const int server = TestSockets::boundSocket(AF_INET, SOCK_STREAM, &port);
        LabSession lab(LabMode::Standard, labOptions());
        Console console(lab);
        QVERIFY(console.type(QStringLiteral("s tcp")));
        QVERIFY(console.type(QStringLiteral("c . . %1").arg(port)));
        const int peer = ::accept(server, nullptr, nullptr);
        QVERIFY(peer >= 0);
        // Some 4,000 sends before the buffers are full: slower than one call on a busy machine.
        QSignalSpy blocked(&lab.session().log(), &EventLog::callBlocked);
        lab.feed(QStringLiteral("send . #1000 -loop"));
        QVERIFY(QTest::qWaitFor([&] { return !blocked.isEmpty(); }, 120'000));
        lab.interrupt();
        QVERIFY(console.waitReady());
        const QStringList sent = console.results.filter(QStringLiteral("Sent 1000 bytes (total "));
        QVERIFY(sent.size() > 1);
        QVERIFY(sent.size() < labLoopSendLimit);
        const qint64 total = sent.last().section(QLatin1Char(' '), -1).chopped(1).toLongLong();
        QCOMPARE(total, qint64(sent.size()) * 1000);
        QCOMPARE(console.errors.last(),
                 QStringLiteral("send(): interrupted, the call was not completed"));
        // Every send is in the log, and the one interrupted.
        QCOMPARE(lab.session().log().calls().size(), 2 + sent.size() + 1);
        QVERIFY(lab.session().log().calls().last().cancelled);

        ::fcntl(peer, F_SETFL, O_NONBLOCK);
        qint64 received = 0;
        char buffer[65536];
        QTRY_VERIFY([&] {
            ssize_t count = 0;
            while ((count = ::recv(peer, buffer, sizeof(buffer), 0)) > 0)
                received += count;
            return received >= total;
        }());
        QCOMPARE(received, total);
        ::close(peer);
        ::close(server);
    }

    // A peer that reads everything never blocks the loop: it stops at the lab's bound.
    void sendLoopStopsAtItsBound()
    {
        quint16 port = 0;
        const int receiver = udpOnAnyAddress(&port);
        LabSession lab(LabMode::Udp, labOptions());
        Console console(lab);
        QVERIFY(console.type(QStringLiteral("socket")));
        // Every send is a call and a packet of the log: slow on a busy machine. Waited for in
        // an event loop, which takes each send's result as it comes.
        QSignalSpy done(&lab, &LabSession::readyForInput);
        lab.feed(QStringLiteral("sendto . . %1 x -loop").arg(port));
        QVERIFY(done.wait(240'000));
        QCOMPARE(console.results.filter(QStringLiteral("Sent 1 bytes (total ")).size(),
                 labLoopSendLimit);
        QCOMPARE(console.results.last(),
                 QStringLiteral("Sent 1 bytes (total %1)").arg(labLoopSendLimit));
        QVERIFY(console.errors.last().startsWith(
            QStringLiteral("*** -loop stopped after %1 sends").arg(labLoopSendLimit)));
        QCOMPARE(lab.session().log().calls().size(), 2 + labLoopSendLimit);
        ::close(receiver);
    }

    // A host name goes through a real getaddrinfo() of the lab actor, in the log.
    void hostNameConnects()
    {
        quint16 port = 0;
        const int server = TestSockets::boundSocket(AF_INET, SOCK_STREAM, &port);
        LabSession lab(LabMode::Standard, labOptions());
        Console console(lab);
        QVERIFY(console.type(QStringLiteral("s tcp")));
        QVERIFY(console.type(QStringLiteral("c . localhost %1").arg(port)));
        QVERIFY2(console.errors.isEmpty(), qPrintable(console.errors.join(u'\n')));
        QCOMPARE(console.results.last(), QStringLiteral("Connection established."));
        QCOMPARE(callNames(lab),
                 (QStringList{QStringLiteral("socket"), QStringLiteral("getaddrinfo"),
                              QStringLiteral("connect")}));
        const CallEvent connect = lab.session().log().calls().last();
        QCOMPARE(connect.arguments.address.endpoint(), QStringLiteral("127.0.0.1:%1").arg(port));
        const int peer = ::accept(server, nullptr, nullptr);
        QVERIFY(peer >= 0);
        ::close(peer);
        ::close(server);
    }

    // socklab asks for the host again until getaddrinfo() finds it; the port typed stays.
    void unknownHostIsAskedAgain()
    {
        quint16 port = 0;
        const int server = TestSockets::boundSocket(AF_INET, SOCK_STREAM, &port);
        LabSession lab(LabMode::Tcp, labOptions());
        Console console(lab);
        QVERIFY(console.type(QStringLiteral("connect no-such-host.invalid %1").arg(port)));
        QVERIFY(lab.isAsking());
        QCOMPARE(console.prompts.last(), QStringLiteral("Host? : "));
        QVERIFY2(console.errors.first().startsWith(QStringLiteral("getaddrinfo(): ")),
                 qPrintable(console.errors.first()));
        QVERIFY(console.type(QStringLiteral("localhost")));
        QCOMPARE(console.results.last(), QStringLiteral("Connection established."));
        QCOMPARE(callNames(lab),
                 (QStringList{QStringLiteral("getaddrinfo"), QStringLiteral("getaddrinfo"),
                              QStringLiteral("socket"), QStringLiteral("connect")}));
        ::close(server);
    }

    // Ctrl+C at the host asked again abandons the command: the next one keeps none of it.
    void hostAskedAgainAbandoned()
    {
        LabSession lab(LabMode::Tcp, labOptions());
        Console console(lab);
        QVERIFY(console.type(QStringLiteral("connect no-such-host.invalid 9")));
        QVERIFY(lab.isAsking());
        lab.interrupt();
        QVERIFY(!lab.isAsking());
        QVERIFY(console.type(QStringLiteral("connect")));
        QVERIFY(console.type(QStringLiteral("localhost")));
        QVERIFY(lab.isAsking());
        QCOMPARE(console.prompts.last(), QStringLiteral("Port? : "));
        QCOMPARE(callNames(lab), QStringList{QStringLiteral("getaddrinfo")});
    }

    void helpSaysWhatTheLabDoes_data()
    {
        QTest::addColumn<LabMode>("mode");
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("said");
        QTest::newRow("mbind binds any address")
            << LabMode::Udp << QStringLiteral("mbind") << QStringLiteral("binds any address (*)");
        QTest::newRow("mjoin's interface")
            << LabMode::Udp << QStringLiteral("mjoin") << QStringLiteral("ignores [local]");
        QTest::newRow("send -loop's bound")
            << LabMode::Standard << QStringLiteral("send")
            << QStringLiteral("stops after %1 sends").arg(labLoopSendLimit);
        QTest::newRow("names resolved") << LabMode::Tcp << QStringLiteral("getaddrinfo")
                                        << QStringLiteral("asks for the host again");
    }
    void helpSaysWhatTheLabDoes()
    {
        QFETCH(LabMode, mode);
        QFETCH(QString, command);
        QFETCH(QString, said);
        const QString help = labHelp(mode, {command}).join(QLatin1Char('\n'));
        QVERIFY2(help.contains(said), qPrintable(help));
        // Listed once in the whole help, though send and sendto share the note.
        const QString all = labHelp(mode, {}).join(QLatin1Char('\n'));
        QCOMPARE(all.count(said), 1);
    }

    void getaddrinfoCommandListsAddresses()
    {
        LabSession lab(LabMode::Standard, labOptions());
        Console console(lab);
        QVERIFY(console.type(QStringLiteral("getaddrinfo 127.0.0.1 5000")));
        QCOMPARE(console.results, QStringList{QStringLiteral("Address: 127.0.0.1 (5000)")});
        QVERIFY(console.type(QStringLiteral("getaddrinfo localhost 80")));
        QVERIFY(console.results.contains(QStringLiteral("Address: 127.0.0.1 (80)")));
        QCOMPARE(callNames(lab),
                 (QStringList{QStringLiteral("getaddrinfo"), QStringLiteral("getaddrinfo")}));
    }
};

QTEST_GUILESS_MAIN(TestLabUdp)
#include "tst_labudp.moc"
