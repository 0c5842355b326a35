#include "byteorderview.h"
#include "calllogmodel.h"
#include "log/sessionfile.h"
#include "log/tcpstatelog.h"
#include "logcursor.h"
#include "mainwindow.h"
#include "scenarios/scenariocatalog.h"
#include "sequencediagrammodel.h"
#include "sources/replaysource.h"
#include "sources/session.h"
#include "stagestate.h"
#include "stageview.h"
#include "testscenarios.h"

#include <QBuffer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace SocketScope;
using namespace SocketScope::TestScenarios;

namespace {

// What the views show at one cursor position, as values: the stage (with every 5-tuple
// card's quintuplet), the bytes panel, the diagram's rows, the narration, the TCP states.
struct Projection {
    StageState stage;
    QString bytes;
    QStringList diagram;
    QString narration;
    QStringList states;
    bool operator==(const Projection&) const = default;
};

Projection project(const EventLog& log, int position)
{
    Projection p;
    p.stage = projectStage(log.calls(), position);
    const CallEvent* call = position > 0 ? &log.calls().at(position - 1) : nullptr;
    p.bytes = ByteOrderView::html(call ? std::optional<CallEvent>(*call) : std::nullopt);
    const qint64 origin = log.notes().isEmpty() ? 0 : log.notes().constFirst().tNs;
    const SequenceDiagramModel diagram(log.packets(), log.packetsVisibleAt(position), origin);
    for (int row = 0; row < diagram.rowCount(); ++row)
        p.diagram << QStringLiteral("%1 %2>%3 %4 %5 %6 cause %7")
                         .arg(diagram.time(row))
                         .arg(diagram.from(row))
                         .arg(diagram.to(row))
                         .arg(diagram.label(row), diagram.details(row))
                         .arg(diagram.seq(row))
                         .arg(diagram.cause(row));
    if (const StepNote* note = log.noteAt(position))
        p.narration = note->narration;
    for (const StageEndpoint& endpoint : std::as_const(p.stage.endpoints)) {
        if (!endpoint.local.isValid() || endpoint.datagram || endpoint.family == AF_UNIX)
            continue;
        for (const LoggedTcpState& state :
             tcpStatesFromLog(log, position, endpoint.local, endpoint.peer))
            p.states << QStringLiteral("%1 %2").arg(rfcName(state.state), state.cause);
    }
    return p;
}

QStringList callList(const EventLog& log)
{
    CallLogModel model;
    model.setLog(&log);
    QStringList rows;
    for (int row = 0; row < model.rowCount(); ++row) {
        QStringList cells;
        for (int column = 0; column < CallLogModel::ColumnCount; ++column)
            cells << model.data(model.index(row, column)).toString();
        rows << cells.join(QLatin1Char('|'));
    }
    return rows;
}

std::optional<SavedSession> saveAndRead(const EventLog& log, QString* error)
{
    QBuffer buffer;
    buffer.open(QIODevice::ReadWrite);
    if (!SessionFile::write(log, buffer)) {
        *error = QStringLiteral("cannot write");
        return std::nullopt;
    }
    buffer.seek(0);
    SessionFileError fileError;
    auto saved = SessionFile::read(buffer, &fileError);
    if (!saved)
        *error = fileError.text();
    return saved;
}

bool replayToEnd(ReplaySource& replay)
{
    replay.setIntervalMs(0);
    replay.run();
    return QTest::qWaitFor([&] { return replay.state() == EventSource::State::Finished; });
}

} // namespace

// A session saved and replayed shows exactly what it showed live, at every step, with no
// network: the projections are compared as values.
class TestReplay : public QObject {
    Q_OBJECT
private:
    ScenarioCatalog m_catalog = ScenarioCatalog::builtIn();

