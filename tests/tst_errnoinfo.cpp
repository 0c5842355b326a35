#include "calls/errnoinfo.h"

#include <QTest>

#include <cerrno>
#include <cstring>
#include <netdb.h>
#include <sys/socket.h>

using namespace SocketScope;

class TestErrnoInfo : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Where the general explanation would mislead, the call and the socket decide.
    void explanationForTheSocket()
    {
        const QString tcp = errnoExplanationFor(ECONNREFUSED, Call::Connect, AF_INET, SOCK_STREAM);
        QVERIFY(tcp.contains(QLatin1String("RST")));
        QCOMPARE(tcp, errnoInfo(ECONNREFUSED).explanation);
        QVERIFY(errnoExplanationFor(ECONNREFUSED, Call::Recv, AF_INET, SOCK_DGRAM)
                    .contains(QLatin1String("ICMP")));
        QVERIFY(errnoExplanationFor(ECONNREFUSED, Call::Connect, AF_UNIX, SOCK_STREAM)
                    .contains(QLatin1String("path")));
        QVERIFY(errnoExplanationFor(EACCES, Call::SendTo, AF_INET, SOCK_DGRAM)
                    .contains(QLatin1String("SO_BROADCAST")));
        QVERIFY(errnoExplanationFor(EACCES, Call::Bind, AF_INET, SOCK_STREAM)
                    .contains(QLatin1String("1024")));
    }

    void namesMessagesExplanations_data()
    {
        QTest::addColumn<int>("value");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("explanationMentions");
        QTest::newRow("refused") << ECONNREFUSED << "ECONNREFUSED"
                                 << "RST";
        QTest::newRow("in use") << EADDRINUSE << "EADDRINUSE"
                                << "port";
        QTest::newRow("privileged port") << EACCES << "EACCES"
                                         << "1024";
        QTest::newRow("broken pipe") << EPIPE << "EPIPE"
                                     << "SIGPIPE";
        QTest::newRow("reset") << ECONNRESET << "ECONNRESET"
                               << "reset";
        QTest::newRow("would block") << EAGAIN << "EAGAIN"
                                     << "MSG_DONTWAIT";
        QTest::newRow("bad descriptor") << EBADF << "EBADF"
                                        << "closed";
    }
    void namesMessagesExplanations()
    {
        QFETCH(int, value);
        QFETCH(QString, name);
        QFETCH(QString, explanationMentions);
        const ErrnoInfo info = errnoInfo(value);
        QCOMPARE(info.name, name);
        QCOMPARE(info.message, QString::fromLocal8Bit(strerror(value)));
        QVERIFY2(info.explanation.contains(explanationMentions), qPrintable(info.explanation));
        QCOMPARE(errnoFromName(name), value);
    }

    void unknownErrnoStillNamed()
    {
        const ErrnoInfo info = errnoInfo(ENOTDIR);
        QCOMPARE(info.name, QStringLiteral("ENOTDIR"));
        QVERIFY(!info.explanation.isEmpty());
        QCOMPARE(errnoFromName(QStringLiteral("ENOTDIR")), ENOTDIR);
        QCOMPARE(errnoFromName(QStringLiteral("ENOTANERRNO")), 0);
    }

    void addrInfoErrors()
    {
        const ErrnoInfo info = addrInfoErrorInfo(EAI_NONAME);
        QCOMPARE(info.name, QStringLiteral("EAI_NONAME"));
        QCOMPARE(info.message, QString::fromLocal8Bit(gai_strerror(EAI_NONAME)));
        QVERIFY(info.explanation.contains(QLatin1String("/etc/hosts")));
    }
};

QTEST_GUILESS_MAIN(TestErrnoInfo)
#include "tst_errnoinfo.moc"
