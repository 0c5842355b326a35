#pragma once

#include "scenarios/scenario.h"
#include "scenarios/scenariocatalog.h"
#include "sources/session.h"
#include "testpatience.h"

#include <QDir>
#include <QTest>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace SocketScope::TestScenarios {

// Scenarios the tests need and the shipped catalogue does not have: tests/data/session.
inline Scenario fromTestData(const QString& name)
{
    ScenarioError error;
    const auto scenario = ScenarioParser::parseFile(
        QStringLiteral(SOCKETSCOPE_TEST_DATA "/session/") + name + QStringLiteral(".json"), &error);
    if (!scenario)
        qFatal("test scenario: %s", qPrintable(error.text()));
    return *scenario;
}

inline Scenario builtIn(const QString& id)
{
    const ScenarioCatalog catalog = ScenarioCatalog::builtIn();
    const Scenario* scenario = catalog.find(id);
    if (!scenario)
        qFatal("no built-in scenario %s", qPrintable(id));
    return *scenario;
}

// Tests never use a fixed port: the system picks a free one for the server.
inline SessionOptions onFreePort()
{
    SessionOptions options;
    options.port = 0;
    return options;
}

// Presses Next `count` times, each once the previous call has returned or blocked.
inline bool stepTimes(Session& session, int count)
{
    for (int i = 0; i < count; ++i) {
        if (!QTest::qWaitFor([&] { return session.canStep(); }, patience) || !session.step())
            return false;
    }
    return true;
}

// The descriptors this process has open: what a test compares before and after.
inline int openDescriptors()
{
    return int(QDir(QStringLiteral("/proc/self/fd"))
                   .entryList(QDir::NoDotAndDotDot | QDir::AllEntries)
                   .size());
}

// The threads this process runs now: what a test compares before and after.
inline int openThreads()
{
    return int(QDir(QStringLiteral("/proc/self/task"))
                   .entryList(QDir::NoDotAndDotDot | QDir::AllEntries)
                   .size());
}

// A port nobody listens on: the system picked it for a socket that is closed again.
inline quint16 closedPort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(address);
    ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address));
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    ::close(fd);
    return ntohs(address.sin_port);
}

// Loads the scenario on a free port, runs it continuously and waits for its outcome.
inline bool runToEnd(Session& session, const Scenario& scenario,
                     SessionOptions options = onFreePort())
{
    session.load(scenario, options);
    session.run();
    return QTest::qWaitFor([&] { return session.state() == Session::State::Finished; }, patience);
}

// A built-in scenario run to its end: its actors, in the stage's order, and its calls.
struct FinishedRun {
    QStringList actorIds;
    QStringList actorNames;
    QList<CallEvent> calls;
};

inline FinishedRun runFor(const QString& id)
{
    const Scenario scenario = builtIn(id);
    Session session;
    if (!runToEnd(session, scenario))
        qFatal("%s did not finish", qPrintable(id));
    FinishedRun run{{}, {}, session.log().calls()};
    for (const ScenarioActor& actor : scenario.actors) {
        run.actorIds << actor.id;
        run.actorNames << actor.name.en;
    }
    return run;
}

} // namespace SocketScope::TestScenarios
