// The lab's arguments parsed once into typed values: ids, hosts, ports, counts, choices,
// timeouts and messages (socklab's spaces, counts and hexadecimal).
#include "lab/labcommand.h"
#include "lab/labmessage.h"
#include "testlabmodes.h"

#include <QTest>

#include <sys/socket.h>

using namespace SocketScope;
using namespace SocketScope::TestLabModes;

class TestLabArguments : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void ids_data()
    {
        QTest::addColumn<QString>("word");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<bool>("current");
        QTest::addColumn<int>("id");
        QTest::newRow("number") << "3" << true << false << 3;
        QTest::newRow("zero") << "0" << true << false << 0;
        QTest::newRow("dot") << "." << true << true << -1;
        QTest::newRow("nothing") << "" << true << true << -1;
        QTest::newRow("negative") << "-1" << false << false << 0;
        QTest::newRow("letters") << "abc" << false << false << 0;
        QTest::newRow("trailing junk") << "3x" << false << false << 0;
        QTest::newRow("too large") << "99999999999" << false << false << 0;
    }
    void ids()
    {
        QFETCH(QString, word);
        QFETCH(bool, valid);
        QFETCH(bool, current);
        QFETCH(int, id);
        QString error;
        const auto parsed = parseLabId(word, &error);
        QCOMPARE(parsed.has_value(), valid);
        QCOMPARE(error.isEmpty(), valid);
        if (valid) {
            QCOMPARE(parsed->current, current);
            QCOMPARE(parsed->id, id);
        } else {
            QVERIFY(error.contains(word));
        }
    }

    void hosts_data()
    {
        QTest::addColumn<QString>("word");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<LabHost::Kind>("kind");
        QTest::addColumn<QString>("text");
        QTest::newRow("any") << "*" << true << LabHost::Kind::Any << "*";
        QTest::newRow("loopback") << "." << true << LabHost::Kind::Loopback << ".";
        QTest::newRow("ipv4") << "127.0.0.1" << true << LabHost::Kind::Numeric << "127.0.0.1";
        QTest::newRow("ipv6 normalised")
            << "0:0:0:0:0:0:0:1" << true << LabHost::Kind::Numeric << "::1";
        QTest::newRow("ipv6 upper") << "FE80::A" << true << LabHost::Kind::Numeric << "fe80::a";
        QTest::newRow("mapped") << "::ffff:10.0.0.1" << true << LabHost::Kind::Numeric
                                << "::ffff:10.0.0.1";
        QTest::newRow("name") << "localhost" << true << LabHost::Kind::Name << "localhost";
        QTest::newRow("dotted name")
            << "www.example-1.org." << true << LabHost::Kind::Name << "www.example-1.org.";
        QTest::newRow("short ipv4 is no name") << "1.2.3" << false << LabHost::Kind::Any << "";
        QTest::newRow("ipv4 out of range") << "256.1.1.1" << false << LabHost::Kind::Any << "";
        QTest::newRow("bad ipv6") << "1::2::3" << false << LabHost::Kind::Any << "";
        QTest::newRow("blank inside") << "a b" << false << LabHost::Kind::Any << "";
        QTest::newRow("underscore") << "my_host" << false << LabHost::Kind::Any << "";
        QTest::newRow("leading hyphen") << "-host" << false << LabHost::Kind::Any << "";
        QTest::newRow("empty label") << "a..b" << false << LabHost::Kind::Any << "";
        QTest::newRow("label too long") << QString(64, u'a') << false << LabHost::Kind::Any << "";
        QTest::newRow("name too long")
            << (QString(60, u'a') + u'.').repeated(5) + u'b' << false << LabHost::Kind::Any << "";
        QTest::newRow("non ascii") << "hôte" << false << LabHost::Kind::Any << "";
        QTest::newRow("empty") << "" << false << LabHost::Kind::Any << "";
    }
    void hosts()
    {
        QFETCH(QString, word);
        QFETCH(bool, valid);
        QFETCH(LabHost::Kind, kind);
        QFETCH(QString, text);
        QString error;
        const auto host = parseLabHost(word, &error);
        QCOMPARE(host.has_value(), valid);
        QCOMPARE(error.isEmpty(), valid);
        if (valid) {
            QCOMPARE(host->kind, kind);
            QCOMPARE(host->text, text);
        }
    }

    void ports_data()
    {
        QTest::addColumn<QString>("word");
        QTest::addColumn<int>("port");
        QTest::newRow("zero") << "0" << 0;
        QTest::newRow("number") << "5000" << 5000;
        QTest::newRow("highest") << "65535" << 65535;
        QTest::newRow("service http") << "http" << 80;
        QTest::newRow("service ssh") << "ssh" << 22;
        QTest::newRow("out of range") << "65536" << -1;
        QTest::newRow("huge") << "123456789012345678901" << -1;
        QTest::newRow("negative") << "-1" << -1;
        QTest::newRow("unknown service") << "no-such-service" << -1;
        QTest::newRow("junk after digits") << "80x" << -1;
        QTest::newRow("empty") << "" << -1;
        QTest::newRow("non ascii") << "sérvice" << -1;
    }
    void ports()
    {
        QFETCH(QString, word);
        QFETCH(int, port);
        QString error;
        const auto parsed = parseLabPort(word, &error);
        QCOMPARE(parsed.has_value(), port >= 0);
        QCOMPARE(error.isEmpty(), port >= 0);
        if (port >= 0)
            QCOMPARE(int(*parsed), port);
    }

    void counts_data()
    {
        QTest::addColumn<QString>("word");
        QTest::addColumn<int>("defaultValue");
        QTest::addColumn<qint64>("maximum");
        QTest::addColumn<int>("count");
        QTest::newRow("backlog default") << "" << 5 << qint64(4096) << 5;
        QTest::newRow("bytes default") << "" << 100 << qint64(labMessageLimit) << 100;
        QTest::newRow("given") << "42" << 100 << qint64(labMessageLimit) << 42;
        QTest::newRow("zero") << "0" << 1 << qint64(10) << 0;
        QTest::newRow("at maximum") << "10" << 1 << qint64(10) << 10;
        QTest::newRow("past maximum") << "11" << 1 << qint64(10) << -1;
        QTest::newRow("negative") << "-5" << 1 << qint64(10) << -1;
        QTest::newRow("not a number") << "many" << 1 << qint64(10) << -1;
        QTest::newRow("overflow") << "99999999999999999999" << 1 << qint64(1) << -1;
    }
    void counts()
    {
        QFETCH(QString, word);
        QFETCH(int, defaultValue);
        QFETCH(qint64, maximum);
        QFETCH(int, count);
        QString error;
        const auto parsed = parseLabCount(word, defaultValue, maximum, &error);
        QCOMPARE(parsed.has_value(), count >= 0);
        QCOMPARE(error.isEmpty(), count >= 0);
        if (count >= 0)
            QCOMPARE(*parsed, count);
    }

    void choices_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("word");
        QTest::addColumn<int>("value");
        QTest::newRow("in") << "direction"
                            << "in" << int(SHUT_RD);
        QTest::newRow("i") << "direction"
                           << "i" << int(SHUT_RD);
        QTest::newRow("out") << "direction"
                             << "out" << int(SHUT_WR);
        QTest::newRow("o") << "direction"
                           << "o" << int(SHUT_WR);
        QTest::newRow("both") << "direction"
                              << "both" << int(SHUT_RDWR);
        QTest::newRow("b") << "direction"
                           << "b" << int(SHUT_RDWR);
        QTest::newRow("BOTH") << "direction"
                              << "BOTH" << int(SHUT_RDWR);
        QTest::newRow("inside") << "direction"
                                << "inside" << -1;
        QTest::newRow("no direction") << "direction"
                                      << "" << -1;
        QTest::newRow("tcp") << "protocol"
                             << "tcp" << int(SOCK_STREAM);
        QTest::newRow("t") << "protocol"
                           << "t" << int(SOCK_STREAM);
        QTest::newRow("udp") << "protocol"
                             << "udp" << int(SOCK_DGRAM);
        QTest::newRow("u") << "protocol"
                           << "u" << int(SOCK_DGRAM);
        QTest::newRow("sctp") << "protocol"
                              << "sctp" << -1;
        QTest::newRow("timeout forever") << "timeout"
                                         << "-1" << -1;
        QTest::newRow("timeout zero") << "timeout"
                                      << "0" << 0;
        QTest::newRow("timeout 250") << "timeout"
                                     << "250" << 250;
    }
    void choices()
    {
        QFETCH(QString, kind);
        QFETCH(QString, word);
        QFETCH(int, value);
        QString error;
        std::optional<int> parsed;
        if (kind == QLatin1String("direction"))
            parsed = parseLabDirection(word, &error);
        else if (kind == QLatin1String("protocol"))
            parsed = parseLabProtocol(word, &error);
        else
            parsed = parseLabTimeout(word, &error);
        const bool valid = value >= 0 || kind == QLatin1String("timeout");
        QCOMPARE(parsed.has_value(), valid);
        QCOMPARE(error.isEmpty(), valid);
        if (valid)
            QCOMPARE(*parsed, value);
    }

    void badTimeouts_data()
    {
        QTest::addColumn<QString>("word");
        QTest::newRow("minus two") << "-2";
        QTest::newRow("letters") << "soon";
        QTest::newRow("empty") << "";
        QTest::newRow("too large") << "99999999999";
    }
    void badTimeouts()
    {
        QFETCH(QString, word);
        QString error;
        QVERIFY(!parseLabTimeout(word, &error));
        QVERIFY(!error.isEmpty());
    }

    void messages_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("hex");
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("plain") << "ping" << false << QByteArray("ping");
        QTest::newRow("empty") << "" << false << QByteArray();
        QTest::newRow("trailing space is LF") << "ping " << false << QByteArray("ping\n");
        QTest::newRow("double space is CR LF")
            << "GET / HTTP/1.0  " << false << QByteArray("GET / HTTP/1.0\r\n");
        QTest::newRow("double space inside") << "a  b" << false << QByteArray("a\r\nb");
        QTest::newRow("three spaces pair from the end")
            << "a   b" << false << QByteArray("a \r\nb");
        QTest::newRow("four spaces at the end") << "x    " << false << QByteArray("x\r\n\r\n");
        QTest::newRow("single space inside stays") << "a b" << false << QByteArray("a b");
        QTest::newRow("one space alone") << " " << false << QByteArray("\n");
        QTest::newRow("utf8") << "café" << false << QByteArray("caf\xc3\xa9");
        QTest::newRow("count") << "#5" << false << QByteArray("*****");
        QTest::newRow("count zero") << "#0" << false << QByteArray();
        QTest::newRow("count with blank as sscanf") << "# 3" << false << QByteArray("***");
        QTest::newRow("count with plus as sscanf") << "#+2" << false << QByteArray("**");
        QTest::newRow("hash alone is text") << "#" << false << QByteArray("#");
        QTest::newRow("hash word is text") << "#tag " << false << QByteArray("#tag\n");
        QTest::newRow("hex") << "48656c6c6f" << true << QByteArray("Hello");
        QTest::newRow("hex upper with blanks") << "0D 0A\t41" << true << QByteArray("\r\nA");
        QTest::newRow("hex 0x") << "0x0001ff" << true << QByteArray("\x00\x01\xff", 3);
        QTest::newRow("hex 0x per byte") << "0x00 0X7f" << true << QByteArray("\x00\x7f", 2);
        QTest::newRow("hex empty") << "" << true << QByteArray();
        QTest::newRow("hex ignores message conventions") << " 20 20 " << true << QByteArray("  ");
    }
    void messages()
    {
        QFETCH(QString, text);
        QFETCH(bool, hex);
        QFETCH(QByteArray, bytes);
        QString error;
        const auto decoded =
            decodeLabMessage(text, hex ? LabPayload::Hex : LabPayload::Text, &error);
        QVERIFY2(decoded, qPrintable(error));
        QCOMPARE(*decoded, bytes);
        QVERIFY(error.isEmpty());
    }

    void badMessages_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("hex");
        QTest::newRow("negative count") << "#-1" << false;
        QTest::newRow("count with junk") << "#5abc" << false;
        QTest::newRow("count past limit")
            << QStringLiteral("#%1").arg(labMessageLimit + 1) << false;
        QTest::newRow("count overflow") << "#99999999999999999999999" << false;
        QTest::newRow("odd hex") << "abc" << true;
        QTest::newRow("hex split byte") << "4 1" << true;
        QTest::newRow("not hex") << "zz" << true;
        QTest::newRow("0x alone") << "0x" << true;
        QTest::newRow("hex past limit") << QString(2 * (labMessageLimit + 1), u'a') << true;
        QTest::newRow("text past limit") << QString(labMessageLimit + 1, u'a') << false;
    }
    void badMessages()
    {
        QFETCH(QString, text);
        QFETCH(bool, hex);
        QString error;
        QVERIFY(!decodeLabMessage(text, hex ? LabPayload::Hex : LabPayload::Text, &error));
        QVERIFY(!error.isEmpty());
    }

    void countAtLimit()
    {
        const auto decoded =
            decodeLabMessage(QStringLiteral("#%1").arg(labMessageLimit), LabPayload::Text, nullptr);
        QVERIFY(decoded);
        QCOMPARE(decoded->size(), labMessageLimit);
    }
};

QTEST_GUILESS_MAIN(TestLabArguments)
#include "tst_labarguments.moc"
