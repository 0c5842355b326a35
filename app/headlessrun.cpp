#include "headlessrun.h"

#include "scenariocatalog.h"
#include "session.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QTextStream>

namespace SocketScope {

namespace {

class Tr {
    Q_DECLARE_TR_FUNCTIONS(Headless)
};

} // namespace

int runHeadless(const CommandLineOptions& options, const ScenarioCatalog& catalog, QTextStream& out,
                QTextStream& err)
{
    const Scenario* scenario = catalog.find(options.scenarioId);
    if (!scenario) {
        err << Tr::tr("--scenario: no scenario has the id \"%1\"; --list-scenarios lists them.")
                   .arg(options.scenarioId)
            << Qt::endl;
        return 2;
    }
    const QString language = options.language.isEmpty() ? QStringLiteral("en") : options.language;
    SessionOptions sessionOptions;
    sessionOptions.port = options.port;
    sessionOptions.language = language;

    Session session;
    QEventLoop loop;
    QObject::connect(&session, &Session::stepDispatched, &session,
                     [&](int index, const StepNote& note) {
                         out << QStringLiteral("# %1/%2 [%3] %4")
                                    .arg(index + 1)
                                    .arg(scenario->steps.size())
                                    .arg(note.actor, note.narration)
                             << Qt::endl;
                     });
    QObject::connect(&session, &Session::eventAppended, &session, [&](const CallEvent& event) {
        out << QStringLiteral("[%1] %2").arg(event.actor, event.straceLine()) << Qt::endl;
        if (event.errnoValue != 0)
            out << QStringLiteral("    %1: %2").arg(event.errnoName, event.errnoExplanation)
                << Qt::endl;
    });
    QObject::connect(&session, &Session::finished, &loop, &QEventLoop::quit);

    out << scenario->title.text(language) << Qt::endl;
    session.load(*scenario, sessionOptions);
    session.run();
    if (session.state() != Session::State::Finished)
        loop.exec();

    const Outcome outcome = session.outcome().value_or(Outcome{});
    if (!options.tracePath.isEmpty()) {
        QString error;
        if (!session.log().saveJsonLines(options.tracePath, &error)) {
            err << error << Qt::endl;
            return 1;
        }
    }
    if (outcome.passed) {
        out << Tr::tr("Expected outcome: %1").arg(scenario->outcome.text(language)) << Qt::endl;
        return 0;
    }
    err << Tr::tr("The expected outcome did not happen:") << Qt::endl;
    for (const QString& failure : outcome.failures)
        err << QStringLiteral("  ") << failure << Qt::endl;
    return 1;
}

} // namespace SocketScope
