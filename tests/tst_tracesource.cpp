// Programs run under SocketScope through the app's side (TraceSource and the real
// socketscope-tracer): their calls in the log as actors' steps, the exit status, the
// terminal, pausing at each call, and nothing left running after reset or the end.
#include "log/sessionfile.h"
#include "sources/replaysource.h"
#include "sources/tracesource.h"
#include "stagestate.h"
#include "testtracer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/stat.h>

using namespace SocketScope;
using TracerTest::peer;
using TracerTest::waitForEnd;

namespace {

// One program whose input and output are the window's terminal panel: what it printed.
struct TerminalRun {
    explicit TerminalRun(const QString& program)
        : source([&] {
            TraceOptions options = TracerTest::tracedRun({{program}});
            options.ownTerminal = true;
            return options;
        }())
    {
        QObject::connect(&source, &TraceSource::programOutput, &source,
                         [this](int index, const QByteArray& bytes) {
                             if (index == 0)
                                 shown += bytes;
                         });
    }
    TraceSource source;
    QByteArray shown;
};

bool processExists(qint64 pid)
{
    return QFileInfo::exists(QStringLiteral("/proc/%1").arg(pid));
}

// The parent of a process, from /proc/PID/stat (after the command's closing parenthesis).
qint64 parentOf(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray text = stat.readAll();
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    return fields.value(1).toLongLong();
}

} // namespace

