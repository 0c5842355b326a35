// A crowded stage (a traced server's thousand children, a client with a thousand
// connections) is drawn with the part that matters now, and says what it leaves out.
#include "stagecrowd.h"
#include "stagelayout.h"
#include "stageview.h"

#include <QTest>

using namespace SocketScope;
using namespace Qt::StringLiterals;

namespace {

using Phase = StageEndpoint::Phase;

StageEndpoint endpointOf(const QString& actor, int fd, Phase phase)
{
    StageEndpoint endpoint;
    endpoint.actor = actor;
    endpoint.fd = fd;
    endpoint.phase = phase;
    return endpoint;
}

QStringList actorsNamed(int count)
{
    QStringList ids;
    for (int i = 0; i < count; ++i)
        ids << QStringLiteral("p%1").arg(i);
    return ids;
}

QList<int> fdsOf(const StageState& state)
{
    QList<int> fds;
    for (const StageEndpoint& endpoint : state.endpoints)
        fds << endpoint.fd;
    return fds;
}

// A forking server's stage: p0 listening, each child with one handset, all but a few closed.
StageState forkedChildren(const QStringList& actors)
{
    StageState state;
    state.endpoints << endpointOf(actors[0], 3, Phase::Listening);
    for (qsizetype i = 1; i < actors.size(); ++i)
        state.endpoints << endpointOf(actors[i], 4, Phase::Closed);
    return state;
}

// The stage of a 1280x720 window, shown: a hidden widget is told of its new size only then.
void showCrowd(StageView& view, const QStringList& actors, const StageState& state)
{
    view.resize(1280, 590);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setActors(actors, actors);
    view.setState(state);
}

} // namespace

