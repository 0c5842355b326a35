#include "calls/socketaddress.h"

#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/un.h>

using namespace SocketScope;

class TestSocketAddress : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parsesEndpoints_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("family");
        QTest::addColumn<QString>("endpoint");
        QTest::addColumn<int>("port");
        QTest::newRow("ipv4 loopback") << "127.0.0.1:5000" << AF_INET << "127.0.0.1:5000" << 5000;
        QTest::newRow("ipv4 wildcard port 0") << "0.0.0.0:0" << AF_INET << "0.0.0.0:0" << 0;
        QTest::newRow("ipv6 loopback") << "[::1]:5000" << AF_INET6 << "[::1]:5000" << 5000;
        QTest::newRow("v4-mapped")
            << "[::ffff:127.0.0.1]:80" << AF_INET6 << "[::ffff:127.0.0.1]:80" << 80;
        QTest::newRow("unix path")
            << "/tmp/socketscope.sock" << AF_UNIX << "/tmp/socketscope.sock" << 0;
        QTest::newRow("spaces trimmed") << "  127.0.0.1:7 " << AF_INET << "127.0.0.1:7" << 7;
    }
    void parsesEndpoints()
    {
        QFETCH(QString, text);
        QFETCH(int, family);
        QFETCH(QString, endpoint);
        QFETCH(int, port);
        QString error;
        const auto address = SocketAddress::fromEndpoint(text, &error);
        QVERIFY2(address.has_value(), qPrintable(error));
        QCOMPARE(address->family(), family);
        QCOMPARE(address->endpoint(), endpoint);
        QCOMPARE(int(address->port()), port);
    }

    void rejectsBadEndpoints_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("port too large") << "127.0.0.1:65536"
                                        << "65535";
        QTest::newRow("port not a number") << "127.0.0.1:http"
                                           << "port";
        QTest::newRow("no port") << "127.0.0.1"
                                 << "address:port";
        QTest::newRow("not an address") << "300.1.1.1:80"
                                        << "IPv4";
        QTest::newRow("ipv6 without brackets") << "::1:80"
                                               << "address:port";
        QTest::newRow("ipv6 unclosed") << "[::1:80"
                                       << "[address]:port";
        QTest::newRow("empty") << ""
                               << "address:port";
        QTest::newRow("unix path too long")
            << QLatin1Char('/') + QString(200, QLatin1Char('a')) << "AF_UNIX";
    }
    void rejectsBadEndpoints()
    {
        QFETCH(QString, text);
        QFETCH(QString, mentions);
        QString error;
        QVERIFY(!SocketAddress::fromEndpoint(text, &error).has_value());
        QVERIFY2(error.contains(mentions), qPrintable(error));
    }

    void rendersLikeStrace_data()
    {
        QTest::addColumn<QString>("endpoint");
        QTest::addColumn<QString>("strace");
        QTest::newRow("ipv4")
            << "127.0.0.1:5000"
            << "{sa_family=AF_INET, sin_port=htons(5000), sin_addr=inet_addr(\"127.0.0.1\")}";
        QTest::newRow("ipv6")
            << "[::1]:8080"
            << "{sa_family=AF_INET6, sin6_port=htons(8080), sin6_flowinfo=htonl(0), "
               "inet_pton(AF_INET6, \"::1\", &sin6_addr), sin6_scope_id=0}";
        QTest::newRow("unix") << "/tmp/a\"b"
                              << "{sa_family=AF_UNIX, sun_path=\"/tmp/a\\\"b\"}";
    }
    void rendersLikeStrace()
    {
        QFETCH(QString, endpoint);
        QFETCH(QString, strace);
        QCOMPARE(SocketAddress::fromEndpoint(endpoint)->straceText(), strace);
    }

    void storesNetworkByteOrder()
    {
        // The bytes in memory are those a peer sees: port 5000 is 0x13 0x88 whatever the host.
        const auto address = SocketAddress::fromIp(QStringLiteral("127.0.0.1"), 5000);
        QVERIFY(address);
        QCOMPARE(address->length(), socklen_t(sizeof(sockaddr_in)));
        const auto* in = reinterpret_cast<const sockaddr_in*>(address->data());
        const auto* portBytes = reinterpret_cast<const unsigned char*>(&in->sin_port);
        QCOMPARE(int(portBytes[0]), 0x13);
        QCOMPARE(int(portBytes[1]), 0x88);
        QCOMPARE(in->sin_addr.s_addr, htonl(INADDR_LOOPBACK));
    }

    void unixLengthCoversPathAndNul()
    {
        const auto address = SocketAddress::fromUnixPath(QStringLiteral("/tmp/x"));
        QVERIFY(address);
        QCOMPARE(address->length(), socklen_t(offsetof(sockaddr_un, sun_path) + 7));
        QCOMPARE(address->host(), QStringLiteral("/tmp/x"));
    }

    void wildcards()
    {
        QVERIFY(SocketAddress::fromIp(QStringLiteral("0.0.0.0"), 5000)->isWildcard());
        QVERIFY(SocketAddress::fromIp(QStringLiteral("::"), 0)->isWildcard());
        QVERIFY(!SocketAddress::fromIp(QStringLiteral("127.0.0.1"), 0)->isWildcard());
        QVERIFY(!SocketAddress::fromUnixPath(QStringLiteral("/tmp/x"))->isWildcard());
        QVERIFY(!SocketAddress().isWildcard());
    }

    void emptyAddressRendersNull()
    {
        QCOMPARE(SocketAddress().straceText(), QStringLiteral("NULL"));
        QVERIFY(!SocketAddress().isValid());
    }
};

QTEST_GUILESS_MAIN(TestSocketAddress)
#include "tst_socketaddress.moc"
