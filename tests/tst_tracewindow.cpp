// Programs run in the window (File > Run a program): the terminal panel is the programs'
// terminal, and "Next call of" lets the user choose whose call goes next while stepping.
#include "mainwindow.h"
#include "nextcallmenu.h"
#include "programterminalview.h"
#include "scenarios/scenariocatalog.h"
#include "sources/tracesource.h"
#include "stagestate.h"
#include "stageview.h"
#include "testtracer.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QLineEdit>
#include <QMenu>
#include <QTest>

#include <csignal>
#include <fcntl.h>

using namespace SocketScope;

namespace {

TraceOptions optionsFor(const QList<QStringList>& programs, bool pause)
{
    TraceOptions options;
    for (const QStringList& words : programs)
        options.programs << TracedProgram{words, 0};
    options.workingDirectory = QDir::currentPath();
    options.helperPath = QStringLiteral(SOCKETSCOPE_TRACER);
    options.pauseAtEachCall = pause;
    return options;
}

// The menu's entries as the user sees them when opening it.
QStringList entriesOf(QMenu* menu)
{
    Q_EMIT menu->aboutToShow();
    QStringList texts;
    for (const QAction* entry : menu->actions())
        texts << entry->text();
    return texts;
}

} // namespace

class TestTraceWindow : public QObject {
    Q_OBJECT
private:
    ScenarioCatalog m_catalog = ScenarioCatalog::builtIn();

private Q_SLOTS:
    // What the user types in the panel reaches the program's input; what it prints shows.
    void terminalPanelReachesTheProgram()
    {
        MainWindow window(m_catalog, QStringLiteral("en"), 0, CaptureMode::InferOnly);
        window.show();
        window.runPrograms(optionsFor({{QStringLiteral("cat")}}, false));
        ProgramTerminalView* terminal = window.programTerminal();
        QVERIFY(terminal);
        QVERIFY(terminal->isVisible());
        QTest::keyClicks(terminal->input(), QStringLiteral("Dupont"));
        QTest::keyClick(terminal->input(), Qt::Key_Return);
        // Once typed (the panel echoes it, as a terminal does), once printed back by cat.
        QVERIFY(QTest::qWaitFor(
            [&] { return terminal->shownText() == QStringLiteral("Dupont\nDupont\n"); }, 60'000));
        QVERIFY(terminal->input()->text().isEmpty());
    }

    // Stepping two programs, the user lets the client's calls go first: its connect() is
    // refused on the stage while the server still waits at socket().
    void nextCallOfTheChosenProgram()
    {
        TracerTest::RefusingPort refusing;
        const QString client = QStringLiteral(PEER_TP_CLIENT_TCP);
        MainWindow window(m_catalog, QStringLiteral("en"), 0, CaptureMode::InferOnly);
        window.show();
        auto* nextCallOf = window.findChild<QAction*>(QStringLiteral("nextCallOf"));
        QVERIFY(nextCallOf);
        QVERIFY(!nextCallOf->isVisible()); // a scenario's steps have one order
        window.runPrograms(
            optionsFor({{QStringLiteral(PEER_TP_SERVEUR_TCP), QStringLiteral("0")},
                        {client, QStringLiteral("127.0.0.1"), QString::number(refusing.port)}},
                       true));
        QVERIFY(nextCallOf->isVisible());
        QMenu* menu = nextCallOf->menu();
        QVERIFY(menu);
        const QString clientName = QFileInfo(client).fileName() + QLatin1Char(' ');
        const auto chooseClients = [&](const QString& call) {
            // The entry reads "tp_client_tcp 4242: socket()".
            int entry = -1;
            if (!QTest::qWaitFor(
                    [&] {
                        const QStringList entries = entriesOf(menu);
                        for (qsizetype i = 0; i < entries.size(); ++i) {
                            if (entries[i].startsWith(clientName) && entries[i].contains(call))
                                entry = int(i);
                        }
                        return entry >= 0 && nextCallOf->isEnabled() &&
                               menu->actions().at(entry)->isEnabled();
                    },
                    60'000))
                return false;
            menu->actions().at(entry)->trigger();
            return true;
        };
        QVERIFY(chooseClients(QStringLiteral(": socket()")));
        QVERIFY(chooseClients(QStringLiteral(": connect(")));
        TraceSource* trace = window.trace();
        QVERIFY(QTest::qWaitFor([&] { return trace->log().calls().size() == 2; }, 60'000));
        const CallEvent& connect = trace->log().calls().constLast();
        QCOMPARE(connect.call, Call::Connect);
        QCOMPARE(connect.error, ECONNREFUSED);
        QVERIFY(connect.actor.startsWith(clientName));
        window.stage()->skipAnimation();
        QVERIFY(window.stage()->state().endpoints.size() >= 1);
        // The server's first call still waits for the user, and is offered.
        QVERIFY(QTest::qWaitFor(
            [&] {
                const QStringList entries = entriesOf(menu);
                return std::any_of(entries.cbegin(), entries.cend(), [&](const QString& entry) {
                    return !entry.startsWith(clientName) &&
                           entry.endsWith(QStringLiteral(": socket()"));
                });
            },
            60'000));
    }

    // A socket the program duplicates (dup, dup2, dup3, fcntl F_DUPFD) is drawn with another
    // descriptor, beside it in the same process: closing one copy leaves the other open, and
    // an epoll instance or a pipe is never drawn as a telephone.
    void duplicatedSocketIsDrawnBesideIt()
    {
        TraceSource source(optionsFor({{TracerTest::peer("tracer_multiplex")}}, false));
        QVERIFY(QTest::qWaitFor([&] { return source.state() == EventSource::State::Finished; },
                                120'000));
        QCOMPARE(source.exitStatus(), 0);
        const QList<CallEvent>& calls = source.log().calls();
        const auto position = [&](Call call, int nth = 0) {
            for (qsizetype i = 0; i < calls.size(); ++i) {
                if (calls[i].call == call && nth-- == 0)
                    return int(i);
            }
            return -1;
        };
        const int dup = position(Call::Dup);
        QVERIFY(dup >= 0);
        const CallEvent& duplicated = calls[dup];
        StageState state = projectStage(calls, dup + 1);
        const int original = state.indexOf(duplicated.actor, duplicated.fd());
        const int copy = state.indexOf(duplicated.actor, int(duplicated.ret));
        QVERIFY(original >= 0 && copy >= 0 && original != copy);
        QCOMPARE(state.endpoints[copy].phase, StageEndpoint::Phase::Connected);
        QCOMPARE(state.endpoints[copy].local, state.endpoints[original].local);
        QCOMPARE(state.endpoints[copy].peer, state.endpoints[original].peer);

        const int fcntlDup = position(Call::Fcntl, 3); // after F_GETFL and two F_SETFL
        QCOMPARE(calls[fcntlDup].arguments.command, F_DUPFD_CLOEXEC);
        state = projectStage(calls, fcntlDup + 1);
        QCOMPARE(state.endpoints[state.indexOf(duplicated.actor, int(calls[fcntlDup].ret))].phase,
                 StageEndpoint::Phase::Listening);
        for (const int fd : {20, 21})
            QCOMPARE(state.endpoints[state.indexOf(duplicated.actor, fd)].phase,
                     StageEndpoint::Phase::Connected);

        const int firstClose = position(Call::Close);
        QCOMPARE(calls[firstClose].fd(), int(duplicated.ret));
        state = projectStage(calls, firstClose + 1);
        QCOMPARE(state.endpoints[state.indexOf(duplicated.actor, int(duplicated.ret))].phase,
                 StageEndpoint::Phase::Closed);
        QCOMPARE(state.endpoints[state.indexOf(duplicated.actor, duplicated.fd())].phase,
                 StageEndpoint::Phase::Connected);

        const int epoll = position(Call::EpollCreate1);
        QVERIFY(epoll >= 0);
        QCOMPARE(projectStage(calls, epoll + 1).endpoints.size(),
                 projectStage(calls, epoll).endpoints.size());
        // Three sockets and four more descriptors of them, every one closed at the end.
        state = projectStage(calls, int(calls.size()));
        QCOMPARE(state.endpoints.size(), 7);
        for (const StageEndpoint& endpoint : state.endpoints)
            QCOMPARE(endpoint.phase, StageEndpoint::Phase::Closed);
    }

    // socketpair() draws two ends connected to each other; fork() gives the child copies of
    // both, drawn in its own column, and what the child writes on its copy waits on the
    // parent's end until the parent reads it.
    void forkedChildInheritsTheSocketPair()
    {
        TraceSource source(optionsFor({{TracerTest::peer("tracer_fork")}}, false));
        QVERIFY(QTest::qWaitFor([&] { return source.state() == EventSource::State::Finished; },
                                120'000));
        QCOMPARE(source.exitStatus(), 0);
        const QList<CallEvent>& calls = source.log().calls();
        QCOMPARE(calls.value(0).call, Call::Socketpair);
        StageState state = projectStage(calls, 1);
        QCOMPARE(state.endpoints.size(), 2);
        QCOMPARE(state.endpoints[0].phase, StageEndpoint::Phase::Connected);
        QCOMPARE(state.endpoints[1].phase, StageEndpoint::Phase::Connected);
        QVERIFY(isFarEnd(state.endpoints[0], state.endpoints[1]));
        QCOMPARE(state.lines.size(), 1); // one line between the two ends
        QCOMPARE(state.lines[0].from, 0);
        QCOMPARE(state.lines[0].to, 1);

        const auto fork = std::find_if(calls.cbegin(), calls.cend(), [](const CallEvent& event) {
            return event.call == Call::Clone || event.call == Call::Fork;
        });
        QVERIFY(fork != calls.cend());
        const int forkAt = int(fork - calls.cbegin());
        const QString parent = fork->actor;
        const QString child = fork->childActor;
        QVERIFY(!child.isEmpty() && child != parent);
        // The child's calls all come after the fork that made it.
        for (int i = 0; i < forkAt; ++i)
            QCOMPARE(calls[i].actor, parent);
        state = projectStage(calls, forkAt + 1);
        const QList<int> pair = calls[0].results.fds;
        for (const int fd : pair) {
            const int copy = state.indexOf(child, fd);
            QVERIFY(copy >= 0);
            QCOMPARE(state.endpoints[copy].phase, StageEndpoint::Phase::Connected);
        }

        // The parent's read (and the calls after it) may be logged before or after the
        // child's write: put them after, as a slower report from the parent would, so that
        // the bytes are seen waiting.
        QList<CallEvent> ordered = calls;
        const auto positionOf = [&](const QString& actor, Call call) {
            for (qsizetype i = 0; i < ordered.size(); ++i) {
                if (ordered[i].actor == actor && ordered[i].call == call)
                    return int(i);
            }
            return -1;
        };
        const int readAt = positionOf(parent, Call::Read);
        QVERIFY(readAt >= 0);
        QList<CallEvent> fromRead;
        for (qsizetype i = readAt; i < ordered.size();) {
            if (ordered[i].actor == parent)
                fromRead << ordered.takeAt(i);
            else
                ++i;
        }
        const int writeAt = positionOf(child, Call::Write);
        QVERIFY(writeAt >= 0);
        for (qsizetype i = 0; i < fromRead.size(); ++i)
            ordered.insert(writeAt + 1 + i, fromRead[i]);
        state = projectStage(ordered, writeAt + 1);
        QCOMPARE(state.endpoints[state.indexOf(parent, pair[0])].unread.leadingBytes(),
                 QByteArray("child"));
        state = projectStage(ordered, writeAt + 2);
        QVERIFY(state.endpoints[state.indexOf(parent, pair[0])].unread.isEmpty());
        state = projectStage(calls, int(calls.size()));
        QCOMPARE(state.endpoints.size(), 4);
        for (const StageEndpoint& endpoint : state.endpoints)
            QCOMPARE(endpoint.phase, StageEndpoint::Phase::Closed);
    }

    // The server killed while it waits in accept(): the stage no longer draws it waiting, it
    // says the call never returned.
    void killedInAcceptIsNotDrawnWaiting()
    {
        MainWindow window(m_catalog, QStringLiteral("en"), 0, CaptureMode::InferOnly);
        window.show();
        window.runPrograms(optionsFor({{TracerTest::peer("tracer_server")}}, false));
        TraceSource* trace = window.trace();
        QVERIFY(QTest::qWaitFor(
            [&] {
                const auto& waiting = trace->log().callsInProgress();
                return !waiting.isEmpty() && waiting.last().blocked;
            },
            60'000));
        QCOMPARE(::kill(pid_t(trace->log().calls().first().pid), SIGKILL), 0);
        QVERIFY(QTest::qWaitFor([&] { return trace->state() == EventSource::State::Finished; },
                                60'000));
        window.stage()->skipAnimation();
        QStringList lines;
        for (qsizetype i = 0; i < window.stage()->state().endpoints.size(); ++i)
            lines << window.stage()->describe(int(i));
        const QString shown = lines.join(QLatin1Char('\n'));
        QVERIFY2(shown.contains(QStringLiteral("accept() never returned: the process ended")),
                 qPrintable(shown));
        // Killed, it closed nothing itself: the kernel did, and the stage draws it so.
        QVERIFY(!window.stage()->state().endpoints.isEmpty());
        for (const StageEndpoint& endpoint : window.stage()->state().endpoints) {
            QVERIFY(!endpoint.waitingCall);
            QCOMPARE(endpoint.phase, StageEndpoint::Phase::Closed);
        }
    }
};

QTEST_MAIN(TestTraceWindow)
#include "tst_tracewindow.moc"
