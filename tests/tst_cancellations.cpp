#include "mainwindow.h"
#include "scenarios/scenariocatalog.h"
#include "sources/session.h"
#include "testscenarios.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTest>

#include <memory>

using namespace SocketScope;
using namespace SocketScope::TestScenarios;

namespace {

// Runs the session's scenario on its own until `cutAfter` calls have returned, or its end.
bool runUntil(Session& session, int cutAfter)
{
    session.setIntervalMs(0);
    session.run();
    // As long as runToEnd() allows: backlog-full waits in poll() for seconds on purpose.
    return QTest::qWaitFor(
        [&] {
            return session.log().calls().size() >= cutAfter ||
                   session.state() == Session::State::Finished;
        },
        20'000);
}

// The processes this one started and has not reaped yet, whichever of its threads did.
int childProcesses()
{
    int count = 0;
    const QDir tasks(QStringLiteral("/proc/self/task"));
    for (const QString& task : tasks.entryList(QDir::NoDotAndDotDot | QDir::Dirs)) {
        QFile children(tasks.filePath(task + QStringLiteral("/children")));
        if (children.open(QIODevice::ReadOnly)) {
            const QByteArray pids = children.readAll().simplified();
            count += pids.isEmpty() ? 0 : int(pids.count(' ')) + 1;
        }
    }
    return count;
}

} // namespace

// Scenarios picked at random, each cut short at a random moment as a user does: Reset while
// calls are blocked, or the window closed in the middle of the run. After each, the session
// has left no descriptor, thread or child process behind.
class TestCancellations : public QObject {
    Q_OBJECT
private:
    ScenarioCatalog m_catalog = ScenarioCatalog::builtIn();

private Q_SLOTS:
    void thousandRandomCancellations()
    {
        // The seed is printed: a failing run can be made again with SOCKETSCOPE_TEST_SEED.
        const quint32 seed = qEnvironmentVariableIsSet("SOCKETSCOPE_TEST_SEED")
                                 ? quint32(qEnvironmentVariableIntValue("SOCKETSCOPE_TEST_SEED"))
                                 : QRandomGenerator::global()->generate();
        qInfo("seed %u", seed);
        QRandomGenerator random(seed);
        const QList<Scenario> scenarios = m_catalog.scenarios();
        // Qt's own lazily created descriptors and threads come with the first session and
        // the first window: made before counting.
        {
            MainWindow warmUp(m_catalog, QStringLiteral("en"), quint16(0), CaptureMode::InferOnly);
            QVERIFY(warmUp.selectScenario(QStringLiteral("tcp-echo")));
            QVERIFY(runUntil(*warmUp.session(), 1'000));
        }
        const int descriptorsBefore = openDescriptors();
        const int threadsBefore = openThreads();
        int resets = 0;
        int closedWindows = 0;
        int blockedAtTheCut = 0;
        qint64 slowestEndNs = 0;
        for (int run = 0; run < CANCELLED_RUNS; ++run) {
            const Scenario& scenario = scenarios.at(random.bounded(int(scenarios.size())));
            const int cutAfter = random.bounded(int(scenario.steps.size()) + 1);
            const bool closeWindow = run % 20 == 19;
            const QString what =
                QStringLiteral("run %1: %2 cut after %3 calls (%4)")
                    .arg(run)
                    .arg(scenario.id)
                    .arg(cutAfter)
                    .arg(closeWindow ? QStringLiteral("window closed") : QStringLiteral("reset"));
            QElapsedTimer ending;
            if (closeWindow) {
                auto window = std::make_unique<MainWindow>(m_catalog, QStringLiteral("en"),
                                                           quint16(0), CaptureMode::InferOnly);
                window->selectScenario(scenario.id);
                QVERIFY2(runUntil(*window->session(), cutAfter), qPrintable(what));
                ending.start();
                window->close();
                window.reset();
                ++closedWindows;
            } else {
                auto session = std::make_unique<Session>();
                session->load(scenario, onFreePort());
                QVERIFY2(runUntil(*session, cutAfter), qPrintable(what));
                blockedAtTheCut += session->log().callsInProgress().isEmpty() ? 0 : 1;
                ending.start();
                session->reset();
                QCOMPARE(session->log().calls().size(), 0);
                session.reset();
                ++resets;
            }
            slowestEndNs = qMax(slowestEndNs, ending.nsecsElapsed());
            // A descriptor, a thread or a child that ends as its owner goes is seen by the
            // kernel a moment later. Qt's own pool threads may come and go: fewer is fine.
            QTRY_VERIFY2(openDescriptors() == descriptorsBefore, qPrintable(what));
            QTRY_VERIFY2(openThreads() <= threadsBefore, qPrintable(what));
            QTRY_VERIFY2(childProcesses() == 0, qPrintable(what));
        }
        qInfo("%d resets (%d with a call blocked), %d windows closed mid-run; the slowest end "
              "took %.1f ms",
              resets, blockedAtTheCut, closedWindows, double(slowestEndNs) / 1e6);
        QVERIFY(blockedAtTheCut > 0);
    }
};

QTEST_MAIN(TestCancellations)
#include "tst_cancellations.moc"
