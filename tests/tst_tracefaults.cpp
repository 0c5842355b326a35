// Programs that push the tracing to its limits (tests/peers/tracer_faults.c): a thousand
// children, a socket on descriptor 0, a flood through a socket, a stop by a signal, calls
// interrupted by a signal, a program that ends at once. Each is shown plainly and SocketScope
// goes on working.
#include "log/bytebudget.h"
#include "sources/tracesource.h"
#include "stagestate.h"
#include "testtracer.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include <csignal>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace SocketScope;
using TracerTest::peer;

namespace {

TraceOptions optionsFor(const QStringList& program)
{
    return TracerTest::tracedRun({program});
}

QStringList faults(const QStringList& mode)
{
    return QStringList{peer("tracer_faults")} + mode;
}

bool waitForEnd(TraceSource& source)
{
    return TracerTest::waitForEnd(source, 240'000);
}

// Once the program's accept() is seen blocked, a SIGUSR1 interrupts it.
bool interruptBlockedAccept(TraceSource& source)
{
    const EventLog& log = source.log();
    const bool blocked = QTest::qWaitFor(
        [&] {
            return std::any_of(
                log.callsInProgress().cbegin(), log.callsInProgress().cend(),
                [](const CallStart& start) { return start.call == Call::Accept && start.blocked; });
        },
        60'000);
    return blocked && !log.calls().isEmpty() &&
           ::kill(pid_t(log.calls().first().pid), SIGUSR1) == 0;
}

qsizetype countOf(const EventLog& log, Call call)
{
    return std::count_if(log.calls().cbegin(), log.calls().cend(),
                         [call](const CallEvent& event) { return event.call == call; });
}

// No child of ours is left, running or as a zombie: the tracer reaped everything it traced.
bool noChildLeft()
{
    return waitpid(-1, nullptr, WNOHANG) < 0 && errno == ECHILD;
}

} // namespace

class TestTraceFaults : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // A thousand children, each one an actor that ends at once: every fork and every end is in
    // the log, the program's status is its own, and nothing is left behind.
    void thousandChildren()
    {
        constexpr int children = 1000;
        TraceSource source(
            optionsFor(faults({QStringLiteral("forks"), QString::number(children)})));
        QVERIFY(waitForEnd(source));
        QCOMPARE(source.exitStatus(), 0);
        const EventLog& log = source.log();
        // The children's ends interrupt the parent's fork() again and again (a signal only a
        // traced program gets): the kernel makes it again, and the log has one call each.
        QCOMPARE(countOf(log, Call::Clone) + countOf(log, Call::Fork), qsizetype(children));
        for (const CallEvent& event : log.calls())
            QVERIFY2(event.error == 0, qPrintable(event.straceLine()));
        // glibc's fork(), written as strace writes it (the pointer differs from run to run).
        static const QRegularExpression forkAsStrace(QStringLiteral(
            R"(^child_stack=NULL, flags=CLONE_CHILD_CLEARTID\|CLONE_CHILD_SETTID\|SIGCHLD, )"
            R"(child_tidptr=0x[0-9a-f]+$)"));
        const auto clone = std::find_if(log.calls().cbegin(), log.calls().cend(),
                                        [](const CallEvent& e) { return e.call == Call::Clone; });
        QVERIFY(clone != log.calls().cend());
        QVERIFY2(forkAsStrace.match(clone->argumentsText()).hasMatch(),
                 qPrintable(clone->argumentsText()));
        QCOMPARE(log.processEnds().size(), children + 1);
        for (const ProcessEnd& end : log.processEnds()) {
            QCOMPARE(end.signal, 0);
            QCOMPARE(end.status, 0);
        }
        QSet<QString> actors;
        for (const ProcessEnd& end : log.processEnds())
            actors.insert(end.actor);
        QCOMPARE(actors.size(), children + 1);
        QVERIFY(noChildLeft());
    }

    // With 0, 1 and 2 closed, the program's socket is descriptor 0: its calls are reported
    // on it like on any other, since the tracer knows what each number is now.
    void socketOnDescriptorZero()
    {
        TraceSource source(optionsFor(faults({QStringLiteral("closestd")})));
        QVERIFY(waitForEnd(source));
        QCOMPARE(source.exitStatus(), 0);
        QList<Call> calls;
        for (const CallEvent& event : source.log().calls()) {
            if (event.call == Call::ExitGroup)
                continue;
            calls << event.call;
            QCOMPARE(event.call == Call::Socket ? int(event.ret) : event.arguments.fd, 0);
            QCOMPARE(event.error, 0);
        }
        // The three closes of the terminal's descriptors are not on sockets: not reported.
        QCOMPARE(calls, (QList<Call>{Call::Socket, Call::Bind, Call::GetSockName, Call::SendTo,
                                     Call::RecvFrom, Call::Close}));
        const CallEvent& received = source.log().calls().at(4);
        QCOMPARE(received.transferred(), QByteArray("x"));
    }

    // 16 MiB through a socketpair: every byte counted in the calls' results, a bounded
    // sample of them kept, the rest marked as not kept.
    void floodKeepsBoundedBytes()
    {
        constexpr qint64 total = 16 << 20;
        TraceSource source(optionsFor(faults({QStringLiteral("flood"), QString::number(total)})));
        QVERIFY(waitForEnd(source));
        QCOMPARE(source.exitStatus(), 0);
        qint64 written = 0;
        qint64 read = 0;
        qint64 notKept = 0;
        for (const CallEvent& event : source.log().calls()) {
            if (event.call == Call::Write && event.ret > 0)
                written += event.ret;
            if (event.call == Call::Read && event.ret > 0)
                read += event.ret;
            notKept += event.bytesNotKept;
        }
        QCOMPARE(written, total);
        QCOMPARE(read, total);
        QVERIFY(notKept > 0);
        // Both ends of the pair keep at most their share each.
        QVERIFY2(source.log().keptBytes() <= 2 * KeptBytes::perSocket + 2 * KeptBytes::perCall,
                 qPrintable(QString::number(source.log().keptBytes())));
        QVERIFY(noChildLeft());
    }

    // Stopped by SIGSTOP, the program stays stopped as it would untraced, and the log says
    // so and how to let it go on; SIGCONT lets it finish.
    void stoppedBySignalIsSaid()
    {
        TraceSource source(optionsFor(faults({QStringLiteral("stop")})));
        QVERIFY(QTest::qWaitFor(
            [&] { return source.log().notice().contains(QStringLiteral("stopped by SIGSTOP")); },
            60'000));
        QCOMPARE(source.state(), EventSource::State::Running);
        QVERIFY2(source.log().notice().contains(QStringLiteral("kill -CONT")),
                 qPrintable(source.log().notice()));
        const qint64 pid = source.log().calls().first().pid;
        QCOMPARE(::kill(pid_t(pid), SIGCONT), 0);
        QVERIFY(waitForEnd(source));
        QCOMPARE(source.exitStatus(), 0);
        QVERIFY2(source.log().notice().contains(QStringLiteral("a SIGCONT continued it")),
                 qPrintable(source.log().notice()));
        QCOMPARE(countOf(source.log(), Call::Close), qsizetype(1));
    }

    // A signal's handler without SA_RESTART: the program's blocked accept() fails with EINTR,
    // and the log says so as the program saw it.
    void interruptedCallGivesEintr()
    {
        TraceSource source(optionsFor(faults({QStringLiteral("eintr")})));
        QVERIFY(interruptBlockedAccept(source));
        QVERIFY(waitForEnd(source));
        QCOMPARE(source.exitStatus(), 0);
        QCOMPARE(countOf(source.log(), Call::Accept), qsizetype(1));
        const CallEvent& accept =
            *std::find_if(source.log().calls().cbegin(), source.log().calls().cend(),
                          [](const CallEvent& event) { return event.call == Call::Accept; });
        QCOMPARE(accept.error, EINTR);
        QCOMPARE(accept.ret, -1);
    }

    // With SA_RESTART and a handler that makes calls of its own (an accept() of its own, the
    // same system call, then it connects a client), the log is strace's: the interrupted
    // accept() "= ? ERESTARTSYS", the handler's calls, then the accept() the kernel made
    // again, which takes that client.
    void interruptedCallMadeAgain()
    {
        TraceSource source(optionsFor(faults({QStringLiteral("restart")})));
        QVERIFY(interruptBlockedAccept(source));
        QVERIFY(waitForEnd(source));
        QCOMPARE(source.exitStatus(), 0);
        QList<Call> calls;
        QList<const CallEvent*> accepts;
        for (const CallEvent& event : source.log().calls()) {
            calls << event.call;
            if (event.call == Call::Accept)
                accepts << &event;
        }
        const QList<Call> listens{Call::Socket, Call::Bind, Call::Listen, Call::GetSockName};
        const QList<Call> handled{Call::Accept,  Call::Accept, Call::Socket,
                                  Call::Connect, Call::Accept, Call::ExitGroup};
        QCOMPARE(calls, listens + listens + handled);
        QVERIFY2(
            accepts[0]->resultText().startsWith(QStringLiteral("? ERESTARTSYS (To be restarted")),
            qPrintable(accepts[0]->straceLine()));
        QVERIFY(!accepts[0]->errorInfo().explanation.isEmpty());
        QCOMPARE(accepts[1]->error, EAGAIN); // the handler's, on the other socket
        QVERIFY(accepts[1]->fd() != accepts[0]->fd());
        QCOMPARE(accepts[2]->fd(), accepts[0]->fd());
        QVERIFY(accepts[2]->ret > 0);
        QCOMPARE(accepts[2]->error, 0);
    }

    // The same, attached to the program already waiting in accept(): without the seccomp
    // filter a call's entry is its only stop, and the handler's first call is still seen.
    void attachedHandlerCallsAreSeen()
    {
        if (!TracerTest::mayAttachToOthers())
            QSKIP("Yama's ptrace_scope lets only a process's ancestors trace it");
        const QStringList command = faults({QStringLiteral("restart")});
        QProcess program;
        program.start(command.first(), command.mid(1));
        QVERIFY(program.waitForStarted());
        const qint64 pid = program.processId();
        // accept (43) is the system call it sleeps in, as /proc says.
        QVERIFY(QTest::qWaitFor(
            [&] {
                QFile syscall(QStringLiteral("/proc/%1/syscall").arg(pid));
                return syscall.open(QIODevice::ReadOnly) && syscall.readAll().startsWith("43 ");
            },
            60'000));
        const std::optional<TracedProgram> running = runningProcess(pid);
        QVERIFY(running);
        TraceOptions options = TracerTest::tracedRun({});
        options.programs = {*running};
        TraceSource source(options);
        source.run();
        const EventLog& log = source.log();
        QVERIFY(QTest::qWaitFor(
            [&] {
                return !log.callsInProgress().isEmpty() && log.callsInProgress().first().blocked;
            },
            60'000));
        QCOMPARE(::kill(pid_t(pid), SIGUSR1), 0);
        QVERIFY(waitForEnd(source));
        QCOMPARE(source.exitStatus(), 0);
        QList<Call> calls;
        for (const CallEvent& event : log.calls())
            calls << event.call;
        const QList<Call> handled{Call::Accept,  Call::Accept, Call::Socket,
                                  Call::Connect, Call::Accept, Call::ExitGroup};
        QCOMPARE(calls, handled);
        QVERIFY(log.calls().first().resultText().startsWith(QStringLiteral("? ERESTARTSYS")));
        QVERIFY(program.state() == QProcess::NotRunning || program.waitForFinished(30'000));
    }

    // With SA_RESTART and a handler that makes no call, the kernel makes the accept() again
    // after the handler: one call, as the program saw it, which takes the client that comes.
    void interruptedCallGoesOnAfterItsHandler()
    {
        TraceSource source(optionsFor(faults({QStringLiteral("quiet")})));
        QVERIFY(interruptBlockedAccept(source));
        const CallEvent& named = source.log().calls().at(3);
        QCOMPARE(named.call, Call::GetSockName);
        const SocketAddress address = named.results.returnedAddress;
        QVERIFY(address.isValid());
        const int client = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        const int connected = ::connect(client, address.data(), address.length());
        const bool ended = waitForEnd(source);
        ::close(client);
        QCOMPARE(connected, 0);
        QVERIFY(ended);
        QCOMPARE(source.exitStatus(), 0);
        QCOMPARE(countOf(source.log(), Call::Accept), qsizetype(1));
        for (const CallEvent& event : source.log().calls())
            QVERIFY2(event.error == 0, qPrintable(event.straceLine()));
    }

    // sendmmsg and recvmmsg on a stream: the bytes wait on the other end, counted in bytes
    // (the calls return how many messages), and recvmmsg takes them.
    void streamMessagesCountBytes()
    {
        TraceSource source(optionsFor(faults({QStringLiteral("streammmsg")})));
        QVERIFY(waitForEnd(source));
        QCOMPARE(source.exitStatus(), 0);
        const QList<CallEvent>& calls = source.log().calls();
        QCOMPARE(calls.at(1).call, Call::SendMmsg);
        QCOMPARE(calls.at(1).ret, 2);
        QCOMPARE(calls.at(1).transferredCount(), 4);
        QCOMPARE(calls.at(2).call, Call::RecvMmsg);
        QCOMPARE(calls.at(2).transferred(), QByteArray("abcd"));
        const auto waitingOn = [&](int cursor, int fd) {
            const StageState stage = projectStage(calls, cursor);
            const int index = stage.indexOf(calls.first().actor, fd);
            return index >= 0 ? stage.endpoints[index].unread.size() : -1;
        };
        const int reader = calls.at(2).fd();
        QCOMPARE(waitingOn(2, reader), 4);
        QCOMPARE(waitingOn(3, reader), 0);
        const StageState read = projectStage(calls, 3);
        QVERIFY(!read.endpoints[read.indexOf(calls.first().actor, reader)].peerHungUp);
    }

    // A program that ends at once, with no socket call: an empty stage, its status, no hang.
    void exitsAtOnce()
    {
        TraceSource source(optionsFor({QStringLiteral("/bin/false")}));
        QVERIFY(waitForEnd(source));
        QCOMPARE(source.exitStatus(), 1);
        for (const CallEvent& event : source.log().calls())
            QCOMPARE(event.call, Call::ExitGroup);
        QCOMPARE(source.log().processEnds().size(), 1);
        QCOMPARE(source.log().processEnds().first().status, 1);
    }
};

QTEST_MAIN(TestTraceFaults)
#include "tst_tracefaults.moc"
