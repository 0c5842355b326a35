#include "testlivesource.h"

#include <QElapsedTimer>
#include <QSet>
#include <QTest>

using namespace SocketScope;
using namespace SocketScope::TestLiveSource;

// How the views follow the live end of the log: stepped, every call as it returns; running
// on by itself, at most once a frame, the last call always shown within a frame and at once
// when the run pauses or ends.
class TestLiveFollow : public QObject {
    Q_OBJECT
private:
    struct Fixture {
        ViewsWindow window;
        LogPresenter presenter{window.views};
        LiveSource source;
        qint64 nextSeq = 10;

        Fixture() { presenter.setSource(&source); }
        // One call returned, as an actor reports it; the stage's cursor once it is in.
        int appendCall()
        {
            const CallEvent event = sendCall(nextSeq++, monotonicNowNs());
            source.onCallStarted(startOf(event));
            source.onCallFinished(event);
            return window.views.stage->state().cursor;
        }
        int calls() const { return int(source.log().calls().size()); }
    };

private Q_SLOTS:
    void runningFreeIsFollowedOnceAFrame()
    {
        Fixture fixture;
        fixture.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&fixture.window));
        // 500 calls with no turn of the event loop between them: each time the views were
        // fed, the stage shows another cursor.
        QSet<int> shown;
        QElapsedTimer elapsed;
        elapsed.start();
        for (int i = 0; i < 500; ++i)
            shown.insert(fixture.appendCall());
        const qint64 frames = elapsed.elapsed() / 16;
        QVERIFY2(
            shown.size() <= frames + 2,
            qPrintable(QStringLiteral("%1 updates in %2 frames").arg(shown.size()).arg(frames)));
        QTRY_COMPARE(fixture.window.views.stage->state().cursor, fixture.calls());
    }

    void aRunThatStopsShowsItsLastCallAtOnce_data()
    {
        QTest::addColumn<EventSource::State>("state");
        QTest::newRow("finished") << EventSource::State::Finished;
        QTest::newRow("paused") << EventSource::State::Stepping;
    }
    void aRunThatStopsShowsItsLastCallAtOnce()
    {
        QFETCH(EventSource::State, state);
        Fixture fixture;
        for (int i = 0; i < 20; ++i)
            fixture.appendCall();
        fixture.source.become(state);
        QCOMPARE(fixture.window.views.stage->state().cursor, fixture.calls());
    }

    void steppedEachCallIsShownAsItReturns()
    {
        Fixture fixture;
        fixture.source.become(EventSource::State::Stepping);
        for (int i = 0; i < 50; ++i) {
            const int shown = fixture.appendCall();
            QCOMPARE(shown, fixture.calls());
        }
    }
};

QTEST_MAIN(TestLiveFollow)
#include "tst_livefollow.moc"
