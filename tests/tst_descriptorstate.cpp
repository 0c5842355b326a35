#include "calls/socketaddress.h"
#include "kernel/descriptorstate.h"

#include <QTemporaryDir>
#include <QTest>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace SocketScope;

class TestDescriptorState : public QObject {
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
        const DescriptorState state = readDescriptorState(fd, AF_INET, SOCK_STREAM);
        ::close(fd);
        QCOMPARE(state.tcpState, TcpState::Listen);
        QCOMPARE(state.local.endpoint(), QStringLiteral("127.0.0.1:%1").arg(ntohs(bound.sin_port)));
        QVERIFY(!state.peer.isValid());
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
        const DescriptorState state = readDescriptorState(fd, AF_INET6, SOCK_STREAM);
        ::close(fd);
        QCOMPARE(state.local.endpoint(), QStringLiteral("[::1]:%1").arg(ntohs(bound.sin6_port)));
        QCOMPARE(state.tcpState, TcpState::Closed);
    }

    void connectedPairShowsBothEnds()
    {
        const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
        const auto loopback = SocketAddress::fromIp(QStringLiteral("127.0.0.1"), 0);
        QCOMPARE(::bind(listener, loopback->data(), loopback->length()), 0);
        QCOMPARE(::listen(listener, 1), 0);
        const SocketAddress server = readDescriptorState(listener, AF_INET, SOCK_STREAM).local;
        const int client = ::socket(AF_INET, SOCK_STREAM, 0);
        QCOMPARE(::connect(client, server.data(), server.length()), 0);
        const int accepted = ::accept(listener, nullptr, nullptr);
        const DescriptorState dialled = readDescriptorState(client, AF_INET, SOCK_STREAM);
        const DescriptorState answered = readDescriptorState(accepted, AF_INET, SOCK_STREAM);
        for (const int fd : {listener, client, accepted})
            ::close(fd);
        QCOMPARE(dialled.peer, server);
        QCOMPARE(dialled.tcpState, TcpState::Established);
        QCOMPARE(answered.local, server);
        QCOMPARE(answered.peer, dialled.local);
        QCOMPARE(answered.tcpState, TcpState::Established);
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
        const DescriptorState state = readDescriptorState(client, AF_UNIX, SOCK_STREAM);
        const int accepted = ::accept(server, nullptr, nullptr);
        QVERIFY(accepted >= 0);
        const DescriptorState answered = readDescriptorState(accepted, AF_UNIX, SOCK_STREAM);
        const DescriptorState caller = readDescriptorState(client, AF_UNIX, SOCK_STREAM);
        const DescriptorState listening = readDescriptorState(server, AF_UNIX, SOCK_STREAM);
        const int udp = ::socket(AF_INET, SOCK_DGRAM, 0);
        const DescriptorState datagram = readDescriptorState(udp, AF_INET, SOCK_DGRAM);
        for (const int fd : {server, client, accepted, udp})
            ::close(fd);
        QVERIFY(!state.local.isValid()); // unnamed
        QCOMPARE(state.peer.host(), path);
        // Unnamed ends are told apart by their inodes: each names the other once accepted.
        QVERIFY(caller.inode != 0 && answered.inode != 0 && caller.inode != answered.inode);
        QCOMPARE(answered.peerInode, caller.inode);
        QCOMPARE(caller.peerInode, answered.inode);
        QCOMPARE(listening.peerInode, quint64(0));
        QCOMPARE(datagram.inode, quint64(0)); // only AF_UNIX needs them
        QVERIFY(!state.tcpState);
        QVERIFY(!datagram.tcpState);
    }

    void closedDescriptorIsNotFound()
    {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        ::close(fd);
        QCOMPARE(readDescriptorState(fd, AF_INET, SOCK_STREAM), DescriptorState{});
    }

    void unboundTcpSocketIsClosed()
    {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        const DescriptorState state = readDescriptorState(fd, AF_INET, SOCK_STREAM);
        ::close(fd);
        QCOMPARE(state.tcpState, TcpState::Closed);
        QVERIFY(!state.local.isValid());
    }
};

QTEST_GUILESS_MAIN(TestDescriptorState)
#include "tst_descriptorstate.moc"
