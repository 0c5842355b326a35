#include "headlessrun.h"

#include "log/sessionfile.h"
#include "scenarios/scenariocatalog.h"
#include "sources/replaysource.h"
#include "sources/session.h"
#include "sources/tracesource.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QTextStream>

#include <memory>

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
        if (!packet.isTheSessions())
            continue;
        const CallEvent* call = log.call(packet.cause);
        const QString cause = call ? Tr::tr("caused by #%1 %2 (%3)")
                                         .arg(call->seq)
                                         .arg(Calls::name(call->call), call->actor)
                                   : Tr::tr("cause unknown");
        out << QStringLiteral("[%1] %2 %3 %4 > %5 %6  %7  %8")
                   .arg(packet.inferred ? Tr::tr("inferred packet") : Tr::tr("packet"))
                   .arg(packet.seq)
                   .arg(packet.protocolName(), DecodedPacket::endpointText(packet.decoded.source),
                        DecodedPacket::endpointText(packet.decoded.destination), packet.label(),
                        packet.details(), cause)
            << Qt::endl;
    }
}

// As strace ends a process's lines.
void printEnd(QTextStream& out, const QString& actor, int status, int signal)
{
    out << QStringLiteral("[%1] ").arg(actor)
        << (signal != 0 ? Tr::tr("+++ killed by %1 +++").arg(TraceSource::signalName(signal))
                        : Tr::tr("+++ exited with %1 +++").arg(status))
        << Qt::endl;
}

// Prints each call as the source puts it in its log, and each step's narration when the
// steps are a scenario's (a traced program's steps are its calls).
void follow(const EventLog& log, QTextStream& out, bool narrate)
{
    QObject::connect(&log, &EventLog::noteAppended, &log,
                     [&log, &out, narrate](const StepNote& note) {
                         if (!narrate)
                             return;
                         out << QStringLiteral("# %1/%2 [%3] %4")
                                    .arg(note.step + 1)
                                    .arg(log.scenario().steps.size())
                                    .arg(note.actor, note.narration)
                             << Qt::endl;
                     });
    QObject::connect(&log, &EventLog::callAppended, &log, [&out](const CallEvent& event) {
        out << QStringLiteral("[%1] %2").arg(event.actor, event.straceLine()) << Qt::endl;
        if (event.error != 0) {
            const ErrnoInfo error = event.errorInfo();
            out << QStringLiteral("    %1: %2").arg(error.name, error.explanation) << Qt::endl;
        }
    });
}

std::unique_ptr<EventSource> makeSource(const CommandLineOptions& options,
                                        const ScenarioCatalog& catalog, QTextStream& out,
                                        QTextStream& err)
{
    const QString language = options.language.isEmpty() ? QStringLiteral("en") : options.language;
    if (!options.runPrograms.isEmpty()) {
        TraceOptions trace;
        trace.programs = options.runPrograms;
        trace.workingDirectory = QDir::currentPath();
        trace.language = language;
        trace.capture =
            options.inferPacketsOnly ? CaptureMode::InferOnly : CaptureMode::CaptureIfPermitted;
        auto source = std::make_unique<TraceSource>(trace);
        // Each thread's end too, as strace -f prints them.
        QObject::connect(source.get(), &TraceSource::processEnded, source.get(),
                         [&out](const QString& actor, int status, int signal) {
                             printEnd(out, actor, status, signal);
                         });
        return source;
    }
    if (!options.replayPath.isEmpty()) {
        SessionFileError error;
        auto saved = SessionFile::load(options.replayPath, &error);
        if (!saved) {
            err << Tr::tr("--replay: %1 cannot be replayed: %2")
                       .arg(options.replayPath, error.text())
                << Qt::endl;
            return nullptr;
        }
        out << Tr::tr("Replay of %1: %2")
                   .arg(options.replayPath, saved->scenario.title.text(saved->language))
            << Qt::endl;
        auto source = std::make_unique<ReplaySource>(std::move(*saved));
        // A recorded program's processes ended where the log has them.
        QObject::connect(&source->log(), &EventLog::processEndAppended, source.get(),
                         [&out](const ProcessEnd& end) {
                             if (!end.exec) // the process goes on with another program
                                 printEnd(out, end.actor, end.status, end.signal);
                         });
        return source;
    }
    const Scenario* scenario = catalog.find(options.scenarioId);
    if (!scenario) {
        err << Tr::tr("--scenario: no scenario has the id \"%1\"; --list-scenarios lists them.")
                   .arg(options.scenarioId)
            << Qt::endl;
        return nullptr;
    }
    SessionOptions sessionOptions;
    sessionOptions.port = options.port;
    sessionOptions.language = language;
    sessionOptions.capture =
        options.inferPacketsOnly ? CaptureMode::InferOnly : CaptureMode::CaptureIfPermitted;
    auto session = std::make_unique<Session>();
    out << scenario->title.text(language) << Qt::endl;
    session->load(*scenario, sessionOptions);
    if (session->busyDefaultPort() != 0 && session->servicePort() == 0)
        out << Tr::tr("Port %1 is busy: the system chooses a free port for this run (--port N "
                      "sets one).")
                   .arg(session->busyDefaultPort())
            << Qt::endl;
    else if (session->busyDefaultPort() != 0)
        out << Tr::tr("Port %1 is busy: this run uses port %2 (--port N sets one).")
                   .arg(session->busyDefaultPort())
                   .arg(session->servicePort())
            << Qt::endl;
    return session;
}

} // namespace

