#include "calls/byteorder.h"
#include "kernel/portprobe.h"
#include "kernel/privileges.h"
#include "sources/session.h"
#include "testlog.h"
#include "testscenarios.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

#include <memory>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace SocketScope;
using namespace SocketScope::TestLog;
using SocketScope::TestScenarios::openDescriptors;
using SocketScope::TestScenarios::openThreads;

namespace {

// Actor threads are named after their role ("actor-server"), and the kernel keeps that name.
int actorThreads()
{
    int count = 0;
    const QDir tasks(QStringLiteral("/proc/self/task"));
    for (const QString& task : tasks.entryList(QDir::NoDotAndDotDot | QDir::AllEntries)) {
        QFile comm(tasks.filePath(task + QStringLiteral("/comm")));
        if (comm.open(QIODevice::ReadOnly) && comm.readAll().startsWith("actor-"))
            ++count;
    }
    return count;
}

// Steps until the end, as a user pressing Next would: Next is only possible when the
// previous call returned or is blocked.
void stepToEnd(Session& session)
{
    while (session.state() != Session::State::Finished) {
        if (!session.step())
            QTRY_VERIFY(session.canStep() || session.state() == Session::State::Finished);
    }
}

// A listener of the test on 127.0.0.1:port, as another program would hold it; -1 if taken.
int holdLoopbackPort(quint16 port)
{
    const int holder = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(holder, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
        ::close(holder);
        return -1;
    }
    return holder;
}

// privileged-port ran on another port below 1024 than its 999, and said which.
void verifyBoundAnotherPrivilegedPort(const Session& session)
{
    QVERIFY2(session.outcome()->passed,
             qPrintable(session.outcome()->failures.join(QLatin1Char('\n'))));
    const CallEvent* bind = findCall(session.log(), QStringLiteral("server"), Call::Bind);
    QVERIFY(bind);
    const quint16 used = bind->arguments.address.port();
    QVERIFY(used != 999 && used < 1024);
    QVERIFY2(session.log().notice().contains(QString::number(used)),
             qPrintable(session.log().notice()));
}

} // namespace

