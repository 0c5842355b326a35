#include "sources/tracesource.h"
#include "testtracer.h"
#include "testunprivileged.h"
#include "trace/attachpermission.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <netinet/in.h>
#include <unistd.h>

using namespace SocketScope;
using namespace TracerTest;

namespace {

// The session that attaches to `server`, running; nullopt once it has gone.
std::optional<TraceOptions> attachedTo(const RunningServer& server)
{
    const std::optional<TracedProgram> running = runningProcess(server.pid());
    if (!running)
        return std::nullopt;
    TraceOptions options = tracedRun({});
    options.programs = {*running};
    return options;
}

} // namespace

// --attach PID: a process that was running before SocketScope, traced from its next call on,
// first through the tracer's messages, then as the app's session.
class TestTraceAttach : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // --attach: a server already waiting in accept() is taken as it is; its calls from then
    // on are traced, and it ends by itself with its status.
    void attachFollowsARunningServer()
    {
        if (!mayAttachToOthers())
            QSKIP("Yama's ptrace_scope lets only a process's ancestors trace it");
        RunningServer server;
        QVERIFY(server.port != 0);
        TracerRun run({}, false, {QStringLiteral("--attach"), QString::number(server.pid())});
        const auto announced = run.waitForKind(QStringLiteral("process"));
        QVERIFY(announced);
        QCOMPARE((*announced)[QStringLiteral("pid")].toInteger(), server.pid());
        QCOMPARE((*announced)[QStringLiteral("parent")].toInteger(), 0);
        QVERIFY((*announced)[QStringLiteral("program")].toString().endsWith(
            QStringLiteral("/tracer_server")));
        QVERIFY(run.waitFor([](const QJsonObject& m) {
            return m[QStringLiteral("kind")] == QStringLiteral("start") &&
                   Calls::fromName(m[QStringLiteral("call")].toString()) == Call::Accept;
        }));
        QCOMPARE(echo(server.port, "hello"), QByteArray("hello"));
        QCOMPARE(run.finish(), 0);
        // The descriptor accept() gives depends on what the server inherited.
        const CallLists traced = tracedCalls(run.messages);
        QCOMPARE(traced.size(), 1);
        QVERIFY(traced[0].value(0).startsWith(QStringLiteral("accept=")));
        QCOMPARE(traced[0].mid(1),
                 QStringList({QStringLiteral("read=5"), QStringLiteral("sendto=5"),
                              QStringLiteral("close=0"), QStringLiteral("close=0"),
                              QStringLiteral("exit_group=?")}));
        QVERIFY(server.ends());
    }

    // Kill ends an attached session without killing the process: it goes on untraced. The
    // port its listening socket had before is told for the capture.
    void killingAnAttachedSessionLetsTheProcessGoOn()
    {
        if (!mayAttachToOthers())
            QSKIP("Yama's ptrace_scope lets only a process's ancestors trace it");
        RunningServer server;
        QVERIFY(server.port != 0);
        TracerRun run({}, false,
                      {QStringLiteral("--hold-new-addresses"), QStringLiteral("--attach"),
                       QString::number(server.pid())});
        const auto reach = run.waitForKind(QStringLiteral("reach"));
        QVERIFY(reach);
        QVERIFY((*reach)[QStringLiteral("bound")].toBool());
        // A sockaddr_in: its family, then the port in network byte order.
        const QByteArray bound =
            QByteArray::fromHex((*reach)[QStringLiteral("address")].toString().toLatin1());
        QCOMPARE(bound.size(), qsizetype(sizeof(sockaddr_in)));
        QCOMPARE(quint16((quint8(bound[2]) << 8) | quint8(bound[3])), server.port);
        const auto accept = run.waitFor([](const QJsonObject& m) {
            return m[QStringLiteral("kind")] == QStringLiteral("blocked");
        });
        QVERIFY(accept);
        run.send("kill");
        const auto detached = run.waitForKind(QStringLiteral("detached"));
        QVERIFY(detached);
        QCOMPARE((*detached)[QStringLiteral("pid")].toInteger(), server.pid());
        QCOMPARE(run.finish(), 0);
        QVERIFY(run.ofKind(QStringLiteral("call")).isEmpty());
        QCOMPARE(echo(server.port, "still there"), QByteArray("still there"));
        QVERIFY(server.ends());
        QCOMPARE(server.process.exitCode(), 0);
    }

    // ptrace refuses another user's process: the tracer says so and traces nothing.
    void attachingToAnotherUsersProcessIsRefused()
    {
        if (geteuid() != 0)
            QSKIP("needs root, to run the tracer as another user");
        const QString setpriv = QStandardPaths::findExecutable(QStringLiteral("setpriv"));
        if (setpriv.isEmpty())
            QSKIP("setpriv (util-linux) is not installed");
        RunningServer server;
        QVERIFY(server.port != 0);
        // A copy of the tracer where that user can run it: the build folder may be closed to
        // others.
        QTemporaryDir dir;
        TestUnprivileged::openToOthers(dir.path());
        const QStringList tracer = TestUnprivileged::copyTracer(dir.path());
        QVERIFY(!tracer.isEmpty());
        const QStringList asNobody =
            QStringList{QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
                        QStringLiteral("--clear-groups")} +
            tracer;
        // Without arguments the tracer says how to use it (2): that user can run it.
        QProcess probe;
        probe.start(setpriv, asNobody);
        if (!probe.waitForFinished(30000) || probe.exitCode() != 2)
            QSKIP("the user nobody cannot run the tracer here (its libraries are closed to it)");
        TracerRun run({}, false, {QStringLiteral("--attach"), QString::number(server.pid())},
                      QStringList{setpriv} + asNobody);
        QCOMPARE(run.finish(), 120);
        const QList<QJsonObject> refused = run.ofKind(QStringLiteral("refused"));
        QCOMPARE(refused.size(), 1);
        QCOMPARE(refused[0][QStringLiteral("what")].toString(), QStringLiteral("attach"));
        QCOMPARE(refused[0][QStringLiteral("errno")].toInt(), EPERM);
        QVERIFY(run.ofKind(QStringLiteral("process")).isEmpty());
        QCOMPARE(echo(server.port, "untouched"), QByteArray("untouched"));
        QVERIFY(server.ends());
    }

    // --attach: a server already waiting in accept() is traced from its next call on, on the
    // listening socket it made before; it ends by itself, with its status.
    void attachedServerIsTraced()
    {
        if (!mayAttachToOthers())
            QSKIP("Yama's ptrace_scope lets only a process's ancestors trace it");
        RunningServer server;
        QVERIFY(server.port != 0);
        const std::optional<TraceOptions> options = attachedTo(server);
        QVERIFY(options);
        QCOMPARE(options->programs.first().attachTo, server.pid());
        TraceSource source(*options);
        source.run();
        QVERIFY(QTest::qWaitFor([&] { return waitsInAccept(source); }, 60000));
        QCOMPARE(echo(server.port, "hi"), QByteArray("hi"));
        QVERIFY(waitForEnd(source));
        QCOMPARE(source.exitStatus(), 0);
        const QList<Call> expected{Call::Accept, Call::Read,  Call::SendTo,
                                   Call::Close,  Call::Close, Call::ExitGroup};
        QCOMPARE(callsOf(source.log()), expected);
        const CallEvent& accept = source.log().calls().first();
        QCOMPARE(accept.after.local.port(), server.port);
        QVERIFY(source.log().notice().contains(QStringLiteral("ended with status 0.")));
        QVERIFY(server.ends());
    }

    // The end of an attached session is not the process's end: it goes on, untraced, and
    // answers its client; reset attaches to it again.
    void attachedProcessOutlivesTheSession()
    {
        if (!mayAttachToOthers())
            QSKIP("Yama's ptrace_scope lets only a process's ancestors trace it");
        RunningServer server;
        QVERIFY(server.port != 0);
        const std::optional<TraceOptions> options = attachedTo(server);
        QVERIFY(options);
        {
            TraceSource source(*options);
            source.run();
            QVERIFY(QTest::qWaitFor([&] { return waitsInAccept(source); }, 60000));
            source.reset();
            source.run();
            QVERIFY(QTest::qWaitFor([&] { return waitsInAccept(source); }, 60000));
            QVERIFY(source.log().calls().isEmpty());
        }
        QCOMPARE(echo(server.port, "still there"), QByteArray("still there"));
        QVERIFY(server.ends());
        QCOMPARE(server.process.exitCode(), 0);
    }

    // Reset attaches again only to the same process: one that has ended and whose number
    // went to another program is not traced. The input panel does not reach a process that
    // was running before: it says so.
    void attachingChecksItIsTheSameProcess()
    {
        RunningServer server;
        QVERIFY(server.port != 0);
        std::optional<TracedProgram> running = runningProcess(server.pid());
        QVERIFY(running);
        running->startTicks += 1; // as if it had started later: another process
        TraceOptions options = tracedRun({});
        options.programs = {*running};
        TraceSource source(options);
        source.writeInput(0, "typed");
        source.run();
        QVERIFY(waitForEnd(source));
        QCOMPARE(source.exitStatus(), 120);
        const QString notice = source.log().notice();
        QVERIFY2(notice.contains(QStringLiteral("has ended: SocketScope does not attach")) &&
                     notice.contains(QStringLiteral("reads the terminal it was started from")),
                 qPrintable(notice));
        QVERIFY(source.log().calls().isEmpty());
        QCOMPARE(echo(server.port, "untouched"), QByteArray("untouched"));
        QVERIFY(server.ends());
    }

    // A process that is not there is not attached to, and the notice says so; each refusal
    // of ptrace has its reason and what to do.
    void attachingToNoProcessIsExplained()
    {
        TraceOptions options = tracedRun({});
        // Beyond the largest PID the kernel gives (PID_MAX_LIMIT is 4194304).
        options.programs = {TracedProgram{{QStringLiteral("gone")}, 4194304, 1}};
        TraceSource source(options);
        source.run();
        QVERIFY(waitForEnd(source));
        QCOMPARE(source.exitStatus(), 120);
        QVERIFY2(source.log().notice().contains(QStringLiteral("gone (process 4194304) has ended")),
                 qPrintable(source.log().notice()));
        QVERIFY(whyNotAttached(ESRCH, 0).contains(QStringLiteral("No process has this number")));
        QVERIFY(whyNotAttached(EPERM, 0).contains(QStringLiteral("another user")));
        for (const int scope : {1, 2, 3})
            QVERIFY(whyNotAttached(EPERM, scope)
                        .contains(QStringLiteral("ptrace_scope is %1").arg(scope)));
        QVERIFY(whyNotAttached(EPERM, 1).contains(QStringLiteral("--run")));
    }
};

QTEST_MAIN(TestTraceAttach)
#include "tst_traceattach.moc"
