#include "engine/syscalllayer.h"
#include "testfullqueue.h"

#include <QDir>
#include <QElapsedTimer>
#include <QTest>

#include <atomic>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <thread>

using namespace SocketScope;
using namespace SocketScope::TestFullQueue;

namespace {

CallRequest connectTo(int fd, quint16 port)
{
    CallRequest r;
    r.call = Call::Connect;
    r.arguments.fd = fd;
    r.arguments.address = *SocketAddress::fromIp(QStringLiteral("127.0.0.1"), port);
    return r;
}

int entriesIn(const QString& folder)
{
    return int(QDir(folder).entryList(QDir::AllEntries | QDir::NoDotAndDotDot).size());
}

// A connected pair on loopback with small buffers, so that a write of a few megabytes waits
// inside the kernel until the reader reads.
struct SmallPipe {
    int writer = -1;
    int reader = -1;

    SmallPipe()
    {
        quint16 port = 0;
        const int listener = TestSockets::boundSocket(AF_INET, SOCK_STREAM, &port);
        const int small = 64 * 1024;
        ::setsockopt(listener, SOL_SOCKET, SO_RCVBUF, &small, sizeof(small)); // the reader's
        writer = ::socket(AF_INET, SOCK_STREAM, 0);
        ::setsockopt(writer, SOL_SOCKET, SO_SNDBUF, &small, sizeof(small));
        sockaddr_in to{};
        to.sin_family = AF_INET;
        to.sin_port = htons(port);
        to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::connect(writer, reinterpret_cast<sockaddr*>(&to), sizeof(to));
        reader = ::accept(listener, nullptr, nullptr);
        ::close(listener);
    }
    ~SmallPipe()
    {
        ::close(writer);
        ::close(reader);
    }
    SmallPipe(const SmallPipe&) = delete;
    SmallPipe& operator=(const SmallPipe&) = delete;

