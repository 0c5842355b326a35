#include "packets/packetdecoder.h"
#include "packets/pcapformat.h"

#include <QBuffer>
#include <QtEndian>
#include <QTest>

using namespace SocketScope;

namespace {

QByteArray be16(quint16 value)
{
    QByteArray bytes(2, '\0');
    qToBigEndian(value, bytes.data());
    return bytes;
}

QByteArray be32(quint32 value)
{
    QByteArray bytes(4, '\0');
    qToBigEndian(value, bytes.data());
    return bytes;
}

// A SYN like the one connect() sends on Linux loopback: MSS, SACK permitted, timestamps,
// NOP, window scale.
QByteArray tcpSyn()
{
    const QByteArray options = QByteArray::fromHex("0204ffd7") + QByteArray::fromHex("0402") +
                               QByteArray::fromHex("080a") + be32(1111) + be32(0) +
                               QByteArray::fromHex("01") + QByteArray::fromHex("030307");
    const QByteArray tcp = be16(50000) + be16(5000) + be32(0x01020304) + be32(0) +
                           QByteArray::fromHex("a002") + be16(65495) + be16(0) + be16(0) + options;
    const QByteArray ip = QByteArray::fromHex("4500") + be16(quint16(20 + tcp.size())) +
                          QByteArray::fromHex("0000400040060000") +
                          QByteArray::fromHex("7f000001") + QByteArray::fromHex("7f000001");
    return QByteArray(12, '\0') + be16(0x0800) + ip + tcp;
}

// "Hello world !\n" in a UDP datagram over IPv6, as the "any" pseudo-interface (SLL2) has it.
QByteArray udpOverIpv6()
{
    const QByteArray payload("Hello world !\n");
    const QByteArray udp =
        be16(40000) + be16(5000) + be16(quint16(8 + payload.size())) + be16(0) + payload;
    QByteArray loopback(16, '\0');
    loopback[15] = 1;
    const QByteArray ip = QByteArray::fromHex("60000000") + be16(quint16(udp.size())) +
                          QByteArray::fromHex("1140") + loopback + loopback;
    return QByteArray::fromHex("86dd0000") + QByteArray(16, '\0') + ip + udp;
}

} // namespace

