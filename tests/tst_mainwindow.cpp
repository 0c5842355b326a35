#include "byteorderview.h"
#include "calllogmodel.h"
#include "logcursor.h"
#include "logpresenter.h"
#include "mainwindow.h"
#include "packetpanel.h"
#include "scenarios/scenariocatalog.h"
#include "sequencediagramview.h"
#include "sources/session.h"
#include "stageview.h"
#include "statusline.h"
#include "testscenarios.h"
#include "testwindow.h"
#include "tuplecardsview.h"

#include <QAction>
#include <QElapsedTimer>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>

using namespace SocketScope;
using TestWindow::next;

namespace {

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
    // Selecting connect() lights its handshake up in the diagram; clicking a packet takes
    // every view to the call that caused it, marks its two descriptors and shows its bytes.
    // Inferred everywhere; captured too where this machine permits it.
    void packetsFollowTheCursor_data()
    {
        QTest::addColumn<bool>("capture");
        QTest::newRow("inferred") << false;
        QTest::newRow("captured") << true;
    }
    void packetsFollowTheCursor()
    {
        QFETCH(bool, capture);
        MainWindow window(m_catalog, QStringLiteral("en"), 0,
                          capture ? CaptureMode::CaptureIfPermitted : CaptureMode::InferOnly);
        QVERIFY(window.selectScenario(QStringLiteral("tcp-echo")));
        window.show();
        window.session()->setIntervalMs(0);
        window.session()->run();
        QTRY_COMPARE_WITH_TIMEOUT(window.session()->state(), Session::State::Finished, 20'000);
        const bool captured =
            window.session()->log().captureStatus().kind == CaptureStatus::Kind::Captured;
        if (capture && !captured)
            QSKIP("capture is not permitted here");
        QVERIFY(window.packets()->sourceText().contains(captured ? QLatin1String("Captured")
                                                                 : QLatin1String("Inferred")));

        const EventLog& log = window.session()->log();
        int connectPosition = 0;
        qint64 connectSeq = -1;
        for (int i = 0; i < log.calls().size(); ++i) {
            if (log.calls()[i].call == Call::Connect) {
                connectPosition = i + 1;
                connectSeq = log.calls()[i].seq;
            }
        }
        window.cursor()->setPosition(connectPosition);
        SequenceDiagramView* diagram = window.packets()->diagram();
        QList<qint64> handshake;
        for (const PacketEvent& packet : log.packets()) {
            if (!packet.isTheSessions())
                continue;
            if (packet.cause == connectSeq)
                handshake << packet.seq;
            QCOMPARE(packet.inferred, !captured);
        }
        QCOMPARE(handshake.size(), 3); // SYN, SYN/ACK, ACK
        QCOMPARE(diagram->highlightedPackets(), handshake);
        QCOMPARE(diagram->model().rowCount(), 3); // later packets are not there yet

        // Back to the end, then a click on the client's data segment.
        window.cursor()->toLive();
        int dataRow = -1;
        for (int row = 0; row < diagram->model().rowCount(); ++row) {
            if (diagram->model().packet(row).payloadLength() == 14)
                dataRow = row;
        }
        QVERIFY(dataRow >= 0);
        const PacketEvent data = diagram->model().packet(dataRow);
        diagram->verticalScrollBar()->setValue(0); // the user scrolls up to it
        const QRect rowRect = diagram->visualRowRect(dataRow);
        QVERIFY2(diagram->viewport()->rect().contains(rowRect.center()),
                 qPrintable(QStringLiteral("row at %1,%2 in a viewport of %3x%4")
                                .arg(rowRect.center().x())
                                .arg(rowRect.center().y())
                                .arg(diagram->viewport()->width())
                                .arg(diagram->viewport()->height())));
        QTest::mouseClick(diagram->viewport(), Qt::LeftButton, {}, rowRect.center());
        QCOMPARE(diagram->selectedPacket(), data.seq);
        QCOMPARE(log.calls()[window.cursor()->position() - 1].seq, data.cause);
        QCOMPARE(log.calls()[window.cursor()->position() - 1].call, Call::Write);
        QCOMPARE(window.tupleCards()->highlighted(),
                 (QList<PacketEnd>{data.sender, data.receiver}));
        QVERIFY(window.tupleCards()->cardsHtml().contains(QLatin1String("selected packet")));
        const QString bytes = window.bytes()->toPlainText();
        QVERIFY(bytes.contains(QStringLiteral("Packet %1").arg(data.seq)));
        if (captured)
            QVERIFY(bytes.contains(QLatin1String("destination port")));
    }

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

    // The views of a run speak of this run: the narration names the descriptor the stage
    // draws, French payloads read as French, the Bytes panel shows what a program without
    // htons() stored, and an AF_UNIX session is not promised packets.
    void everyViewTellsThisRunsTruth()
    {
        MainWindow window(m_catalog, QStringLiteral("fr"), 0);
        QVERIFY(window.selectScenario(QStringLiteral("tcp-echo")));
        window.show();
        next(window); // socket
        const int fd = window.stage()->state().endpoints.at(0).fd;
        const QString narration = window.presenter()->narrationAt(1);
        QVERIFY2(narration.contains(QStringLiteral("ici %1.").arg(fd)), qPrintable(narration));
        QVERIFY(stageText(*window.stage()).contains(QStringLiteral("descripteur %1").arg(fd)) ||
                stageText(*window.stage()).contains(QStringLiteral("descriptor %1").arg(fd)));

        QVERIFY(window.selectScenario(QStringLiteral("name-age-dialog")));
        window.session()->setIntervalMs(0);
        window.session()->run();
        QTRY_COMPARE_WITH_TIMEOUT(window.session()->state(), Session::State::Finished, 20'000);
        const EventLog& log = window.session()->log();
        int greeting = 0;
        for (int i = 0; i < log.calls().size(); ++i) {
            if (log.calls()[i].call == Call::Read && log.calls()[i].actor == u"client" &&
                log.calls()[i].results.data.contains("\xc3\xa2ge"))
                greeting = i + 1;
        }
        QVERIFY(greeting > 0);
        window.cursor()->setPosition(greeting);
        const QString call =
            window.presenter()
                ->callModel()
                ->data(window.presenter()->callModel()->index(
                    window.presenter()->callModel()->rowOf(log.calls()[greeting - 1].seq),
                    CallLogModel::CallColumn))
                .toString();
        QVERIFY2(call.contains(QStringLiteral("\"Votre âge approximatif est 22.\\n")) &&
                     !call.contains(QLatin1String("\\303")),
                 qPrintable(call));

        QVERIFY(window.selectScenario(QStringLiteral("forgot-htons")));
        window.session()->setIntervalMs(0);
        window.session()->run();
        QTRY_COMPARE_WITH_TIMEOUT(window.session()->state(), Session::State::Finished, 20'000);
        const QList<CallEvent>& calls = window.session()->log().calls();
        for (int i = 0; i < calls.size(); ++i) {
            if (calls[i].actor == u"forgetful" && calls[i].call == Call::Connect)
                window.cursor()->setPosition(i + 1);
        }
        const QString bytes = window.bytes()->toPlainText();
        QVERIFY2(bytes.contains(QStringLiteral("port %1 stored without htons()")
                                    .arg(window.session()->servicePort())),
                 qPrintable(bytes));

        QVERIFY(window.selectScenario(QStringLiteral("af-unix")));
        QVERIFY2(window.packets()->sourceText().contains(QLatin1String("AF_UNIX")),
                 qPrintable(window.packets()->sourceText()));
        window.session()->setIntervalMs(0);
        window.session()->run();
        QTRY_COMPARE_WITH_TIMEOUT(window.session()->state(), Session::State::Finished, 20'000);
        QVERIFY(window.packets()->sourceText().contains(QLatin1String("AF_UNIX")));
        QVERIFY(!window.packets()->sourceText().contains(QLatin1String("Captured")));
        QVERIFY(window.selectScenario(QStringLiteral("udp-echo")));
        QVERIFY(!window.packets()->sourceText().contains(QLatin1String("AF_UNIX")));
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
        // Next goes on through what was recorded, like a slide show; at the live end it
        // performs the next real call.
        cursor->setPosition(live - 1);
        window.next();
        QCOMPARE(cursor->position(), live);
        QCOMPARE(window.session()->log().calls().size(), callsBefore);
        window.next();
        QTRY_VERIFY(cursor->position() > live);
        QVERIFY(cursor->isLive());

        // Reset, and another scenario, with the cursor anywhere: every view starts over on
        // the empty log.
        for (const int position : {cursor->count(), 2}) {
            cursor->setPosition(position);
            window.session()->reset();
            QCOMPARE(cursor->position(), 0);
            QCOMPARE(window.stage()->state().cursor, 0);
            QVERIFY(window.stage()->state().endpoints.isEmpty());
            for (int i = 0; i < 3; ++i)
                next(window);
            QTRY_COMPARE(window.stage()->state().cursor, 3);
        }
        QVERIFY(window.selectScenario(QStringLiteral("udp-echo")));
        QCOMPARE(window.stage()->state().cursor, 0);
        QVERIFY(window.stage()->state().endpoints.isEmpty());
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

    // A traced program says how each of its processes ended, one sentence each: a thousand
    // of them once made the status bar wrap, the window grow, its fonts (which follow its
    // height) grow, and the window again. The status bar keeps one line: the latest
    // sentence, how many came before, the rest in its tooltip.
    void aGrowingNoticeNeverGrowsTheWindow()
    {
        MainWindow window(m_catalog, QStringLiteral("en"), 0, CaptureMode::InferOnly);
        const QSize size(1280, 720);
        window.resize(size);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* line = window.findChild<StatusLine*>();
        QVERIFY(line);
        const int lineHeight = line->height();
        QStringList ends;
        for (int i = 1; i <= 1000; ++i) {
            ends << QStringLiteral("server (%1) ended with status 0, after it served its "
                                   "client and closed the connection it was given.")
                        .arg(1000 + i);
            if (i % 100 != 0)
                continue;
            line->setFullText(ends.join(QLatin1Char('\n')));
            QCoreApplication::processEvents();
            QCOMPARE(window.size(), size);
            QCOMPARE(line->height(), lineHeight);
            QVERIFY(window.minimumSizeHint().height() <= size.height());
        }
        QVERIFY2(line->text().startsWith(QLatin1String("(999 earlier) server (2000) ended")),
                 qPrintable(line->text()));
        QVERIFY(line->toolTip().startsWith(QStringLiteral("… and 980 earlier\nserver (1981)")));
        QVERIFY(line->toolTip().endsWith(ends.last()));
    }

    void closingDuringABlockedAcceptIsQuickAndClean()
    {
        auto* window = new MainWindow(m_catalog, QStringLiteral("en"), 0);
        window->selectScenario(QStringLiteral("tcp-echo"));
        window->show();
        for (int i = 0; i < 4; ++i)
            next(*window);
        QTRY_VERIFY(!window->session()->log().callsInProgress().isEmpty());
        QElapsedTimer timer;
        // Reset during the blocked accept: the actor is woken, everything closed at once.
        timer.start();
        window->session()->reset();
        QVERIFY2(timer.elapsed() < 500, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(window->session()->log().callsInProgress().isEmpty());
        for (int i = 0; i < 4; ++i)
            next(*window);
        QTRY_VERIFY(!window->session()->log().callsInProgress().isEmpty());
        timer.start();
        window->close();
        delete window;
        QVERIFY2(timer.elapsed() < 500, qPrintable(QString::number(timer.elapsed())));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
