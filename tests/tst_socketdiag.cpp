#include "kernel/socketdiag.h"
#include "kernel/socketowners.h"
#include "testsockets.h"
#include "testunprivileged.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

using namespace SocketScope;
using namespace SocketScope::TestSockets;

namespace {

const SocketRow* rowOf(const QList<SocketRow>& rows, int fd)
{
    const quint64 inode = inodeOf(fd);
    for (const SocketRow& row : rows) {
        if (row.inode == inode)
            return &row;
    }
    return nullptr;
}

} // namespace

// The machine's sockets through netlink sock_diag: sockets the test opened itself are found
// with the right protocol, state, addresses and queues.
class TestSocketDiag : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void socketsOfTheTestAreSeen()
    {
        quint16 port = 0;
        const int listener = boundSocket(AF_INET, SOCK_STREAM, &port);
        const int client = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in to{};
        to.sin_family = AF_INET;
        to.sin_port = htons(port);
        to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        QCOMPARE(::connect(client, reinterpret_cast<sockaddr*>(&to), sizeof(to)), 0);
        QCOMPARE(::write(client, "abc", 3), 3); // waits in the accept queue's socket
        quint16 udpPort = 0;
        const int udp = boundSocket(AF_INET, SOCK_DGRAM, &udpPort);
        quint16 port6 = 0;
        const int listener6 = boundSocket(AF_INET6, SOCK_STREAM, &port6);
        QTemporaryDir dir;
        const QByteArray path = dir.filePath(QStringLiteral("s.sock")).toLocal8Bit();
        const int local = ::socket(AF_UNIX, SOCK_STREAM, 0);
        sockaddr_un unixAddress{};
        unixAddress.sun_family = AF_UNIX;
        std::memcpy(unixAddress.sun_path, path.constData(), size_t(path.size()));
        QCOMPARE(::bind(local, reinterpret_cast<sockaddr*>(&unixAddress), sizeof(unixAddress)), 0);
        QCOMPARE(::listen(local, 1), 0);

        const SocketSnapshot snapshot = takeSocketSnapshot();
        QVERIFY2(snapshot.problems.isEmpty(),
                 qPrintable(snapshot.problems.join(QLatin1Char('\n'))));
        const QList<SocketRow>* rows = &snapshot.rows;

        const SocketRow* listening = rowOf(*rows, listener);
        QVERIFY(listening);
        QCOMPARE(listening->protocol, QStringLiteral("tcp"));
        QCOMPARE(listening->state, QStringLiteral("LISTEN"));
        QCOMPARE(listening->local, QStringLiteral("127.0.0.1:%1").arg(port));
        QCOMPARE(listening->recvQ, 1u); // one connection established, not accepted yet
        QCOMPARE(listening->uid, quint32(getuid()));

        const SocketRow* established = rowOf(*rows, client);
        QVERIFY(established);
        QCOMPARE(established->state, QStringLiteral("ESTABLISHED"));
        QCOMPARE(established->peer, QStringLiteral("127.0.0.1:%1").arg(port));

        const SocketRow* datagram = rowOf(*rows, udp);
        QVERIFY(datagram);
        QCOMPARE(datagram->protocol, QStringLiteral("udp"));
        QCOMPARE(datagram->state, QStringLiteral("UNCONN"));

        const SocketRow* six = rowOf(*rows, listener6);
        QVERIFY(six);
        QCOMPARE(six->protocol, QStringLiteral("tcp6"));
        QCOMPARE(six->local, QStringLiteral("[::1]:%1").arg(port6));

        const SocketRow* named = rowOf(*rows, local);
        QVERIFY(named);
        QCOMPARE(named->protocol, QStringLiteral("unix"));
        QCOMPARE(named->local, QString::fromLocal8Bit(path));
        QCOMPARE(named->state, QStringLiteral("LISTEN"));
        QCOMPARE(named->socketType, QStringLiteral("stream"));

        QCOMPARE(listening->owners.size(), 1);
        QCOMPARE(listening->owners.first().pid, qint64(getpid()));
        QCOMPARE(listening->owners.first().fd, listener);
        QCOMPARE(listening->peer, QStringLiteral("0.0.0.0:*"));
        QCOMPARE(listening->sendQ, 4u); // the backlog limit of listen(fd, 4)

        for (const int fd : {listener, client, udp, listener6, local})
            ::close(fd);
    }

    // TCP_INFO of an established connection reflects what crossed it.
    void tcpInfoOfAConnection()
    {
        quint16 port = 0;
        const int listener = boundSocket(AF_INET, SOCK_STREAM, &port);
        const int client = connectedTo(port);
        const int served = ::accept(listener, nullptr, nullptr);
        QCOMPARE(::write(client, "hello", 5), 5);
        char buffer[8];
        QCOMPARE(::read(served, buffer, sizeof(buffer)), 5);

        const SocketSnapshot withoutInfo = takeSocketSnapshot();
        QVERIFY(!rowOf(withoutInfo.rows, client)->tcpInfo);
        SnapshotOptions options;
        options.tcpInfo = true;
        const SocketSnapshot snapshot = takeSocketSnapshot(options);
        const SocketRow* sender = rowOf(snapshot.rows, client);
        QVERIFY(sender && sender->tcpInfo);
        QCOMPARE(sender->tcpInfo->bytesAcked, 6u);  // the SYN counts for one
        QVERIFY(sender->tcpInfo->segmentsOut >= 3); // ACK of the handshake, the data
        QVERIFY(sender->tcpInfo->sendMss > 0);
        QVERIFY(sender->tcpInfo->congestionWindow > 0);
        QVERIFY(sender->tcpInfo->windowScaling); // Linux offers it on loopback
        const SocketRow* receiver = rowOf(snapshot.rows, served);
        QVERIFY(receiver && receiver->tcpInfo);
        QCOMPARE(receiver->tcpInfo->bytesReceived, 5u);
        QVERIFY(!rowOf(snapshot.rows, listener)->tcpInfo->bytesReceived);

        for (const int fd : {listener, client, served})
            ::close(fd);
    }

    // Who hangs up first keeps the tuple in TIME_WAIT: no descriptor holds it any more,
    // and the kernel's timer says how long it stays.
    void timeWaitAfterAnActiveClose()
    {
        quint16 port = 0;
        const int listener = boundSocket(AF_INET, SOCK_STREAM, &port);
        const int client = connectedTo(port);
        const int served = ::accept(listener, nullptr, nullptr);
        sockaddr_in own{};
        socklen_t length = sizeof(own);
        ::getsockname(client, reinterpret_cast<sockaddr*>(&own), &length);
        const QString clientEnd = QStringLiteral("127.0.0.1:%1").arg(ntohs(own.sin_port));
        // The whole tuple: on a busy machine another connection may have used the same client
        // port towards another server, and be in TIME_WAIT too, near its end.
        const QString serverEnd = QStringLiteral("127.0.0.1:%1").arg(port);
        ::close(client);
        char byte;
        QCOMPARE(::read(served, &byte, 1), 0); // the client's FIN has arrived
        ::close(served);

        const auto timeWaitRow = [&]() -> std::optional<SocketRow> {
            for (const SocketRow& row : takeSocketSnapshot().rows) {
                if (row.local == clientEnd && row.peer == serverEnd &&
                    row.state == QLatin1String("TIME_WAIT"))
                    return row;
            }
            return std::nullopt;
        };
        QTRY_VERIFY(timeWaitRow());
        const SocketRow row = *timeWaitRow();
        QCOMPARE(row.inode, 0u);
        QVERIFY(row.owners.isEmpty());
        QCOMPARE(row.timer, SocketTimer::TimeWait);
        QVERIFY(row.timerExpiresMs > 0 && row.timerExpiresMs <= 60'000);
        QVERIFY(row.timerText().startsWith(QLatin1String("TIME_WAIT (")));
        ::close(listener);
    }

    // A process directory we may not read is counted, not fatal; a vanished /proc gives none.
    void ownersOfAFakeProc()
    {
        QTemporaryDir proc;
        QVERIFY(QDir(proc.path()).mkpath(QStringLiteral("42/fd")));
        QVERIFY(QDir(proc.path()).mkpath(QStringLiteral("43/fd")));
        QVERIFY(QDir(proc.path()).mkpath(QStringLiteral("self")));
        QFile comm(proc.filePath(QStringLiteral("42/comm")));
        QVERIFY(comm.open(QIODevice::WriteOnly));
        comm.write("server\n");
        comm.close();
        QVERIFY(
            QFile::link(QStringLiteral("socket:[777]"), proc.filePath(QStringLiteral("42/fd/3"))));
        QVERIFY(QFile::link(QStringLiteral("/dev/null"), proc.filePath(QStringLiteral("42/fd/4"))));
        QVERIFY(
            QFile::link(QStringLiteral("socket:[777]"), proc.filePath(QStringLiteral("43/fd/5"))));
        const SocketOwnerIndex index = scanSocketOwners(proc.path());
        QCOMPARE(index.byInode.size(), 1);
        const QList<SocketOwner> owners = index.byInode.value(777);
        QCOMPARE(owners.size(), 2);
        QVERIFY(owners.contains(SocketOwner{42, 3, QStringLiteral("server")}));
        QVERIFY(owners.contains(SocketOwner{43, 5, QString()}));
        QVERIFY(scanSocketOwners(proc.filePath(QStringLiteral("missing"))).byInode.isEmpty());
    }

    void commandLineJson()
    {
        quint16 port = 0;
        const int listener = boundSocket(AF_INET, SOCK_STREAM, &port);
        QProcess process;
        process.start(QStringLiteral(SOCKETSCOPE_BINARY),
                      {QStringLiteral("--list-sockets"), QStringLiteral("--json")});
        QVERIFY(process.waitForFinished(30'000));
        QCOMPARE(process.exitCode(), 0);
        const QJsonArray rows = QJsonDocument::fromJson(process.readAllStandardOutput()).array();
        bool found = false;
        for (const QJsonValue& row : rows) {
            const QJsonObject object = row.toObject();
            if (object[QLatin1String("inode")].toInteger() == qint64(inodeOf(listener))) {
                found = true;
                QCOMPARE(object[QLatin1String("state")].toString(), QStringLiteral("LISTEN"));
                QCOMPARE(object[QLatin1String("local")].toString(),
                         QStringLiteral("127.0.0.1:%1").arg(port));
                QVERIFY(object.contains(QLatin1String("recv_q")));
                // The listener is this test's: the child process finds its owner.
                QCOMPARE(object[QLatin1String("pid")].toInteger(), qint64(getpid()));
            }
        }
        QVERIFY(found);

        // Without the search under /proc, as ss without -p: the same sockets, no owner.
        QProcess quick;
        quick.start(QStringLiteral(SOCKETSCOPE_BINARY),
                    {QStringLiteral("--list-sockets"), QStringLiteral("--json"),
                     QStringLiteral("--no-processes")});
        QVERIFY(quick.waitForFinished(30'000));
        QCOMPARE(quick.exitCode(), 0);
        bool foundWithoutOwner = false;
        for (const QJsonValue& row :
             QJsonDocument::fromJson(quick.readAllStandardOutput()).array()) {
            const QJsonObject object = row.toObject();
            if (object[QLatin1String("inode")].toInteger() == qint64(inodeOf(listener))) {
                foundWithoutOwner = true;
                QVERIFY(object[QLatin1String("pid")].isNull());
            }
        }
        QVERIFY(foundWithoutOwner);
        ::close(listener);

        ::close(listener);
    }

    // Run by a user who may not look into root's processes: the sockets are all there, their
    // owners are not, and the command says why instead of failing.
    void commandLineAsAnotherUser()
    {
        if (geteuid() != 0)
            QSKIP("needs root to run the command as another user");
        const QString setpriv = QStandardPaths::findExecutable(QStringLiteral("setpriv"));
        if (setpriv.isEmpty())
            QSKIP("setpriv (util-linux) is not installed");
        quint16 port = 0;
        // Close-on-exec: the command must not inherit it, or it would find itself the owner.
        const int listener = boundSocket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, &port);
        // The program where that user can run it: the build folder may be closed to others.
        QTemporaryDir dir;
        TestUnprivileged::openToOthers(dir.path());
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        const QString binary = TestUnprivileged::copyApp(dir.path(), &environment);
        QVERIFY(!binary.isEmpty());
        QProcess process;
        process.setProcessEnvironment(environment);
        process.start(setpriv, {QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
                                QStringLiteral("--clear-groups"), QStringLiteral("--inh-caps=-all"),
                                binary, QStringLiteral("--list-sockets"), QStringLiteral("--json"),
                                QStringLiteral("--lang"), QStringLiteral("en")});
        QVERIFY(process.waitForFinished(30'000));
        QCOMPARE(process.exitCode(), 0);
        QVERIFY(process.readAllStandardError().contains("not readable"));
        bool found = false;
        for (const QJsonValue& row :
             QJsonDocument::fromJson(process.readAllStandardOutput()).array()) {
            const QJsonObject object = row.toObject();
            if (object[QLatin1String("inode")].toInteger() == qint64(inodeOf(listener))) {
                found = true;
                QVERIFY(object[QLatin1String("pid")].isNull());
            }
        }
        QVERIFY(found);
        ::close(listener);
    }

    void commandLineRejectsStrayOptions()
    {
        QProcess wrong;
        wrong.start(QStringLiteral(SOCKETSCOPE_BINARY), {QStringLiteral("--json")});
        QVERIFY(wrong.waitForFinished(30'000));
        QCOMPARE(wrong.exitCode(), 2);
        QVERIFY(wrong.readAllStandardError().contains("--list-sockets"));
    }
};

QTEST_GUILESS_MAIN(TestSocketDiag)
#include "tst_socketdiag.moc"
