#include "export/cprogram.h"
#include "export/labscenario.h"
#include "lab/labsession.h"
#include "scenarios/scenariocatalog.h"
#include "scenarios/scenariowriter.h"
#include "testcompile.h"
#include "testscenarios.h"

#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace SocketScope;
using SocketScope::TestCompile::compile;

namespace {

// What the last step of `actor` that checks received bytes expects.
QByteArray lastExpectedData(const Scenario& scenario, const QString& actor)
{
    QByteArray data;
    for (const ScenarioStep& step : scenario.steps) {
        if (step.actor == actor && step.expect.data)
            data = *step.expect.data;
    }
    return data;
}

SessionOptions labOptions()
{
    SessionOptions options;
    options.capture = CaptureMode::InferOnly;
    return options;
}

// Types a lab line and waits until the lab takes the next one.
bool type(LabSession& lab, const QString& line)
{
    QSignalSpy ready(&lab, &LabSession::readyForInput);
    lab.feed(line);
    return ready.wait(10'000) || !ready.isEmpty();
}

quint16 localPortOf(const LabSession& lab, int id)
{
    for (const LabStatusRow& row : lab.statusRows()) {
        if (row.id == id)
            return row.local.port();
    }
    return 0;
}

// A lab session with both ends of a TCP connection on one stage, as a student plays them:
// a server on a port the system chose, a client that calls it, a message each way.
bool playBothEnds(LabSession& lab)
{
    if (!type(lab, QStringLiteral("socket tcp")))
        return false;
    const int listener = lab.currentId();
    if (!type(lab, QStringLiteral("bind . 127.0.0.1 0")) ||
        !type(lab, QStringLiteral("listen . 5")))
        return false;
    const quint16 port = localPortOf(lab, listener);
    if (port == 0 || !type(lab, QStringLiteral("socket tcp")))
        return false;
    const int client = lab.currentId();
    return type(lab, QStringLiteral("connect . 127.0.0.1 %1").arg(port)) &&
           type(lab, QStringLiteral("accept %1").arg(listener)) &&
           type(lab, QStringLiteral("options %1 nonblock=1").arg(listener)) &&
           type(lab, QStringLiteral("write %1 hello").arg(client)) &&
           type(lab, QStringLiteral("read . 100")) && type(lab, QStringLiteral("write . ok")) &&
           type(lab, QStringLiteral("read %1 100").arg(client)) &&
           type(lab, QStringLiteral("close %1").arg(client)) &&
           type(lab, QStringLiteral("close .")) &&
           type(lab, QStringLiteral("close %1").arg(listener)) && !lab.anyCommandFailed();
}

} // namespace

class TestCExport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Every scenario of the catalogue, in both languages of its comments, as programs that
    // gcc takes with warnings as errors.
    void everyScenarioCompiles_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("language");
        const ScenarioCatalog catalog = ScenarioCatalog::builtIn();
        for (const Scenario& scenario : catalog.scenarios()) {
            for (const QString& language : {QStringLiteral("en"), QStringLiteral("fr")})
                QTest::addRow("%s, %s", qPrintable(scenario.id), qPrintable(language))
                    << scenario.id << language;
        }
    }
    void everyScenarioCompiles()
    {
        QFETCH(QString, id);
        QFETCH(QString, language);
        const Scenario scenario = TestScenarios::builtIn(id);
        const QList<CProgram::SourceFile> files = CProgram::programs(scenario, language);
        QVERIFY(!files.isEmpty());
        QTemporaryDir folder;
        QString error;
        QVERIFY2(CProgram::writeFiles(files, folder.path(), &error), qPrintable(error));
        for (const CProgram::SourceFile& file : files) {
            QVERIFY2(file.text.startsWith(QStringLiteral("/* ") + file.compileCommand),
                     qPrintable(file.fileName));
            const QString complaint = compile(file, folder.path());
            QVERIFY2(complaint.isEmpty(),
                     qPrintable(file.fileName + QLatin1Char('\n') + complaint));
        }
    }

    // A thread receives the descriptor it serves through pthread_create()'s argument, as
    // the course's threads do: no descriptor at file scope, shared by every thread.
    void threadsReceiveTheirDescriptors()
    {
        const Scenario scenario = TestScenarios::builtIn(QStringLiteral("tcp-concurrent-threads"));
        const QList<CProgram::SourceFile> files =
            CProgram::programs(scenario, QStringLiteral("en"));
        const auto server = std::find_if(files.cbegin(), files.cend(), [](const auto& file) {
            return file.actor == QLatin1String("server");
        });
        QVERIFY(server != files.cend());
        const QStringList lines = server->text.split(QLatin1Char('\n'));
        for (const QString& thread : {QStringLiteral("thread1"), QStringLiteral("thread2")}) {
            const QString dialogue = QStringLiteral("socketDialogue") + thread.back();
            QCOMPARE(lines
                         .filter(QStringLiteral("pthread_create(&%1Id, NULL, %1Thread, (void*) "
                                                "(intptr_t) %2);")
                                     .arg(thread, dialogue))
                         .size(),
                     1);
            QCOMPARE(
                lines.filter(QStringLiteral("int %1 = (int) (intptr_t) argument;").arg(dialogue))
                    .size(),
                1);
        }
        QVERIFY(lines
                    .filter(QRegularExpression(
                        QStringLiteral("^static (int \\w+ = -1|struct sockaddr_storage)")))
                    .isEmpty());
    }

    // The course's exported client against the lab playing the server, as socklab would.
    void exportedClientTalksToTheLab()
    {
        const Scenario scenario = TestScenarios::builtIn(QStringLiteral("tcp-echo"));
        const QList<CProgram::SourceFile> files =
            CProgram::programs(scenario, QStringLiteral("en"));
        QTemporaryDir folder;
        QString error;
        QVERIFY2(CProgram::writeFiles(files, folder.path(), &error), qPrintable(error));
        const auto client = std::find_if(files.cbegin(), files.cend(), [](const auto& file) {
            return file.fileName == QLatin1String("client.c");
        });
        QVERIFY(client != files.cend());
        QVERIFY(compile(*client, folder.path()).isEmpty());

        LabSession lab(LabMode::Tcp, labOptions());
        QVERIFY(type(lab, QStringLiteral("passive")));
        const quint16 port = localPortOf(lab, lab.currentId());
        QVERIFY(port != 0);
        QProcess program;
        program.start(folder.filePath(QStringLiteral("client")),
                      {QStringLiteral("127.0.0.1"), QString::number(port)});
        QVERIFY(program.waitForStarted());
        QVERIFY(type(lab, QStringLiteral("accept .")));
        QVERIFY(type(lab, QStringLiteral("read . 100")));
        const CallEvent read = lab.session().log().calls().last();
        QCOMPARE(read.results.data, lastExpectedData(scenario, QStringLiteral("server")));
        QVERIFY(type(lab, QStringLiteral("write . answer")));
        const CallEvent written = lab.session().log().calls().last();
        QCOMPARE(written.call, Call::Write);
        QVERIFY(!written.failed());
        // The lab's event loop may already have seen the client end.
        QVERIFY(program.state() == QProcess::NotRunning || program.waitForFinished(20'000));
        const QByteArray said = program.readAllStandardOutput();
        QCOMPARE(program.exitCode(), 0);
        QVERIFY2(said.contains(QStringLiteral("%1 bytes received: \"%2\"")
                                   .arg(written.ret)
                                   .arg(QString::fromUtf8(written.arguments.payload))
                                   .toUtf8()),
                 said.constData());
        QVERIFY(!lab.anyCommandFailed());
    }

    // socketscope --export-c DIR --scenario ID: the files, and how to compile each.
    void commandLineWritesThePrograms()
    {
        QTemporaryDir folder;
        QProcess socketscope;
        socketscope.start(QStringLiteral(SOCKETSCOPE_BINARY),
                          {QStringLiteral("--export-c"), folder.path(),
                           QStringLiteral("--scenario"), QStringLiteral("tcp-concurrent-threads")});
        QVERIFY(socketscope.waitForFinished(60'000));
        QCOMPARE(socketscope.exitCode(), 0);
        const QString said = QString::fromUtf8(socketscope.readAllStandardOutput());
        for (const QString& name :
             {QStringLiteral("server"), QStringLiteral("client1"), QStringLiteral("client2")}) {
            QVERIFY2(QFile::exists(folder.filePath(name + QStringLiteral(".c"))), qPrintable(name));
            QVERIFY2(said.contains(QStringLiteral("-o %1 %1.c").arg(name)), qPrintable(said));
        }
        QVERIFY2(said.contains(QStringLiteral("-pthread -o server server.c")), qPrintable(said));

        socketscope.start(QStringLiteral(SOCKETSCOPE_BINARY),
                          {QStringLiteral("--export-c"), folder.path()});
        QVERIFY(socketscope.waitForFinished(60'000));
        QCOMPARE(socketscope.exitCode(), 2);
    }

    // socketscope --lab --save-scenario FILE: the commands typed become a scenario file.
    void headlessLabSavesAScenario()
    {
        QTemporaryDir folder;
        const QString path = folder.filePath(QStringLiteral("passive-server.json"));
        QProcess socketscope;
        socketscope.start(QStringLiteral(SOCKETSCOPE_BINARY),
                          {QStringLiteral("--lab"), QStringLiteral("--save-scenario"), path});
        socketscope.write("socket tcp\nbind . 127.0.0.1 0\nlisten . 5\nclose .\n");
        socketscope.closeWriteChannel();
        QVERIFY(socketscope.waitForFinished(60'000));
        QCOMPARE(socketscope.exitCode(), 0);
        ScenarioCatalog catalog;
        catalog.loadFolder(folder.path());
        QVERIFY2(catalog.errors().isEmpty(), qPrintable(catalog.errors().value(0).text()));
        const Scenario* saved = catalog.find(QStringLiteral("passive-server"));
        QVERIFY(saved);
        QCOMPARE(saved->steps.size(), 4);
        QCOMPARE(saved->steps.at(1).call, Call::Bind);
        QVERIFY(saved->steps.at(1).usesServicePort);
        QVERIFY(saved->defaultPort != 0);
    }

    // What a student did in the lab, both ends on one stage, as one program that compiles,
    // taking the port its server bound as its argument.
    void labSessionCompiles()
    {
        LabSession lab(LabMode::Standard, labOptions());
        QVERIFY(playBothEnds(lab));
        const Scenario scenario = LabScenario::fromLab(
            lab.session().scenario(), lab.session().log().calls(), QStringLiteral("my-lab"));
        const QList<CProgram::SourceFile> files =
            CProgram::programs(scenario, QStringLiteral("en"));
        QCOMPARE(files.size(), 1);
        // The listener made non-blocking in the lab: fcntl() in the program too.
        const QStringList setFlags =
            files.first().text.split(QLatin1Char('\n')).filter(QStringLiteral(", F_SETFL, "));
        QCOMPARE(setFlags.size(), 1);
        QVERIFY2(setFlags.first().contains(QStringLiteral("O_NONBLOCK")),
                 qPrintable(setFlags.first()));
        QTemporaryDir folder;
        QString error;
        QVERIFY2(CProgram::writeFiles(files, folder.path(), &error), qPrintable(error));
        const QString complaint = compile(files.first(), folder.path());
        QVERIFY2(complaint.isEmpty(), qPrintable(complaint));

        // Run, it makes the same calls and ends well, on a port the system gives it.
        QProcess program;
        program.start(folder.filePath(QStringLiteral("lab")), {QStringLiteral("0")});
        QVERIFY(program.waitForFinished(20'000));
        const QByteArray said = program.readAllStandardOutput();
        QVERIFY2(program.exitCode() == 0, said.constData());
        QVERIFY2(said.contains("5 bytes received: \"hello\""), said.constData());
        QVERIFY2(said.contains("2 bytes received: \"ok\""), said.constData());
    }

    // The lab saved as a scenario file: the catalogue loads it from a folder, the port the
    // lab bound is the scenario's "$port", and it runs to its end while the lab still holds
    // that port.
    void labSavedAsScenarioRunsAgain()
    {
        LabSession lab(LabMode::Standard, labOptions());
        QVERIFY(playBothEnds(lab));
        type(lab, QStringLiteral("socket tcp"));
        const int holder = lab.currentId();
        const Scenario saved = LabScenario::fromLab(
            lab.session().scenario(), lab.session().log().calls(), QStringLiteral("my-lab"));
        QVERIFY(saved.defaultPort != 0);
        QTemporaryDir folder;
        QFile file(folder.filePath(QStringLiteral("my-lab.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(ScenarioWriter::scenarioToJson(saved)).toJson());
        file.close();
        // Hold the port the lab used, as another program would on a busy machine.
        QVERIFY(
            type(lab, QStringLiteral("bind %1 127.0.0.1 %2").arg(holder).arg(saved.defaultPort)));

        ScenarioCatalog catalog;
        catalog.loadFolder(folder.path());
        QVERIFY2(catalog.errors().isEmpty(), qPrintable(catalog.errors().value(0).text()));
        const Scenario* loaded = catalog.find(QStringLiteral("my-lab"));
        QVERIFY(loaded);
        const auto usesPort = [](const ScenarioStep& step) {
            return step.usesServicePort;
        };
        QCOMPARE(std::count_if(loaded->steps.cbegin(), loaded->steps.cend(), usesPort), 2);
        Session session;
        SessionOptions options;
        options.capture = CaptureMode::InferOnly;
        QVERIFY(TestScenarios::runToEnd(session, *loaded, options));
        for (const CallEvent& call : session.log().calls())
            QVERIFY2(!call.failed(), qPrintable(QString(Calls::name(call.call))));
        QVERIFY(session.servicePort() != saved.defaultPort);
    }
};

QTEST_GUILESS_MAIN(TestCExport)
#include "tst_cexport.moc"
