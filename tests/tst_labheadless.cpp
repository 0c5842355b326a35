// socketscope --lab: the console on standard input and output, its exit status, long
// scripts, and a long session that leaks no descriptor.
#include "lab/laboptions.h"
#include "lab/labsession.h"
#include "testlabconsole.h"
#include "testprocess.h"
#include "testscenarios.h"
#include "testsockets.h"

#include <QSignalSpy>
#include <QTest>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace SocketScope;
using namespace SocketScope::TestLabConsole;

namespace {

// How many questions `options id` asks for such a socket: one an option it shows.
int walkedOptions(int domain, int type)
{
    int count = 0;
    for (const LabOptionSpec& spec : labOptionSpecs())
        count += spec.walked && labOptionApplies(spec, domain, type) ? 1 : 0;
    return count;
}

} // namespace

class TestLabHeadless : public QObject {
    Q_OBJECT
private Q_SLOTS:
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

QTEST_GUILESS_MAIN(TestLabHeadless)
#include "tst_labheadless.moc"
