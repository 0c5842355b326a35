#include "export/cprogram.h"
#include "kernel/portprobe.h"
#include "kernel/privileges.h"
#include "testcompile.h"
#include "testscenarios.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>

using namespace SocketScope;
using SocketScope::TestCompile::compile;

namespace {

// The scenarios whose programs, each running on its own, cannot make the scenario's calls in
// its order: a program's next call must wait for another's move that no blocking call of its
// own waits for. In SocketScope the user steps them; run free they race. Those that end
// whatever the race are still run.
struct NotRunnable {
    const char* why;
    bool endsAlone;
    // What else a failing call may meet when the race goes the other way.
    QList<int> raceErrors = {};
};

const QHash<QString, NotRunnable>& notRunnable()
{
    static const QHash<QString, NotRunnable> reasons{
        {QStringLiteral("af-unix"),
         {"the client's second connect() must come after the server closed its listening socket",
          true}},
        {QStringLiteral("backlog-full"),
         {"the server must not accept() until the third client's poll() has timed out", true}},
        {QStringLiteral("bind-eaddrinuse"),
         {"server 2's first bind() must come before server 1 closes, its second one after", true}},
        {QStringLiteral("byte-stream-boundaries"),
         {"both writes must arrive before the server reads, and its recv(MSG_DONTWAIT) must come "
          "before the client's next write",
          true}},
        {QStringLiteral("connect-econnrefused"),
         {"each connect() of the client must come at one stage of the server: closed, bound, "
          "listening; if the last one comes before the server listens again, the server's "
          "accept() waits for ever",
          false}},
        {QStringLiteral("connected-udp"),
         {"the client's second send() must come after the server closed its socket; before, its "
          "recv() waits for ever",
          false}},
        {QStringLiteral("epipe-sigpipe"),
         {"the server's writes must come after the client closed, which nothing makes them wait "
          "for; a write that comes before lands in the client's buffer, so its close() resets "
          "the connection and the next write meets ECONNRESET, not EPIPE",
          true,
          {ECONNRESET}}},
        {QStringLiteral("recv-flags"),
         {"the server's recv(MSG_DONTWAIT) must come before the client sends, and the urgent byte "
          "after the other ones; out of order, a recv() may wait for ever",
          false}},
        {QStringLiteral("reuseaddr-timewait"),
         {"the client's second connect() must come after the restarted server listens; before, "
          "the restarted server's accept() waits for ever",
          false}},
        {QStringLiteral("udp-boundaries"),
         {"both TCP writes must arrive before the server reads; before, its read() returns "
          "the first one alone",
          true}},
    };
    return reasons;
}

// One exported program, running: its messages and perror()s as one stream.
struct Running {
    CProgram::SourceFile file;
    QSet<QString> actors; // its actor and the children it forks and threads it starts
    int firstStep = -1;
    std::unique_ptr<QProcess> process = std::make_unique<QProcess>();
    QByteArray output;

    bool plays(const ScenarioStep& step) const { return actors.contains(step.actor); }

    // Lines that start with the call's name: its message "bind(): ..." or its perror "bind: ...".
    int linesOf(Call call)
    {
        output += process->readAll();
        const QRegularExpression line(
            QStringLiteral("^%1(\\(| ?:)").arg(QString(Calls::name(call))),
            QRegularExpression::MultilineOption);
        int count = 0;
        for (auto it = line.globalMatch(QString::fromUtf8(output)); it.hasNext(); it.next())
            ++count;
        return count;
    }

