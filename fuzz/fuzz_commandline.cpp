// The app's command line (socketscope --help), as a user, a script or a lecture's notes write
// it. Exactly one of options and an error comes back; accepted options keep the ranges and
// the rules --help states; written back as arguments, they read back to themselves.
#include "commandline.h"
#include "fuzzinput.h"

#include <QCoreApplication>

using namespace SocketScope;

namespace {

using Mode = CommandLineOptions::Mode;

// The program's name, then the words of the input: NUL ends each, as in an argv.
QStringList argumentsOf(const quint8* data, size_t size)
{
    QStringList arguments{QStringLiteral("socketscope")};
    if (size == 0)
        return arguments;
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    for (const QByteArray& word : bytes.split('\0'))
        arguments << QString::fromLocal8Bit(word);
    return arguments;
}

// Words that splitCommandLine gives back as they are: each in single quotes, a quote in one
// written '\''.
QString quotedCommandLine(const QStringList& words)
{
    QStringList quoted;
    for (QString word : words)
        quoted << QLatin1Char('\'') + word.replace(QLatin1Char('\''), QStringLiteral("'\\''")) +
                      QLatin1Char('\'');
    return quoted.join(QLatin1Char(' '));
}

// What asks for OPTIONS, each value after '=' so that one starting with '-' stays a value.
QStringList argumentsFor(const CommandLineOptions& options)
{
    QStringList arguments{QStringLiteral("socketscope")};
    const auto add = [&arguments](const char* option, const QString& value) {
        arguments << QLatin1String(option) + QLatin1Char('=') + value;
    };
    const auto flag = [&arguments](const char* option, bool set) {
        if (set)
            arguments << QLatin1String(option);
    };
    flag("--lab", options.mode == Mode::Lab || options.labMode != LabMode::Standard ||
                      options.strictLab || !options.labScenarioPath.isEmpty());
    if (options.labMode != LabMode::Standard)
        arguments << (options.labMode == LabMode::Tcp ? QStringLiteral("tcp")
                                                      : QStringLiteral("udp"));
    flag("--strict", options.strictLab);
    if (!options.labScenarioPath.isEmpty())
        add("--save-scenario", options.labScenarioPath);
    switch (options.mode) {
    case Mode::Help:
        return arguments << QStringLiteral("--help");
    case Mode::Version:
        return arguments << QStringLiteral("--version");
    case Mode::ListSockets:
        flag("--list-sockets", true);
        break;
    case Mode::ListScenarios:
        flag("--list-scenarios", true);
        break;
    case Mode::ExportC:
        add("--export-c", options.exportCFolder);
        break;
    case Mode::Headless:
        flag("--headless", true);
        break;
    case Mode::Lab:
    case Mode::Window:
        break;
    }
    if (!options.language.isEmpty())
        add("--lang", options.language);
    if (options.theme)
        add("--theme", themeChoiceName(*options.theme));
    if (options.port)
        add("--port", QString::number(*options.port));
    if (!options.tracePath.isEmpty())
        add("--trace", options.tracePath);
    if (!options.pcapPath.isEmpty())
        add("--pcap", options.pcapPath);
    flag("--no-capture", options.inferPacketsOnly);
    if (!options.scenarioFolder.isEmpty())
        add("--scenario-folder", options.scenarioFolder);
    if (options.steps != 0)
        add("--steps", QString::number(options.steps));
    if (options.windowSizeGiven)
        add("--size", QStringLiteral("%1x%2")
                          .arg(options.windowSize.width())
                          .arg(options.windowSize.height()));
    if (!options.screenshotPath.isEmpty())
        add("--screenshot", options.screenshotPath);
    if (!options.exportPath.isEmpty()) {
        add(options.exportFormat == ExportFormat::Svg ? "--export-svg" : "--export-png",
            options.exportPath);
        add("--panel", exportPanelName(options.exportPanel));
    } else if (!options.panel.isEmpty()) {
        add("--panel", options.panel);
    }
    if (!options.scenarioId.isEmpty())
        add("--scenario", options.scenarioId);
    if (!options.replayPath.isEmpty())
        add("--replay", options.replayPath);
    for (const TracedProgram& program : options.runPrograms) {
        if (program.attachTo != 0)
            add("--attach", QString::number(program.attachTo));
        else
            add("--run", quotedCommandLine(program.words));
    }
    flag("--step", options.stepCalls);
    flag("--presentation", options.presentation);
    flag("--json", options.json);
    flag("--no-processes", !options.processes);
    return arguments;
}

// The rules of --help that accepted options keep.
void checkAccepted(const CommandLineOptions& options)
{
    FUZZ_CHECK(options.language.isEmpty() || options.language == QLatin1String("fr") ||
               options.language == QLatin1String("en"));
    FUZZ_CHECK(options.steps >= 0);
    const QSize size = options.windowSize;
    FUZZ_CHECK(options.windowSizeGiven ? size.width() >= 320 && size.width() <= 7680 &&
                                             size.height() >= 240 && size.height() <= 4320
                                       : size == QSize(1280, 720));
    FUZZ_CHECK(options.exportSize.isEmpty() || options.exportSize == size);
    FUZZ_CHECK(options.screenshotPath.isEmpty() ||
               options.screenshotPath.endsWith(QLatin1String(".png"), Qt::CaseInsensitive));
    FUZZ_CHECK(
        options.panel.isEmpty() ||
        QStringList({QStringLiteral("calls"), QStringLiteral("tuples"), QStringLiteral("bytes")})
            .contains(options.panel));
    const bool scenarioOrReplay = !options.scenarioId.isEmpty() || !options.replayPath.isEmpty();
    if (!options.exportPath.isEmpty()) {
        FUZZ_CHECK(
            options.exportPath.endsWith(exportSuffix(options.exportFormat), Qt::CaseInsensitive));
        FUZZ_CHECK(options.screenshotPath.isEmpty() && options.mode != Mode::Headless);
        FUZZ_CHECK(scenarioOrReplay);
    }
    if (!options.replayPath.isEmpty())
        FUZZ_CHECK(options.scenarioId.isEmpty() && !options.port && !options.inferPacketsOnly);
    for (const TracedProgram& program : options.runPrograms) {
        FUZZ_CHECK(!program.words.isEmpty() && !program.words.first().isEmpty());
        FUZZ_CHECK(program.attachTo != QCoreApplication::applicationPid());
    }
    if (!options.runPrograms.isEmpty())
        FUZZ_CHECK(!scenarioOrReplay && !options.port && options.mode != Mode::Lab &&
                   options.mode != Mode::ExportC);
    if (options.stepCalls)
        FUZZ_CHECK(!options.runPrograms.isEmpty() && options.mode != Mode::Headless);
    if (options.json || !options.processes)
        FUZZ_CHECK(options.mode == Mode::ListSockets);
    switch (options.mode) {
    case Mode::Headless:
        FUZZ_CHECK(options.screenshotPath.isEmpty());
        FUZZ_CHECK(scenarioOrReplay || !options.runPrograms.isEmpty());
        break;
    case Mode::ExportC:
        FUZZ_CHECK(!options.exportCFolder.isEmpty() && scenarioOrReplay);
        FUZZ_CHECK(options.screenshotPath.isEmpty() && options.exportPath.isEmpty());
        break;
    case Mode::Lab:
        FUZZ_CHECK(!scenarioOrReplay && options.screenshotPath.isEmpty() &&
                   options.exportPath.isEmpty());
        break;
    case Mode::Window:
        FUZZ_CHECK(options.labMode == LabMode::Standard && !options.strictLab &&
                   options.labScenarioPath.isEmpty());
        break;
    case Mode::ListSockets:
    case Mode::ListScenarios:
    case Mode::Help:
    case Mode::Version:
        break;
    }
}

// A process attached to may have ended since: then the second reading differs, rightly.
bool attachedStillRunning(const CommandLineOptions& options)
{
    for (const TracedProgram& program : options.runPrograms) {
        if (program.attachTo != 0 && runningProcess(program.attachTo) != program)
            return false;
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const quint8* data, size_t size)
{
    const CommandLineResult result = parseCommandLine(argumentsOf(data, size));
    FUZZ_CHECK(result.options.has_value() == result.error.isEmpty());
    if (!result.options)
        return 0;
    checkAccepted(*result.options);
    const CommandLineResult again = parseCommandLine(argumentsFor(*result.options));
    if (attachedStillRunning(*result.options)) {
        if (!again.options)
            std::fprintf(stderr, "written back, refused: %s\n", qPrintable(again.error));
        FUZZ_CHECK(again.options == result.options);
    }
    return 0;
}
