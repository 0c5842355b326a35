#include "scenarios/scenariocatalog.h"
#include "stageprojectioncache.h"
#include "testscenarios.h"

#include <QTest>

using namespace SocketScope;
using namespace SocketScope::TestScenarios;

// The live end's projection, kept from one call to the next, is the projection from the
// start, at every position, going forward, back and forward again, with processes ending on
// the way, and for another log.
class TestStageProjectionCache : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sameAsFromTheStart_data()
    {
        QTest::addColumn<QString>("id");
        const ScenarioCatalog catalog = ScenarioCatalog::builtIn();
        for (const Scenario& scenario : catalog.scenarios())
            QTest::addRow("%s", qPrintable(scenario.id)) << scenario.id;
    }
    void sameAsFromTheStart()
    {
        QFETCH(QString, id);
        const FinishedRun run = runFor(id);
        const QList<CallEvent>& calls = run.calls;
        const int count = int(calls.size());
        // Two processes end, as a traced program's do: one in the middle of the run, one after
        // the last call. The log holds each end from the moment it happened.
        QList<ProcessEnd> ends;
        if (count > 0) {
            ends << ProcessEnd{count, 0, calls[count / 2].actor, 0, 0, false, {}, count / 2};
            ends << ProcessEnd{count + 1, 0, calls.last().actor, 0, 0, false, {}, count};
        }
        const auto endsBy = [&](int position) {
            QList<ProcessEnd> happened;
            for (const ProcessEnd& end : ends) {
                if (end.callsReturned <= position)
                    happened << end;
            }
            return happened;
        };
        StageProjectionCache cache;
        // The log as it grows: each projection at its live end, with the call in progress.
        for (int position = 0; position <= count; ++position) {
            const QList<CallEvent> grown = calls.first(position);
            QList<CallStart> inProgress;
            if (position < count) {
                const CallEvent& next = calls[position];
                inProgress << CallStart{next.seq,  next.step, next.tNs, next.actor,
                                        next.call, next.fd(), true};
            }
            QCOMPARE(cache.project(grown, position, inProgress, 1, endsBy(position)),
                     projectStage(grown, position, inProgress, 1, endsBy(position)));
        }
        // Back through the whole log, then forward again.
        for (int position = count; position >= 0; position -= 3)
            QCOMPARE(cache.project(calls, position, {}, 0, ends),
                     projectStage(calls, position, {}, 0, ends));
        for (int position = 0; position <= count; ++position)
            QCOMPARE(cache.project(calls, position, {}, 0, ends),
                     projectStage(calls, position, {}, 0, ends));
        // Another log of the same length: nothing of the first one is kept.
        const FinishedRun other = runFor(QStringLiteral("tcp-echo"));
        QCOMPARE(cache.project(other.calls, int(other.calls.size()), {}, 0, {}),
                 projectStage(other.calls, int(other.calls.size())));
    }
};

QTEST_GUILESS_MAIN(TestStageProjectionCache)
#include "tst_stageprojectioncache.moc"