class TestPacketDecoder : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void decodesALoopbackSyn()
    {
        const DecodedPacket packet = decodeFrame(LinkType::Ethernet, tcpSyn());
        QVERIFY2(packet.isValid(), qPrintable(packet.error));
        QCOMPARE(packet.ipVersion, 4);
        QCOMPARE(packet.transport, DecodedPacket::Transport::Tcp);
        QCOMPARE(packet.source.endpoint(), QStringLiteral("127.0.0.1:50000"));
        QCOMPARE(packet.destination.endpoint(), QStringLiteral("127.0.0.1:5000"));
        QCOMPARE(packet.flagsText(), QStringLiteral("SYN"));
        QCOMPARE(packet.sequenceNumber, 0x01020304u);
        QCOMPARE(packet.window, quint16(65495));
        QCOMPARE(packet.mss.value_or(0), quint16(65495));
        QVERIFY(packet.sackPermitted);
        QCOMPARE(int(packet.windowScale.value_or(0)), 7);
        QCOMPARE(packet.timestamps->first, 1111u);
        QVERIFY(packet.payload.isEmpty());
        // The port bytes, for linking them to the sockaddr: 50000 then 5000, big-endian.
        QCOMPARE(tcpSyn().mid(packet.transportOffset, 4), QByteArray::fromHex("c3501388"));
    }

    void decodesUdpOverIpv6()
    {
        const DecodedPacket packet = decodeFrame(LinkType::LinuxSll2, udpOverIpv6());
        QVERIFY2(packet.isValid(), qPrintable(packet.error));
        QCOMPARE(packet.ipVersion, 6);
        QCOMPARE(packet.transport, DecodedPacket::Transport::Udp);
        QCOMPARE(packet.source.endpoint(), QStringLiteral("[::1]:40000"));
        QCOMPARE(packet.destination.endpoint(), QStringLiteral("[::1]:5000"));
        QCOMPARE(packet.payload, QByteArray("Hello world !\n"));
        QVERIFY(packet.flagsText().isEmpty());
    }

    void everyTruncationIsAnErrorNotACrash()
    {
        for (const auto& [linkType, frame] : {std::pair{LinkType::Ethernet, tcpSyn()},
                                              std::pair{LinkType::LinuxSll2, udpOverIpv6()}}) {
            const int headers = linkType == LinkType::Ethernet ? 14 + 20 + 40 : 20 + 40 + 8;
            for (int length = 0; length < headers; ++length) {
                const DecodedPacket packet = decodeFrame(linkType, frame.left(length));
                QVERIFY2(!packet.error.isEmpty(),
                         qPrintable(QStringLiteral("length %1").arg(length)));
                QVERIFY(!packet.isValid());
            }
        }
    }

    void malformedFramesSayWhy_data()
    {
        QTest::addColumn<int>("linkType");
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<QString>("mentions");
        QByteArray badOffset = tcpSyn();
        badOffset[14 + 20 + 12] = char(0x30); // data offset 12 bytes: less than a TCP header
        QTest::newRow("TCP header too short")
            << LinkType::Ethernet << badOffset << "TCP header length";
        QByteArray badOption = tcpSyn();
        badOption[14 + 20 + 20 + 1] = 0; // MSS option of length 0
        QTest::newRow("zero-length option") << LinkType::Ethernet << badOption << "TCP option";
        QByteArray arp = tcpSyn();
        arp[12] = 0x08;
        arp[13] = 0x06;
        QTest::newRow("not IP") << LinkType::Ethernet << arp << "EtherType";
        QByteArray version5 = tcpSyn();
        version5[14] = char(0x55);
        QTest::newRow("IP version 5") << LinkType::Ethernet << version5 << "version 5";
        QTest::newRow("unknown link type") << 147 << tcpSyn() << "147";
        QByteArray icmp = tcpSyn();
        icmp[14 + 9] = 1;
        QTest::newRow("ICMP") << LinkType::Ethernet << icmp << "neither TCP nor UDP";
    }
    void malformedFramesSayWhy()
    {
        QFETCH(int, linkType);
        QFETCH(QByteArray, frame);
        QFETCH(QString, mentions);
        const DecodedPacket packet = decodeFrame(linkType, frame);
        QVERIFY2(packet.error.contains(mentions), qPrintable(packet.error));
    }

    void pcapRoundTripFedByteByByte()
    {
        QBuffer file;
        file.open(QIODevice::WriteOnly);
        QVERIFY(PcapWriter::writeHeader(file, LinkType::Ethernet));
        const PcapRecord first{1'700'000'000'123'456'000, 0, tcpSyn()};
        const PcapRecord second{1'700'000'001'000'001'000, 0, QByteArray(60, 'x')};
        QVERIFY(PcapWriter::writeRecord(file, first));
        QVERIFY(PcapWriter::writeRecord(file, second));
        PcapReader reader;
        for (const char byte : file.data())
            reader.feed(QByteArray(1, byte));
        QVERIFY(reader.error().isEmpty());
        QCOMPARE(reader.linkType(), LinkType::Ethernet);
        const QList<PcapRecord> records = reader.takeRecords();
        QCOMPARE(records.size(), 2);
        QCOMPARE(records[0].data, first.data);
        QCOMPARE(records[0].timeNs, first.timeNs);
        QCOMPARE(records[1].timeNs, second.timeNs);
        QVERIFY(reader.takeRecords().isEmpty());
    }

    void pcapOtherByteOrderAndNanoseconds()
    {
        // A big-endian file with nanosecond timestamps, as some tools write.
        const QByteArray header = be32(0xa1b23c4d) + be16(2) + be16(4) + be32(0) + be32(0) +
                                  be32(65535) + be32(LinkType::Raw);
        const QByteArray frame = tcpSyn().mid(14);
        const QByteArray record =
            be32(10) + be32(5) + be32(quint32(frame.size())) + be32(quint32(frame.size())) + frame;
        PcapReader reader;
        reader.feed(header + record);
        QCOMPARE(reader.linkType(), LinkType::Raw);
        const QList<PcapRecord> records = reader.takeRecords();
        QCOMPARE(records.size(), 1);
        QCOMPARE(records[0].timeNs, 10'000'000'005);
        QVERIFY(decodeFrame(reader.linkType(), records[0].data).isValid());
    }

    void corruptStreamsAreErrors()
    {
        PcapReader notPcap;
        notPcap.feed(QByteArray(24, 'z'));
        QVERIFY(notPcap.error().contains(QLatin1String("not a pcap")));
        PcapReader huge;
        QBuffer file;
        file.open(QIODevice::WriteOnly);
        PcapWriter::writeHeader(file, LinkType::Ethernet);
        huge.feed(file.data() + QByteArray(8, '\0') + QByteArray::fromHex("ffffff7f") +
                  QByteArray(4, '\0'));
        QVERIFY(huge.error().contains(QLatin1String("corrupt")));
        QVERIFY(huge.takeRecords().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestPacketDecoder)
#include "tst_packetdecoder.moc"
