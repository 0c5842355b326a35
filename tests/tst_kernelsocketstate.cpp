#include "kernelsocketstate.h"
#include "socketaddress.h"

#include <QTest>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace SocketScope;

class TestKernelSocketState : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parsesProcRows_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<bool>("ipv6");
        QTest::addColumn<QString>("local");
        QTest::addColumn<QString>("peer");
        QTest::addColumn<QString>("state");
        QTest::addColumn<quint64>("inode");
        // Rows as the kernel prints them on a little-endian host.
        QTest::newRow("ipv4 listen")
            << QByteArray("   0: 0100007F:1388 00000000:0000 0A 00000000:00000000 00:00000000 "
                          "00000000  1000        0 123456 1 0000000000000000 100 0 0 10 0")
            << false << "127.0.0.1:5000"
            << ""
            << "LISTEN" << quint64(123456);
        QTest::newRow("ipv4 established")
            << QByteArray("   1: 0100007F:D6A2 0100007F:1388 01 00000000:00000000 00:00000000 "
                          "00000000  1000        0 654321 1 0000000000000000 20 4 30 10 -1")
            << false << "127.0.0.1:54946"
            << "127.0.0.1:5000"
            << "ESTABLISHED" << quint64(654321);
        QTest::newRow("ipv6 loopback listen")
            << QByteArray("   0: 00000000000000000000000001000000:1F90 "
                          "00000000000000000000000000000000:0000 0A 00000000:00000000 "
                          "00:00000000 00000000  1000        0 777 1 0000000000000000 100 0 0 "
                          "10 0")
            << true << "[::1]:8080"
            << ""
            << "LISTEN" << quint64(777);
    }
    void parsesProcRows()
    {
        if (QSysInfo::ByteOrder != QSysInfo::LittleEndian)
            QSKIP("the crafted rows are those of a little-endian host");
        QFETCH(QByteArray, line);
        QFETCH(bool, ipv6);
        QFETCH(QString, local);
        QFETCH(QString, peer);
        QFETCH(QString, state);
        QFETCH(quint64, inode);
        quint64 parsedInode = 0;
        KernelSocketState parsed;
        QVERIFY(ProcNet::parseInetRow(line, ipv6, &parsedInode, &parsed, true));
        QCOMPARE(parsed.local, local);
        QCOMPARE(parsed.peer, peer);
        QCOMPARE(parsed.tcpState, state);
        QCOMPARE(parsedInode, inode);
    }

    void rejectsMalformedRows()
    {
        quint64 inode = 0;
        KernelSocketState state;
        QVERIFY(!ProcNet::parseInetRow("garbage", false, &inode, &state, true));
        QVERIFY(!ProcNet::parseInetRow("0: 0100007F:ZZZZ 00000000:0000 0A 0 0 0 0 0 1", false,
                                       &inode, &state, true));
    }

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