class TestStageCrowd : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void aStageWithinTheBoundsIsWhole()
    {
        const QStringList actors = actorsNamed(int(stageMostActors));
        StageState state = forkedChildren(actors);
        state.lines << StageLine{0, 1, false, true};
        state.last.kind = StageExchange::Kind::HangUp;
        state.last.from = 2;
        const StageCrowd crowd = foldCrowd(state, actors);
        QVERIFY(!crowd.folded());
        QCOMPARE(crowd.state, state);
        QCOMPARE(crowd.actorIds, actors);
    }

    void theProcessesThatMatterNowAreKept()
    {
        const QStringList actors = actorsNamed(40);
        StageState state = forkedChildren(actors);
        state.endpoints[5].phase = Phase::Connected;  // p5 still talks to its client
        state.endpoints[12].waitingCall = Call::Read; // p12 waits in read()
        state.endpoints[30].phase = Phase::Connected; // p30 is the last call's
        state.last.kind = StageExchange::Kind::Speech;
        state.last.from = 30;
        state.last.to = 0;
        state.lines << StageLine{30, 0, false, false} << StageLine{20, 0, false, true};

        const StageCrowd crowd = foldCrowd(state, actors);
        QVERIFY(crowd.folded());
        QCOMPARE(crowd.actors, qsizetype(40));
        QCOMPARE(crowd.endpoints, qsizetype(40));
        // The server; the last call's and the waiting one; the open one; then the latest
        // closed: in the order given, so that the columns keep their order.
        QCOMPARE(crowd.actorIds, (QStringList{u"p0"_s, u"p5"_s, u"p12"_s, u"p30"_s, u"p36"_s,
                                              u"p37"_s, u"p38"_s, u"p39"_s}));
        QCOMPARE(crowd.state.endpoints.size(), qsizetype(8));
        QCOMPARE(crowd.state.endpoints[3].actor, QStringLiteral("p30"));
        // The last exchange and the line between descriptors drawn follow them; a line to a
        // descriptor left out goes with it.
        QCOMPARE(crowd.state.last.from, 3);
        QCOMPARE(crowd.state.last.to, 0);
        QCOMPARE(crowd.state.lines, (QList<StageLine>{StageLine{3, 0, false, false}}));
    }

    void theLastCallsProcessBeforeTheWaitingOnes()
    {
        // Twenty children blocked in read(), and the call at the cursor an older one's: its
        // bubble keeps its speaker.
        const QStringList actors = actorsNamed(21);
        StageState state = forkedChildren(actors);
        for (qsizetype i = 1; i < actors.size(); ++i) {
            state.endpoints[i].phase = Phase::Connected;
            state.endpoints[i].waitingCall = Call::Read;
        }
        state.last.kind = StageExchange::Kind::Speech;
        state.last.from = 3;
        const StageCrowd crowd = foldCrowd(state, actors);
        QVERIFY(crowd.actorIds.contains(u"p3"_s));
        QCOMPARE(crowd.state.endpoints.value(crowd.state.last.from).actor, u"p3"_s);
        QCOMPARE(crowd.given.value(crowd.state.last.from), 3);
    }

    void fewerWhereTheStageIsSmaller()
    {
        const QStringList actors = actorsNamed(40);
        StageState state = forkedChildren(actors);
        for (int fd = 5; fd < 15; ++fd)
            state.endpoints << endpointOf(actors[0], fd, Phase::Connected);
        const StageCrowd crowd = foldCrowd(state, actors, {3, 2});
        QCOMPARE(crowd.actorIds, (QStringList{u"p0"_s, u"p38"_s, u"p39"_s}));
        // The server's listening socket and its latest open connection, then the children's.
        QCOMPARE(fdsOf(crowd.state), (QList<int>{3, 4, 4, 14}));
        for (qsizetype i = 0; i < crowd.state.endpoints.size(); ++i)
            QCOMPARE(crowd.state.endpoints[i].fd, state.endpoints[crowd.given[i]].fd);
    }

    void anActorsLatestOpenDescriptorsAreKept()
    {
        // A client with twenty connections: the listening socket, the one in a call, then the
        // latest open ones before any closed one.
        const QStringList actors{QStringLiteral("client")};
        StageState state;
        state.endpoints << endpointOf(actors[0], 3, Phase::Listening);
        for (int fd = 4; fd < 14; ++fd)
            state.endpoints << endpointOf(actors[0], fd, Phase::Connected);
        for (int fd = 14; fd < 23; ++fd)
            state.endpoints << endpointOf(actors[0], fd, Phase::Closed);
        state.endpoints[2].waitingCall = Call::Read; // fd 5

        const StageCrowd crowd = foldCrowd(state, actors);
        QCOMPARE(crowd.actorIds, actors);
        QCOMPARE(fdsOf(crowd.state), (QList<int>{3, 5, 8, 9, 10, 11, 12, 13}));
    }

    void theStageSaysWhatItLeavesOut()
    {
        StageView view;
        const QStringList actors = actorsNamed(1001);
        showCrowd(view, actors, forkedChildren(actors));
        QCOMPARE(view.state().endpoints.size(), stageMostActors);
        QCOMPARE(view.scene().columns.size(), stageMostActors);
        QCOMPARE(view.crowdNote(), QStringLiteral("Not drawn, to keep the stage readable: 993 of "
                                                  "1001 processes and 993 of 1001 descriptors. "
                                                  "The Calls list has every call."));
        // Nothing drawn where the note stands: two lines at the smallest text at least.
        const qreal smallest = StageLayout::minimumTextPixels(view.size(), 1);
        for (const QRectF& column : view.scene().columns)
            QVERIFY(column.bottom() <= view.height() - 2 * smallest);

        // A small window draws fewer, each column still wide enough for its heading.
        view.resize(480, 270);
        QVERIFY(view.state().endpoints.size() < stageMostActors);
        for (const QRectF& column : view.scene().columns)
            QVERIFY(column.right() <= view.width());
        QVERIFY(!view.crowdNote().isEmpty());

        // Back to a small stage: everything drawn, no note.
        const QStringList two = actorsNamed(2);
        view.setActors(two, two);
        view.setState(forkedChildren(two));
        QCOMPARE(view.state().endpoints.size(), qsizetype(2));
        QVERIFY(view.crowdNote().isEmpty());
    }

    void aPinFollowsItsDescriptor()
    {
        StageView view;
        const QStringList actors = actorsNamed(1001);
        StageState state = forkedChildren(actors);
        showCrowd(view, actors, state);
        const auto drawnOf = [&](const QString& actor) {
            const QList<StageEndpoint>& drawn = view.state().endpoints;
            for (qsizetype i = 0; i < drawn.size(); ++i) {
                if (drawn[i].actor == actor)
                    return int(i);
            }
            return -1;
        };
        const int latest = drawnOf(u"p1000"_s);
        QVERIFY(latest > 0);
        QTest::mouseClick(&view, Qt::LeftButton, {},
                          view.scene().cells.value(latest).icon.center().toPoint());
        QCOMPARE(view.pinnedEndpoint(), latest);

        // A narrower stage draws fewer: the pin stays with the same descriptor.
        view.resize(640, 590);
        QVERIFY(drawnOf(u"p1000"_s) < latest);
        QCOMPARE(view.pinnedEndpoint(), drawnOf(u"p1000"_s));

        // Children with open connections come first: p1000's closed one is no longer drawn,
        // and nothing else takes its pin.
        for (qsizetype i = 1; i < stageMostActors; ++i)
            state.endpoints[i].phase = Phase::Connected;
        view.setState(state);
        QCOMPARE(drawnOf(u"p1000"_s), -1);
        QCOMPARE(view.pinnedEndpoint(), -1);
    }
};

QTEST_MAIN(TestStageCrowd)
#include "tst_stagecrowd.moc"