    // Waits until the program has printed what `ready` asks; false if it ended or hung first.
    bool waitUntil(const std::function<bool()>& ready)
    {
        while (!ready()) {
            if (process->state() == QProcess::NotRunning || !process->waitForReadyRead(20'000))
                return ready();
        }
        return true;
    }
};

QSet<QString> actorsOf(const QString& root, const Scenario& scenario)
{
    QSet<QString> actors{root};
    for (bool grew = true; grew;) {
        grew = false;
        for (const ScenarioStep& step : scenario.steps) {
            if (actors.contains(step.actor) && !step.childActor.isEmpty() &&
                !actors.contains(step.childActor)) {
                actors.insert(step.childActor);
                grew = true;
            }
        }
    }
    return actors;
}

// The order in which SocketScope saw the scenario's calls return: a step that returned before
// a program's first call is one that program is started after.
QList<int> returnOrder(const Scenario& scenario)
{
    Session session;
    if (!TestScenarios::runToEnd(session, scenario))
        return {};
    QList<int> steps;
    for (const CallEvent& call : session.log().calls())
        steps << call.step;
    return steps;
}

// The exported programs' words the test checks, as socketscope_fr.ts translates them.
struct Words {
    QByteArray received; // between the count and the bytes
    QByteArray sent;
    QByteArray closing; // after the bytes
    QByteArray unexpectedSuccess;
};

Words wordsOf(const QString& language)
{
    if (language == QLatin1String("fr"))
        return {" octets reçus : « ", " octets envoyés", " »", "réussi, alors que le scénario"};
    return {" bytes received: \"", " bytes sent", "\"", "succeeded, where the scenario"};
}

Expectation expectationOf(const ScenarioStep& step)
{
    return step.expectPrivileged && mayBindPort(step.port) ? *step.expectPrivileged : step.expect;
}

// What the scenario says the program prints for `step`; empty when it says nothing to check.
QByteArray expectedOutput(const ScenarioStep& step, const Words& words)
{
    const Expectation expect = expectationOf(step);
    if (expect.mayFail)
        return {};
    const QByteArray name = QString(Calls::name(step.call)).toLatin1();
    if (expect.error != 0)
        return Calls::has(step.call, CallTrait::NameLookup)
                   ? QByteArray()
                   : name + ": " + QByteArray(std::strerror(expect.error));
    const bool receives =
        step.call == Call::Read || step.call == Call::Recv || step.call == Call::RecvFrom;
    const bool sends =
        step.call == Call::Write || step.call == Call::Send || step.call == Call::SendTo;
    if (receives && expect.data)
        return QByteArray::number(expect.data->size()) + words.received + *expect.data +
               words.closing;
    if (receives && expect.ret)
        return QByteArray::number(*expect.ret) + words.received;
    if (sends)
        return QByteArray::number(expect.ret.value_or(step.arguments.payload.size())) + words.sent;
    return {};
}

QStringList argumentsOf(const CProgram::SourceFile& file, quint16 port)
{
    const QString number = QString::number(port);
    if (file.takesPort && file.takesHost)
        return {number, file.defaultHost};
    if (file.takesPort)
        return {number};
    if (file.takesHost)
        return {file.defaultHost, number};
    return {};
}

enum class Waits {
    Required,   // a program that did not make its calls is a failure
    BestEffort, // programs that race: start the next one anyway
};

// Builds the scenario's programs into `folder` and starts them as a student would: the first
// that binds the server's port on port 0 (it says which it got; forgot-htons's on a chosen one),
// the others with that port, each once the programs before it have made the calls that SocketScope
// saw return before its first one.
void startInOrder(const Scenario& scenario, const QString& language, const QString& folder,
                  Waits waits, std::vector<Running>& programs)
{
    const QList<int> order = returnOrder(scenario);
    QVERIFY2(!order.isEmpty(), "SocketScope runs the scenario to its end");

    QString error;
    const QList<CProgram::SourceFile> files = CProgram::programs(scenario, language);
    QVERIFY2(CProgram::writeFiles(files, folder, &error), qPrintable(error));
    for (const CProgram::SourceFile& file : files) {
        const QString complaint = compile(file, folder);
        QVERIFY2(complaint.isEmpty(), qPrintable(file.fileName + QLatin1Char('\n') + complaint));
        Running running;
        running.file = file;
        running.actors = actorsOf(file.actor, scenario);
        for (int i = 0; i < scenario.steps.size() && running.firstStep < 0; ++i) {
            if (running.plays(scenario.steps.at(i)))
                running.firstStep = i;
        }
        programs.push_back(std::move(running));
    }
    std::sort(programs.begin(), programs.end(),
              [](const Running& a, const Running& b) { return a.firstStep < b.firstStep; });

    // A client that forgot htons() dials the server port's byte-swapped twin, where nobody may
    // listen: the server gets a port whose twin is free rather than the system's choice.
    const bool dialsWithoutHtons =
        std::any_of(scenario.steps.cbegin(), scenario.steps.cend(),
                    [](const ScenarioStep& step) { return step.portWithoutHtons; });
    quint16 port = dialsWithoutHtons ? freePortWithFreeSwappedTwin(scenario.defaultPort) : 0;
    const QRegularExpression bound(QStringLiteral("^bind\\(\\) ?: port (\\d+)$"),
                                   QRegularExpression::MultilineOption);
    for (auto program = programs.begin(); program != programs.end(); ++program) {
        // The calls that returned in SocketScope before this program's first, by program.
        const qsizetype first = order.indexOf(program->firstStep);
        QVERIFY(first >= 0);
        for (auto earlier = programs.begin(); earlier != program; ++earlier) {
            QMap<Call, int> calls;
            for (qsizetype i = 0; i < first; ++i) {
                const ScenarioStep& step = scenario.steps.at(order.at(i));
                if (earlier->plays(step) && step.call != Call::PthreadCreate)
                    ++calls[step.call];
            }
            for (auto it = calls.cbegin(); it != calls.cend(); ++it) {
                const Call call = it.key();
                const int count = it.value();
                const bool made =
                    earlier->waitUntil([&] { return earlier->linesOf(call) >= count; });
                QVERIFY2(made || waits == Waits::BestEffort,
                         qPrintable(QStringLiteral("%1 made %2 %3() calls:\n%4")
                                        .arg(earlier->file.actor)
                                        .arg(earlier->linesOf(call))
                                        .arg(Calls::name(call))
                                        .arg(QString::fromUtf8(earlier->output))));
            }
        }
        const bool givesThePort = program->file.takesPort && port == 0;
        QVERIFY2(givesThePort || port != 0 || !program->file.takesHost,
                 "a program calls the server's port before any program bound it");
        program->process->setProcessChannelMode(QProcess::MergedChannels);
        program->process->setWorkingDirectory(folder);
        program->process->start(
            QDir(folder).filePath(QFileInfo(program->file.fileName).completeBaseName()),
            argumentsOf(program->file, port));
        QVERIFY(program->process->waitForStarted());
        if (givesThePort) {
            QRegularExpressionMatch match;
            QVERIFY2(program->waitUntil([&] {
                program->output += program->process->readAll();
                match = bound.match(QString::fromUtf8(program->output));
                return match.hasMatch();
            }),
                     program->output.constData());
            port = match.captured(1).toUShort();
            QVERIFY(port != 0);
        }
    }
}

} // namespace

class TestCExportRun : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Every scenario's exported programs, built and run as a student would: the server first
    // on the port the system gives it (it says which), each other program started once the
    // ones before it have made the calls the scenario makes before its first; each ends well,
    // and receives, sends and fails as the scenario says.
    void programsMakeTheScenariosCalls_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("language");
        const ScenarioCatalog catalog = ScenarioCatalog::builtIn();
        for (const Scenario& scenario : catalog.scenarios()) {
            if (!notRunnable().contains(scenario.id))
                QTest::addRow("%s, en", qPrintable(scenario.id))
                    << scenario.id << QStringLiteral("en");
        }
        // In French, messages too: a server, a client, threads and fork() children.
        for (const char* id :
             {"tcp-echo", "udp-echo", "tcp-concurrent-threads", "tcp-concurrent-fork"})
            QTest::addRow("%s, fr", id) << QString::fromLatin1(id) << QStringLiteral("fr");
    }
    void programsMakeTheScenariosCalls()
    {
        QFETCH(QString, id);
        QFETCH(QString, language);
        const Words words = wordsOf(language);
        const Scenario scenario = TestScenarios::builtIn(id);
        QTemporaryDir folder;
        std::vector<Running> programs;
        startInOrder(scenario, language, folder.path(), Waits::Required, programs);
        if (QTest::currentTestFailed())
            return;

        for (Running& program : programs) {
            const bool finished = program.process->state() == QProcess::NotRunning ||
                                  program.process->waitForFinished(20'000);
            program.output += program.process->readAll();
            QVERIFY2(finished, qPrintable(program.file.actor + QLatin1Char('\n') +
                                          QString::fromUtf8(program.output)));
            QVERIFY2(program.process->exitStatus() == QProcess::NormalExit &&
                         program.process->exitCode() == 0,
                     qPrintable(program.file.actor + QLatin1Char('\n') +
                                QString::fromUtf8(program.output)));
            // Every call the scenario makes in this program, once, by its message or perror(),
            // and a failure the scenario expects but this machine's privileges spare by one
            // more line that says so (privileged-port run as root).
            QMap<Call, int> calls;
            qsizetype spared = 0;
            for (const ScenarioStep& step : scenario.steps) {
                if (!program.plays(step) || step.call == Call::PthreadCreate)
                    continue;
                ++calls[step.call];
                if (step.expectPrivileged && mayBindPort(step.port)) {
                    ++calls[step.call];
                    ++spared;
                }
            }
            for (auto it = calls.cbegin(); it != calls.cend(); ++it)
                QVERIFY2(program.linesOf(it.key()) == it.value(),
                         qPrintable(QStringLiteral("%1: %2 %3() calls expected:\n%4")
                                        .arg(program.file.actor)
                                        .arg(it.value())
                                        .arg(Calls::name(it.key()))
                                        .arg(QString::fromUtf8(program.output))));
            QVERIFY2(program.output.count(words.unexpectedSuccess) == spared,
                     program.output.constData());
        }
        for (const ScenarioStep& step : scenario.steps) {
            const QByteArray expected = expectedOutput(step, words);
            if (expected.isEmpty())
                continue;
            const auto program = std::find_if(programs.cbegin(), programs.cend(),
                                              [&step](const Running& p) { return p.plays(step); });
            QVERIFY(program != programs.cend());
            QVERIFY2(program->output.contains(expected),
                     qPrintable(QStringLiteral("%1 should print %2:\n%3")
                                    .arg(program->file.actor, QString::fromUtf8(expected),
                                         QString::fromUtf8(program->output))));
        }
    }

    // The scenarios whose programs race (see notRunnable()) but end whatever the race: each
    // program ends by itself, no signal kills it, and each call the scenario expects to fail
    // that the program reached fails with the same errno, with one the race explains, or says
    // it succeeded instead.
    void racingProgramsEnd_data()
    {
        QTest::addColumn<QString>("id");
        for (auto it = notRunnable().cbegin(); it != notRunnable().cend(); ++it) {
            if (it.value().endsAlone)
                QTest::newRow(qPrintable(it.key())) << it.key();
        }
    }
    void racingProgramsEnd()
    {
        QFETCH(QString, id);
        const NotRunnable race = notRunnable().value(id);
        const Scenario scenario = TestScenarios::builtIn(id);
        QTemporaryDir folder;
        std::vector<Running> programs;
        startInOrder(scenario, QStringLiteral("en"), folder.path(), Waits::BestEffort, programs);
        if (QTest::currentTestFailed())
            return;
        const Words words = wordsOf(QStringLiteral("en"));
        for (Running& program : programs) {
            const bool finished = program.process->state() == QProcess::NotRunning ||
                                  program.process->waitForFinished(40'000);
            program.output += program.process->readAll();
            QVERIFY2(finished && program.process->exitStatus() == QProcess::NormalExit,
                     qPrintable(program.file.actor + QLatin1Char('\n') +
                                QString::fromUtf8(program.output)));
            if (program.process->exitCode() != 0)
                continue; // it stopped at a call the race made fail: later ones were not made
            for (const ScenarioStep& step : scenario.steps) {
                const Expectation expect = expectationOf(step);
                if (!program.plays(step) || expect.error == 0 || expect.mayFail)
                    continue;
                const QByteArray name = QString(Calls::name(step.call)).toLatin1();
                const auto raced = [&](int error) {
                    return program.output.contains(name + ": " + std::strerror(error));
                };
                QVERIFY2(program.output.contains(expectedOutput(step, words)) ||
                             program.output.contains(name + "(): " + words.unexpectedSuccess) ||
                             std::any_of(race.raceErrors.cbegin(), race.raceErrors.cend(), raced),
                         qPrintable(QStringLiteral("%1, %2():\n%3")
                                        .arg(program.file.actor, QString::fromLatin1(name),
                                             QString::fromUtf8(program.output))));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestCExportRun)
#include "tst_cexportrun.moc"
