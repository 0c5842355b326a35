// socklab's status table read from the kernel on a thread of its own: the rows reach the
// owner's thread, stay current as data arrives or a peer closes, and are never those of
// sockets given before the last ones.
#include "lab/labstatuspoller.h"
#include "testsockets.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace SocketScope;

namespace {

// The readiness the poller last posted for `id`, "" before any.
QString readinessOf(const QList<LabStatusRow>& rows, int id)
{
    for (const LabStatusRow& row : rows) {
        if (row.id == id)
            return row.readiness;
    }
    return {};
}

} // namespace

class TestLabStatusPoller : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // The kernel is read on the poller's thread; the rows come to this one, as the kernel
    // says them: a bound UDP socket's port, nothing to read, room to write.
    void rowsReadOffTheOwnersThread()
    {
        quint16 port = 0;
        const int fd = TestSockets::boundSocket(AF_INET, SOCK_DGRAM, &port);
        LabStatusPoller poller;
        QVERIFY(poller.readerThread()->isRunning());
        QVERIFY(poller.readerThread() != QThread::currentThread());
        QThread* deliveredIn = nullptr;
        QList<LabStatusRow> rows;
        connect(&poller, &LabStatusPoller::rowsRead, this, [&](const QList<LabStatusRow>& read) {
            deliveredIn = QThread::currentThread();
            rows = read;
        });
        poller.setSockets({{fd, true, AF_INET, SOCK_DGRAM}});
        QTRY_COMPARE(rows.size(), 1);
        QCOMPARE(deliveredIn, QThread::currentThread());
        QCOMPARE(rows[0].id, fd);
        QVERIFY(rows[0].current);
        QVERIFY(!rows[0].stream);
        QCOMPARE(rows[0].local.port(), port);
        QCOMPARE(rows[0].readiness, QStringLiteral(".W."));
        ::close(fd);
    }

    // Without being told, the table follows the kernel: a letter arriving makes the mailbox
    // readable; a peer hanging up makes the telephone readable (the end of the stream).
    void keptCurrent_data()
    {
        QTest::addColumn<int>("type");
        QTest::newRow("a letter arrives") << int(SOCK_DGRAM);
        QTest::newRow("the peer hangs up") << int(SOCK_STREAM);
    }
    void keptCurrent()
    {
        QFETCH(int, type);
        quint16 port = 0;
        const int listener = TestSockets::boundSocket(AF_INET, type, &port);
        int watched = listener;
        int other = -1;
        if (type == SOCK_STREAM) {
            other = TestSockets::connectedTo(port);
            watched = ::accept(listener, nullptr, nullptr);
            QVERIFY(watched >= 0);
        } else {
            other = ::socket(AF_INET, SOCK_DGRAM, 0);
        }
        LabStatusPoller poller;
        QList<LabStatusRow> rows;
        connect(&poller, &LabStatusPoller::rowsRead, this,
                [&](const QList<LabStatusRow>& read) { rows = read; });
        poller.setSockets({{watched, false, AF_INET, type}});
        QTRY_COMPARE(readinessOf(rows, watched), QStringLiteral(".W."));
        if (type == SOCK_STREAM) {
            ::close(other);
            other = -1;
        } else {
            sockaddr_in to{};
            to.sin_family = AF_INET;
            to.sin_port = htons(port);
            to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            QCOMPARE(::sendto(other, "x", 1, 0, reinterpret_cast<sockaddr*>(&to), sizeof(to)),
                     ssize_t(1));
        }
        QTRY_COMPARE(readinessOf(rows, watched), QStringLiteral("RW."));
        if (other >= 0)
            ::close(other);
        if (watched != listener)
            ::close(watched);
        ::close(listener);
    }

    // Sockets given again (a socket closed, another terminal made current): a reading of
    // the ones before is never shown.
    void rowsOfReplacedSocketsDropped()
    {
        quint16 port = 0;
        const int first = TestSockets::boundSocket(AF_INET, SOCK_DGRAM, &port);
        const int second = TestSockets::boundSocket(AF_INET, SOCK_DGRAM, &port);
        LabStatusPoller poller;
        QList<QList<int>> delivered;
        connect(&poller, &LabStatusPoller::rowsRead, this, [&](const QList<LabStatusRow>& read) {
            QList<int> ids;
            for (const LabStatusRow& row : read)
                ids << row.id;
            delivered << ids;
        });
        poller.setSockets({{first, true, AF_INET, SOCK_DGRAM}});
        poller.setSockets({{second, true, AF_INET, SOCK_DGRAM}});
        QTRY_VERIFY(delivered.size() >= 2); // the first reading and one of the timer's
        for (const QList<int>& ids : std::as_const(delivered))
            QCOMPARE(ids, QList<int>{second});
        poller.setSockets({});
        QTRY_VERIFY(delivered.last().isEmpty());
        ::close(first);
        ::close(second);
    }
};

QTEST_GUILESS_MAIN(TestLabStatusPoller)
#include "tst_labstatuspoller.moc"
