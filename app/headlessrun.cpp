#include "headlessrun.h"

#include "scenarios/scenariocatalog.h"
#include "sources/session.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QTextStream>

namespace SocketScope {

namespace {

class Tr {
    Q_DECLARE_TR_FUNCTIONS(Headless)
};

// Exit status when the run went as expected but the pcap file asked for could not be
// written because no packet could be captured.
constexpr int exitNoCapture = 3;

void printPackets(const EventLog& log, QTextStream& out)
{
    for (const PacketEvent& packet : log.packets()) {
        QString cause = Tr::tr("cause unknown");
        for (const CallEvent& call : log.calls()) {
            if (call.seq == packet.cause)
                cause = Tr::tr("caused by #%1 %2 (%3)").arg(call.seq).arg(call.call, call.actor);
        }
        out << QStringLiteral("[%1] %2 %3 %4 > %5 %6  %7  %8")
                   .arg(packet.inferred ? Tr::tr("inferred packet") : Tr::tr("packet"))
                   .arg(packet.seq)
                   .arg(packet.protocolName(), packet.decoded.source, packet.decoded.destination,
                        packet.label(), packet.details(), cause)
            << Qt::endl;
    }
}

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
    sessionOptions.capture =
        options.inferPacketsOnly ? CaptureMode::InferOnly : CaptureMode::CaptureIfPermitted;

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
    if (session.busyDefaultPort() != 0)
        out << Tr::tr("Port %1 is busy: the system chooses a free port for this run (--port N "
                      "sets one).")
                   .arg(session.busyDefaultPort())
            << Qt::endl;
    session.run();
    if (session.state() != Session::State::Finished)
        loop.exec();

    const Outcome outcome = session.outcome().value_or(Outcome{});
    printPackets(session.log(), out);
    const PacketFlow& flow = session.packetFlow();
    if (!flow.inferredReason().isEmpty()) {
        err << flow.inferredReason() << Qt::endl
            << Tr::tr("The packets shown are inferred from the calls.") << Qt::endl;
        if (!flow.enableCommand().isEmpty())
            err << Tr::tr("To capture the real packets without running SocketScope as root:")
                << Qt::endl
                << QStringLiteral("    ") << flow.enableCommand() << Qt::endl;
    }
    if (!options.tracePath.isEmpty()) {
        QString error;
        if (!session.log().saveJsonLines(options.tracePath, &error)) {
            err << error << Qt::endl;
            return 1;
        }
    }
    int pcapStatus = 0;
    if (!options.pcapPath.isEmpty()) {
        QString error;
        if (!session.log().savePcap(options.pcapPath, &error)) {
            err << error << Qt::endl;
            pcapStatus = flow.status() == PacketFlow::Status::Capturing ? 1 : exitNoCapture;
        }
    }
    if (outcome.passed) {
        out << Tr::tr("Expected outcome: %1").arg(scenario->outcome.text(language)) << Qt::endl;
        return pcapStatus;
    }
    err << Tr::tr("The expected outcome did not happen:") << Qt::endl;
    for (const QString& failure : outcome.failures)
        err << QStringLiteral("  ") << failure << Qt::endl;
    return 1;
}

} // namespace SocketScope