class TestTraceSource : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // fork(): the parent and the child are two actors; each call is a step of its actor, in
    // the log with its seq, and every step started has returned.
    void forkedProgramGivesTwoActors()
    {
        TraceSource source(TracerTest::tracedRun({{peer("tracer_fork")}}));
        QVERIFY(waitForEnd(source));
        QCOMPARE(source.exitStatus(), 0);
        const EventLog& log = source.log();
        QSet<QString> actors;
        for (const CallEvent& event : log.calls()) {
            actors.insert(event.actor);
            QVERIFY(event.seq > 0);
            QVERIFY(event.step >= 0 && event.step < log.scenario().steps.size());
            QCOMPARE(log.scenario().steps.at(event.step).actor, event.actor);
            QVERIFY(log.scenario().actor(event.actor));
        }
        QCOMPARE(actors.size(), 2);
        QVERIFY(TracerTest::callsOf(log).contains(Call::Socketpair));
        QVERIFY(log.callsInProgress().isEmpty());
        QVERIFY2(log.notice().count(QStringLiteral("ended with status 0.")) == 2,
                 qPrintable(log.notice()));
    }

    // The course's concurrent server and two clients, traced: each call's quintuplet fills
    // in as the 5-tuple cards show it for a scenario. bind() to port 0 leaves the local port
    // to the system, accept() brings the client's address, and the client's connect() takes
    // an ephemeral local port. (A forked child's, reported in any order: tst_tracedtuples.)
    void tracedQuintupletsFillIn()
    {
        QTemporaryDir folder;
        QVERIFY(folder.isValid());
        const QString portFile = folder.filePath(QStringLiteral("port"));
        QCOMPARE(mkfifo(QFile::encodeName(portFile).constData(), 0600), 0);
        const QString two = QStringLiteral("2");
        TraceSource source(TracerTest::tracedRun({{peer("tracer_forkserver"), two, portFile},
                                                  {peer("tracer_manyclients"), two, portFile}}));
        QVERIFY(waitForEnd(source));
        QCOMPARE(source.exitStatus(), 0);
        const QList<CallEvent>& calls = source.log().calls();
        const auto first = [&](Call call, const auto& also) -> const CallEvent* {
            for (const CallEvent& event : calls) {
                if (event.call == call && !event.failed() && also(event))
                    return &event;
            }
            return nullptr;
        };
        const auto any = [](const CallEvent&) {
            return true;
        };
        const CallEvent* listen = first(Call::Listen, any);
        QVERIFY(listen);
        const QString server = listen->actor;
        const SocketTuple& listening = listen->tuple;
        QCOMPARE(listening.protocol.value, QStringLiteral("TCP"));
        QCOMPARE(listening.localAddress.value, QStringLiteral("127.0.0.1"));
        QCOMPARE(listening.localPort.source, Call::Bind);
        QVERIFY(listening.localPort.chosenBySystem);
        QCOMPARE(listening.localPort.value, QString::number(listen->after.local.port()));
        QVERIFY(!listening.remotePort.isFilled());

        const CallEvent* accept =
            first(Call::Accept, [&](const CallEvent& event) { return event.actor == server; });
        if (!accept)
            accept =
                first(Call::Accept4, [&](const CallEvent& event) { return event.actor == server; });
        QVERIFY(accept);
        QCOMPARE(accept->tuple.localPort.value, listening.localPort.value);
        QCOMPARE(accept->tuple.remotePort.source, Call::Accept);
        QCOMPARE(accept->tuple.remotePort.value, QString::number(accept->after.peer.port()));

        // The client that was accepted first: its connect() dialled the server's port.
        const CallEvent* connect = first(Call::Connect, [&](const CallEvent& event) {
            return event.after.local.port() == accept->after.peer.port();
        });
        QVERIFY(connect);
        QCOMPARE(connect->tuple.remotePort.value, listening.localPort.value);
        QCOMPARE(connect->tuple.localPort.value, QString::number(accept->after.peer.port()));
        QVERIFY(connect->tuple.localPort.chosenBySystem);
    }

    // Saved, a traced session replays as it ran: the same steps, the same calls with their
    // descriptors and results, the notice of how each process ended.
    void savedSessionReplays()
    {
        TraceSource source(TracerTest::tracedRun({{peer("tracer_fork")}}));
        QVERIFY(waitForEnd(source));
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("run.json"));
        QString error;
        QVERIFY2(SessionFile::save(source.log(), path, &error), qPrintable(error));
        SessionFileError loadError;
        auto saved = SessionFile::load(path, &loadError);
        QVERIFY2(saved, qPrintable(loadError.text()));
        QVERIFY(saved->scenario.recorded);
        ReplaySource replay(*saved);
        QList<qsizetype> endedAfter; // how many calls the replay had handed out at each end
        connect(&replay.log(), &EventLog::processEndAppended, this,
                [&](const ProcessEnd&) { endedAfter << replay.log().calls().size(); });
        replay.setIntervalMs(0);
        replay.run();
        QVERIFY(QTest::qWaitFor([&] { return replay.state() == EventSource::State::Finished; }));
        const EventLog& original = source.log();
        const EventLog& replayed = replay.log();
        QCOMPARE(replayed.scenario().steps.size(), original.scenario().steps.size());
        QCOMPARE(replayed.calls().size(), original.calls().size());
        for (qsizetype i = 0; i < original.calls().size(); ++i) {
            const CallEvent& was = original.calls().at(i);
            const CallEvent& is = replayed.calls().at(i);
            QCOMPARE(is.actor, was.actor);
            QCOMPARE(is.call, was.call);
            QCOMPARE(is.arguments.fd, was.arguments.fd);
            QCOMPARE(is.ret, was.ret);
            QCOMPARE(is.argumentsText(), was.argumentsText());
            QCOMPARE(replayed.scenario().steps.at(is.step).narration.en,
                     original.scenario().steps.at(was.step).narration.en);
        }
        QCOMPARE(replayed.notice(), original.notice());
        // The parent and its child each ended, in their places among the calls.
        QCOMPARE(original.processEnds().size(), 2);
        QCOMPARE(replayed.processEnds(), original.processEnds());
        QList<qsizetype> endedWhere;
        for (const ProcessEnd& end : original.processEnds())
            endedWhere << end.callsReturned;
        QCOMPARE(endedAfter, endedWhere);
    }

    // A program that dies of a signal: the status a shell would give, and the signal named.
    void crashIsShown()
    {
        TraceSource source(TracerTest::tracedRun({{peer("tracer_crash")}}));
        QSignalSpy ended(&source, &TraceSource::processEnded);
        QVERIFY(waitForEnd(source));
        QCOMPARE(source.exitStatus(), 128 + SIGSEGV);
        QVERIFY(!ended.isEmpty());
        QCOMPARE(ended.last().at(2).toInt(), SIGSEGV);
        QCOMPARE(TraceSource::signalName(SIGSEGV), QStringLiteral("SIGSEGV"));
        QCOMPARE(TracerTest::callsOf(source.log()), QList<Call>{Call::Socket});
        QVERIFY2(source.log().notice().contains(QStringLiteral("was killed by SIGSEGV.")),
                 qPrintable(source.log().notice()));
        // It called no close() and no exit_group(): the kernel closed its socket as it died,
        // and the stage draws it so from the end on.
        const EventLog& log = source.log();
        QCOMPARE(log.processEnds().size(), 1);
        QCOMPARE(log.processEnds()[0].signal, SIGSEGV);
        QCOMPARE(log.processEnds()[0].actor, log.calls()[0].actor);
        QCOMPARE(log.processEnds()[0].callsReturned, 1);
        QVERIFY(log.processEnds()[0].tNs >= log.calls()[0].tNs);
        const StageState open = projectStage(log.calls(), 1);
        QCOMPARE(open.endpoints[0].phase, StageEndpoint::Phase::Created);
        const StageState stage = projectStage(log.calls(), 1, {}, 0, log.processEnds());
        QCOMPARE(stage.endpoints.size(), 1);
        QCOMPARE(stage.endpoints[0].phase, StageEndpoint::Phase::Closed);
        // The end is drawn with the call before it, whose exchange stays the one shown.
        QCOMPARE(stage.last, open.last);
        QCOMPARE(projectStage(log.calls(), 0, {}, 0, log.processEnds()).endpoints.size(), 0);
    }

    // After exec, the socket made with SOCK_CLOEXEC is drawn closed and the other one open,
    // as the kernel left them: the log keeps the exec's place among the calls.
    void execClosesItsCloseOnExecSockets()
    {
        TraceSource source(TracerTest::tracedRun({{peer("tracer_exec")}}));
        QVERIFY(waitForEnd(source));
        QCOMPARE(source.exitStatus(), 0);
        const EventLog& log = source.log();
        QCOMPARE(TracerTest::callsOf(log).mid(0, 2), (QList<Call>{Call::Socket, Call::Socket}));
        const QList<ProcessEnd>& ends = log.processEnds();
        QCOMPARE(ends.size(), 2);
        QVERIFY(ends[0].exec);
        QCOMPARE(ends[0].closed, QList<int>{int(log.calls()[1].ret)});
        QCOMPARE(ends[0].callsReturned, 2);
        QVERIFY(!ends[1].exec);
        const StageState stage = projectStage(log.calls(), 2, {}, 0, ends);
        QCOMPARE(stage.endpoints.size(), 2);
        QCOMPARE(stage.endpoints[0].phase, StageEndpoint::Phase::Created);
        QCOMPARE(stage.endpoints[1].phase, StageEndpoint::Phase::Closed);
        // Saved and read back, the exec keeps its place and what it closed.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("exec.jsonl"));
        QString error;
        QVERIFY2(SessionFile::save(log, path, &error), qPrintable(error));
        SessionFileError readError;
        const auto saved = SessionFile::load(path, &readError);
        QVERIFY2(saved, qPrintable(readError.text()));
        QCOMPARE(saved->processEnds, ends);
    }

    // Three letters posted by one sendmmsg wait in the mailbox; one recvmmsg takes them all.
    void multipleMessagesAreLetters()
    {
        TraceSource source(TracerTest::tracedRun({{peer("tracer_udp")}}));
        QVERIFY(waitForEnd(source));
        QCOMPARE(source.exitStatus(), 0);
        const QList<CallEvent>& calls = source.log().calls();
        const auto sent = std::find_if(calls.cbegin(), calls.cend(),
                                       [](const CallEvent& e) { return e.call == Call::SendMmsg; });
        QVERIFY(sent != calls.cend());
        const int afterSend = int(sent - calls.cbegin()) + 1;
        QCOMPARE(calls.at(afterSend).call, Call::RecvMmsg);
        const int receiver = calls.at(afterSend).fd();
        const auto mailbox = [&](int cursor) {
            const StageState stage = projectStage(calls, cursor);
            const int index = stage.indexOf(calls.first().actor, receiver);
            return index >= 0 ? stage.endpoints[index].mailbox : QList<StageLetter>();
        };
        const QList<StageLetter> waiting = mailbox(afterSend);
        QCOMPARE(waiting.size(), 3);
        QCOMPARE(waiting[0].bytes, QByteArray("bonjour"));
        QCOMPARE(waiting[1].bytes, QByteArray("salut"));
        QCOMPARE(waiting[2].bytes, QByteArray("!"));
        QVERIFY(mailbox(afterSend + 1).isEmpty());
        QCOMPARE(calls.at(afterSend).transferredCount(), 13);
        QCOMPARE(sent->transferredCount(), 13);
        // On the wire, one inferred datagram a message.
        QList<QByteArray> datagrams;
        for (const PacketEvent& packet : source.log().packets()) {
            if (packet.cause == sent->seq) {
                QVERIFY(packet.inferred);
                datagrams << packet.decoded.payload;
            }
        }
        QCOMPARE(datagrams, (QList<QByteArray>{"bonjour", "salut", "!"}));
    }

    // A program that is not there: 127, and the log says why in the user's words.
    void missingProgramIsSaid()
    {
        TraceSource source(TracerTest::tracedRun({{QStringLiteral("./no-such-program-here")}}));
        QVERIFY(waitForEnd(source));
        QCOMPARE(source.exitStatus(), 127);
        QVERIFY2(source.log().notice().contains(QStringLiteral("ENOENT")),
                 qPrintable(source.log().notice()));
        QVERIFY2(source.log().notice().contains(QStringLiteral("./name")),
                 qPrintable(source.log().notice()));
        QVERIFY(source.log().calls().isEmpty());
    }

    // Pause at each call: nothing returns before Next; Next lets one call go; Run the rest.
    void pauseAtEachCall()
    {
        TraceOptions options = TracerTest::tracedRun({{peer("tracer_crash")}});
        options.pauseAtEachCall = true;
        TraceSource source(options);
        QCOMPARE(source.state(), EventSource::State::Stepping);
        QVERIFY(QTest::qWaitFor([&] { return source.canStep(); }, 60'000));
        // A paused call has not been made: nothing in the log before Next.
        QVERIFY(source.log().calls().isEmpty());
        QVERIFY(source.log().callsInProgress().isEmpty());
        QVERIFY(source.log().notes().isEmpty());
        QVERIFY(source.step());
        // Next is one step: its narration says who calls what.
        QCOMPARE(source.log().notes().size(), 1);
        QVERIFY2(source.log().notes().last().narration.endsWith(QStringLiteral(" calls socket().")),
                 qPrintable(source.log().notes().last().narration));
        QVERIFY(waitForEnd(source));
        QCOMPARE(TracerTest::callsOf(source.log()), QList<Call>{Call::Socket});
        QCOMPARE(source.exitStatus(), 128 + SIGSEGV);
    }

    // Two processes paused at each call: Next lets one call go at a time, whichever process
    // made it, until both have ended; every call returned was let go by a Next.
    void stepTwoProcessesToTheEnd_data()
    {
        QTest::addColumn<QList<QStringList>>("programs");
        QTest::addColumn<int>("status");
        QTest::newRow("a program that forks") << QList<QStringList>{{peer("tracer_fork")}} << 0;
        QTest::newRow("two programs")
            << QList<QStringList>{{peer("tracer_crash")}, {peer("tracer_fork")}} << 128 + SIGSEGV;
    }
    void stepTwoProcessesToTheEnd()
    {
        QFETCH(QList<QStringList>, programs);
        QFETCH(int, status);
        TraceOptions options = TracerTest::tracedRun(programs);
        options.pauseAtEachCall = true;
        TraceSource source(options);
        int steps = 0;
        while (source.state() != EventSource::State::Finished) {
            QVERIFY2(QTest::qWaitFor(
                         [&] {
                             return source.canStep() ||
                                    source.state() == EventSource::State::Finished;
                         },
                         60'000),
                     qPrintable(QStringLiteral("after %1 steps, %2 calls returned")
                                    .arg(steps)
                                    .arg(source.log().calls().size())));
            if (source.canStep()) {
                // As in a scenario: the call let go last has returned or is drawn blocked, so
                // the next one cannot overtake it in the kernel.
                for (const CallStart& call : source.log().callsInProgress())
                    QVERIFY2(call.blocked, qPrintable(QString(Calls::name(call.call))));
                const qsizetype notes = source.log().notes().size();
                QVERIFY(source.step());
                QCOMPARE(source.log().notes().size(), notes + 1); // one Next, one step
                ++steps;
            }
            QVERIFY(steps < 100);
        }
        QCOMPARE(source.exitStatus(), status);
        QCOMPARE(steps, int(source.log().calls().size()));
    }

    // The user chooses whose call goes next: the client's connect() to a port bound but not
    // listening is refused, while the server still waits at its first call.
    void chosenCallGoesFirst()
    {
        TracerTest::RefusingPort refusing;
        const QString client = QStringLiteral(PEER_TP_CLIENT_TCP);
        TraceOptions options = TracerTest::tracedRun(
            {{QStringLiteral(PEER_TP_SERVEUR_TCP), QStringLiteral("0")},
             {client, QStringLiteral("127.0.0.1"), QString::number(refusing.port)}});
        options.pauseAtEachCall = true;
        TraceSource source(options);
        const QString clientName = QFileInfo(client).fileName() + QLatin1Char(' ');
        const auto pausedAt = [&](Call call, bool ofClient) {
            const QList<TraceSource::PausedCall> paused = source.pausedCalls();
            for (qsizetype i = 0; i < paused.size(); ++i) {
                if (paused[i].call == call && paused[i].actor.startsWith(clientName) == ofClient)
                    return int(i);
            }
            return -1;
        };
        const auto letClientGo = [&](Call call) {
            if (!QTest::qWaitFor([&] { return source.canStep() && pausedAt(call, true) >= 0; },
                                 60'000))
                return false;
            return source.stepCall(pausedAt(call, true));
        };
        QVERIFY(QTest::qWaitFor([&] { return pausedAt(Call::Socket, false) >= 0; }, 60'000));
        QVERIFY(letClientGo(Call::Socket));
        QVERIFY(letClientGo(Call::Connect));
        QVERIFY(QTest::qWaitFor(
            [&] { return TracerTest::callsOf(source.log()).contains(Call::Connect); }, 60'000));
        const QList<CallEvent>& calls = source.log().calls();
        QCOMPARE(TracerTest::callsOf(source.log()), (QList<Call>{Call::Socket, Call::Connect}));
        QVERIFY(calls.constLast().actor.startsWith(clientName));
        QCOMPARE(calls.constLast().error, ECONNREFUSED);
        // The server made no call: its socket() still waits for the user.
        QVERIFY(pausedAt(Call::Socket, false) >= 0);
        QVERIFY(!source.stepCall(int(source.pausedCalls().size())));
    }

    // Within one program the helper lets its calls go in the order they paused: after fork(),
    // the parent's and the child's paused calls are offered, only the oldest may be chosen.
    void oneProgramsCallsGoInTheirOrder()
    {
        TraceOptions options = TracerTest::tracedRun({{peer("tracer_fork")}});
        options.pauseAtEachCall = true;
        TraceSource source(options);
        for (int steps = 0; source.pausedCalls().size() < 2; ++steps) {
            QVERIFY(steps < 10);
            QVERIFY(QTest::qWaitFor(
                [&] { return source.canStep() || source.pausedCalls().size() >= 2; }, 60'000));
            if (source.pausedCalls().size() < 2)
                QVERIFY(source.step());
            QVERIFY(QTest::qWaitFor([&] { return source.canStep(); }, 60'000));
        }
        const QList<TraceSource::PausedCall> paused = source.pausedCalls();
        QVERIFY(paused[0].choosable);
        QVERIFY(!paused[1].choosable);
        QVERIFY(paused[0].actor != paused[1].actor);
        QVERIFY(!source.stepCall(1));
        const qsizetype calls = source.log().callsInProgress().size() + source.log().calls().size();
        QVERIFY(source.stepCall(0));
        QCOMPARE(source.log().callsInProgress().size() + source.log().calls().size(), calls + 1);
        const QString started = source.log().callsInProgress().isEmpty()
                                    ? source.log().calls().constLast().actor
                                    : source.log().callsInProgress().constLast().actor;
        QCOMPARE(started, paused[0].actor);
        source.run();
        QVERIFY(waitForEnd(source));
        QCOMPARE(source.exitStatus(), 0);
    }

    // A program killed while it waits at a paused call: its call is no longer offered, and
    // Next goes on with the other program.
    void killedProgramsPausedCallIsForgotten()
    {
        TraceOptions options =
            TracerTest::tracedRun({{peer("tracer_server")}, {peer("tracer_server")}});
        options.pauseAtEachCall = true;
        TraceSource source(options);
        QVERIFY(QTest::qWaitFor([&] { return source.pausedCalls().size() == 2; }, 60'000));
        const QString killed = source.pausedCalls().constFirst().actor;
        const QString other = source.pausedCalls().constLast().actor;
        QSignalSpy ended(&source, &TraceSource::processEnded);
        QCOMPARE(::kill(pid_t(killed.section(QLatin1Char(' '), -1).toLongLong()), SIGKILL), 0);
        QVERIFY(QTest::qWaitFor([&] { return !ended.isEmpty(); }, 60'000));
        QCOMPARE(source.pausedCalls().size(), 1);
        QCOMPARE(source.pausedCalls().constFirst().actor, other);
        QVERIFY(source.canStep());
        QVERIFY(source.step());
        QVERIFY(QTest::qWaitFor([&] { return !source.log().calls().isEmpty(); }, 60'000));
        QCOMPARE(source.log().calls().constFirst().actor, other);
    }

    // The program's terminal: what the user types reaches its input, what it prints comes
    // back; the end of input ends it (cat reads until then).
    void terminalReachesTheProgram()
    {
        TerminalRun run(QStringLiteral("cat"));
        TraceSource& source = run.source;
        const QByteArray& shown = run.shown;
        source.writeInput(0, "Dupont\n1999\n");
        QVERIFY(QTest::qWaitFor([&] { return shown == "Dupont\n1999\n"; }, 60'000));
        source.closeInput(0);
        QVERIFY(waitForEnd(source));
        QCOMPARE(source.exitStatus(), 0);
    }

    // The panel is a terminal to the program: a prompt printed without a newline shows
    // before the program waits for its answer (in a pipe, stdio would keep it until exit).
    void promptShowsBeforeTheAnswer()
    {
        TerminalRun run(peer("tracer_prompt"));
        TraceSource& source = run.source;
        const QByteArray& shown = run.shown;
        QVERIFY2(QTest::qWaitFor([&] { return shown.endsWith("? "); }, 60'000), shown.constData());
        QCOMPARE(shown, QByteArray("Your name (on a terminal: yes)? "));
        source.writeInput(0, "Dupont\n");
        QVERIFY(waitForEnd(source));
        QCOMPARE(source.exitStatus(), 0);
        QCOMPARE(shown, QByteArray("Your name (on a terminal: yes)? Hello Dupont\n"));
    }

    // Reset while the server waits in accept(): that program is gone, the same program runs
    // again; the source's end leaves no process either.
    void resetEndsTheProgram()
    {
        auto source =
            std::make_unique<TraceSource>(TracerTest::tracedRun({{peer("tracer_server")}}));
        const auto blockedAccept = [&] {
            const auto& waiting = source->log().callsInProgress();
            return !waiting.isEmpty() && waiting.last().call == Call::Accept &&
                   waiting.last().blocked;
        };
        QVERIFY(QTest::qWaitFor(blockedAccept, 60'000));
        const qint64 first = source->log().calls().first().pid;
        QVERIFY(processExists(first));
        source->reset();
        QVERIFY(QTest::qWaitFor([&] { return !processExists(first); }, 60'000));
        QVERIFY(QTest::qWaitFor(blockedAccept, 60'000));
        const qint64 second = source->log().calls().first().pid;
        QVERIFY(second != first);
        source.reset();
        QVERIFY(QTest::qWaitFor([&] { return !processExists(second); }, 60'000));
    }

    // The tracing helper itself killed while its server waits in accept(): the kernel kills
    // the server with it (PTRACE_O_EXITKILL), so its sockets are drawn closed, and said why.
    void helpersEndKillsItsPrograms()
    {
        TraceSource source(TracerTest::tracedRun({{peer("tracer_server")}}));
        QVERIFY(QTest::qWaitFor([&] { return TracerTest::waitsInAccept(source); }, 60'000));
        const CallEvent listener = source.log().calls().first();
        const qint64 helper = parentOf(listener.pid);
        QVERIFY(helper > 0 && helper != QCoreApplication::applicationPid());
        QCOMPARE(::kill(pid_t(helper), SIGKILL), 0);
        QVERIFY(TracerTest::waitForEnd(source));
        const EventLog& log = source.log();
        QCOMPARE(log.processEnds().size(), 1);
        QCOMPARE(log.processEnds()[0].actor, listener.actor);
        QCOMPARE(log.processEnds()[0].signal, SIGKILL);
        QVERIFY2(log.notice().contains(QStringLiteral("the kernel killed them")),
                 qPrintable(log.notice()));
        const StageState stage =
            projectStage(log.calls(), int(log.calls().size()), {}, 0, log.processEnds());
        QVERIFY(!stage.endpoints.isEmpty());
        for (const StageEndpoint& endpoint : stage.endpoints)
            QCOMPARE(endpoint.phase, StageEndpoint::Phase::Closed);
    }

    // A process killed while it waits in accept(): the call is not drawn waiting for ever,
    // it is in the log as never returned, as strace's "= ?" says.
    void callOfAKilledProcessNeverReturns()
    {
        TraceSource source(TracerTest::tracedRun({{peer("tracer_server")}}));
        QVERIFY(QTest::qWaitFor([&] { return TracerTest::waitsInAccept(source); }, 60'000));
        QCOMPARE(::kill(pid_t(source.log().calls().first().pid), SIGKILL), 0);
        QVERIFY(waitForEnd(source));
        QCOMPARE(source.exitStatus(), 128 + SIGKILL);
        QVERIFY(source.log().callsInProgress().isEmpty());
        const CallEvent& accept = source.log().calls().constLast();
        QCOMPARE(accept.call, Call::Accept);
        QVERIFY(accept.neverReturned);
        QVERIFY(accept.blocked);
        QVERIFY(accept.failed());
        QVERIFY2(accept.straceLine().endsWith(QStringLiteral("= ? <unfinished ...>")),
                 qPrintable(accept.straceLine()));
        QVERIFY2(source.log().notice().contains(QStringLiteral("was killed by SIGKILL.")),
                 qPrintable(source.log().notice()));
    }
};

QTEST_MAIN(TestTraceSource)
#include "tst_tracesource.moc"