int saveRunFiles(const EventLog& log, const CommandLineOptions& options, QTextStream& err)
{
    if (!options.tracePath.isEmpty()) {
        QString error;
        if (!SessionFile::save(log, options.tracePath, &error)) {
            err << error << Qt::endl;
            return 1;
        }
    }
    if (!options.pcapPath.isEmpty()) {
        QString error;
        if (!SessionFile::savePcap(log, options.pcapPath, &error)) {
            err << error << Qt::endl;
            return log.captureStatus().kind == CaptureStatus::Kind::Captured ? 1 : exitNoCapture;
        }
    }
    return 0;
}

int runHeadless(const CommandLineOptions& options, const ScenarioCatalog& catalog, QTextStream& out,
                QTextStream& err)
{
    const std::unique_ptr<EventSource> source = makeSource(options, catalog, out, err);
    if (!source)
        return 2;
    const EventLog& log = source->log();
    const auto* traced = qobject_cast<const TraceSource*>(source.get());
    // A traced program's calls, run now or replayed, print as strace prints them.
    const bool recorded = log.scenario().recorded;
    follow(log, out, !recorded);
    QEventLoop loop;
    QObject::connect(source.get(), &EventSource::finished, &loop, &QEventLoop::quit);
    source->setIntervalMs(0);
    source->run();
    if (source->state() != EventSource::State::Finished)
        loop.exec();

    const Outcome outcome = log.outcome().value_or(Outcome{});
    printPackets(log, out);
    const CaptureStatus& capture = log.captureStatus();
    if (capture.kind == CaptureStatus::Kind::Inferred && !capture.reason.isEmpty()) {
        err << capture.reason << Qt::endl
            << Tr::tr("The packets shown are inferred from the calls.") << Qt::endl;
        if (!capture.enableCommand.isEmpty())
            err << Tr::tr("To capture the real packets without running SocketScope as root:")
                << Qt::endl
                << QStringLiteral("    ") << capture.enableCommand << Qt::endl;
    }
    const int filesStatus = saveRunFiles(log, options, err);
    if (filesStatus == 1)
        return 1;
    if (recorded) {
        if (!log.notice().isEmpty())
            err << log.notice() << Qt::endl;
        return traced ? traced->exitStatus() : filesStatus;
    }
    const int pcapStatus = filesStatus;
    if (outcome.passed) {
        out << Tr::tr("Expected outcome: %1").arg(log.scenario().outcome.text(log.language()))
            << Qt::endl;
        return pcapStatus;
    }
    err << Tr::tr("The expected outcome did not happen:") << Qt::endl;
    for (const QString& failure : outcome.failures)
        err << QStringLiteral("  ") << failure << Qt::endl;
    return 1;
}

} // namespace SocketScope
