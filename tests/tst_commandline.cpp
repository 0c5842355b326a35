#include "commandline.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <future>
#include <thread>
#include <unistd.h>

using namespace SocketScope;

// The ID of a thread of this test other than its main thread: started once and left waiting,
// the process's end ends it.
qint64 helperThread()
{
    static const qint64 id = [] {
        std::promise<qint64> started;
        std::future<qint64> told = started.get_future();
        std::thread([promise = std::move(started)]() mutable {
            promise.set_value(gettid());
            for (;;)
                pause();
        }).detach();
        return told.get();
    }();
    return id;
}

class TestCommandLine : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void acceptsValidRuns()
    {
        QTemporaryDir dir;
        const QString trace = dir.filePath(QStringLiteral("t.jsonl"));
        const CommandLineResult result = parseCommandLine(
            {QStringLiteral("socketscope"), QStringLiteral("--headless"),
             QStringLiteral("--scenario"), QStringLiteral("tcp-echo"), QStringLiteral("--port"),
             QStringLiteral("0"), QStringLiteral("--trace"), trace, QStringLiteral("--lang"),
             QStringLiteral("fr")});
        QVERIFY2(result.options, qPrintable(result.error));
        QCOMPARE(result.options->mode, CommandLineOptions::Mode::Headless);
        QCOMPARE(result.options->scenarioId, QStringLiteral("tcp-echo"));
        QCOMPARE(result.options->port.value_or(1), quint16(0));
        QCOMPARE(result.options->tracePath, trace);
        QCOMPARE(result.options->language, QStringLiteral("fr"));
    }

    // --run's programs first, then --attach's running processes with their command lines.
    void attachNamesARunningProcess()
    {
        const CommandLineResult result = parseCommandLine(
            {QStringLiteral("socketscope"), QStringLiteral("--attach"), QString::number(getppid()),
             QStringLiteral("--run"), QStringLiteral("./client \"a b\"")});
        QVERIFY2(result.options, qPrintable(result.error));
        const QList<TracedProgram>& programs = result.options->runPrograms;
        QCOMPARE(programs.size(), 2);
        QCOMPARE(programs[0],
                 (TracedProgram{{QStringLiteral("./client"), QStringLiteral("a b")}, 0}));
        QCOMPARE(programs[1].attachTo, qint64(getppid()));
        QVERIFY(!programs[1].words.isEmpty());
    }

    void listScenarios()
    {
        const CommandLineResult result =
            parseCommandLine({QStringLiteral("socketscope"), QStringLiteral("--list-scenarios")});
        QVERIFY(result.options);
        QCOMPARE(result.options->mode, CommandLineOptions::Mode::ListScenarios);
    }

    void rejectsBadArguments_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("port not a number")
            << QStringList{QStringLiteral("--port"), QStringLiteral("http")} << "--port";
        QTest::newRow("port too large")
            << QStringList{QStringLiteral("--port"), QStringLiteral("65536")} << "65535";
        QTest::newRow("negative port")
            << QStringList{QStringLiteral("--port"), QStringLiteral("-1")} << "--port";
        QTest::newRow("unknown language")
            << QStringList{QStringLiteral("--lang"), QStringLiteral("de")} << "fr or en";
        QTest::newRow("headless without scenario")
            << QStringList{QStringLiteral("--headless")} << "--scenario";
        QTest::newRow("unknown option")
            << QStringList{QStringLiteral("--frobnicate")} << "frobnicate";
        QTest::newRow("trace in a missing folder")
            << QStringList{QStringLiteral("--trace"), QStringLiteral("/no/such/folder/t.jsonl")}
            << "/no/such/folder";
        QTest::newRow("trace is a folder")
            << QStringList{QStringLiteral("--trace"), QStringLiteral("/tmp")} << "folder";
        QTest::newRow("stray argument") << QStringList{QStringLiteral("tcp-echo")} << "tcp-echo";
        QTest::newRow("screenshot without a window")
            << QStringList{QStringLiteral("--headless"), QStringLiteral("--scenario"),
                           QStringLiteral("tcp-echo"), QStringLiteral("--screenshot"),
                           QStringLiteral("/tmp/x.png")}
            << "--headless";
        QTest::newRow("attach to no process")
            << QStringList{QStringLiteral("--attach"), QStringLiteral("4194304")}
            << "no running process";
        QTest::newRow("attach to a name")
            << QStringList{QStringLiteral("--attach"), QStringLiteral("server")} << "\"server\"";
        QTest::newRow("attach to SocketScope itself")
            << QStringList{QStringLiteral("--attach"),
                           QString::number(QCoreApplication::applicationPid())}
            << "itself";
        const qint64 thread = helperThread();
        QVERIFY(QFileInfo::exists(QStringLiteral("/proc/self/task/%1").arg(thread)));
        QTest::newRow("attach to a thread")
            << QStringList{QStringLiteral("--attach"), QString::number(thread)}
            << "a thread's number";
        QTest::newRow("attach with a scenario")
            << QStringList{QStringLiteral("--attach"), QString::number(getppid()),
                           QStringLiteral("--scenario"), QStringLiteral("tcp-echo")}
            << "--attach";
        QTest::newRow("export of an empty scenario id")
            << QStringList{QStringLiteral("--export-png"), QStringLiteral("/tmp/x.png"),
                           QStringLiteral("--scenario"), QString()}
            << "--scenario ID";
        QTest::newRow("missing scenario folder")
            << QStringList{QStringLiteral("--scenario-folder"), QStringLiteral("/no/such")}
            << "/no/such";
    }
    void rejectsBadArguments()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, mentions);
        arguments.prepend(QStringLiteral("socketscope"));
        const CommandLineResult result = parseCommandLine(arguments);
        QVERIFY(!result.options);
        QVERIFY2(result.error.contains(mentions), qPrintable(result.error));
    }

    void languageReadEarly()
    {
        QCOMPARE(requestedLanguage(
                     {QStringLiteral("x"), QStringLiteral("--lang"), QStringLiteral("fr")}),
                 QStringLiteral("fr"));
        QCOMPARE(requestedLanguage({QStringLiteral("x"), QStringLiteral("--lang=en")}),
                 QStringLiteral("en"));
        QVERIFY(requestedLanguage({QStringLiteral("x")}).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
