#include "calls/socketaddress.h"
#include "kernel/kernelsocketstate.h"

#include <QTemporaryDir>
#include <QTest>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace SocketScope;

class TestKernelSocketState : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void readsRealListeningSocket()
    {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        QVERIFY(fd >= 0);
        const auto address = SocketAddress::fromIp(QStringLiteral("127.0.0.1"), 0);
        QCOMPARE(::bind(fd, address->data(), address->length()), 0);
        QCOMPARE(::listen(fd, 1), 0);
        sockaddr_in bound{};
        socklen_t length = sizeof(bound);
        QCOMPARE(::getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &length), 0);
        const KernelSocketState state = readKernelSocketState(fd, AF_INET, SOCK_STREAM);
        ::close(fd);
        QVERIFY(state.found);
        QCOMPARE(state.tcpState, QStringLiteral("LISTEN"));
        QCOMPARE(state.local, QStringLiteral("127.0.0.1:%1").arg(ntohs(bound.sin_port)));
        QVERIFY(state.peer.isEmpty());
    }

    // A TCP socket bound and not listening is in none of /proc/net's tables; its descriptor
    // knows its address all the same, the port the system chose included.
    void boundSocketShowsItsAddressBeforeListening()
    {
        const int fd = ::socket(AF_INET6, SOCK_STREAM, 0);
        const auto address = SocketAddress::fromIp(QStringLiteral("::1"), 0);
        QCOMPARE(::bind(fd, address->data(), address->length()), 0);
        sockaddr_in6 bound{};
        socklen_t length = sizeof(bound);
        QCOMPARE(::getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &length), 0);
        const KernelSocketState state = readKernelSocketState(fd, AF_INET6, SOCK_STREAM);
        ::close(fd);
        QCOMPARE(state.local, QStringLiteral("[::1]:%1").arg(ntohs(bound.sin6_port)));
        QCOMPARE(state.tcpState, QStringLiteral("CLOSE"));
    }

    void connectedPairShowsBothEnds()
    {
        const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
        const auto loopback = SocketAddress::fromIp(QStringLiteral("127.0.0.1"), 0);
        QCOMPARE(::bind(listener, loopback->data(), loopback->length()), 0);
        QCOMPARE(::listen(listener, 1), 0);
        const QString server = readKernelSocketState(listener, AF_INET, SOCK_STREAM).local;
        const auto target = SocketAddress::fromEndpoint(server);
        const int client = ::socket(AF_INET, SOCK_STREAM, 0);
        QCOMPARE(::connect(client, target->data(), target->length()), 0);
        const int accepted = ::accept(listener, nullptr, nullptr);
        const KernelSocketState dialled = readKernelSocketState(client, AF_INET, SOCK_STREAM);
        const KernelSocketState answered = readKernelSocketState(accepted, AF_INET, SOCK_STREAM);
        for (const int fd : {listener, client, accepted})
            ::close(fd);
        QCOMPARE(dialled.peer, server);
        QCOMPARE(dialled.tcpState, QStringLiteral("ESTABLISHED"));
        QCOMPARE(answered.local, server);
        QCOMPARE(answered.peer, dialled.local);
        QCOMPARE(answered.tcpState, QStringLiteral("ESTABLISHED"));
    }

    // AF_UNIX: the client's peer is the path the server bound; UDP has no TCP state.
    void unixPeerAndUdpState()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("s"));
        const auto address = SocketAddress::fromUnixPath(path);
        const int server = ::socket(AF_UNIX, SOCK_STREAM, 0);
        QCOMPARE(::bind(server, address->data(), address->length()), 0);
        QCOMPARE(::listen(server, 1), 0);
        const int client = ::socket(AF_UNIX, SOCK_STREAM, 0);
        QCOMPARE(::connect(client, address->data(), address->length()), 0);
        const KernelSocketState state = readKernelSocketState(client, AF_UNIX, SOCK_STREAM);
        const int udp = ::socket(AF_INET, SOCK_DGRAM, 0);
        const KernelSocketState datagram = readKernelSocketState(udp, AF_INET, SOCK_DGRAM);
        for (const int fd : {server, client, udp})
            ::close(fd);
        QVERIFY(state.found);
        QVERIFY(state.local.isEmpty());
        QCOMPARE(state.peer, path);
        QVERIFY(state.tcpState.isEmpty());
        QVERIFY(datagram.found);
        QVERIFY(datagram.tcpState.isEmpty());
    }

    void closedDescriptorIsNotFound()
    {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        ::close(fd);
        QVERIFY(!readKernelSocketState(fd, AF_INET, SOCK_STREAM).found);
    }

    void unboundTcpSocketIsClosed()
    {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        const KernelSocketState state = readKernelSocketState(fd, AF_INET, SOCK_STREAM);
        ::close(fd);
        QCOMPARE(state.tcpState, QStringLiteral("CLOSE"));
        QVERIFY(state.local.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestKernelSocketState)
#include "tst_kernelsocketstate.moc"
