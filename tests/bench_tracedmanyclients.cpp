// The course's concurrent server (one child forked per client) and a thousand clients of it,
// both traced in the window with every view shown: the run completes, every client is served
// by its own child, and the GUI's event loop is measured meanwhile (its gaps, as
// bench_eventingest measures them), with the calls taken in a second.
#include "calls/errnoinfo.h"
#include "mainwindow.h"
#include "scenarios/scenariocatalog.h"
#include "sources/tracesource.h"
#include "testfigures.h"
#include "testtracer.h"

#include <QDockWidget>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <functional>
#include <sys/stat.h>
#include <utility>

using namespace SocketScope;

namespace {

constexpr int clients = 1000;
const QSize windowSize(1600, 900);
constexpr int deadlineMs = 1'500'000;

// How long the event loop goes without turning: a 1 ms timer fires at every turn of an idle
// loop, later when the loop is busy. `progress` says how far the run was at the longest gap.
class LoopGaps {
public:
    explicit LoopGaps(std::function<qsizetype()> progress)
        : m_progress(std::move(progress))
    {
        probe.setTimerType(Qt::PreciseTimer);
        probe.setInterval(1);
        QObject::connect(&probe, &QTimer::timeout, [this] {
            const qint64 gap = m_sinceLastTurn.nsecsElapsed();
            if (m_gapsNs.isEmpty() || gap > m_longestNs) {
                m_longestNs = gap;
                m_longestEndedNs = m_elapsed.nsecsElapsed();
                m_progressAtLongest = m_progress();
            }
            m_gapsNs.append(gap);
            m_sinceLastTurn.restart();
        });
    }
    void start()
    {
        m_elapsed.start();
        m_sinceLastTurn.start();
        probe.start();
    }
    // The time since start().
    qint64 stop()
    {
        probe.stop();
        std::sort(m_gapsNs.begin(), m_gapsNs.end());
        return m_elapsed.nsecsElapsed();
    }
    double p99Ms() const
    {
        return m_gapsNs.isEmpty() ? 0 : double(m_gapsNs.at(m_gapsNs.size() * 99 / 100)) / 1e6;
    }
    double longestMs() const { return double(m_longestNs) / 1e6; }
    double longestEndedS() const { return double(m_longestEndedNs) / 1e9; }
    qsizetype progressAtLongest() const { return m_progressAtLongest; }
    qsizetype turns() const { return m_gapsNs.size(); }

    QTimer probe; // its timeout: a turn of the loop

private:
    std::function<qsizetype()> m_progress;
    QElapsedTimer m_elapsed;
    QElapsedTimer m_sinceLastTurn;
    QList<qint64> m_gapsNs;
    qint64 m_longestNs = 0;
    qint64 m_longestEndedNs = 0;
    qsizetype m_progressAtLongest = 0;
};

// The panels the window tabs together, side by side instead: each one is painted as the run
// goes on, as none is behind another's tab.
void showEveryPanel(MainWindow& window)
{
    for (QDockWidget* dock : window.findChildren<QDockWidget*>()) {
        if (window.dockWidgetArea(dock) != Qt::BottomDockWidgetArea)
            continue;
        window.addDockWidget(Qt::BottomDockWidgetArea, dock, Qt::Horizontal);
        dock->show();
    }
}

bool allPanelsVisible(const MainWindow& window)
{
    const QList<QDockWidget*> docks = window.findChildren<QDockWidget*>();
    return std::all_of(docks.cbegin(), docks.cend(), [&](QDockWidget* dock) {
        return window.dockWidgetArea(dock) == Qt::NoDockWidgetArea ||
               (dock->widget()->isVisible() && !dock->widget()->visibleRegion().isEmpty());
    });
}

QString actorOf(const EventLog& log, Call call)
{
    const auto found = std::find_if(log.calls().cbegin(), log.calls().cend(),
                                    [call](const CallEvent& event) { return event.call == call; });
    return found == log.calls().cend() ? QString() : found->actor;
}

qsizetype succeeded(const QList<CallEvent>& calls, std::initializer_list<Call> kinds)
{
    return std::count_if(calls.cbegin(), calls.cend(), [&](const CallEvent& event) {
        return std::find(kinds.begin(), kinds.end(), event.call) != kinds.end() &&
               event.error == 0 && event.ret >= 0;
    });
}

// A child read its client's line, wrote it back and closed that connection.
bool servedItsClient(const QList<CallEvent>& calls)
{
    const auto read = std::find_if(calls.cbegin(), calls.cend(), [](const CallEvent& event) {
        return event.call == Call::Read && event.ret > 0;
    });
    if (read == calls.cend())
        return false;
    const auto onItsSocket = [&](Call call, qint64 ret) {
        return std::any_of(calls.cbegin(), calls.cend(), [&](const CallEvent& event) {
            return event.call == call && event.fd() == read->fd() && event.error == 0 &&
                   event.ret == ret;
        });
    };
    return onItsSocket(Call::Write, read->ret) && onItsSocket(Call::Close, 0);
}

// Every client was served by a child of its own, and nothing failed.
void checkEveryClientServed(const EventLog& log)
{
    // Nothing failed: every call succeeded, or a child's end interrupted it and the kernel
    // made it again (a fork() "= ? ERESTARTNOINTR"); only exit_group never returned.
    for (const CallEvent& event : log.calls())
        QVERIFY2((event.error == 0 || isRestartCode(event.error)) &&
                     (!event.neverReturned || event.call == Call::ExitGroup),
                 qPrintable(event.actor + QStringLiteral(": ") + event.straceLine()));
    QHash<QString, QList<CallEvent>> byActor;
    for (const CallEvent& event : log.calls())
        byActor[event.actor] << event;
    const QString server = actorOf(log, Call::Listen);
    const QString client = actorOf(log, Call::Connect);
    QVERIFY(!server.isEmpty() && !client.isEmpty() && server != client);
    QCOMPARE(succeeded(byActor[server], {Call::Accept, Call::Accept4}), clients);
    QCOMPARE(succeeded(byActor[client], {Call::Connect}), clients);
    // The parent closed its copy of each dialogue socket, then the listening one.
    QCOMPARE(succeeded(byActor[server], {Call::Close}), clients + 1);

    QSet<QString> children;
    for (const CallEvent& event : byActor[server]) {
        if (Calls::has(event.call, CallTrait::StartsActor) && event.ret > 0)
            children.insert(event.childActor);
    }
    QCOMPARE(children.size(), clients);
    for (const QString& child : children)
        QVERIFY2(servedItsClient(byActor[child]), qPrintable(child));

    // Every process ended by itself, with status 0: the children, the server, the client.
    QHash<QString, ProcessEnd> ends;
    for (const ProcessEnd& end : log.processEnds()) {
        if (!end.exec)
            ends.insert(end.actor, end);
    }
    QCOMPARE(ends.size(), clients + 2);
    for (const QString& actor : children + QSet<QString>{server, client}) {
        QVERIFY2(ends.contains(actor), qPrintable(actor));
        QCOMPARE(ends[actor].signal, 0);
        QCOMPARE(ends[actor].status, 0);
    }
}

} // namespace

