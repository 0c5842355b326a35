// Reading what a non-blocking descriptor holds, as the tracer's channel and the programs'
// terminal are read: everything in order, a budget per turn, and the end told from a pause.
#include "trace/readavailable.h"

#include <QTest>

#include <sys/socket.h>
#include <unistd.h>

using namespace SocketScope;

class TestReadAvailable : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void budgetPausesAndEndIsTold()
    {
        int ends[2];
        QCOMPARE(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, ends), 0);
        // More than one read takes: the socket is filled until it holds no more.
        QByteArray sent;
        for (char byte = 0;; ++byte) {
            const QByteArray block(4096, byte);
            const ssize_t written = ::write(ends[1], block.constData(), size_t(block.size()));
            if (written <= 0)
                break;
            sent.append(block.first(written));
        }
        QVERIFY(sent.size() > 65536);
        QByteArray received;
        const auto keep = [&received](QByteArrayView chunk) {
            received.append(chunk);
        };

        QCOMPARE(readAvailable(ends[0], 1000, keep), ReadEnd::Budget);
        QVERIFY(received.size() >= 1000);
        QVERIFY(received.size() < sent.size());
        QCOMPARE(readAvailable(ends[0], 1 << 20, keep), ReadEnd::Drained);
        QCOMPARE(received, sent);

        ::close(ends[1]);
        QCOMPARE(readAvailable(ends[0], 1 << 20, keep), ReadEnd::Closed);
        QCOMPARE(received.size(), sent.size());
        ::close(ends[0]);
    }

    void badDescriptorIsAnEnd()
    {
        int calls = 0;
        QCOMPARE(readAvailable(-1, 1 << 20, [&calls](QByteArrayView) { ++calls; }),
                 ReadEnd::Closed);
        QCOMPARE(calls, 0);
    }
};

QTEST_GUILESS_MAIN(TestReadAvailable)
#include "tst_readavailable.moc"
