#include "sources/session.h"
#include "stagestate.h"
#include "testlog.h"
#include "testscenarios.h"

#include <QSet>
#include <QSignalSpy>
#include <QTest>

using namespace SocketScope;
using namespace SocketScope::TestLog;

namespace {

using Phase = StageEndpoint::Phase;

StageState live(const Session& session)
{
    return projectStage(session.log().calls(), int(session.log().calls().size()),
                        session.log().callsInProgress(), monotonicNowNs());
}

// Performs the next step and waits until its call returned or blocked, as Next does.
bool stepAndSettle(Session& session)
{
    if (!session.step())
        return false;
    return QTest::qWaitFor(
        [&] { return session.canStep() || session.state() == Session::State::Finished; });
}

const StageEndpoint* find(const StageState& state, const QString& actor, Phase phase)
{
    for (const StageEndpoint& endpoint : state.endpoints) {
        if (endpoint.actor == actor && endpoint.phase == phase)
            return &endpoint;
    }
    return nullptr;
}

} // namespace

class TestStageState : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void tcpEchoStepByStep()
    {
        Session session;
        session.load(TestScenarios::builtIn(QStringLiteral("tcp-echo")),
                     TestScenarios::onFreePort());
        const QString server = QStringLiteral("server");
        const QString client = QStringLiteral("client");

        QVERIFY(stepAndSettle(session)); // socket: a telephone is installed
        StageState state = live(session);
        QCOMPARE(state.endpoints.size(), 1);
        QCOMPARE(state.endpoints[0].phase, Phase::Created);
        QVERIFY(!state.endpoints[0].datagram);
        QVERIFY(state.endpoints[0].fd >= 0);

        QVERIFY(stepAndSettle(session)); // bind: it gets its number
        QCOMPARE(live(session).endpoints[0].phase, Phase::Bound);

        QVERIFY(stepAndSettle(session)); // listen: the ringer is on, the waiting line drawn
        state = live(session);
        QCOMPARE(state.endpoints[0].phase, Phase::Listening);
        QCOMPARE(state.endpoints[0].backlog, 5);
        QCOMPARE(state.endpoints[0].local.endpoint(),
                 QStringLiteral("127.0.0.1:%1").arg(session.servicePort()));

        QVERIFY(stepAndSettle(session)); // accept: waiting by the phone
        state = live(session);
        QCOMPARE(state.endpoints[0].waitingCall, Call::Accept);
        QVERIFY(state.endpoints[0].waitingSinceNs > 0);
        QVERIFY(state.timeNs >= state.endpoints[0].waitingSinceNs);

        QVERIFY(stepAndSettle(session)); // the client's own telephone
        QCOMPARE(live(session).endpoints.size(), 2);

        QVERIFY(stepAndSettle(session)); // connect: the server picks up a NEW handset
        QTRY_COMPARE(live(session).endpoints.size(), 3);
        state = live(session);
        const StageEndpoint* listener = find(state, server, Phase::Listening);
        const StageEndpoint* handset = find(state, server, Phase::Connected);
        const StageEndpoint* caller = find(state, client, Phase::Connected);
        QVERIFY(listener && handset && caller);
        QVERIFY(!listener->waitingCall);
        QCOMPARE(handset->parentFd, listener->fd);
        QVERIFY(handset->fd != listener->fd);
        QCOMPARE(handset->local, listener->local); // same local port
        QCOMPARE(handset->peer, caller->local);
        QCOMPARE(state.lines.size(), 1);
        QVERIFY(!state.lines[0].queued);
        QCOMPARE(listener->queuedCallers, 0);

        QVERIFY(stepAndSettle(session)); // the client speaks
        state = live(session);
        QCOMPARE(state.last.kind, StageExchange::Kind::Speech);
        QCOMPARE(state.last.bytes, QByteArray("Hello world !\n"));
        QCOMPARE(find(state, server, Phase::Connected)->unread.leadingBytes(),
                 QByteArray("Hello world !\n"));

        QVERIFY(stepAndSettle(session)); // the server hears it
        state = live(session);
        QCOMPARE(state.last.kind, StageExchange::Kind::Heard);
        QVERIFY(find(state, server, Phase::Connected)->unread.isEmpty());

        QVERIFY(stepAndSettle(session)); // "ok\n"
        QVERIFY(stepAndSettle(session));
        QVERIFY(find(live(session), client, Phase::Connected)->unread.isEmpty());

        QVERIFY(stepAndSettle(session)); // the client hangs up
        state = live(session);
        QCOMPARE(state.last.kind, StageExchange::Kind::HangUp);
        QVERIFY(find(state, client, Phase::Closed));
        QCOMPARE(state.lines.size(), 1);
        QVERIFY(state.lines[0].hungUp);

        QVERIFY(stepAndSettle(session));
        QVERIFY(stepAndSettle(session));
        state = live(session);
        QVERIFY(state.lines.isEmpty());
        for (const StageEndpoint& endpoint : state.endpoints)
            QCOMPARE(endpoint.phase, Phase::Closed);
    }

    void pastPositionsRedrawWithoutRerunning()
    {
        Session session;
        QVERIFY(
            TestScenarios::runToEnd(session, TestScenarios::builtIn(QStringLiteral("tcp-echo"))));
        const QList<CallEvent>& calls = session.log().calls();
        int clientSocket = -1;
        for (qsizetype i = 0; i < calls.size(); ++i) {
            if (calls[i].actor == QLatin1String("client") && calls[i].call == Call::Socket)
                clientSocket = int(i);
        }
        QVERIFY(clientSocket > 0);
        // Just after the client's socket(): the server was still waiting by the phone.
        const StageState then = projectStage(calls, clientSocket + 1);
        QCOMPARE(then.cursor, clientSocket + 1);
        QCOMPARE(then.endpoints.size(), 2);
        QCOMPARE(then.endpoints[0].waitingCall, Call::Accept);
        QCOMPARE(then.lastSeq, calls[clientSocket].seq);
        // The beginning is an empty stage; the end has everything hung up.
        QVERIFY(projectStage(calls, 0).endpoints.isEmpty());
        QVERIFY(projectStage(calls, int(calls.size())).lines.isEmpty());
        QCOMPARE(projectStage(calls, 9999).cursor, int(calls.size()));
    }

    void bytesWaitForTheHandsetThatWillReceiveThem()
    {
        Session session;
        QVERIFY(
            TestScenarios::runToEnd(session, TestScenarios::builtIn(QStringLiteral("tcp-echo"))));
        // The accept may be logged after the client's first write (its thread reports later):
        // replay the log in that order.
        QList<CallEvent> calls = session.log().calls();
        const CallEvent accept = calls.takeAt(positionAfter(calls, u"server", Call::Accept) - 1);
        const int write = positionAfter(calls, u"client", Call::Write) - 1;
        calls.insert(write + 1, accept);
        const StageState beforeAccept = projectStage(calls, write + 1);
        QCOMPARE(beforeAccept.endpoints.size(), 2); // no handset yet
        QCOMPARE(beforeAccept.lines.size(), 1);
        QVERIFY(beforeAccept.lines[0].queued); // the caller waits in the listening queue
        const StageState afterAccept = projectStage(calls, write + 2);
        const StageEndpoint* handset =
            find(afterAccept, QStringLiteral("server"), Phase::Connected);
        QVERIFY(handset);
        QCOMPARE(handset->unread.leadingBytes(), QByteArray("Hello world !\n"));
    }

    // Threads share one descriptor table: the listening socket is one socket, drawn once in
    // the main thread's column, and each client's line goes to the one handset that accepted
    // its call, drawn with the thread that serves it.
    void threadsShareOneTable()
    {
        Session session;
        QVERIFY(TestScenarios::runToEnd(
            session, TestScenarios::builtIn(QStringLiteral("tcp-concurrent-threads"))));
        const QList<CallEvent>& calls = session.log().calls();
        const QStringList threads{QStringLiteral("server"), QStringLiteral("thread1"),
                                  QStringLiteral("thread2")};
        for (int position = 0; position <= calls.size(); ++position) {
            const StageState state = projectStage(calls, position);
            QSet<int> open;
            int listening = 0;
            for (const StageEndpoint& endpoint : state.endpoints) {
                if (!threads.contains(endpoint.actor) || endpoint.phase == Phase::Closed)
                    continue;
                QVERIFY2(!open.contains(endpoint.fd),
                         qPrintable(QStringLiteral("descriptor %1 drawn twice at %2")
                                        .arg(endpoint.fd)
                                        .arg(position)));
                open.insert(endpoint.fd);
                if (endpoint.phase == Phase::Listening) {
                    ++listening;
                    QCOMPARE(endpoint.actor, QStringLiteral("server"));
                }
            }
            QVERIFY(listening <= 1);
        }
        const auto lineOfClient = [](const StageState& state, const QString& client) {
            for (const StageLine& line : state.lines) {
                if (state.endpoints[line.from].actor == client)
                    return &state.endpoints[line.to];
            }
            return static_cast<const StageEndpoint*>(nullptr);
        };
        const CallEvent* accepted = findCall(session.log(), u"server", Call::Accept);
        QVERIFY(accepted);
        // Accepted by the main thread, not served yet: the handset is in its column.
        StageState state = projectStage(calls, positionAfter(calls, u"server", Call::Accept));
        const StageEndpoint* handset = lineOfClient(state, QStringLiteral("client1"));
        QVERIFY(handset);
        QCOMPARE(handset->fd, accepted->resultFd());
        QCOMPARE(handset->actor, QStringLiteral("server"));
        // Once thread 1 reads on it, it is drawn with thread 1; thread 2 has no copy of it.
        state = projectStage(calls, positionAfter(calls, u"thread1", Call::Read));
        handset = lineOfClient(state, QStringLiteral("client1"));
        QVERIFY(handset);
        QCOMPARE(handset->fd, accepted->resultFd());
        QCOMPARE(handset->actor, QStringLiteral("thread1"));
        QCOMPARE(handset->peer, findCall(session.log(), u"client1", Call::Connect)->after.local);
    }

    // AF_UNIX callers have no address of their own: each accepted handset is paired with its
    // caller by the kernel's inodes, in the order the listening queue held them, and the
    // bytes each caller sent before being accepted wait in its own handset.
    void unixCallersPairedByInode()
    {
        Session session;
        QVERIFY(TestScenarios::runToEnd(
            session, TestScenarios::fromTestData(QStringLiteral("unix-two-callers"))));
        const QList<CallEvent>& calls = session.log().calls();
        const StageState queued =
            projectStage(calls, positionAfter(calls, u"client2", Call::Write));
        const StageEndpoint* listener = find(queued, QStringLiteral("server"), Phase::Listening);
        QVERIFY(listener);
        QCOMPARE(listener->queuedCallers, 2);
        QCOMPARE(queued.lines.size(), 2);
        for (const StageLine& line : queued.lines)
            QVERIFY(line.queued);

        const StageState answered =
            projectStage(calls, positionAfter(calls, u"server", Call::Accept, 1));
        QCOMPARE(answered.lines.size(), 2);
        const QList<std::pair<QString, QByteArray>> expected{{QStringLiteral("client1"), "un"},
                                                             {QStringLiteral("client2"), "deux"}};
        for (int nth = 0; nth < 2; ++nth) {
            const CallEvent* accepted = findCall(session.log(), u"server", Call::Accept, nth);
            QVERIFY(accepted);
            QVERIFY(accepted->after.inode != 0);
            const StageLine* line = nullptr;
            for (const StageLine& candidate : answered.lines) {
                if (answered.endpoints[candidate.from].actor == expected[nth].first)
                    line = &candidate;
            }
            QVERIFY(line);
            QVERIFY(!line->queued);
            const StageEndpoint& handset = answered.endpoints[line->to];
            QCOMPARE(handset.fd, accepted->resultFd());
            QCOMPARE(handset.unread.leadingBytes(), expected[nth].second);
        }
        QCOMPARE(find(answered, QStringLiteral("server"), Phase::Listening)->queuedCallers, 0);
    }

    // Bytes wait in the handset that will read them, and are gone once read: never on the
    // listening socket, never left behind on another copy of the descriptor.
    void unreadBytesGoWhenRead_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("reader");
        QTest::newRow("threads") << QStringLiteral("tcp-concurrent-threads")
                                 << QStringLiteral("thread2");
        QTest::newRow("fork") << QStringLiteral("tcp-concurrent-fork") << QStringLiteral("child2");
        QTest::newRow("iterative server, bytes sent before accept")
            << QStringLiteral("tcp-iterative-server") << QStringLiteral("server");
    }
    void unreadBytesGoWhenRead()
    {
        QFETCH(QString, id);
        QFETCH(QString, reader);
        Session session;
        QVERIFY(TestScenarios::runToEnd(session, TestScenarios::builtIn(id)));
        const QList<CallEvent>& calls = session.log().calls();
        for (int position = 0; position <= calls.size(); ++position) {
            for (const StageEndpoint& endpoint : projectStage(calls, position).endpoints) {
                QVERIFY2(
                    endpoint.phase != Phase::Listening || endpoint.unread.isEmpty(),
                    qPrintable(
                        QStringLiteral("listening socket with unread bytes at %1").arg(position)));
            }
        }
        // Right after the first read, nothing waits unread anywhere: its bytes were all the
        // peer had sent on that line, and no other copy keeps them.
        const int afterRead = positionAfter(calls, reader, Call::Read);
        QVERIFY(afterRead > 0);
        const CallEvent& read = calls[afterRead - 1];
        QVERIFY(read.ret > 0);
        for (const StageEndpoint& endpoint : projectStage(calls, afterRead).endpoints) {
            QVERIFY2(!endpoint.unread.leadingBytes().startsWith(read.results.data),
                     qPrintable(QStringLiteral("%1's descriptor %2 still holds \"%3\"")
                                    .arg(endpoint.actor)
                                    .arg(endpoint.fd)
                                    .arg(QString::fromUtf8(endpoint.unread.leadingBytes()))));
        }
    }

    // After fork() both processes hold the dialogue socket: one socket, one receive queue.
    // While the parent still has its copy open, the bytes show on both; once the child has
    // read them they are gone from both, not left on the parent's copy beside the listener.
    void forkCopiesShareOneReceiveQueue()
    {
        Session session;
        QVERIFY(TestScenarios::runToEnd(
            session, TestScenarios::builtIn(QStringLiteral("tcp-concurrent-fork"))));
        // The parent's close of its copy logged after the child's read, as a slower report
        // from the parent would order it.
        QList<CallEvent> calls = session.log().calls();
        const int parentClose = positionAfter(calls, u"server", Call::Close, 1) - 1;
        QVERIFY(parentClose >= 0);
        const CallEvent close = calls.takeAt(parentClose);
        const int write = positionAfter(calls, u"client2", Call::Write);
        const int read = positionAfter(calls, u"child2", Call::Read);
        QVERIFY(write > 0 && read > write);
        calls.insert(read, close);
        const QByteArray said = calls[write - 1].arguments.payload;
        const StageState heard = projectStage(calls, write);
        int holding = 0;
        for (const StageEndpoint& endpoint : heard.endpoints) {
            if (endpoint.fd == close.fd() && endpoint.phase == Phase::Connected) {
                QCOMPARE(endpoint.unread.leadingBytes(), said);
                ++holding;
            }
        }
        QCOMPARE(holding, 2); // the parent's copy and the child's
        for (const StageEndpoint& endpoint : projectStage(calls, read).endpoints) {
            QVERIFY2(endpoint.unread.isEmpty(),
                     qPrintable(QStringLiteral("%1's descriptor %2 still holds \"%3\"")
                                    .arg(endpoint.actor)
                                    .arg(endpoint.fd)
                                    .arg(QString::fromUtf8(endpoint.unread.leadingBytes()))));
        }
    }

    void udpLettersInTheMailbox()
    {
        Session session;
        session.load(TestScenarios::builtIn(QStringLiteral("udp-echo")),
                     TestScenarios::onFreePort());
        for (int i = 0; i < 3; ++i)
            QVERIFY(stepAndSettle(session));
        StageState state = live(session);
        QVERIFY(state.endpoints[0].datagram);
        QCOMPARE(state.endpoints[0].waitingCall, Call::RecvFrom);
        QVERIFY(stepAndSettle(session));
        QVERIFY(stepAndSettle(session)); // sendto: the letter is posted, the server takes it
        QTRY_VERIFY(session.log().callsInProgress().isEmpty());
        state = live(session);
        QVERIFY(state.endpoints[0].mailbox.isEmpty());
        QVERIFY(!state.endpoints[0].waitingCall);
        QVERIFY(state.lines.isEmpty()); // no telephone line in UDP

        // Between the posting and the collection, the letter waits in the box.
        const QList<CallEvent>& calls = session.log().calls();
        int posted = -1;
        int collected = -1;
        for (qsizetype i = 0; i < calls.size(); ++i) {
            if (calls[i].call == Call::SendTo)
                posted = int(i);
            if (calls[i].call == Call::RecvFrom)
                collected = int(i);
        }
        // Whichever thread reported first, replay the posting before the collection.
        QList<CallEvent> ordered = calls;
        if (collected < posted) {
            ordered.move(collected, posted);
            std::swap(collected, posted);
        }
        const StageState afterPosting = projectStage(ordered, posted + 1);
        const StageState afterBoth = projectStage(ordered, collected + 1);
        QVERIFY(afterBoth.endpoints[0].mailbox.isEmpty());
        QCOMPARE(afterPosting.endpoints[0].mailbox.size(), 1);
        QCOMPARE(afterPosting.endpoints[0].mailbox[0].bytes, QByteArray("Hello world !\n"));
        QCOMPARE(afterPosting.last.kind, StageExchange::Kind::Posted);
        QCOMPARE(afterPosting.last.envelope.endpoint(),
                 QStringLiteral("127.0.0.1:%1").arg(session.servicePort()));
        // The other order gives the same end: the letter was taken as soon as it arrived.
        QVERIFY(projectStage(calls, int(calls.size())).endpoints[0].mailbox.isEmpty());
        QVERIFY(stepAndSettle(session)); // the answer, sent to the address on the envelope
        QVERIFY(stepAndSettle(session));
        state = live(session);
        QCOMPARE(state.last.kind, StageExchange::Kind::Collected);
        QCOMPARE(state.last.envelope.endpoint(),
                 QStringLiteral("127.0.0.1:%1").arg(session.servicePort()));
    }

    void connectedUdpSendPostsALetter()
    {
        Session session;
        QVERIFY(TestScenarios::runToEnd(
            session, TestScenarios::fromTestData(QStringLiteral("udp-connected"))));
        QVERIFY(session.outcome()->passed);
        QList<CallEvent> calls = session.log().calls();
        const auto indexOf = [&](Call call) {
            for (qsizetype i = 0; i < calls.size(); ++i) {
                if (calls[i].call == call)
                    return int(i);
            }
            return -1;
        };
        if (indexOf(Call::RecvFrom) < indexOf(Call::Send))
            calls.move(indexOf(Call::RecvFrom), indexOf(Call::Send));
        const StageState posted = projectStage(calls, indexOf(Call::Send) + 1);
        QCOMPARE(posted.last.kind, StageExchange::Kind::Posted);
        QCOMPARE(posted.endpoints[0].mailbox.size(), 1);
        QCOMPARE(posted.endpoints[0].mailbox[0].bytes, QByteArray("hi"));
        QVERIFY(posted.lines.isEmpty());
        QVERIFY(projectStage(calls, indexOf(Call::RecvFrom) + 1).endpoints[0].mailbox.isEmpty());
    }

    void refusedConnectDrawnWhereItHappened()
    {
        Session session;
        QVERIFY(TestScenarios::runToEnd(
            session, TestScenarios::fromTestData(QStringLiteral("refused-expected"))));
        const QList<CallEvent>& calls = session.log().calls();
        const StageState state = projectStage(calls, 2); // socket, connect
        QCOMPARE(state.last.kind, StageExchange::Kind::Failure);
        QCOMPARE(state.endpoints[0].failedCall, Call::Connect);
        QCOMPARE(state.endpoints[0].failure.name, QStringLiteral("ECONNREFUSED"));
        QCOMPARE(state.endpoints[0].failedTarget.endpoint(), QStringLiteral("127.0.0.1:0"));
        QVERIFY(!state.endpoints[0].failure.explanation.isEmpty());
    }

    void wildcardMatchesSpecificAddress_data()
    {
        QTest::addColumn<QString>("bound");
        QTest::addColumn<QString>("target");
        QTest::addColumn<bool>("matches");
        QTest::newRow("same") << "127.0.0.1:5000"
                              << "127.0.0.1:5000" << true;
        QTest::newRow("wildcard v4") << "0.0.0.0:5000"
                                     << "127.0.0.1:5000" << true;
        QTest::newRow("wildcard v6") << "[::]:5000"
                                     << "[::1]:5000" << true;
        QTest::newRow("other port") << "0.0.0.0:5000"
                                    << "127.0.0.1:5001" << false;
        QTest::newRow("other host") << "127.0.0.2:5000"
                                    << "127.0.0.1:5000" << false;
        QTest::newRow("unbound") << ""
                                 << "127.0.0.1:5000" << false;
    }
    void wildcardMatchesSpecificAddress()
    {
        QFETCH(QString, bound);
        QFETCH(QString, target);
        QFETCH(bool, matches);
        const SocketAddress boundAddress =
            SocketAddress::fromEndpoint(bound).value_or(SocketAddress());
        QCOMPARE(endpointsMatch(boundAddress, *SocketAddress::fromEndpoint(target)), matches);
    }
};

QTEST_GUILESS_MAIN(TestStageState)
#include "tst_stagestate.moc"
