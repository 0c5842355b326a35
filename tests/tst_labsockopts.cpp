// The lab's options command: each option asked or set in one line by real setsockopt and
// fcntl calls, read back here from the kernel; refusals; a non-blocking read; replay.
#include "lab/laboptions.h"
#include "lab/labsession.h"
#include "testlabconsole.h"
#include "testsockets.h"

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
using namespace SocketScope::TestLabConsole;

namespace {

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

} // namespace

class TestLabSockOpts : public QObject {
    Q_OBJECT
private Q_SLOTS:
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
        const auto replay = replayOf(lab);
        QVERIFY(replay);
        QCOMPARE(replay->log().calls(), lab.session().log().calls());
        QCOMPARE(replay->log().notes(), lab.session().log().notes());
        // The answer is narrated as the one line that sets it again.
        const auto notes = replay->log().notes();
        const QString answered = QStringLiteral("options %1 nonblock=1").arg(id);
        QVERIFY(std::any_of(notes.cbegin(), notes.cend(),
                            [&](const auto& note) { return note.narration == answered; }));
    }
};

QTEST_GUILESS_MAIN(TestLabSockOpts)
#include "tst_labsockopts.moc"