    bool queued() const
    {
        int bytes = 0;
        return ::ioctl(writer, TIOCOUTQ, &bytes) == 0 && bytes > 0;
    }
    // Everything until the writer's end of stream.
    QByteArray readAll() const
    {
        QByteArray all;
        char buffer[65536];
        ssize_t count = 0;
        while ((count = ::read(reader, buffer, sizeof(buffer))) > 0)
            all.append(buffer, count);
        return all;
    }
};

// Until the condition holds, without waiting longer than it takes (QTRY_ waits in steps).
template <typename Condition> bool waitUntil(Condition condition)
{
    QElapsedTimer timer;
    timer.start();
    while (!condition()) {
        if (timer.hasExpired(30'000))
            return false;
        std::this_thread::yield();
    }
    return true;
}

QByteArray pattern(qsizetype size)
{
    QByteArray bytes(size, '\0');
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = char(i % 251);
    return bytes;
}

} // namespace

class TestKernelInterrupt : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // connect() waits in SYN_SENT for an answer that does not come: interrupted, it returns
    // -1 EINTR, and the kernel goes on with the handshake, which succeeds once the listener
    // has room. The descriptor is the program's to use and close.
    void connectInSynSentReturnsEintr()
    {
        FullListener listener;
        QVERIFY(listener.isFull());
        SyscallLayer calls;
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        CallEvent connected;
        std::thread actor([&] { connected = calls.perform(connectTo(fd, listener.port)); });
        QTRY_COMPARE(tcpState(fd), int(TCP_SYN_SENT));
        QElapsedTimer timer;
        timer.start();
        calls.interrupt();
        actor.join();
        QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(connected.ret, -1);
        QCOMPARE(connected.error, EINTR);
        QVERIFY(!connected.cancelled);
        QCOMPARE(connected.errorInfo().name, QStringLiteral("EINTR"));
        QVERIFY(
            connected.straceLine().endsWith(QLatin1String("= -1 EINTR (Interrupted system call)")));

        listener.acceptOne();
        pollfd writable{fd, POLLOUT, 0};
        QCOMPARE(::poll(&writable, 1, 30'000), 1);
        int error = -1;
        socklen_t length = sizeof(error);
        QCOMPARE(::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length), 0);
        QCOMPARE(error, 0);
        QCOMPARE(tcpState(fd), int(TCP_ESTABLISHED));
        CallRequest close;
        close.call = Call::Close;
        close.arguments.fd = fd;
        QCOMPARE(calls.perform(close).ret, 0);
    }

    // The lab's layer says a connect() waiting in SYN_SENT blocked, from a thread of its own
    // while the call is still in the kernel; the event says it too.
    void connectWaitingInTheKernelSaidBlocked()
    {
        FullListener listener;
        QVERIFY(listener.isFull());
        SyscallLayer calls;
        calls.setWatchesKernelWaits(true);
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        std::atomic<bool> blocked{false};
        CallEvent connected;
        std::thread actor([&] {
            connected = calls.perform(connectTo(fd, listener.port), [&] { blocked = true; });
        });
        QVERIFY(waitUntil([&] { return blocked.load(); }));
        QCOMPARE(tcpState(fd), int(TCP_SYN_SENT));
        calls.interrupt();
        actor.join();
        QVERIFY(connected.blocked);
        QCOMPARE(connected.error, EINTR);
        ::close(fd);
    }

    // A write of megabytes to a peer that does not read waits inside the kernel once the
    // buffers are full: interrupted, it returns the bytes it had written, and the peer reads
    // exactly those.
    void largeWriteReturnsWhatItWrote_data()
    {
        QTest::addColumn<Call>("call");
        QTest::newRow("write") << Call::Write;
        QTest::newRow("send") << Call::Send;
    }
    void largeWriteReturnsWhatItWrote()
    {
        QFETCH(Call, call);
        SmallPipe pipe;
        SyscallLayer calls;
        CallRequest write;
        write.call = call;
        write.arguments.fd = pipe.writer;
        write.arguments.payload = pattern(8 * 1024 * 1024);
        CallEvent written;
        std::thread actor([&] { written = calls.perform(write); });
        QTRY_VERIFY(pipe.queued());
        calls.interrupt();
        actor.join();
        QVERIFY(!written.cancelled);
        // Some of this very call's bytes were queued: the kernel answers with their count.
        QVERIFY2(written.ret > 0, qPrintable(written.straceLine()));
        QVERIFY(written.ret < write.arguments.payload.size());
        ::shutdown(pipe.writer, SHUT_WR);
        const QByteArray received = pipe.readAll();
        QCOMPARE(received.size(), written.ret);
        QVERIFY(received == write.arguments.payload.left(written.ret));
    }

    // Interrupting when no call is inside the kernel does nothing, not even to the next call.
    void nothingToInterrupt()
    {
        KernelInterrupt section;
        QVERIFY(!section.interrupt());
        SmallPipe pipe;
        SyscallLayer calls;
        calls.interrupt();
        CallRequest write;
        write.call = Call::Write;
        write.arguments.fd = pipe.writer;
        write.arguments.payload = "after";
        QCOMPARE(calls.perform(write).ret, 5);
    }

    // Many interrupts in a row: each wakes its own connect() and nothing else, not the wait
    // the same thread makes outside any call between two connects; no descriptor or thread is
    // left behind.
    void repeatedInterruptsHitOnlyTheirCall()
    {
        const int descriptorsBefore = entriesIn(QStringLiteral("/proc/self/fd"));
        const int threadsBefore = entriesIn(QStringLiteral("/proc/self/task"));
        constexpr int rounds = 200;
        {
            FullListener listener;
            QVERIFY(listener.isFull());
            SyscallLayer calls;
            calls.setWatchesKernelWaits(true); // its thread, too, ends with the layer
            int go[2] = {-1, -1};
            QCOMPARE(::pipe(go), 0);
            std::atomic<int> current{-1};
            QList<CallEvent> connects(rounds);
            QList<ssize_t> outside(rounds, 0);
            std::thread actor([&] {
                for (int i = 0; i < rounds; ++i) {
                    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
                    current = fd;
                    connects[i] = calls.perform(connectTo(fd, listener.port));
                    current = -1;
                    // A wait of the thread's own, outside any call: no interrupt may wake it.
                    char byte = 0;
                    outside[i] = ::read(go[0], &byte, 1);
                    ::close(fd);
                }
            });
            for (int i = 0; i < rounds; ++i) {
                QVERIFY(waitUntil([&] {
                    const int fd = current;
                    return fd >= 0 && tcpState(fd) == TCP_SYN_SENT;
                }));
                calls.interrupt();
                QVERIFY(waitUntil([&] { return current < 0; }));
                calls.interrupt(); // the thread is now outside: nothing is sent
                QCOMPARE(::write(go[1], "g", 1), 1);
            }
            actor.join();
            ::close(go[0]);
            ::close(go[1]);
            for (int i = 0; i < rounds; ++i) {
                QCOMPARE(connects[i].error, EINTR);
                QCOMPARE(outside[i], ssize_t(1));
            }
        }
        QCOMPARE(entriesIn(QStringLiteral("/proc/self/fd")), descriptorsBefore);
        QCOMPARE(entriesIn(QStringLiteral("/proc/self/task")), threadsBefore);
    }
};

QTEST_GUILESS_MAIN(TestKernelInterrupt)
#include "tst_kernelinterrupt.moc"
