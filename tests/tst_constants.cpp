#include "calls/constants.h"

#include <QTest>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>

using namespace SocketScope;

class TestConstants : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void flagsRoundTrip_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("value");
        QTest::addColumn<QString>("text");
        QTest::newRow("no flag") << int(ConstantKind::MessageFlag) << 0 << "0";
        QTest::newRow("peek") << int(ConstantKind::MessageFlag) << int(MSG_PEEK) << "MSG_PEEK";
        QTest::newRow("peek waitall") << int(ConstantKind::MessageFlag)
                                      << int(MSG_PEEK | MSG_WAITALL) << "MSG_PEEK|MSG_WAITALL";
        QTest::newRow("stream cloexec")
            << int(ConstantKind::SocketType) << int(SOCK_STREAM | SOCK_CLOEXEC)
            << "SOCK_STREAM|SOCK_CLOEXEC";
        QTest::newRow("pollin pollout")
            << int(ConstantKind::PollEvent) << int(POLLIN | POLLOUT) << "POLLIN|POLLOUT";
    }
    void flagsRoundTrip()
    {
        QFETCH(int, kind);
        QFETCH(int, value);
        QFETCH(QString, text);
        const auto k = ConstantKind(kind);
        QCOMPARE(flagsText(k, value), text);
        QCOMPARE(flagsValue(k, {text}).value_or(-1), value);
    }

    void unknownFlagNamed()
    {
        QString bad;
        QVERIFY(
            !flagsValue(ConstantKind::MessageFlag, {QStringLiteral("MSG_PEEK|MSG_NOPE")}, &bad));
        QCOMPARE(bad, QStringLiteral("MSG_NOPE"));
    }

    void optionNamesDependOnLevel()
    {
        QCOMPARE(socketOptionName(IPPROTO_TCP, TCP_NODELAY), QStringLiteral("TCP_NODELAY"));
        QCOMPARE(socketOptionName(SOL_SOCKET, SO_REUSEADDR), QStringLiteral("SO_REUSEADDR"));
        QCOMPARE(optionLevel(QStringLiteral("IPV6_V6ONLY")).value_or(-1), int(IPPROTO_IPV6));
        QVERIFY(!optionLevel(QStringLiteral("SO_NOPE")));
    }

    void familiesAcceptCourseSpellings()
    {
        QCOMPARE(constantValue(ConstantKind::Family, QStringLiteral("PF_INET")).value_or(-1),
                 int(AF_INET));
        QCOMPARE(constantName(ConstantKind::Family, AF_INET6), QStringLiteral("AF_INET6"));
    }
};

QTEST_GUILESS_MAIN(TestConstants)
#include "tst_constants.moc"
