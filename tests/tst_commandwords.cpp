// A command line typed for --run or the Run dialog, split into words as a shell would,
// without a shell.
#include "trace/commandwords.h"

#include <QTest>

using namespace SocketScope;

class TestCommandWords : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void splitsAsAShell_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QStringList>("words");
        QTest::newRow("blanks") << QStringLiteral("  ./server\t5000  ")
                                << QStringList{QStringLiteral("./server"), QStringLiteral("5000")};
        QTest::newRow("single quotes")
            << QStringLiteral("./client 127.0.0.1 5000 'bonjour à tous'")
            << QStringList{QStringLiteral("./client"), QStringLiteral("127.0.0.1"),
                           QStringLiteral("5000"), QStringLiteral("bonjour à tous")};
        QTest::newRow("single quotes keep backslashes and double quotes")
            << QStringLiteral("echo 'a\\\"b'")
            << QStringList{QStringLiteral("echo"), QStringLiteral("a\\\"b")};
        QTest::newRow("double quotes with escapes")
            << QStringLiteral("echo \"say \\\"hi\\\" \\\\ \\n\"")
            << QStringList{QStringLiteral("echo"), QStringLiteral("say \"hi\" \\ \\n")};
        QTest::newRow("a backslash outside quotes")
            << QStringLiteral("cat my\\ file \\'x")
            << QStringList{QStringLiteral("cat"), QStringLiteral("my file"), QStringLiteral("'x")};
        QTest::newRow("quotes join a word")
            << QStringLiteral("x\"a b\"'c d'e") << QStringList{QStringLiteral("xa bc de")};
        QTest::newRow("an empty argument")
            << QStringLiteral("./client '' 5000")
            << QStringList{QStringLiteral("./client"), QString(), QStringLiteral("5000")};
        QTest::newRow("nothing expanded")
            << QStringLiteral("ls $HOME * ~")
            << QStringList{QStringLiteral("ls"), QStringLiteral("$HOME"), QStringLiteral("*"),
                           QStringLiteral("~")};
        QTest::newRow("backslash-newline joins lines")
            << QStringLiteral("./client \\\n127.0.0.1 \"a\\\nb\"")
            << QStringList{QStringLiteral("./client"), QStringLiteral("127.0.0.1"),
                           QStringLiteral("ab")};
        QTest::newRow("empty") << QStringLiteral("   ") << QStringList{};
    }
    void splitsAsAShell()
    {
        QFETCH(QString, line);
        QFETCH(QStringList, words);
        QString error;
        const auto split = splitCommandLine(line, &error);
        QVERIFY2(split, qPrintable(error));
        QCOMPARE(*split, words);
    }

    void refusesWhatAShellWouldNotRun_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("single quote open") << QStringLiteral("./client 'hello") << "character 10";
        QTest::newRow("double quote open") << QStringLiteral("a \"b \\\"") << "character 3";
        QTest::newRow("last backslash") << QStringLiteral("./server \\") << "backslash";
    }
    void refusesWhatAShellWouldNotRun()
    {
        QFETCH(QString, line);
        QFETCH(QString, mentions);
        QString error;
        QVERIFY(!splitCommandLine(line, &error));
        QVERIFY2(error.contains(mentions), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestCommandWords)
#include "tst_commandwords.moc"
