// The 5-tuples of traced programs, from calls reported in the order they returned: a forked
// child starts with its parent's descriptors whether its own calls were reported before the
// fork or after, what it closed itself stays closed, threads share one table, and exec
// closes what it closed.
#include "testlinking.h"
#include "trace/tracedtuples.h"

#include <QTest>

#include <sched.h>
#include <sys/socket.h>

using namespace SocketScope;
using SocketScope::TestLinking::call;

namespace {

const QString server = QStringLiteral("server 100");
const QString child = QStringLiteral("server 101");
const QString listening = QStringLiteral("127.0.0.1:5000");
const QString caller = QStringLiteral("127.0.0.1:40000");

CallEvent socketCall(qint64 seq, const QString& actor, int fd)
{
    CallEvent event = call(seq, actor, Call::Socket, fd, seq * 1000, 10);
    event.arguments.domain = AF_INET;
    event.arguments.type = SOCK_STREAM;
    return event;
}

CallEvent startsChild(qint64 seq, Call how = Call::Fork, const QString& started = child)
{
    CallEvent event = call(seq, server, how, -1, seq * 1000, 10);
    event.ret = 101;
    event.childActor = started;
    return event;
}

// The server's listener (3) and the descriptor accept() gave it (4), followed.
void serve(TracedTuples& tuples)
{
    QList<CallEvent> calls{socketCall(1, server, 3),
                           call(2, server, Call::Bind, 3, 2000, 10, listening),
                           call(3, server, Call::Listen, 3, 3000, 10, listening),
                           call(4, server, Call::Accept, 4, 4000, 10, listening, caller)};
    calls[1].arguments.address = *SocketAddress::fromEndpoint(listening);
    calls[3].arguments.fd = 3; // accept() on the listener
    for (CallEvent& event : calls)
        tuples.follow(event);
}

} // namespace

class TestTracedTuples : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void acceptBringsTheCallersAddress()
    {
        TracedTuples tuples;
        serve(tuples);
        CallEvent read = call(5, server, Call::Read, 4, 5000, 10, listening, caller);
        tuples.follow(read);
        QCOMPARE(read.tuple.protocol.value, QStringLiteral("TCP"));
        QCOMPARE(read.tuple.localPort.value, QStringLiteral("5000"));
        QCOMPARE(read.tuple.remoteAddress.value, QStringLiteral("127.0.0.1"));
        QCOMPARE(read.tuple.remotePort.value, QStringLiteral("40000"));
        QCOMPARE(read.tuple.remotePort.source, Call::Accept);
    }

    void aChildStartsWithItsParentsDescriptors_data()
    {
        QTest::addColumn<bool>("childFirst");
        QTest::newRow("fork reported first") << false;
        QTest::newRow("child's calls reported first") << true;
    }
    void aChildStartsWithItsParentsDescriptors()
    {
        QFETCH(bool, childFirst);
        TracedTuples tuples;
        serve(tuples);
        CallEvent fork = startsChild(5);
        CallEvent closeListener = call(6, child, Call::Close, 3, 6000, 10);
        CallEvent firstRead = call(7, child, Call::Read, 4, 7000, 10, listening, caller);
        if (childFirst) {
            tuples.follow(closeListener);
            tuples.follow(firstRead);
            // Its making not seen yet: the slots stay empty rather than made up.
            QVERIFY(!firstRead.tuple.remotePort.isFilled());
        }
        tuples.follow(fork);
        if (!childFirst) {
            tuples.follow(closeListener);
            tuples.follow(firstRead);
            QCOMPARE(firstRead.tuple.remotePort.value, QStringLiteral("40000"));
        }
        CallEvent write = call(8, child, Call::Write, 4, 8000, 10, listening, caller);
        tuples.follow(write);
        QCOMPARE(write.tuple.remotePort.value, QStringLiteral("40000"));
        QCOMPARE(write.tuple.remotePort.source, Call::Accept);
        // The listener it closed itself stays closed, whatever the fork brought.
        CallEvent listenerAgain = call(9, child, Call::GetSockName, 3, 9000, 10);
        tuples.follow(listenerAgain);
        QVERIFY(!listenerAgain.tuple.protocol.isFilled());
        // The parent's are its own: closing 4 in the child leaves the parent's.
        CallEvent closeChilds = call(10, child, Call::Close, 4, 10'000, 10);
        tuples.follow(closeChilds);
        CallEvent parentRead = call(11, server, Call::Read, 4, 11'000, 10, listening, caller);
        tuples.follow(parentRead);
        QCOMPARE(parentRead.tuple.remotePort.value, QStringLiteral("40000"));
    }

    void threadsShareOneTable()
    {
        TracedTuples tuples;
        serve(tuples);
        const QString thread = QStringLiteral("server 102");
        CallEvent create = startsChild(5, Call::Clone, thread);
        create.arguments.flags = CLONE_VM | CLONE_FILES | CLONE_THREAD;
        tuples.follow(create);
        CallEvent read = call(6, thread, Call::Read, 4, 6000, 10, listening, caller);
        tuples.follow(read);
        QCOMPARE(read.tuple.remotePort.value, QStringLiteral("40000"));
        CallEvent close = call(7, thread, Call::Close, 4, 7000, 10);
        tuples.follow(close);
        CallEvent mainRead = call(8, server, Call::Read, 4, 8000, 10);
        tuples.follow(mainRead);
        QVERIFY(!mainRead.tuple.protocol.isFilled());
    }

    void dupKeepsTheQuintupletAndExecClosesWhatItClosed()
    {
        TracedTuples tuples;
        serve(tuples);
        CallEvent dup = call(5, server, Call::Dup, 7, 5000, 10);
        dup.arguments.fd = 4;
        tuples.follow(dup);
        QCOMPARE(dup.tuple.remotePort.source, Call::Accept);
        tuples.end({.seq = 6, .tNs = 6000, .actor = server, .exec = true, .closed = {7}});
        CallEvent afterExec = call(7, server, Call::Read, 7, 7000, 10);
        tuples.follow(afterExec);
        QVERIFY(!afterExec.tuple.protocol.isFilled());
        CallEvent kept = call(8, server, Call::Read, 4, 8000, 10);
        tuples.follow(kept);
        QCOMPARE(kept.tuple.remotePort.value, QStringLiteral("40000"));
    }
};

QTEST_GUILESS_MAIN(TestTracedTuples)
#include "tst_tracedtuples.moc"
