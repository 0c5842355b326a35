#include "calls/errnoinfo.h"
#include "testlabconsole.h"
#include "testscenarios.h"
#include "testsockets.h"

#include <QRandomGenerator>
#include <QTest>

#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <utility>

using namespace SocketScope;
using namespace SocketScope::TestLabConsole;

namespace {

// A client's descriptor, closed however the test ends.
struct Client {
    int fd = -1;
    explicit Client(int descriptor)
        : fd(descriptor)
    {
    }
    ~Client()
    {
        if (fd >= 0)
            ::close(fd);
    }
    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;
};

// Sends all of `bytes` on a blocking socket; false if the connection failed first.
bool sendAll(int fd, const QByteArray& bytes)
{
    for (qsizetype sent = 0; sent < bytes.size();) {
        const ssize_t count = ::send(fd, bytes.constData() + sent, size_t(bytes.size() - sent), 0);
        if (count <= 0)
            return false;
        sent += count;
    }
    return true;
}

// The lab's reads on socket `id` until one returns 0 or fails: the bytes they returned.
QByteArray readToTheEnd(Console& console, LabSession& lab, int id)
{
    QByteArray received;
    while (console.type(QStringLiteral("read %1 4096").arg(id))) {
        const CallEvent& last = lab.session().log().calls().constLast();
        if (last.call != Call::Read || last.ret <= 0)
            break;
        received += last.results.data;
    }
    return received;
}

} // namespace

// The lab's server socket against clients that misbehave. Each answer the lab shows is the
// kernel's own, nothing is lost or made up, and once the lab is gone its descriptors are too.
class TestHostilePeers : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void misbehavingClients()
    {
        const int descriptorsBefore = TestScenarios::openDescriptors();
        {
            LabSession lab(LabMode::Tcp, labOptions());
            Console console(lab);
            QVERIFY(console.type(QStringLiteral("passive")));
            const int listener = lab.currentId();
            const quint16 port = lab.statusRows().constFirst().local.port();

            // Random bytes, then the end of the stream: every byte read as sent.
            QByteArray noise(16 * 1024, Qt::Uninitialized);
            QRandomGenerator::global()->fillRange(reinterpret_cast<quint32*>(noise.data()),
                                                  noise.size() / 4);
            const Client noisy(TestSockets::connectedTo(port));
            QVERIFY(noisy.fd >= 0);
            // Joined however the test ends: 16 KiB fit in the connection's buffers, so it never
            // waits for the lab to read.
            std::jthread sender([fd = noisy.fd, &noise] {
                sendAll(fd, noise);
                ::shutdown(fd, SHUT_WR);
            });
            QVERIFY(console.type(QStringLiteral("accept %1").arg(listener)));
            const int noisyId = lab.currentId();
            const QByteArray received = readToTheEnd(console, lab, noisyId);
            QCOMPARE(received.size(), noise.size());
            QVERIFY(received == noise);
            QCOMPARE(lab.session().log().calls().constLast().ret, 0);

            // A reset in the middle of a stream: the bytes that came, then ECONNRESET, named
            // and explained.
            Client resetting(TestSockets::connectedTo(port));
            QVERIFY(resetting.fd >= 0);
            QVERIFY(sendAll(resetting.fd, QByteArray(1000, 'r')));
            QVERIFY(console.type(QStringLiteral("accept %1").arg(listener)));
            const int resetId = lab.currentId();
            const linger abortive{1, 0};
            ::setsockopt(resetting.fd, SOL_SOCKET, SO_LINGER, &abortive, sizeof(abortive));
            ::close(std::exchange(resetting.fd, -1));
            QByteArray beforeReset;
            bool resetSeen = false;
            while (console.type(QStringLiteral("read %1 100").arg(resetId))) {
                const CallEvent& last = lab.session().log().calls().constLast();
                if (last.failed()) {
                    QCOMPARE(last.error, ECONNRESET);
                    resetSeen = true;
                    break;
                }
                if (last.ret == 0)
                    break;
                beforeReset += last.results.data;
            }
            QVERIFY2(resetSeen, "no read said ECONNRESET");
            QVERIFY(beforeReset.size() <= 1000);
            QCOMPARE(beforeReset, QByteArray(beforeReset.size(), 'r'));
            QVERIFY2(console.errors.join(QLatin1Char('\n')).contains(QStringLiteral("ECONNRESET")),
                     qPrintable(console.errors.join(QLatin1Char('\n'))));

            // A client that connects and never speaks: accepted, the read waiting for it
            // given up with Ctrl+C (never made, so cancelled), and the lab goes on.
            const Client idle(TestSockets::connectedTo(port));
            QVERIFY(idle.fd >= 0);
            QVERIFY(console.type(QStringLiteral("accept %1").arg(listener)));
            const int idleId = lab.currentId();
            QVERIFY(console.typeBlocking(QStringLiteral("read %1 10").arg(idleId)));
            lab.interrupt();
            QVERIFY(console.waitReady());
            const CallEvent& interrupted = lab.session().log().calls().constLast();
            QVERIFY2(interrupted.call == Call::Read && interrupted.cancelled,
                     qPrintable(interrupted.straceLine()));

            // A half-close: the client's last words, the end of its stream, and it still
            // hears the answer.
            const Client halfClosing(TestSockets::connectedTo(port));
            QVERIFY(halfClosing.fd >= 0);
            QVERIFY(sendAll(halfClosing.fd, QByteArrayLiteral("bye")));
            QCOMPARE(::shutdown(halfClosing.fd, SHUT_WR), 0);
            QVERIFY(console.type(QStringLiteral("accept %1").arg(listener)));
            const int halfId = lab.currentId();
            QCOMPARE(readToTheEnd(console, lab, halfId), QByteArrayLiteral("bye"));
            QVERIFY(console.type(QStringLiteral("write %1 answer").arg(halfId)));
            QCOMPARE(lab.session().log().calls().constLast().ret, 6);
            char answer[6] = {};
            QCOMPARE(::recv(halfClosing.fd, answer, sizeof(answer), MSG_WAITALL), ssize_t(6));
            QCOMPARE(QByteArray(answer, 6), QByteArrayLiteral("answer"));
        }
        QTRY_COMPARE(TestScenarios::openDescriptors(), descriptorsBefore);
    }
};

QTEST_GUILESS_MAIN(TestHostilePeers)
#include "tst_hostilepeers.moc"
