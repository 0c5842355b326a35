#include "logcursor.h"
#include "mainwindow.h"
#include "scenariocatalog.h"
#include "session.h"
#include "stageview.h"
#include "testscenarios.h"

#include <QAction>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace SocketScope;

namespace {

// Next, then wait until the call returned or blocked and the stage settled.
void next(MainWindow& window)
{
    window.next();
    QVERIFY(QTest::qWaitFor([&] {
        return window.session()->canStep() || window.session()->state() == Session::State::Finished;
    }));
    window.stage()->skipAnimation();
}

QString stageText(const StageView& stage)
{
    QStringList all;
    for (qsizetype i = 0; i < stage.state().endpoints.size(); ++i)
        all << stage.describe(int(i));
    return all.join(QLatin1Char('\n'));
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private:
    ScenarioCatalog m_catalog = ScenarioCatalog::builtIn();

private Q_SLOTS:
    void tcpEchoStageAfterEachStep()
    {
        MainWindow window(m_catalog, QStringLiteral("en"), 0);
        QVERIFY(window.selectScenario(QStringLiteral("tcp-echo")));
        window.show();
        StageView* stage = window.stage();
        QVERIFY(stage->state().endpoints.isEmpty());

        next(window); // socket
        QVERIFY(stageText(*stage).contains(QLatin1String("telephone, descriptor")));
        QVERIFY(stageText(*stage).contains(QLatin1String("no number yet")));
        next(window); // bind
        next(window); // listen
        QVERIFY(stageText(*stage).contains(QLatin1String("ringer on")));
        QVERIFY(stageText(*stage).contains(QLatin1String("waiting line 0/5")));
        QVERIFY(stageText(*stage).contains(
            QStringLiteral("number 127.0.0.1:%1").arg(window.session()->servicePort())));
        next(window); // accept blocks
        QTRY_VERIFY(stageText(*stage).contains(QLatin1String("waiting by the phone")));
        next(window); // client socket
        next(window); // connect: the server picks up a new handset
        QTRY_COMPARE(stage->state().endpoints.size(), 3);
        QVERIFY(stageText(*stage).contains(QLatin1String("new handset, descriptor")));
        QVERIFY(!stageText(*stage).contains(QLatin1String("waiting by the phone")));
        QCOMPARE(stage->state().lines.size(), 1);
        next(window); // write
        QVERIFY(stageText(*stage).contains(QLatin1String("not heard yet: \"Hello world !\\n\"")));
        while (window.session()->state() != Session::State::Finished)
            next(window);
        QVERIFY(window.session()->outcome()->passed);
        QVERIFY(stageText(*stage).contains(QLatin1String("hung up")));
        QVERIFY(!window.grab().isNull());
    }

    void udpEchoMailboxes()
    {
        MainWindow window(m_catalog, QStringLiteral("en"), 0);
        QVERIFY(window.selectScenario(QStringLiteral("udp-echo")));
        window.show();
        for (int i = 0; i < 3; ++i)
            next(window);
        QTRY_VERIFY(stageText(*window.stage()).contains(QLatin1String("waiting for the mail")));
        QVERIFY(stageText(*window.stage()).contains(QLatin1String("mailbox, descriptor")));
        while (window.session()->state() != Session::State::Finished)
            next(window);
        QVERIFY(window.session()->outcome()->passed);
    }

    void backAndForwardRedrawThePast()
    {
        MainWindow window(m_catalog, QStringLiteral("en"), 0);
        window.selectScenario(QStringLiteral("tcp-echo"));
        window.show();
        for (int i = 0; i < 6; ++i)
            next(window);
        QTRY_COMPARE(window.stage()->state().endpoints.size(), 3);
        LogCursor* cursor = window.cursor();
        const int live = cursor->position();
        const qsizetype callsBefore = window.session()->log().calls().size();
        cursor->setPosition(3); // after listen
        QCOMPARE(window.stage()->state().cursor, 3);
        QCOMPARE(window.stage()->state().endpoints.size(), 1);
        QVERIFY(stageText(*window.stage()).contains(QLatin1String("ringer on")));
        cursor->forward();
        QCOMPARE(window.stage()->state().cursor, 4);
        // Nothing was re-run: the log has the same calls.
        QCOMPARE(window.session()->log().calls().size(), callsBefore);
        // Next performs the next real call from the live end, wherever the cursor was.
        window.next();
        QTRY_VERIFY(cursor->position() > live);
        QVERIFY(cursor->isLive());
    }

    void refusedConnectDrawn()
    {
        ScenarioCatalog catalog;
        catalog.loadFolder(QStringLiteral(SOCKETSCOPE_TEST_DATA "/session"));
        MainWindow window(catalog, QStringLiteral("en"), 0);
        QVERIFY(window.selectScenario(QStringLiteral("refused-expected")));
        window.show();
        next(window);
        next(window);
        QTRY_VERIFY(stageText(*window.stage())
                        .contains(QLatin1String(
                            "nobody picks up at 127.0.0.1:0: the line is dead (ECONNREFUSED)")));
        window.stage()->setViewMode(StageView::ViewMode::Protocol);
        QVERIFY(
            stageText(*window.stage()).contains(QLatin1String("connect() failed: ECONNREFUSED")));
        QVERIFY(stageText(*window.stage()).contains(QLatin1String("fd ")));
    }

    void protocolViewUsesTechnicalLabels()
    {
        MainWindow window(m_catalog, QStringLiteral("en"), 0);
        window.selectScenario(QStringLiteral("tcp-echo"));
        window.show();
        for (int i = 0; i < 4; ++i)
            next(window);
        StageView* stage = window.stage();
        QSignalSpy modeChanged(stage, &StageView::viewModeChanged);
        stage->setViewMode(StageView::ViewMode::Protocol);
        QCOMPARE(modeChanged.size(), 1);
        QTRY_VERIFY(stageText(*stage).contains(QLatin1String("accept() blocked for")));
        QVERIFY(stageText(*stage).contains(QLatin1String("LISTEN")));
        QVERIFY(stageText(*stage).contains(QLatin1String("accept queue 0/5")));
        QVERIFY(!stageText(*stage).contains(QLatin1String("telephone")));
        stage->setViewMode(StageView::ViewMode::Protocol);
        QCOMPARE(modeChanged.size(), 1); // unchanged: no signal
    }

    void animationFollowsTheSpeedAndCanBeSkipped()
    {
        MainWindow window(m_catalog, QStringLiteral("en"), 0);
        window.selectScenario(QStringLiteral("tcp-echo"));
        window.show();
        window.setSpeed(0.25);
        QCOMPARE(window.stage()->animationDuration(), 2800);
        window.setSpeed(4);
        QCOMPARE(window.stage()->animationDuration(), 175);
        window.setSpeed(0.25);
        QSignalSpy finished(window.stage(), &StageView::animationFinished);
        window.next();
        QTRY_VERIFY(window.stage()->isAnimationRunning());
        QVERIFY(window.stage()->transition() < 1);
        window.stage()->skipAnimation();
        QVERIFY(!window.stage()->isAnimationRunning());
        QCOMPARE(window.stage()->transition(), 1.0);
        QVERIFY(!finished.isEmpty());
    }

    void closingDuringABlockedAcceptIsQuickAndClean()
    {
        auto* window = new MainWindow(m_catalog, QStringLiteral("en"), 0);
        window->selectScenario(QStringLiteral("tcp-echo"));
        window->show();
        for (int i = 0; i < 4; ++i)
            next(*window);
        QTRY_VERIFY(!window->session()->callsInProgress().isEmpty());
        QElapsedTimer timer;
        timer.start();
        window->close();
        delete window;
        QVERIFY2(timer.elapsed() < 500, qPrintable(QString::number(timer.elapsed())));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