    void compareWithReplay(const Session& session)
    {
        const EventLog& live = session.log();
        QString error;
        const auto saved = saveAndRead(live, &error);
        QVERIFY2(saved, qPrintable(error));
        ReplaySource replay(*saved);
        QVERIFY(replayToEnd(replay));
        const EventLog& again = replay.log();
        QCOMPARE(again.notes(), live.notes());
        QCOMPARE(again.calls().size(), live.calls().size());
        for (qsizetype i = 0; i < live.calls().size(); ++i)
            QVERIFY2(again.calls()[i] == live.calls()[i], qPrintable(live.calls()[i].straceLine()));
        QCOMPARE(again.packets(), live.packets());
        QCOMPARE(again.captureStatus().kind, live.captureStatus().kind);
        QCOMPARE(again.outcome(), live.outcome());
        QCOMPARE(callList(again), callList(live));
        for (int position = 0; position <= live.calls().size(); ++position) {
            const Projection expected = project(live, position);
            const Projection got = project(again, position);
            QVERIFY2(got.stage == expected.stage, qPrintable(QString::number(position)));
            QCOMPARE(got.bytes, expected.bytes);
            QCOMPARE(got.diagram, expected.diagram);
            QCOMPARE(got.narration, expected.narration);
            QCOMPARE(got.states, expected.states);
        }
    }

private Q_SLOTS:
    void everyScenarioReplaysAsItRan_data()
    {
        QTest::addColumn<QString>("id");
        for (const Scenario& scenario : m_catalog.scenarios())
            QTest::addRow("%s", qPrintable(scenario.id)) << scenario.id;
    }
    void everyScenarioReplaysAsItRan()
    {
        QFETCH(QString, id);
        Session session;
        QVERIFY(runToEnd(session, *m_catalog.find(id)));
        compareWithReplay(session);
    }

    // What a teacher saves at home: real packets, frames and all, read again and linked as
    // they were.
    void capturedSessionsReplayWithTheirFrames_data()
    {
        QTest::addColumn<QString>("id");
        for (const char* id : {"tcp-echo", "tcp-concurrent-fork", "name-age-dialog"})
            QTest::newRow(id) << QString::fromLatin1(id);
    }
    void capturedSessionsReplayWithTheirFrames()
    {
        QFETCH(QString, id);
        SessionOptions options = onFreePort();
        options.capture = CaptureMode::CaptureIfPermitted;
        options.captureHelper = QStringLiteral(SOCKETSCOPE_CAPTURE_HELPER);
        Session session;
        QVERIFY(runToEnd(session, *m_catalog.find(id), options));
        if (session.log().captureStatus().kind != CaptureStatus::Kind::Captured)
            QSKIP("capture is not permitted here");
        compareWithReplay(session);
    }

    // Step by step, a replay hands out what happened until the next step: the blocked
    // accept() is waiting, as it was when the teacher pressed Next.
    void steppedReplayShowsTheWaitingCalls()
    {
        Session session;
        QVERIFY(runToEnd(session, *m_catalog.find(QStringLiteral("tcp-echo"))));
        QString error;
        const auto saved = saveAndRead(session.log(), &error);
        QVERIFY2(saved, qPrintable(error));
        ReplaySource replay(*saved);
        QCOMPARE(replay.state(), EventSource::State::Stepping);
        for (int i = 0; i < 4; ++i) // socket, bind, listen, accept
            QVERIFY(replay.step());
        QCOMPARE(replay.log().callsInProgress().size(), 1);
        QCOMPARE(replay.log().callsInProgress().first().call, Call::Accept);
        QVERIFY(replay.log().callsInProgress().first().blocked);
        const StageState waiting = projectStage(replay.log().calls(), replay.log().calls().size(),
                                                replay.log().callsInProgress(), replay.nowNs());
        QCOMPARE(waiting.endpoints.first().waitingCall, Call::Accept);
        while (replay.step()) {
        }
        QCOMPARE(replay.state(), EventSource::State::Finished);
        QVERIFY(replay.log().callsInProgress().isEmpty());
        QCOMPARE(replay.log().calls().size(), session.log().calls().size());
        replay.reset();
        QVERIFY(replay.log().calls().isEmpty());
        QCOMPARE(replay.nextStepIndex(), 0);
    }

    // Saved in the middle of a run, while accept() waits: the replay draws it waiting at the
    // end, as the window showed it when saved.
    void savedWhileACallWaits()
    {
        Session session;
        session.load(*m_catalog.find(QStringLiteral("tcp-echo")), onFreePort());
        QVERIFY(stepTimes(session, 4));
        QTRY_COMPARE(session.log().callsInProgress().size(), 1);
        QTRY_VERIFY(session.log().callsInProgress().first().blocked);
        QString error;
        const auto saved = saveAndRead(session.log(), &error);
        QVERIFY2(saved, qPrintable(error));
        QCOMPARE(saved->unfinished.size(), 1);
        QVERIFY(!saved->outcome);
        ReplaySource replay(*saved);
        QVERIFY(replayToEnd(replay));
        QCOMPARE(replay.log().callsInProgress(), session.log().callsInProgress());
        const StageState waiting = projectStage(replay.log().calls(), replay.log().calls().size(),
                                                replay.log().callsInProgress(), replay.nowNs());
        QCOMPARE(waiting.endpoints.first().waitingCall, Call::Accept);
    }

