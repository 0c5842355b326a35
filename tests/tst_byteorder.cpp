#include "calls/byteorder.h"
#include "calls/socketaddress.h"

#include <QSysInfo>
#include <QTest>

#include <netinet/in.h>
#include <sys/un.h>

using namespace SocketScope;

class TestByteOrder : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void endiannessMeasured()
    {
        QCOMPARE(ByteOrder::hostIsLittleEndian(), QSysInfo::ByteOrder == QSysInfo::LittleEndian);
    }

    void layoutsMatchTheRealStructures_data()
    {
        QTest::addColumn<int>("family");
        QTest::addColumn<int>("size");
        QTest::newRow("sockaddr_in") << int(AF_INET) << int(sizeof(sockaddr_in));
        QTest::newRow("sockaddr_in6") << int(AF_INET6) << int(sizeof(sockaddr_in6));
        QTest::newRow("sockaddr_un") << int(AF_UNIX) << int(sizeof(sockaddr_un));
    }
    void layoutsMatchTheRealStructures()
    {
        QFETCH(int, family);
        QFETCH(int, size);
        const auto fields = ByteOrder::layout(family);
        QVERIFY(!fields.isEmpty());
        // Fields follow each other without overlap and cover the whole structure.
        int end = 0;
        for (const auto& field : fields) {
            QCOMPARE(field.offset, end);
            end = field.offset + field.size;
        }
        QCOMPARE(end, size);
    }

    void portAndAddressBytesWhereTheLayoutSays()
    {
        const auto address = SocketAddress::fromIp(QStringLiteral("127.0.0.1"), 5000);
        const QByteArray bytes(reinterpret_cast<const char*>(address->data()), address->length());
        for (const auto& field : ByteOrder::layout(AF_INET)) {
            const QByteArray value = bytes.mid(field.offset, field.size);
            if (field.kind == ByteOrder::SockaddrField::Kind::Port)
                QCOMPARE(value, QByteArray::fromHex("1388")); // 5000, network order
            if (field.kind == ByteOrder::SockaddrField::Kind::Address)
                QCOMPARE(value, QByteArray::fromHex("7f000001"));
            if (field.kind == ByteOrder::SockaddrField::Kind::Padding)
                QCOMPARE(value, QByteArray(8, '\0'));
        }
    }

    void theCoursesExamples()
    {
        // 325 stored little-endian and read big-endian is 17665, and back.
        const auto conversion = ByteOrder::convertNumber(QStringLiteral("325"), 16, nullptr);
        QVERIFY(conversion);
        QCOMPARE(conversion->networkBytes, QByteArray::fromHex("0145"));
        if (ByteOrder::hostIsLittleEndian()) {
            QCOMPARE(conversion->hostBytes, QByteArray::fromHex("4501"));
            QCOMPARE(conversion->misreadValue, quint32(17665));
            QCOMPARE(ByteOrder::convertNumber(QStringLiteral("17665"), 16, nullptr)->misreadValue,
                     quint32(325));
            // A forgotten htons: port 5000 becomes 34835 for the peer.
            QCOMPARE(ByteOrder::portWithoutHtons(5000), quint16(34835));
        } else {
            QCOMPARE(ByteOrder::portWithoutHtons(5000), quint16(5000));
        }
        const auto wide = ByteOrder::convertNumber(QStringLiteral("0x7f000001"), 32, nullptr);
        QCOMPARE(wide->networkBytes, QByteArray::fromHex("7f000001"));
    }

    void converterValidates_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("bits");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("port too large") << "70000" << 16 << "65535";
        QTest::newRow("negative") << "-1" << 16 << "65535";
        QTest::newRow("not a number") << "http" << 16 << "http";
        QTest::newRow("32 bits too large") << "4294967296" << 32 << "4294967295";
    }
    void converterValidates()
    {
        QFETCH(QString, text);
        QFETCH(int, bits);
        QFETCH(QString, mentions);
        QString error;
        QVERIFY(!ByteOrder::convertNumber(text, bits, &error));
        QVERIFY2(error.contains(mentions), qPrintable(error));
    }

    void addressesThroughInetPton()
    {
        int family = 0;
        QCOMPARE(
            ByteOrder::convertAddress(QStringLiteral("192.168.52.2"), &family, nullptr).value(),
            QByteArray::fromHex("c0a83402"));
        QCOMPARE(family, int(AF_INET));
        QCOMPARE(ByteOrder::convertAddress(QStringLiteral("::1"), &family, nullptr)->size(), 16);
        QCOMPARE(family, int(AF_INET6));
        QString error;
        QVERIFY(!ByteOrder::convertAddress(QStringLiteral("256.1.1.1"), &family, &error));
        QVERIFY(error.contains(QLatin1String("IPv4")));
    }
};

QTEST_GUILESS_MAIN(TestByteOrder)
#include "tst_byteorder.moc"
