#include "calls/crender.h"

#include <QTest>

using namespace SocketScope;

class TestCRender : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void quotesLikeStrace_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("course message") << QByteArray("Hello world !\n") << "\"Hello world !\\n\"";
        QTest::newRow("quote and backslash") << QByteArray("a\"b\\c") << "\"a\\\"b\\\\c\"";
        QTest::newRow("tab cr") << QByteArray("\t\r") << "\"\\t\\r\"";
        QTest::newRow("nul alone") << QByteArray("\0", 1) << "\"\\0\"";
        QTest::newRow("nul before digit") << QByteArray("\0"
                                                        "1",
                                                        2)
                                          << "\"\\0001\"";
        QTest::newRow("high byte") << QByteArray("\xff") << "\"\\377\"";
        QTest::newRow("empty") << QByteArray() << "\"\"";
        QTest::newRow("cut after 32 bytes")
            << QByteArray(40, 'x')
            << QLatin1Char('"') + QString(32, QLatin1Char('x')) + QStringLiteral("\"...");
    }
    void quotesLikeStrace()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        QCOMPARE(CRender::quotedBytes(bytes), expected);
    }

    void hexBytes()
    {
        QCOMPARE(CRender::hexBytes(QByteArray("ok\n")), QStringLiteral("6f 6b 0a"));
        QCOMPARE(CRender::hexBytes(QByteArray(3, 'A'), 2), QStringLiteral("41 41 \u2026"));
        QCOMPARE(CRender::hexBytes(QByteArray(2, 'A'), 2), QStringLiteral("41 41"));
    }

    void lengthInOut()
    {
        QCOMPARE(CRender::lengthInOut(16, 16), QStringLiteral("[16]"));
        QCOMPARE(CRender::lengthInOut(128, 16), QStringLiteral("[128 => 16]"));
    }

    void pointer()
    {
        QCOMPARE(CRender::pointer(0), QStringLiteral("NULL")); // as strace writes it
        QCOMPARE(CRender::pointer(0x7ffd1234), QStringLiteral("0x7ffd1234"));
        QVERIFY(CRender::pointer(CRender::addressOf(this)).startsWith(QLatin1String("0x")));
    }
};

QTEST_GUILESS_MAIN(TestCRender)
#include "tst_crender.moc"