    // In the window: File > Open, then Next as in class; Back and Forward move through it.
    void windowReplaysASavedSession()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("tcp-echo.jsonl"));
        StageState atTheEnd;
        {
            Session session;
            QVERIFY(runToEnd(session, *m_catalog.find(QStringLiteral("tcp-echo"))));
            QString error;
            QVERIFY2(SessionFile::save(session.log(), path, &error), qPrintable(error));
            atTheEnd = projectStage(session.log().calls(), session.log().calls().size());
        }
        MainWindow window(m_catalog, QStringLiteral("fr"), 0, CaptureMode::InferOnly);
        window.show();
        QString error;
        QVERIFY2(window.openSession(path, &error), qPrintable(error));
        QVERIFY(window.replay());
        QCOMPARE(window.source(), window.replay());
        // Nothing of the scenario run goes on meanwhile: no actor, no socket, no helper.
        QCOMPARE(window.session()->state(), EventSource::State::Empty);
        QVERIFY(window.session()->log().isEmpty());
        int presses = 0;
        while (window.source()->canStep()) {
            window.next();
            window.stage()->skipAnimation();
            ++presses;
        }
        QCOMPARE(presses, 13);
        QCOMPARE(window.source()->state(), EventSource::State::Finished);
        QVERIFY(window.stage()->state() == atTheEnd);
        window.cursor()->back();
        QCOMPARE(window.stage()->state().cursor, atTheEnd.cursor - 1);
        // Back to a scenario: the live run again.
        QVERIFY(window.selectScenario(QStringLiteral("udp-echo")));
        QCOMPARE(window.source(), window.session());
        QVERIFY(!window.replay());
        QVERIFY(!window.openSession(dir.filePath(QStringLiteral("missing.jsonl")), &error));
        QVERIFY(error.contains(QLatin1String("missing.jsonl")));
    }

    // File > Save in one window after a class run by Next, File > Open in another: the same
    // stage at every position.
    void windowSavesWhatItShowed()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("tcp-concurrent-fork.jsonl"));
        QList<StageState> shown;
        {
            MainWindow window(m_catalog, QStringLiteral("en"), 0, CaptureMode::InferOnly);
            QVERIFY(window.selectScenario(QStringLiteral("tcp-concurrent-fork")));
            window.show();
            Session* session = window.session();
            while (session->state() != EventSource::State::Finished) {
                QVERIFY(QTest::qWaitFor(
                    [&] {
                        return session->canStep() ||
                               session->state() == EventSource::State::Finished;
                    },
                    20'000));
                if (session->canStep()) {
                    window.next();
                    window.stage()->skipAnimation();
                }
            }
            QString error;
            QVERIFY2(window.saveSession(path, &error), qPrintable(error));
            while (window.cursor()->position() > 0) {
                shown.prepend(window.stage()->state());
                window.cursor()->back();
            }
        }
        QVERIFY(shown.size() > 10);
        MainWindow window(m_catalog, QStringLiteral("en"), 0, CaptureMode::InferOnly);
        window.show();
        QString error;
        QVERIFY2(window.openSession(path, &error), qPrintable(error));
        while (window.source()->canStep()) {
            window.next();
            window.stage()->skipAnimation();
        }
        while (window.cursor()->position() > 0)
            window.cursor()->back();
        for (const StageState& expected : std::as_const(shown)) {
            window.cursor()->forward();
            StageState got = window.stage()->state();
            // At the live end the stage's clock is the moment of looking (it times waiting
            // calls); there is none left here.
            if (window.cursor()->isLive()) {
                QVERIFY(std::none_of(got.endpoints.cbegin(), got.endpoints.cend(),
                                     [](const StageEndpoint& e) { return e.waitingCall; }));
                got.timeNs = expected.timeNs;
            }
            QVERIFY2(got == expected, qPrintable(QString::number(got.cursor)));
        }
        QVERIFY(window.cursor()->isLive());
    }
};

QTEST_MAIN(TestReplay)
#include "tst_replay.moc"
