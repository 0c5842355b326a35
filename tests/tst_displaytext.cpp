#include "calls/callevent.h"
#include "calls/displaytext.h"

#include <QTest>

using namespace SocketScope;

// The bytes a program moved, written for a reader: UTF-8 text as text, what is not text
// escaped, cut between characters. The strace form stays for the files (tst_crender).
class TestDisplayText : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void quoted_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("limit");
        QTest::addColumn<QString>("expected");
        QTest::newRow("course message")
            << QByteArray("Hello world !\n") << 32 << QStringLiteral("\"Hello world !\\n\"");
        QTest::newRow("French text in UTF-8")
            << QByteArray("Veuillez entrer votre ann\xc3\xa9"
                          "e de naissance")
            << 64 << QStringLiteral("\"Veuillez entrer votre année de naissance\"");
        QTest::newRow("guillemets and apostrophe")
            << QByteArray("\xc2\xab ok \xc2\xbb l'\xc3\xa2ge") << 32
            << QStringLiteral("\"« ok » l'âge\"");
        QTest::newRow("quote and backslash escaped")
            << QByteArray("a\"b\\c") << 32 << QStringLiteral("\"a\\\"b\\\\c\"");
        QTest::newRow("newline tab carriage return")
            << QByteArray("a\nb\tc\r") << 32 << QStringLiteral("\"a\\nb\\tc\\r\"");
        QTest::newRow("NUL alone") << QByteArray("x\0y", 3) << 32 << QStringLiteral("\"x\\0y\"");
        QTest::newRow("NUL before a digit") << QByteArray("\0"
                                                          "1",
                                                          2)
                                            << 32 << QStringLiteral("\"\\x001\"");
        QTest::newRow("other control characters")
            << QByteArray("\x01\x1b\x7f") << 32 << QStringLiteral("\"\\x01\\x1b\\x7f\"");
        QTest::newRow("invalid byte")
            << QByteArray("ann\xff") << 32 << QStringLiteral("\"ann\\xff\"");
        QTest::newRow("latin-1 e acute is not UTF-8") << QByteArray("ann\xe9"
                                                                    "e")
                                                      << 32 << QStringLiteral("\"ann\\xe9e\"");
        QTest::newRow("data ending in the middle of a character")
            << QByteArray("ann\xc3") << 32 << QStringLiteral("\"ann\\xc3\"");
        QTest::newRow("overlong slash")
            << QByteArray("\xc0\xaf") << 32 << QStringLiteral("\"\\xc0\\xaf\"");
        QTest::newRow("encoded surrogate")
            << QByteArray("\xed\xa0\x80") << 32 << QStringLiteral("\"\\xed\\xa0\\x80\"");
        QTest::newRow("four-byte character")
            << QByteArray("ok \xf0\x9f\x98\x80") << 32 << QStringLiteral("\"ok \U0001F600\"");
        QTest::newRow("C1 control")
            << QByteArray("\xc2\x85") << 32 << QStringLiteral("\"\\u{0085}\"");
        QTest::newRow("right-to-left override") << QByteArray("a\xe2\x80\xae"
                                                              "b")
                                                << 32 << QStringLiteral("\"a\\u{202e}b\"");
        QTest::newRow("empty") << QByteArray() << 32 << QStringLiteral("\"\"");
        QTest::newRow("cut after 5 characters")
            << QByteArray("Hello world") << 5 << QStringLiteral("\"Hello\"…");
        QTest::newRow("cut counts characters, not bytes") << QByteArray("ann\xc3\xa9"
                                                                        "e!")
                                                          << 5 << QStringLiteral("\"année\"…");
        QTest::newRow("cut never splits a character")
            << QByteArray("caf\xc3\xa9\xc3\xa9") << 4 << QStringLiteral("\"café\"…");
        QTest::newRow("cut before an escape that does not fit")
            << QByteArray("abc\n") << 4 << QStringLiteral("\"abc\"…");
        QTest::newRow("exactly the limit is not cut")
            << QByteArray("abcd") << 4 << QStringLiteral("\"abcd\"");
    }
    void quoted()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, limit);
        QFETCH(QString, expected);
        QCOMPARE(DisplayText::quoted(bytes, limit), expected);
    }

    void asciiTextNeedsNoHexadecimal_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("ascii");
        QTest::newRow("course message") << QByteArray("Hello world !\n") << true;
        QTest::newRow("accent: two bytes for one letter") << QByteArray("ann\xc3\xa9"
                                                                        "e")
                                                          << false;
        QTest::newRow("NUL") << QByteArray("\0", 1) << false;
        QTest::newRow("invalid byte") << QByteArray("\xff") << false;
        QTest::newRow("empty") << QByteArray() << true;
    }
    void asciiTextNeedsNoHexadecimal()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, ascii);
        QCOMPARE(DisplayText::isAsciiText(bytes), ascii);
    }

    // The call list shows the display form; the saved files and the headless output keep
    // strace's octal escapes, which tst_headless compares with real strace.
    void callTextInBothForms_data()
    {
        QTest::addColumn<int>("call");
        QTest::addColumn<QString>("strace");
        QTest::addColumn<QString>("display");
        QTest::newRow("write") << int(Call::Write) << QStringLiteral("4, \"ann\\303\\251e\\n\", 7")
                               << QStringLiteral("4, \"année\\n\", 7");
        QTest::newRow("read") << int(Call::Read) << QStringLiteral("4, \"ann\\303\\251e\\n\", 256")
                              << QStringLiteral("4, \"année\\n\", 256");
    }
    void callTextInBothForms()
    {
        QFETCH(int, call);
        QFETCH(QString, strace);
        QFETCH(QString, display);
        CallEvent event;
        event.call = Call(call);
        event.arguments.fd = 4;
        const QByteArray bytes("ann\xc3\xa9"
                               "e\n");
        if (event.call == Call::Write) {
            event.arguments.payload = bytes;
        } else {
            event.arguments.count = 256;
            event.results.data = bytes;
        }
        event.ret = bytes.size();
        QCOMPARE(event.argumentsText(), strace);
        QCOMPARE(event.argumentsText(BytesText::Strace), strace);
        QCOMPARE(event.argumentsText(BytesText::Display), display);
        QVERIFY(event.straceLine().contains(strace));
    }
};

QTEST_GUILESS_MAIN(TestDisplayText)
#include "tst_displaytext.moc"
