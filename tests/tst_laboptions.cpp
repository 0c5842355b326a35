#include "lab/laboptions.h"

#include <QTest>

#include <netinet/in.h>
#include <sys/socket.h>

using namespace SocketScope;

namespace {

QStringList strings(std::initializer_list<const char*> texts)
{
    QStringList list;
    for (const char* text : texts)
        list += QString::fromUtf8(text);
    return list;
}

QStringList names(const QList<LabOptionItem>& items)
{
    QStringList list;
    for (const LabOptionItem& item : items)
        list << QLatin1String(item.spec->name);
    return list;
}

const LabOptionSpec& spec(const char* name)
{
    for (const LabOptionSpec& candidate : labOptionSpecs()) {
        if (qstrcmp(candidate.name, name) == 0)
            return candidate;
    }
    qFatal("no option %s", name);
}

} // namespace

// The options of the lab's `options` command as typed: names, prefixes, name=value.
class TestLabOptions : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // No name: socklab's order, only what applies to the socket, O_NONBLOCK once.
    void walkFitsTheSocket_data()
    {
        QTest::addColumn<int>("domain");
        QTest::addColumn<int>("type");
        QTest::addColumn<QStringList>("shown");
        const QStringList socklab =
            strings({"broadcast", "debug", "dontroute", "keepalive", "oobinline", "reuseaddr",
                     "nodelay", "rcvbuf", "sndbuf", "rcvtimeo", "sndtimeo"});
        QTest::newRow("TCP over IPv4")
            << AF_INET << int(SOCK_STREAM)
            << socklab + strings({"tcpnodelay", "linger", "reuseport", "ttl"});
        QTest::newRow("UDP over IPv6")
            << AF_INET6 << int(SOCK_DGRAM)
            << socklab + strings({"linger", "reuseport", "v6only", "ttl"});
        QTest::newRow("AF_UNIX stream")
            << AF_UNIX << int(SOCK_STREAM) << socklab + strings({"linger", "reuseport"});
    }
    void walkFitsTheSocket()
    {
        QFETCH(int, domain);
        QFETCH(int, type);
        QFETCH(QStringList, shown);
        QString error;
        const auto items = parseLabOptionWords({}, domain, type, &error);
        QVERIFY(items);
        QCOMPARE(names(*items), shown);
        for (const LabOptionItem& item : *items)
            QVERIFY(!item.value);
    }

    // Names are prefixes: every option that matches is asked, each once.
    void namesArePrefixes_data()
    {
        QTest::addColumn<QStringList>("words");
        QTest::addColumn<QStringList>("asked");
        QTest::newRow("exact") << strings({"rcvbuf"}) << strings({"rcvbuf"});
        QTest::newRow("two match") << strings({"reuse"}) << strings({"reuseaddr", "reuseport"});
        QTest::newRow("nodelay and nonblock are one flag")
            << strings({"no"}) << strings({"nodelay"});
        QTest::newRow("upper case") << strings({"SNDBUF"}) << strings({"sndbuf"});
        QTest::newRow("in the order typed")
            << strings({"ttl", "broad"}) << strings({"ttl", "broadcast"});
    }
    void namesArePrefixes()
    {
        QFETCH(QStringList, words);
        QFETCH(QStringList, asked);
        QString error;
        const auto items = parseLabOptionWords(words, AF_INET, SOCK_STREAM, &error);
        QVERIFY2(items, qPrintable(error));
        QCOMPARE(names(*items), asked);
    }

    // name=value: one option, its value typed as the option takes it.
    void valuesAreTyped_data()
    {
        QTest::addColumn<QString>("word");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("text"); // the value written back as name=value takes it
        QTest::newRow("yes") << "reuseaddr=y"
                             << "reuseaddr"
                             << "1";
        QTest::newRow("off") << "keepalive=off"
                             << "keepalive"
                             << "0";
        QTest::newRow("bytes") << "rcvbuf=65536"
                               << "rcvbuf"
                               << "65536";
        QTest::newRow("half a second") << "rcvtimeo=0.5"
                                       << "rcvtimeo"
                                       << "0.5";
        QTest::newRow("whole seconds") << "sndtimeo=2"
                                       << "sndtimeo"
                                       << "2";
        QTest::newRow("linger on") << "linger=1,5"
                                   << "linger"
                                   << "1,5";
        QTest::newRow("linger off") << "linger=n"
                                    << "linger"
                                    << "0,0";
        QTest::newRow("a unique prefix") << "tcpno=1"
                                         << "tcpnodelay"
                                         << "1";
    }
    void valuesAreTyped()
    {
        QFETCH(QString, word);
        QFETCH(QString, name);
        QFETCH(QString, text);
        QString error;
        const auto items = parseLabOptionWords(QStringList{word}, AF_INET, SOCK_STREAM, &error);
        QVERIFY2(items, qPrintable(error));
        QCOMPARE(items->size(), 1);
        QCOMPARE(QLatin1String(items->first().spec->name), name);
        QVERIFY(items->first().value);
        QCOMPARE(labOptionValueText(*items->first().spec, *items->first().value), text);
    }

    // A bad word refuses the whole line, with a message that names the option.
    void badWordsRefused_data()
    {
        QTest::addColumn<QStringList>("words");
        QTest::addColumn<QString>("error");
        QTest::newRow("unknown") << strings({"frob"}) << "*** unknown option frob";
        QTest::newRow("empty name") << strings({"=1"}) << "*** unknown option ";
        QTest::newRow("several for one value")
            << strings({"reuse=1"}) << "*** reuse names several options (reuseaddr, reuseport)";
        QTest::newRow("not a flag") << strings({"broadcast=2"}) << "broadcast";
        QTest::newRow("not a number") << strings({"rcvbuf=lots"}) << "rcvbuf";
        QTest::newRow("too big") << strings({"rcvbuf=99999999999"}) << "rcvbuf";
        QTest::newRow("microseconds") << strings({"rcvtimeo=0.0001"}) << "rcvtimeo";
        QTest::newRow("over an hour") << strings({"rcvtimeo=3601"}) << "rcvtimeo";
        QTest::newRow("linger three parts") << strings({"linger=1,2,3"}) << "linger";
        QTest::newRow("asynchrone") << strings({"async"}) << "SIGIO";
        QTest::newRow("good then bad") << strings({"reuseaddr=1", "sndbuf=x"}) << "sndbuf";
    }
    void badWordsRefused()
    {
        QFETCH(QStringList, words);
        QFETCH(QString, error);
        QString said;
        QVERIFY(!parseLabOptionWords(words, AF_INET, SOCK_STREAM, &said));
        QVERIFY2(said.contains(error), qPrintable(said));
    }

    // socklab's questions: the current value in brackets.
    void promptsShowTheValue()
    {
        OptionValue on;
        on.integer = 1;
        QCOMPARE(labOptionPrompt(spec("reuseaddr"), on), QStringLiteral("reuseaddr [Y/n] : "));
        QCOMPARE(labOptionPrompt(spec("broadcast"), OptionValue{}),
                 QStringLiteral("broadcast [y/N] : "));
        OptionValue bytes;
        bytes.integer = 131072;
        QCOMPARE(labOptionPrompt(spec("rcvbuf"), bytes), QStringLiteral("rcvbuf [131072] : "));
        OptionValue time;
        time.microseconds = 1'250'000;
        QCOMPARE(labOptionPrompt(spec("rcvtimeo"), time), QStringLiteral("rcvtimeo [1.25] : "));
        OptionValue linger;
        linger.integer = 1;
        linger.lingerSeconds = 5;
        QCOMPARE(labOptionPrompt(spec("linger"), linger), QStringLiteral("linger [1,5] : "));
    }

    // ttl is IP_TTL for IPv4, IPV6_UNICAST_HOPS for IPv6.
    void ttlFollowsTheFamily()
    {
        QCOMPARE(labOptionTarget(spec("ttl"), AF_INET), std::pair(int(IPPROTO_IP), int(IP_TTL)));
        QCOMPARE(labOptionTarget(spec("ttl"), AF_INET6),
                 std::pair(int(IPPROTO_IPV6), int(IPV6_UNICAST_HOPS)));
    }
};

QTEST_GUILESS_MAIN(TestLabOptions)
#include "tst_laboptions.moc"