class BenchTracedManyClients : public QObject {
    Q_OBJECT
private:
    ScenarioCatalog m_catalog = ScenarioCatalog::builtIn();

private Q_SLOTS:
    void thousandClientsOfAForkingServer()
    {
        // The server writes the port it was given into a FIFO, which the client reads it from:
        // each program waits for the other, and no port is fixed.
        QTemporaryDir folder;
        QVERIFY(folder.isValid());
        const QString portFile = folder.filePath(QStringLiteral("port"));
        QCOMPARE(mkfifo(QFile::encodeName(portFile).constData(), 0600), 0);
        const QString count = QString::number(clients);
        TraceOptions options =
            TracerTest::tracedRun({{TracerTest::peer("tracer_forkserver"), count, portFile},
                                   {TracerTest::peer("tracer_manyclients"), count, portFile}});

        MainWindow window(m_catalog, QStringLiteral("en"), 0, CaptureMode::InferOnly);
        window.resize(windowSize);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        LoopGaps gaps([&] { return window.trace() ? window.trace()->log().calls().size() : 0; });
        QEventLoop loop;
        // A window that grows by itself ends the run at once: it can grow without end (each
        // process's end adds a line to the notice in the status bar, and the fonts grow with
        // the window's height), and its backing store with it.
        connect(&gaps.probe, &QTimer::timeout, &loop, [&] {
            if (window.size() != windowSize)
                loop.quit();
        });
        gaps.start();
        window.runPrograms(options);
        showEveryPanel(window);
        TraceSource* trace = window.trace();
        QVERIFY(trace);
        // Waiting on the run's end, never on time: the loop sleeps between events, so the
        // probe measures the window's work alone. The deadline only ends a run that hangs.
        connect(trace, &EventSource::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(deadlineMs, &loop, &QEventLoop::quit);
        if (trace->state() != EventSource::State::Finished)
            loop.exec();
        const qint64 wallNs = gaps.stop();
        const EventLog& log = trace->log();
        const auto calls = double(log.calls().size());
        const double callsPerSecond = calls / (double(wallNs) / 1e9);
        qInfo("%d clients: %.0f calls in %.2f s, %.0f calls/s; event loop gaps: 99th percentile "
              "%.2f ms, longest %.2f ms (ending %.2f s in, %lld calls in the log), %lld turns",
              clients, calls, double(wallNs) / 1e9, callsPerSecond, gaps.p99Ms(), gaps.longestMs(),
              gaps.longestEndedS(), qint64(gaps.progressAtLongest()), qint64(gaps.turns()));
        QVERIFY2(window.size() == windowSize,
                 qPrintable(QStringLiteral("the window grew by itself to %1x%2 px, %3 calls in")
                                .arg(window.width())
                                .arg(window.height())
                                .arg(calls)));
        QCOMPARE(trace->state(), EventSource::State::Finished);
        QVERIFY(allPanelsVisible(window));
        TestFigures::report("tracedmanyclients.p99_stall", gaps.p99Ms(), "ms");
        TestFigures::report("tracedmanyclients.longest_stall", gaps.longestMs(), "ms");
        TestFigures::report("tracedmanyclients.calls", calls, "calls");
        TestFigures::report("tracedmanyclients.calls_per_s", callsPerSecond, "/s");
        TestFigures::report("tracedmanyclients.wall_time", double(wallNs) / 1e9, "s");
        QCOMPARE(trace->exitStatus(), 0);
        checkEveryClientServed(log);
    }
};

QTEST_MAIN(BenchTracedManyClients)
#include "bench_tracedmanyclients.moc"
