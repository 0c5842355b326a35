// A crowded stage (a traced server's thousand children, a client with a thousand
// connections) is drawn with the part that matters now, and says what it leaves out.
#include "stagecrowd.h"
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
        view.resize(1280, 590);
        const QStringList actors = actorsNamed(1001);
        view.setActors(actors, actors);
        view.setState(forkedChildren(actors));
        QCOMPARE(view.state().endpoints.size(), stageMostActors);
        QCOMPARE(view.scene().columns.size(), stageMostActors);
        QCOMPARE(view.crowdNote(), QStringLiteral("Not drawn, to keep the stage readable: 993 of "
                                                  "1001 processes and 993 of 1001 descriptors. "
                                                  "The Calls list has every call."));
        // Nothing drawn where the note stands.
        for (const QRectF& column : view.scene().columns)
            QVERIFY(column.bottom() <= view.height() - 2 * 13);

        // Back to a small stage: everything drawn, no note.
        const QStringList two = actorsNamed(2);
        view.setActors(two, two);
        view.setState(forkedChildren(two));
        QCOMPARE(view.state().endpoints.size(), qsizetype(2));
        QVERIFY(view.crowdNote().isEmpty());
    }
};

QTEST_MAIN(TestStageCrowd)
#include "tst_stagecrowd.moc"
