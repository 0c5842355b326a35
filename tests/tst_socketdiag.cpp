#include "socketdiag.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

using namespace SocketScope;

namespace {

quint64 inodeOf(int fd)
{
    struct stat status {};
    fstat(fd, &status);
    return status.st_ino;
}

const SocketRow* rowOf(const QList<SocketRow>& rows, int fd)
{
    const quint64 inode = inodeOf(fd);
    for (const SocketRow& row : rows) {
        if (row.inode == inode)
            return &row;
    }
    return nullptr;
}

// A socket bound on loopback to a port the system chooses; listening for TCP.
int boundSocket(int family, int type, quint16* port)
{
    const int fd = ::socket(family, type, 0);
    sockaddr_storage storage{};
    socklen_t length = 0;
    if (family == AF_INET) {
        auto* in = reinterpret_cast<sockaddr_in*>(&storage);
        in->sin_family = AF_INET;
        in->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        length = sizeof(sockaddr_in);
    } else {
        auto* in6 = reinterpret_cast<sockaddr_in6*>(&storage);
        in6->sin6_family = AF_INET6;
        in6->sin6_addr = in6addr_loopback;
        length = sizeof(sockaddr_in6);
    }
    ::bind(fd, reinterpret_cast<sockaddr*>(&storage), length);
    if (type == SOCK_STREAM)
        ::listen(fd, 4);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&storage), &length);
    *port = ntohs(family == AF_INET ? reinterpret_cast<sockaddr_in*>(&storage)->sin_port
                                    : reinterpret_cast<sockaddr_in6*>(&storage)->sin6_port);
    return fd;
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

        QString error;
        const auto rows = snapshotSockets(&error);
        QVERIFY2(rows, qPrintable(error));

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

        for (const int fd : {listener, client, udp, listener6, local})
            ::close(fd);
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
                QVERIFY(object.contains(QLatin1String("pid")));
            }
        }
        QVERIFY(found);
        ::close(listener);

        QProcess wrong;
        wrong.start(QStringLiteral(SOCKETSCOPE_BINARY), {QStringLiteral("--json")});
        QVERIFY(wrong.waitForFinished(30'000));
        QCOMPARE(wrong.exitCode(), 2);
        QVERIFY(wrong.readAllStandardError().contains("--list-sockets"));
    }
};

QTEST_GUILESS_MAIN(TestSocketDiag)
#include "tst_socketdiag.moc"