class TestSession : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // The course's port still held (here by a listener of the test, as TIME_WAIT would):
    // the run takes a free port and says which one was busy; a port asked for is kept.
    void busyDefaultPortGivesWayToAFreeOne()
    {
        const int holder = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof(address);
        QCOMPARE(::bind(holder, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
        QCOMPARE(::listen(holder, 1), 0);
        ::getsockname(holder, reinterpret_cast<sockaddr*>(&address), &length);
        const quint16 busy = ntohs(address.sin_port);

        Scenario scenario = TestScenarios::builtIn(QStringLiteral("tcp-echo"));
        scenario.defaultPort = busy;
        Session session;
        QVERIFY(TestScenarios::runToEnd(session, scenario, SessionOptions{}));
        QCOMPARE(session.busyDefaultPort(), busy);
        QVERIFY(session.servicePort() != busy);
        QVERIFY(session.outcome()->passed);

        SessionOptions asked;
        asked.port = busy;
        session.load(scenario, asked);
        QCOMPARE(session.busyDefaultPort(), quint16(0));
        QCOMPARE(session.servicePort(), busy);
        session.reset();
        ::close(holder);
    }

    // forgot-htons dials the byte-swapped port and expects nobody there: with another program
    // listening on it, the run moves to a port whose swapped twin is free, and says which.
    void busyByteSwappedPortGivesWayToAFreePair()
    {
        Scenario scenario = TestScenarios::builtIn(QStringLiteral("forgot-htons"));
        int holder = -1;
        quint16 held = 0;
        // A free port whose swapped twin this test may hold, found among the system's choices.
        for (int tries = 0; tries < 100 && holder < 0; ++tries) {
            const int probe = holdLoopbackPort(0);
            QVERIFY(probe >= 0);
            sockaddr_in address{};
            socklen_t length = sizeof(address);
            ::getsockname(probe, reinterpret_cast<sockaddr*>(&address), &length);
            held = ntohs(address.sin_port);
            scenario.defaultPort = ByteOrder::portWithoutHtons(held);
            if (scenario.defaultPort >= 1024 && scenario.defaultPort != held &&
                loopbackPortIsFree(scenario.defaultPort) && ::listen(probe, 1) == 0)
                holder = probe;
            else
                ::close(probe);
        }
        QVERIFY(holder >= 0);

        Session session;
        QVERIFY(TestScenarios::runToEnd(session, scenario, SessionOptions{}));
        QVERIFY2(session.outcome()->passed,
                 qPrintable(session.outcome()->failures.join(QLatin1Char('\n'))));
        QCOMPARE(session.busyDefaultPort(), scenario.defaultPort);
        QVERIFY(session.servicePort() != scenario.defaultPort);
        QVERIFY(ByteOrder::portWithoutHtons(session.servicePort()) != held);
        QVERIFY2(session.log().notice().contains(QString::number(session.servicePort())),
                 qPrintable(session.log().notice()));
        const CallEvent* refused =
            findCall(session.log(), QStringLiteral("forgetful"), Call::Connect);
        QVERIFY(refused);
        QCOMPARE(refused->arguments.address.port(),
                 ByteOrder::portWithoutHtons(session.servicePort()));
        QCOMPARE(refused->error, ECONNREFUSED);
        session.reset();
        ::close(holder);
    }

    // While the run lasts, nobody else may listen on the port a client without htons()
    // dials (a server bound to port 0 elsewhere could land on it and answer).
    void byteSwappedPortIsHeldForTheRun()
    {
        Session session;
        session.load(TestScenarios::builtIn(QStringLiteral("forgot-htons")), SessionOptions{});
        const quint16 dialled = ByteOrder::portWithoutHtons(session.servicePort());
        const int other = ::socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);
        QVERIFY(other >= 0);
        sockaddr_in6 anywhere{};
        anywhere.sin6_family = AF_INET6;
        anywhere.sin6_port = htons(dialled);
        QCOMPARE(::bind(other, reinterpret_cast<sockaddr*>(&anywhere), sizeof(anywhere)), -1);
        QCOMPARE(errno, EADDRINUSE);
        ::close(other);
        session.unload();
        QVERIFY(loopbackPortIsFree(dialled));
    }

    // A port the scenario writes, held by another program (another copy of SocketScope, a
    // real service): where this process may bind it, the run uses a free port of the same
    // kind and says so, rather than failing with EADDRINUSE.
    void busyWrittenPortGivesWayToOneOfTheSameKind()
    {
        if (!mayBindPort(999))
            QSKIP("this process may not bind ports below 1024: the scenario shows EACCES");
        const int holder = holdLoopbackPort(999);
        if (holder < 0)
            QSKIP("port 999 is not free to hold for the test");
        Session session;
        QVERIFY(TestScenarios::runToEnd(session,
                                        TestScenarios::builtIn(QStringLiteral("privileged-port"))));
        ::close(holder);
        verifyBoundAnotherPrivilegedPort(session);
    }

    // Free when the run began, taken by another program (a second copy of the same lesson)
    // before the bind() step: the bind still goes to a free port of the same kind.
    void writtenPortTakenDuringTheRun()
    {
        if (!mayBindPort(999))
            QSKIP("this process may not bind ports below 1024: the scenario shows EACCES");
        Session session;
        session.load(TestScenarios::builtIn(QStringLiteral("privileged-port")),
                     TestScenarios::onFreePort());
        if (!session.log().notice().isEmpty())
            QSKIP("port 999 was not free when the run began");
        QVERIFY(TestScenarios::stepTimes(session, 1));
        QTRY_COMPARE(session.log().calls().size(), 1);
        const int holder = holdLoopbackPort(999);
        if (holder < 0)
            QSKIP("port 999 is not free to hold for the test");
        session.setIntervalMs(0);
        session.run();
        QTRY_COMPARE(session.state(), Session::State::Finished);
        ::close(holder);
        verifyBoundAnotherPrivilegedPort(session);
    }

    // A port the run's own socket holds is not moved: the second bind() fails as written.
    void writtenPortHeldByTheRunItselfStays()
    {
        // The port the test data writes, replaced by one the system finds free now.
        const quint16 port = TestScenarios::closedPort();
        Scenario scenario = TestScenarios::fromTestData(QStringLiteral("fixed-port-twice"));
        for (ScenarioStep& step : scenario.steps) {
            if (step.call == Call::Bind)
                step.port = port;
        }
        Session session;
        QVERIFY(TestScenarios::runToEnd(session, scenario));
        QVERIFY2(session.outcome()->passed,
                 qPrintable(session.outcome()->failures.join(QLatin1Char('\n'))));
        QVERIFY(session.log().notice().isEmpty());
        int binds = 0;
        for (const CallEvent& call : session.log().calls()) {
            if (call.call == Call::Bind) {
                QCOMPARE(call.arguments.address.port(), port);
                ++binds;
            }
        }
        QCOMPARE(binds, 2);
    }

    // The lab's session: steps come as the user makes calls, a blocked call is interrupted
    // (as Ctrl+C would) and the next calls still go, and it only ends when asked.
    void openEndedSessionTakesStepsAsTheyCome()
    {
        Scenario lab;
        lab.id = QStringLiteral("lab");
        lab.actors = {{QStringLiteral("lab"), {}}};
        SessionOptions options;
        options.openEnded = true;
        const int descriptorsBefore = openDescriptors();
        auto session = std::make_unique<Session>();
        session->load(lab, options);
        QTRY_VERIFY(session->state() == Session::State::Stepping);
        const auto make = [](Call call, const QString& fd, const QString& as = {}) {
            ScenarioStep step;
            step.actor = QStringLiteral("lab");
            step.call = call;
            step.fdName = fd;
            step.asName = as;
            step.expect.mayFail = true;
            return step;
        };
        ScenarioStep socket = make(Call::Socket, {}, QStringLiteral("s"));
        socket.arguments.domain = AF_INET;
        socket.arguments.type = SOCK_STREAM;
        ScenarioStep bind = make(Call::Bind, QStringLiteral("s"));
        bind.address = *SocketAddress::fromIp(QStringLiteral("127.0.0.1"), 0);
        ScenarioStep listen = make(Call::Listen, QStringLiteral("s"));
        listen.arguments.backlog = 5;
        int made = 0;
        for (const ScenarioStep& step : {socket, bind, listen}) {
            session->appendStep(step);
            QVERIFY(session->step());
            ++made;
            QTRY_COMPARE(session->log().calls().size(), made);
        }
        QCOMPARE(session->state(), Session::State::Stepping); // nothing left, not finished

        QSignalSpy blocked(&session->log(), &EventLog::callBlocked);
        session->appendStep(make(Call::Accept, QStringLiteral("s"), QStringLiteral("c")));
        QVERIFY(session->step());
        QTRY_COMPARE(blocked.size(), 1);
        session->interruptBlockedCalls();
        QTRY_COMPARE(session->log().calls().size(), 4);
        QVERIFY(session->log().calls().last().cancelled);

        // Interrupted once, not for good: the next accept() waits again, and takes a caller.
        session->appendStep(make(Call::Accept, QStringLiteral("s"), QStringLiteral("c")));
        QVERIFY(session->step());
        QTRY_COMPARE(blocked.size(), 2);
        const SocketAddress listening = session->log().calls().at(1).after.local;
        const int caller = ::socket(AF_INET, SOCK_STREAM, 0);
        QCOMPARE(::connect(caller, listening.data(), listening.length()), 0);
        QTRY_COMPARE(session->log().calls().size(), 5);
        const CallEvent& accepted = session->log().calls().last();
        ::close(caller);
        QVERIFY(!accepted.cancelled);
        QVERIFY(accepted.ret >= 0);

        session->end();
        QTRY_COMPARE(session->state(), Session::State::Finished);
        QVERIFY(session->outcome()->passed);
        const CallEvent& leftover = session->log().calls().last();
        QCOMPARE(leftover.call, Call::Close); // the sockets left open, closed
        session.reset();
        QCOMPARE(openDescriptors(), descriptorsBefore);
    }

    // fcntl F_SETFL O_NONBLOCK in a scenario: the actor then treats the socket as the kernel
    // does, so recvfrom with nothing to read fails at once with EAGAIN, and is never drawn
    // waiting.
    void nonBlockingSocketDoesNotWait()
    {
        Session session;
        QSignalSpy blocked(&session.log(), &EventLog::callBlocked);
        QVERIFY(TestScenarios::runToEnd(
            session, TestScenarios::fromTestData(QStringLiteral("nonblocking-read"))));
        QVERIFY(session.outcome()->passed);
        const QList<CallEvent>& calls = session.log().calls();
        QCOMPARE(calls.at(3).call, Call::Fcntl);
        QCOMPARE(calls.at(3).ret, 0);
        QCOMPARE(calls.at(4).call, Call::RecvFrom);
        QCOMPARE(calls.at(4).error, EAGAIN);
        QVERIFY(!calls.at(4).blocked);
        QVERIFY(blocked.isEmpty());
    }

    void stepsThroughTcpEcho()
    {
        Session session;
        QSignalSpy blocked(&session.log(), &EventLog::callBlocked);
        session.load(TestScenarios::builtIn(QStringLiteral("tcp-echo")),
                     TestScenarios::onFreePort());
        QCOMPARE(session.state(), Session::State::Stepping);
        QVERIFY(TestScenarios::stepTimes(session, 4));
        // accept() blocks: it is in progress, and the next step (the client) may go.
        QTRY_COMPARE(blocked.size(), 1);
        QCOMPARE(session.log().callsInProgress().size(), 1);
        QCOMPARE(session.log().callsInProgress().first().call, Call::Accept);
        QVERIFY(session.canStep());
        stepToEnd(session);

        QVERIFY(session.outcome()->passed);
        const EventLog& log = session.log();
        const CallEvent* listen = findCall(log, QStringLiteral("server"), Call::Listen);
        const CallEvent* accept = findCall(log, QStringLiteral("server"), Call::Accept);
        const CallEvent* connect = findCall(log, QStringLiteral("client"), Call::Connect);
        QVERIFY(listen && accept && connect);
        QCOMPARE(listen->after.tcpState, TcpState::Listen);
        QVERIFY(session.servicePort() != 0);
        QCOMPARE(listen->after.local.endpoint(),
                 QStringLiteral("127.0.0.1:%1").arg(session.servicePort()));
        // accept returns a NEW descriptor with the same local port as the listening one.
        QVERIFY(accept->resultFd() != accept->fd());
        QCOMPARE(accept->after.local, listen->after.local);
        QCOMPARE(accept->after.peer, connect->after.local);
        QCOMPARE(connect->after.peer, listen->after.local);
        QVERIFY(!(connect->after.local == listen->after.local)); // the client's ephemeral port
        QCOMPARE(accept->after.tcpState, TcpState::Established);
        QVERIFY(accept->durationNs > 0);
        const CallEvent* read = findCall(log, QStringLiteral("server"), Call::Read);
        QCOMPARE(read->results.data, QByteArray("Hello world !\n"));
        // Every descriptor was closed by the scenario itself: no leftover close.
        for (const CallEvent& event : log.calls())
            QVERIFY(event.step >= 0);
        QCOMPARE(log.notes().size(), session.scenario().steps.size());
    }

    void runsUdpEchoContinuously()
    {
        Session session;
        QVERIFY(
            TestScenarios::runToEnd(session, TestScenarios::builtIn(QStringLiteral("udp-echo"))));
        QVERIFY2(session.outcome()->passed,
                 qPrintable(session.outcome()->failures.join(QLatin1Char('\n'))));
        const CallEvent* recvfrom =
            findCall(session.log(), QStringLiteral("server"), Call::RecvFrom);
        const CallEvent* sendto = findCall(session.log(), QStringLiteral("client"), Call::SendTo);
        QVERIFY(recvfrom && sendto);
        // The envelope carries the sender's address: the client's ephemeral port, which the
        // system bound on the wildcard address when sendto() needed one.
        QCOMPARE(sendto->after.local.host(), QStringLiteral("0.0.0.0"));
        QCOMPARE(recvfrom->results.returnedAddress.port(), sendto->after.local.port());
        QVERIFY(!recvfrom->after.tcpState);
    }

    void pauseStopsContinuousRun()
    {
        Session session;
        SessionOptions options = TestScenarios::onFreePort();
        options.intervalMs = 60'000; // a slow lecture: the second step is far away
        session.load(TestScenarios::builtIn(QStringLiteral("tcp-echo")), options);
        session.run();
        QCOMPARE(session.state(), Session::State::Running);
        QTRY_COMPARE(session.log().calls().size(), 1);
        session.pause();
        QCOMPARE(session.state(), Session::State::Stepping);
        QCOMPARE(session.nextStepIndex(), 1);
    }

    void resetCancelsBlockedAcceptWithin100ms()
    {
        Session session;
        QSignalSpy blocked(&session.log(), &EventLog::callBlocked);
        session.load(TestScenarios::builtIn(QStringLiteral("tcp-echo")),
                     TestScenarios::onFreePort());
        QVERIFY(TestScenarios::stepTimes(session, 4));
        QTRY_COMPARE(blocked.size(), 1);
        QElapsedTimer timer;
        timer.start();
        session.reset();
        const qint64 elapsedMs = timer.elapsed();
        QVERIFY2(elapsedMs < 100, qPrintable(QStringLiteral("%1 ms").arg(elapsedMs)));
        QVERIFY(session.log().isEmpty());
        QVERIFY(session.log().callsInProgress().isEmpty());
        QCOMPARE(session.nextStepIndex(), 0);
        QCOMPARE(session.state(), Session::State::Stepping);
    }

    void expectedErrnoIsTheOutcome()
    {
        Session session;
        QVERIFY(TestScenarios::runToEnd(
            session, TestScenarios::fromTestData(QStringLiteral("refused-expected"))));
        QVERIFY(session.outcome()->passed);
        // The socket the scenario left open is closed, and that close is recorded too.
        const CallEvent& last = session.log().calls().last();
        QCOMPARE(last.call, Call::Close);
        QCOMPARE(last.step, -1);
    }

    void unmetExpectationIsReported()
    {
        Session session;
        QVERIFY(TestScenarios::runToEnd(
            session, TestScenarios::fromTestData(QStringLiteral("refused-unexpected"))));
        QVERIFY(!session.outcome()->passed);
        QCOMPARE(session.outcome()->failures.size(), 1);
        QVERIFY(session.outcome()->failures.first().contains(QLatin1String("ECONNREFUSED")));
    }

    void stuckScenarioEndsInsteadOfHanging()
    {
        // A server that waits for a client nobody starts.
        Session session;
        SessionOptions options = TestScenarios::onFreePort();
        options.stuckTimeoutMs = 200;
        QVERIFY(TestScenarios::runToEnd(
            session, TestScenarios::fromTestData(QStringLiteral("alone")), options));
        QVERIFY(!session.outcome()->passed);
        QVERIFY(session.outcome()->failures.first().contains(QLatin1String("blocked")));
        const CallEvent* accept = findCall(session.log(), QStringLiteral("server"), Call::Accept);
        QVERIFY(accept && accept->cancelled);
        const CallEvent* close = findCall(session.log(), QStringLiteral("server"), Call::Close);
        QVERIFY(close && close->cancelled); // queued behind the blocked accept: never performed
    }

    void aStepQueuedBehindItsOwnActorLetsTheOthersGo()
    {
        // The server's close waits behind its blocked accept; the client still dials.
        Session stepped;
        stepped.load(TestScenarios::fromTestData(QStringLiteral("queued-behind-accept")),
                     TestScenarios::onFreePort());
        QVERIFY(TestScenarios::stepTimes(stepped, 9));
        QTRY_COMPARE(stepped.state(), Session::State::Finished);
        QVERIFY2(stepped.outcome()->passed,
                 qPrintable(stepped.outcome()->failures.join(QLatin1Char('\n'))));
        Session running;
        QVERIFY(TestScenarios::runToEnd(
            running, TestScenarios::fromTestData(QStringLiteral("queued-behind-accept"))));
        QVERIFY(running.outcome()->passed);
    }

    void aFailedDescriptorFailsAtOnce()
    {
        // accept() failed, so its name holds -1 and the read really fails with EBADF, at once.
        Session session;
        SessionOptions options = TestScenarios::onFreePort();
        options.stuckTimeoutMs = 60'000;
        QVERIFY(TestScenarios::runToEnd(
            session, TestScenarios::fromTestData(QStringLiteral("failed-accept")), options));
        QVERIFY2(session.outcome()->passed,
                 qPrintable(session.outcome()->failures.join(QLatin1Char('\n'))));
        const CallEvent* read = findCall(session.log(), QStringLiteral("server"), Call::Read);
        QVERIFY(read && !read->cancelled);
        QCOMPARE(read->straceLine().left(8), QStringLiteral("read(-1,"));
    }

    void aClosedNameNeverReachesAnotherActorsSocket()
    {
        Session session;
        QVERIFY(TestScenarios::runToEnd(
            session, TestScenarios::fromTestData(QStringLiteral("reused-number"))));
        QVERIFY2(session.outcome()->passed,
                 qPrintable(session.outcome()->failures.join(QLatin1Char('\n'))));
    }

    void pollWithATimeoutIsNotStuck()
    {
        Session session;
        SessionOptions options = TestScenarios::onFreePort();
        options.stuckTimeoutMs = 200; // shorter than the poll's own 600 ms timeout
        QVERIFY(TestScenarios::runToEnd(
            session, TestScenarios::fromTestData(QStringLiteral("poll-timeout")), options));
        QVERIFY2(session.outcome()->passed,
                 qPrintable(session.outcome()->failures.join(QLatin1Char('\n'))));
    }

    void runAfterSteppingIntoABlockedEndIsStuck()
    {
        Session session;
        SessionOptions options = TestScenarios::onFreePort();
        options.stuckTimeoutMs = 200;
        session.load(TestScenarios::fromTestData(QStringLiteral("alone")), options);
        QVERIFY(TestScenarios::stepTimes(session, 5)); // the last close waits behind accept
        QTRY_VERIFY(!session.canStep());
        session.run();
        QTRY_COMPARE(session.state(), Session::State::Finished);
        QVERIFY(!session.outcome()->passed);
    }

    void noDescriptorOrThreadOutlivesItsSession()
    {
        const Scenario tcp = TestScenarios::builtIn(QStringLiteral("tcp-echo"));
        const Scenario udp = TestScenarios::builtIn(QStringLiteral("udp-echo"));
        // Warm up Qt's own lazily created descriptors before counting.
        {
            Session warmUp;
            QVERIFY(TestScenarios::runToEnd(warmUp, tcp));
        }
        const int descriptorsBefore = openDescriptors();
        const int threadsBefore = openThreads();
        for (int run = 0; run < 200; ++run) {
            Session session;
            QSignalSpy blocked(&session.log(), &EventLog::callBlocked);
            session.load(run % 2 ? udp : tcp, TestScenarios::onFreePort());
            if (run == 0)
                QTRY_COMPARE(actorThreads(), 2); // the check below can see them
            if (run % 4 == 3) {
                // Walk away in the middle: the blocked call is cancelled, its socket closed.
                QVERIFY(TestScenarios::stepTimes(session, 4));
                QTRY_VERIFY(!blocked.isEmpty());
                continue;
            }
            session.run();
            QTRY_COMPARE(session.state(), Session::State::Finished);
            QVERIFY(session.outcome()->passed);
        }
        QCOMPARE(openDescriptors(), descriptorsBefore);
        // Qt's own pool threads may come and go; an actor's never outlives its session. QThread
        // threads are detached, so the kernel may take a moment to reap the last one.
        QTRY_COMPARE(actorThreads(), 0);
        QTRY_VERIFY(openThreads() <= threadsBefore);
    }
};

QTEST_GUILESS_MAIN(TestSession)
#include "tst_session.moc"
