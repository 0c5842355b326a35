#include "kernel/sockettracker.h"

#include <QTest>

using namespace SocketScope;

namespace {

SocketRow tcp(const QString& local, const QString& peer, const QString& state, quint64 inode,
              qint64 pid = 0, int fd = -1)
{
    SocketRow row;
    row.protocol = QStringLiteral("tcp");
    row.state = state;
    row.local = local;
    row.peer = peer;
    row.inode = inode;
    if (pid)
        row.owners = {SocketOwner{pid, fd, QStringLiteral("server")}};
    return row;
}

SocketSnapshot at(qint64 seconds, const QList<SocketRow>& rows)
{
    SocketSnapshot snapshot;
    snapshot.rows = rows;
    snapshot.takenAtNs = seconds * 1'000'000'000;
    return snapshot;
}

const InspectorRow* find(const QList<InspectorRow>& rows, const QString& local, const QString& peer)
{
    for (const InspectorRow& row : rows) {
        if (row.socket.local == local && row.socket.peer == peer)
            return &row;
    }
    return nullptr;
}

const QString listener = QStringLiteral("127.0.0.1:5000");
const QString client = QStringLiteral("127.0.0.1:40000");
const QString anyPeer = QStringLiteral("0.0.0.0:*");

} // namespace

// From one snapshot to the next: new rows, changed rows and closed rows are marked for a
// moment, a connection keeps its row from SYN_RECV to TIME_WAIT, the session's sockets are
// marked, and a listener's queues are gathered.
class TestSocketTracker : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void firstSnapshotMarksNothing()
    {
        SocketTracker tracker;
        const QList<InspectorRow> rows =
            tracker.update(at(1, {tcp(listener, anyPeer, QStringLiteral("LISTEN"), 10)}));
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().mark, RowMark::None);
    }

    void newChangedAndClosedAreMarkedForAMoment()
    {
        SocketTracker tracker(2'000'000'000);
        const SocketRow listening = tcp(listener, anyPeer, QStringLiteral("LISTEN"), 10);
        const SocketRow other =
            tcp(QStringLiteral("127.0.0.1:6000"), anyPeer, QStringLiteral("LISTEN"), 11);
        tracker.update(at(0, {listening, other}));

        SocketRow busier = listening;
        busier.recvQ = 1; // a connection waits in its accept queue
        const SocketRow connection = tcp(client, listener, QStringLiteral("ESTABLISHED"), 12);
        QList<InspectorRow> rows = tracker.update(at(1, {busier, connection}));
        QCOMPARE(find(rows, listener, anyPeer)->mark, RowMark::Changed);
        QCOMPARE(find(rows, client, listener)->mark, RowMark::New);
        const InspectorRow* closed = find(rows, QStringLiteral("127.0.0.1:6000"), anyPeer);
        QVERIFY(closed);
        QCOMPARE(closed->mark, RowMark::Closed);
        QCOMPARE(closed->history.last().state, QStringLiteral("CLOSED"));
        QCOMPARE(rows.last().key, closed->key); // closed rows come last

        // One second later: still marked; nothing changed since.
        rows = tracker.update(at(2, {busier, connection}));
        QCOMPARE(find(rows, client, listener)->mark, RowMark::New);
        QVERIFY(find(rows, QStringLiteral("127.0.0.1:6000"), anyPeer));
        // Past the highlight time: plain again, and the closed row is gone.
        rows = tracker.update(at(3, {busier, connection}));
        QCOMPARE(find(rows, client, listener)->mark, RowMark::None);
        QCOMPARE(find(rows, listener, anyPeer)->mark, RowMark::None);
        QVERIFY(!find(rows, QStringLiteral("127.0.0.1:6000"), anyPeer));
    }

    void aTimerCountingDownIsNoChange()
    {
        SocketTracker tracker;
        SocketRow waiting = tcp(client, listener, QStringLiteral("TIME_WAIT"), 0);
        waiting.timer = SocketTimer::TimeWait;
        waiting.timerExpiresMs = 59'000;
        tracker.update(at(0, {waiting}));
        waiting.timerExpiresMs = 58'000;
        QCOMPARE(tracker.update(at(1, {waiting})).first().mark, RowMark::None);
    }

    void aConnectionKeepsItsRowIntoTimeWait()
    {
        SocketTracker tracker;
        tracker.setSessionSockets({SessionSocket{100, 4, QStringLiteral("client")}});
        tracker.update(at(0, {tcp(client, listener, QStringLiteral("SYN_SENT"), 20, 100, 4)}));
        tracker.update(at(1, {tcp(client, listener, QStringLiteral("ESTABLISHED"), 20, 100, 4)}));
        // Closed while /proc was read: the dump still had its inode, the scan no owner.
        tracker.update(at(2, {tcp(client, listener, QStringLiteral("FIN_WAIT2"), 20)}));
        // Closed by the program: no inode, no owner, the same addresses.
        const QList<InspectorRow> rows =
            tracker.update(at(3, {tcp(client, listener, QStringLiteral("TIME_WAIT"), 0)}));
        QCOMPARE(rows.size(), 1); // not "closed" plus "new"
        const InspectorRow& row = rows.first();
        QCOMPARE(row.mark, RowMark::Changed);
        QVERIFY(row.sessionEnd);
        QCOMPARE(row.sessionEnd->actor, QStringLiteral("client"));
        QStringList states;
        for (const StateChange& change : row.history)
            states << change.state;
        QCOMPARE(states, QStringList({QStringLiteral("SYN_SENT"), QStringLiteral("ESTABLISHED"),
                                      QStringLiteral("FIN_WAIT2"), QStringLiteral("TIME_WAIT")}));
    }

    void anotherProgramsSocketIsNotTheSessions()
    {
        SocketTracker tracker;
        tracker.setSessionSockets({SessionSocket{100, 4, QStringLiteral("client")}});
        tracker.update(at(0, {tcp(client, listener, QStringLiteral("ESTABLISHED"), 20, 100, 4)}));
        // The same addresses, later, held by another process.
        const QList<InspectorRow> rows = tracker.update(
            at(1, {tcp(client, listener, QStringLiteral("ESTABLISHED"), 21, 300, 7)}));
        QVERIFY(!rows.first().sessionEnd);
    }

    void historyIsBounded()
    {
        SocketTracker tracker;
        for (int i = 0; i < 20; ++i)
            tracker.update(at(
                i,
                {tcp(client, listener,
                     i % 2 ? QStringLiteral("ESTABLISHED") : QStringLiteral("CLOSE_WAIT"), 20)}));
        QCOMPARE(tracker.update(at(20, {tcp(client, listener, QStringLiteral("LAST_ACK"), 20)}))
                     .first()
                     .history.size(),
                 SocketTracker::historyLength);
    }

    void sharedPortsKeepTheirOwnRows()
    {
        SocketTracker tracker;
        const QList<InspectorRow> rows =
            tracker.update(at(0, {tcp(listener, anyPeer, QStringLiteral("LISTEN"), 30),
                                  tcp(listener, anyPeer, QStringLiteral("LISTEN"), 31)}));
        QCOMPARE(rows.size(), 2);
        QVERIFY(rows[0].key != rows[1].key);
    }

    void listenerQueuesAreGathered()
    {
        SocketTracker tracker;
        SocketRow listening =
            tcp(QStringLiteral("0.0.0.0:5000"), anyPeer, QStringLiteral("LISTEN"), 40);
        listening.recvQ = 2;
        listening.sendQ = 4;
        const QList<InspectorRow> rows = tracker.update(at(
            0, {listening, tcp(listener, client, QStringLiteral("ESTABLISHED"), 0),
                tcp(listener, QStringLiteral("127.0.0.1:40001"), QStringLiteral("ESTABLISHED"), 0),
                tcp(listener, QStringLiteral("127.0.0.1:40002"), QStringLiteral("SYN_RECV"), 0),
                // accepted already: held by a descriptor, not waiting
                tcp(listener, QStringLiteral("127.0.0.1:40003"), QStringLiteral("ESTABLISHED"), 41),
                // another port
                tcp(QStringLiteral("127.0.0.1:6000"), QStringLiteral("127.0.0.1:40004"),
                    QStringLiteral("ESTABLISHED"), 0)}));
        const InspectorRow* row = find(rows, QStringLiteral("0.0.0.0:5000"), anyPeer);
        QCOMPARE(row->waitingPeers, QStringList({client, QStringLiteral("127.0.0.1:40001")}));
        QCOMPARE(row->halfOpenPeers, QStringList({QStringLiteral("127.0.0.1:40002")}));
    }

    // Sockets a dump did not see because it was interrupted, or because a family failed,
    // are not taken for closed: their rows stay, with their history.
    void anIncompleteDumpClosesNothing_data()
    {
        QTest::addColumn<bool>("interrupted");
        QTest::newRow("interrupted") << true;
        QTest::newRow("a family failed") << false;
    }

    void anIncompleteDumpClosesNothing()
    {
        QFETCH(bool, interrupted);
        SocketTracker tracker;
        const SocketRow connection = tcp(client, listener, QStringLiteral("ESTABLISHED"), 70);
        const SocketRow other =
            tcp(QStringLiteral("127.0.0.1:6000"), anyPeer, QStringLiteral("LISTEN"), 71);
        tracker.update(at(0, {connection, other}));
        SocketSnapshot partial = at(1, {other});
        if (interrupted)
            partial.interrupted = true;
        else
            partial.problems << QStringLiteral("TCP/IPv4: netlink sock_diag failed");
        const QList<InspectorRow> rows = tracker.update(partial);
        const InspectorRow* kept = find(rows, client, listener);
        QVERIFY(kept);
        QCOMPARE(kept->mark, RowMark::None);
        QCOMPARE(tracker.update(at(2, {connection, other})).size(), 2);
        QCOMPARE(find(tracker.update(at(3, {connection, other})), client, listener)->mark,
                 RowMark::None); // never marked new again
    }

    // An IPv4 connection waits in the IPv4 listener's queue, not in the IPv6 one on the same
    // port; an exact address wins over a wildcard.
    void queuesGoToTheRightListener()
    {
        SocketTracker tracker;
        SocketRow any4 = tcp(QStringLiteral("0.0.0.0:5000"), anyPeer, QStringLiteral("LISTEN"), 80);
        SocketRow any6 = tcp(QStringLiteral("[::]:5000"), QStringLiteral("[::]:*"),
                             QStringLiteral("LISTEN"), 81);
        any6.protocol = QStringLiteral("tcp6");
        SocketRow loopback = tcp(listener, anyPeer, QStringLiteral("LISTEN"), 82);
        const QList<InspectorRow> rows = tracker.update(
            at(0, {any6, any4, loopback, tcp(listener, client, QStringLiteral("ESTABLISHED"), 0)}));
        QCOMPARE(find(rows, listener, anyPeer)->waitingPeers, QStringList({client}));
        QVERIFY(find(rows, QStringLiteral("0.0.0.0:5000"), anyPeer)->waitingPeers.isEmpty());
        QVERIFY(find(rows, QStringLiteral("[::]:5000"), QStringLiteral("[::]:*"))
                    ->waitingPeers.isEmpty());
    }

    void filters_data()
    {
        QTest::addColumn<SocketFilter>("filter");
        QTest::addColumn<int>("matches");
        const auto make = [](auto change) {
            SocketFilter filter;
            change(filter);
            return filter;
        };
        QTest::newRow("nothing") << SocketFilter{} << 3;
        QTest::newRow("text in an address")
            << make([](SocketFilter& f) { f.text = QStringLiteral("40000"); }) << 1;
        QTest::newRow("text in a process")
            << make([](SocketFilter& f) { f.text = QStringLiteral("SERVER"); }) << 2;
        QTest::newRow("state") << make([](SocketFilter& f) { f.state = QStringLiteral("LISTEN"); })
                               << 1;
        QTest::newRow("local or peer port") << make([](SocketFilter& f) { f.port = 5000; }) << 2;
        QTest::newRow("port nobody uses") << make([](SocketFilter& f) { f.port = 1; }) << 0;
        QTest::newRow("process by pid")
            << make([](SocketFilter& f) { f.process = QStringLiteral("100"); }) << 1;
        QTest::newRow("process by name")
            << make([](SocketFilter& f) { f.process = QStringLiteral("serv"); }) << 2;
        QTest::newRow("session only") << make([](SocketFilter& f) { f.sessionOnly = true; }) << 1;
    }

    void filters()
    {
        QFETCH(SocketFilter, filter);
        QFETCH(int, matches);
        SocketTracker tracker;
        tracker.setSessionSockets({SessionSocket{100, 3, QStringLiteral("server")}});
        const QList<InspectorRow> rows =
            tracker.update(at(0, {tcp(listener, anyPeer, QStringLiteral("LISTEN"), 50, 100, 3),
                                  tcp(client, listener, QStringLiteral("ESTABLISHED"), 51, 200, 3),
                                  tcp(QStringLiteral("[::1]:7000"), QStringLiteral("[::1]:7001"),
                                      QStringLiteral("ESTABLISHED"), 52)}));
        const int count =
            int(std::count_if(rows.cbegin(), rows.cend(),
                              [&](const InspectorRow& row) { return filter.matches(row); }));
        QCOMPARE(count, matches);
    }

    void sortsByPortNumerically()
    {
        SocketTracker tracker;
        QList<InspectorRow> rows = tracker.update(
            at(0, {tcp(QStringLiteral("127.0.0.1:10000"), anyPeer, QStringLiteral("LISTEN"), 60),
                   tcp(QStringLiteral("127.0.0.1:9000"), anyPeer, QStringLiteral("LISTEN"), 61),
                   tcp(QStringLiteral("127.0.0.1:80"), anyPeer, QStringLiteral("LISTEN"), 62)}));
        sortRows(rows, SocketColumn::Local, Qt::AscendingOrder);
        QCOMPARE(rows[0].socket.local, QStringLiteral("127.0.0.1:80"));
        QCOMPARE(rows[2].socket.local, QStringLiteral("127.0.0.1:10000"));
        sortRows(rows, SocketColumn::Inode, Qt::DescendingOrder);
        QCOMPARE(rows[0].socket.inode, 62u);
    }
};

QTEST_GUILESS_MAIN(TestSocketTracker)
#include "tst_sockettracker.moc"
