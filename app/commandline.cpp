#include "commandline.h"

#include "trace/commandwords.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace SocketScope {

namespace {

class Tr {
    Q_DECLARE_TR_FUNCTIONS(CommandLine)
};

// Why PATH cannot be written (empty when it can): an output file of --trace or --pcap.
QString outputFileError(const QString& option, const QString& path)
{
    const QFileInfo folder(QFileInfo(path).absolutePath());
    if (path.isEmpty() || !folder.isDir() || !folder.isWritable())
        return Tr::tr("%1: cannot write \"%2\": the folder %3 does not exist or is not writable.")
            .arg(option, path, QDir::toNativeSeparators(folder.filePath()));
    if (QFileInfo(path).isDir())
        return Tr::tr("%1: \"%2\" is a folder; give a file name.").arg(option, path);
    if (QFileInfo::exists(path) && !QFileInfo(path).isWritable())
        return Tr::tr("%1: cannot write \"%2\": the file is read-only.").arg(option, path);
    return {};
}

} // namespace

QString requestedLanguage(const QStringList& arguments)
{
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        if (arguments[i] == QLatin1String("--lang") && i + 1 < arguments.size())
            return arguments[i + 1];
        if (arguments[i].startsWith(QLatin1String("--lang=")))
            return arguments[i].mid(7);
    }
    return {};
}

CommandLineResult parseCommandLine(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        Tr::tr("SocketScope makes BSD sockets visible: real system calls, stepped and explained."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption listOption(QStringLiteral("list-scenarios"),
                                        Tr::tr("List the scenarios, one per line: id<TAB>title."));
    const QCommandLineOption headlessOption(
        QStringLiteral("headless"),
        Tr::tr("Run the scenario without a window, print each call, exit 0 when the expected "
               "outcome happened and 1 when it did not."));
    const QCommandLineOption scenarioOption(QStringLiteral("scenario"),
                                            Tr::tr("The scenario to load, by id."), Tr::tr("ID"));
    const QCommandLineOption replayOption(
        QStringLiteral("replay"),
        Tr::tr("Replay a saved session (File > Save the session, or --trace) instead of running "
               "a scenario: every view as it was recorded, with no network."),
        Tr::tr("FILE"));
    const QCommandLineOption portOption(
        QStringLiteral("port"),
        Tr::tr("The server port, instead of the scenario's own (0: a free port chosen by the "
               "system)."),
        Tr::tr("N"));
    const QCommandLineOption traceOption(QStringLiteral("trace"),
                                         Tr::tr("Write the event log to FILE as JSON Lines."),
                                         Tr::tr("FILE"));
    const QCommandLineOption langOption(QStringLiteral("lang"),
                                        Tr::tr("The language of the interface and narration: fr "
                                               "or en."),
                                        Tr::tr("LANG"));
    const QCommandLineOption themeOption(
        QStringLiteral("theme"),
        Tr::tr("The colours of the window, its screenshots and its exports: light (high "
               "contrast, the default), dark, or system (as the desktop). For this run only."),
        Tr::tr("THEME"));
    const QCommandLineOption folderOption(QStringLiteral("scenario-folder"),
                                          Tr::tr("Also load the scenario files of FOLDER."),
                                          Tr::tr("FOLDER"));
    const QCommandLineOption stepsOption(
        QStringLiteral("steps"),
        Tr::tr("With --screenshot or an export: perform N steps for real first (past the end: "
               "to the end)."),
        Tr::tr("N"));
    const QCommandLineOption screenshotOption(QStringLiteral("screenshot"),
                                              Tr::tr("Save the window to FILE.png and exit."),
                                              Tr::tr("FILE"));
    const QCommandLineOption exportPngOption(
        QStringLiteral("export-png"),
        Tr::tr("Save a picture of one panel (--panel) to FILE.png after --steps N steps of "
               "--scenario ID or --replay FILE, and exit; needs no display."),
        Tr::tr("FILE"));
    const QCommandLineOption exportSvgOption(
        QStringLiteral("export-svg"),
        Tr::tr("The same as --export-png, as an SVG drawing whose text stays text."),
        Tr::tr("FILE"));
    const QCommandLineOption exportCOption(
        QStringLiteral("export-c"),
        Tr::tr("Write --scenario ID or --replay FILE as C programs into FOLDER, one per process "
               "(server.c, client.c...), and exit; each file's first line says how to compile it."),
        Tr::tr("FOLDER"));
    const QCommandLineOption sizeOption(
        QStringLiteral("size"),
        Tr::tr("The window's size, or with an export the picture's (default 1920x1080 for the "
               "stage, the tuples and the bytes, 1440x1080 for the diagram and the states), for "
               "example 1920x1080."),
        Tr::tr("WxH"));
    const QCommandLineOption panelOption(
        QStringLiteral("panel"),
        Tr::tr("With --screenshot: the panel in front below the stage, calls, tuples or bytes. "
               "With an export: the panel exported, stage (default), diagram, tuples, bytes or "
               "states."),
        Tr::tr("NAME"));
    const QCommandLineOption pcapOption(
        QStringLiteral("pcap"),
        Tr::tr("Write the captured packets to FILE in pcap format (never inferred packets)."),
        Tr::tr("FILE"));
    const QCommandLineOption noCaptureOption(
        QStringLiteral("no-capture"),
        Tr::tr("Do not capture: show packets inferred from the calls, labelled as such."));
    const QCommandLineOption socketsOption(
        QStringLiteral("list-sockets"),
        Tr::tr("List every TCP, UDP and UNIX socket of the machine (as ss does), one per line."));
    const QCommandLineOption jsonOption(QStringLiteral("json"),
                                        Tr::tr("With --list-sockets: print JSON instead."));
    const QCommandLineOption noProcessesOption(
        QStringLiteral("no-processes"),
        Tr::tr("With --list-sockets: do not look for the owning processes under /proc (faster "
               "with many sockets, as ss without -p)."));
    const QCommandLineOption presentationOption(
        QStringLiteral("presentation"),
        Tr::tr("Start in presenter mode (F5): full screen, the stage and the narration large. "
               "With --size and --screenshot: presenter mode at that size."));
    const QCommandLineOption labOption(
        QStringLiteral("lab"),
        Tr::tr("Open the lab's console without a window: socklab's commands (help lists them) "
               "read from standard input, results printed as they come. Add tcp or udp for "
               "socklab's TCP or UDP mode."));
    const QCommandLineOption strictOption(
        QStringLiteral("strict"), Tr::tr("With --lab: exit with status 1 when a command failed."));
    parser.addPositionalArgument(QStringLiteral("tcp|udp"),
                                 Tr::tr("With --lab: socklab's TCP or UDP mode."),
                                 QStringLiteral("[tcp|udp]"));
    const QCommandLineOption saveScenarioOption(
        QStringLiteral("save-scenario"),
        Tr::tr("With --lab: at the end, write the lab's calls as a scenario file, its narration "
               "left to write; --scenario-folder loads it."),
        Tr::tr("FILE"));
    const QCommandLineOption runOption(
        QStringLiteral("run"),
        Tr::tr("Run a program under SocketScope and show its socket calls: one quoted command "
               "line (\"./server 5000\"), split into words as a shell would, without a "
               "shell. Repeat it for several programs."),
        Tr::tr("COMMAND"));
    const QCommandLineOption attachOption(
        QStringLiteral("attach"),
        Tr::tr("Trace a program that is already running, by its process number, from now on "
               "(where the system lets you: your own process, Yama's ptrace_scope 0). When "
               "SocketScope ends, it goes on, untraced. Repeatable; goes with --run."),
        Tr::tr("PID"));
    const QCommandLineOption stepOption(
        QStringLiteral("step"),
        Tr::tr("With --run: pause the programs before each socket call; Next lets it go."));
    parser.addOptions({socketsOption, jsonOption, noProcessesOption, presentationOption, labOption,
                       strictOption, saveScenarioOption, runOption, attachOption, stepOption});
    parser.addOptions({listOption, headlessOption, scenarioOption, replayOption, portOption,
                       traceOption, pcapOption, noCaptureOption, langOption, themeOption,
                       folderOption, stepsOption, screenshotOption, exportPngOption,
                       exportSvgOption, exportCOption, sizeOption, panelOption});

    CommandLineResult result;
    if (!parser.parse(arguments)) {
        result.error = parser.errorText();
        return result;
    }
    CommandLineOptions options;
    QStringList positional = parser.positionalArguments();
    if (parser.isSet(labOption) && positional.size() == 1) {
        const QString mode = positional.takeFirst();
        if (mode == QLatin1String("tcp"))
            options.labMode = LabMode::Tcp;
        else if (mode == QLatin1String("udp"))
            options.labMode = LabMode::Udp;
        else
            positional << mode;
    }
    if (!positional.isEmpty()) {
        result.error =
            Tr::tr("Unexpected argument \"%1\"; see --help.").arg(positional.constFirst());
        return result;
    }
    if (parser.isSet(strictOption) && !parser.isSet(labOption)) {
        result.error = Tr::tr("--strict goes with --lab.");
        return result;
    }
    options.strictLab = parser.isSet(strictOption);
    if (parser.isSet(saveScenarioOption)) {
        if (!parser.isSet(labOption)) {
            result.error = Tr::tr("--save-scenario goes with --lab.");
            return result;
        }
        options.labScenarioPath = parser.value(saveScenarioOption);
        result.error = outputFileError(QStringLiteral("--save-scenario"), options.labScenarioPath);
        if (!result.error.isEmpty())
            return result;
    }
    options.helpText = parser.helpText();
    if (parser.isSet(helpOption)) {
        options.mode = CommandLineOptions::Mode::Help;
        result.options = options;
        return result;
    }
    if (parser.isSet(versionOption)) {
        options.mode = CommandLineOptions::Mode::Version;
        result.options = options;
        return result;
    }
    if (parser.isSet(langOption)) {
        options.language = parser.value(langOption);
        if (options.language != QLatin1String("fr") && options.language != QLatin1String("en")) {
            result.error = Tr::tr("--lang: \"%1\" is not a language of SocketScope; use fr or en.")
                               .arg(options.language);
            return result;
        }
    }
    if (parser.isSet(themeOption)) {
        options.theme = themeChoiceNamed(parser.value(themeOption));
        if (!options.theme) {
            result.error =
                Tr::tr("--theme: \"%1\" is not a theme of SocketScope; use light, dark or system.")
                    .arg(parser.value(themeOption));
            return result;
        }
    }
    if (parser.isSet(portOption)) {
        bool ok = false;
        const uint port = parser.value(portOption).toUInt(&ok);
        if (!ok || port > 65535) {
            result.error = Tr::tr("--port: \"%1\" is not a port; a port is a whole number from 0 "
                                  "to 65535.")
                               .arg(parser.value(portOption));
            return result;
        }
        options.port = quint16(port);
    }
    if (parser.isSet(traceOption)) {
        options.tracePath = parser.value(traceOption);
        result.error = outputFileError(QStringLiteral("--trace"), options.tracePath);
        if (!result.error.isEmpty())
            return result;
    }
    if (parser.isSet(pcapOption)) {
        options.pcapPath = parser.value(pcapOption);
        result.error = outputFileError(QStringLiteral("--pcap"), options.pcapPath);
        if (!result.error.isEmpty())
            return result;
    }
    options.inferPacketsOnly = parser.isSet(noCaptureOption);
    if (parser.isSet(folderOption)) {
        options.scenarioFolder = parser.value(folderOption);
        if (!QFileInfo(options.scenarioFolder).isDir()) {
            result.error =
                Tr::tr("--scenario-folder: \"%1\" is not a folder.").arg(options.scenarioFolder);
            return result;
        }
    }
    if (parser.isSet(stepsOption)) {
        bool ok = false;
        options.steps = parser.value(stepsOption).toInt(&ok);
        if (!ok || options.steps < 0) {
            result.error = Tr::tr("--steps: \"%1\" is not a number of steps (0 or more).")
                               .arg(parser.value(stepsOption));
            return result;
        }
    }
    if (parser.isSet(sizeOption)) {
        const QStringList parts = parser.value(sizeOption).split(QLatin1Char('x'));
        bool widthOk = false;
        bool heightOk = false;
        const int width = parts.value(0).toInt(&widthOk);
        const int height = parts.value(1).toInt(&heightOk);
        if (parts.size() != 2 || !widthOk || !heightOk || width < 320 || height < 240 ||
            width > 7680 || height > 4320) {
            result.error = Tr::tr("--size: \"%1\" is not a window size; write WIDTHxHEIGHT "
                                  "between 320x240 and 7680x4320, for example 1920x1080.")
                               .arg(parser.value(sizeOption));
            return result;
        }
        options.windowSize = QSize(width, height);
        options.windowSizeGiven = true;
    }
    if (parser.isSet(screenshotOption)) {
        options.screenshotPath = parser.value(screenshotOption);
        if (!options.screenshotPath.endsWith(QLatin1String(".png"), Qt::CaseInsensitive)) {
            result.error =
                Tr::tr("--screenshot: \"%1\" must be a .png file.").arg(options.screenshotPath);
            return result;
        }
        result.error = outputFileError(QStringLiteral("--screenshot"), options.screenshotPath);
        if (!result.error.isEmpty())
            return result;
    }
    if (parser.isSet(exportPngOption) && parser.isSet(exportSvgOption)) {
        result.error = Tr::tr("--export-png and --export-svg: choose one.");
        return result;
    }
    if (parser.isSet(exportPngOption) || parser.isSet(exportSvgOption)) {
        const bool svg = parser.isSet(exportSvgOption);
        const QString option =
            svg ? QStringLiteral("--export-svg") : QStringLiteral("--export-png");
        options.exportFormat = svg ? ExportFormat::Svg : ExportFormat::Png;
        options.exportPath = parser.value(svg ? exportSvgOption : exportPngOption);
        const QString suffix = exportSuffix(options.exportFormat);
        if (!options.exportPath.endsWith(suffix, Qt::CaseInsensitive)) {
            result.error =
                Tr::tr("%1: \"%2\" must be a %3 file.").arg(option, options.exportPath, suffix);
            return result;
        }
        result.error = outputFileError(option, options.exportPath);
        if (!result.error.isEmpty())
            return result;
        if (!options.screenshotPath.isEmpty()) {
            result.error = Tr::tr("%1 and --screenshot: choose one.").arg(option);
            return result;
        }
        if (parser.isSet(headlessOption)) {
            result.error = Tr::tr("%1 draws the views: drop --headless.").arg(option);
            return result;
        }
        // Given empty, --scenario names no scenario: the picture would show none.
        if (parser.value(scenarioOption).isEmpty() && !parser.isSet(replayOption)) {
            result.error = Tr::tr("%1 needs --scenario ID (--list-scenarios lists them) or "
                                  "--replay FILE.")
                               .arg(option);
            return result;
        }
        if (parser.isSet(sizeOption))
            options.exportSize = options.windowSize;
        if (parser.isSet(panelOption)) {
            const std::optional<ExportPanel> panel = exportPanelFromName(parser.value(panelOption));
            if (!panel) {
                result.error = Tr::tr("--panel: \"%1\" is not a panel that can be exported; use "
                                      "stage, diagram, tuples, bytes or states.")
                                   .arg(parser.value(panelOption));
                return result;
            }
            options.exportPanel = *panel;
        }
    } else if (parser.isSet(panelOption)) {
        options.panel = parser.value(panelOption);
        if (!QStringList{QStringLiteral("calls"), QStringLiteral("tuples"), QStringLiteral("bytes")}
                 .contains(options.panel)) {
            result.error = Tr::tr("--panel: \"%1\" is not a panel; use calls, tuples or bytes.")
                               .arg(options.panel);
            return result;
        }
    }
    options.scenarioId = parser.value(scenarioOption);
    if (parser.isSet(replayOption)) {
        options.replayPath = parser.value(replayOption);
        const QFileInfo file(options.replayPath);
        if (!file.isFile() || !file.isReadable()) {
            result.error =
                Tr::tr("--replay: \"%1\" is not a file that can be read.").arg(options.replayPath);
            return result;
        }
        if (!options.scenarioId.isEmpty() || options.port || options.inferPacketsOnly) {
            result.error = Tr::tr("--replay plays a saved session again: --scenario, --port and "
                                  "--no-capture do not go with it.");
            return result;
        }
    }
    for (const QString& command : parser.values(runOption)) {
        QString why;
        const std::optional<QStringList> words = splitCommandLine(command, &why);
        if (!words) {
            result.error = QStringLiteral("--run: \"%1\": %2").arg(command, why);
            return result;
        }
        if (words->isEmpty() || words->first().isEmpty()) {
            result.error = Tr::tr("--run: \"%1\" names no program.").arg(command);
            return result;
        }
        options.runPrograms << TracedProgram{*words, 0};
    }
    for (const QString& number : parser.values(attachOption)) {
        bool ok = false;
        const qint64 pid = number.toLongLong(&ok);
        const std::optional<TracedProgram> running = ok ? runningProcess(pid) : std::nullopt;
        if (!running) {
            result.error = Tr::tr("--attach: no running process has the number \"%1\" (ps -e "
                                  "lists them; a thread's number is not its process's).")
                               .arg(number);
            return result;
        }
        if (pid == QCoreApplication::applicationPid()) {
            result.error = Tr::tr("--attach: %1 is SocketScope itself.").arg(pid);
            return result;
        }
        options.runPrograms << *running;
    }
    options.stepCalls = parser.isSet(stepOption);
    if (!options.runPrograms.isEmpty() &&
        (parser.isSet(scenarioOption) || parser.isSet(replayOption) || parser.isSet(labOption) ||
         parser.isSet(exportCOption) || options.port)) {
        result.error = Tr::tr("--run and --attach show the programs they trace: drop "
                              "--scenario, --replay, --lab, --port and --export-c.");
        return result;
    }
    if (options.stepCalls && (options.runPrograms.isEmpty() || parser.isSet(headlessOption))) {
        result.error = Tr::tr("--step pauses the programs of --run and --attach in the window: "
                              "use it with them, without --headless.");
        return result;
    }
    options.presentation = parser.isSet(presentationOption);
    options.json = parser.isSet(jsonOption);
    options.processes = !parser.isSet(noProcessesOption);
    if ((options.json || !options.processes) && !parser.isSet(socketsOption)) {
        result.error = Tr::tr("--json and --no-processes go with --list-sockets.");
        return result;
    }
    if (parser.isSet(socketsOption)) {
        options.mode = CommandLineOptions::Mode::ListSockets;
    } else if (parser.isSet(listOption)) {
        options.mode = CommandLineOptions::Mode::ListScenarios;
    } else if (parser.isSet(labOption)) {
        options.mode = CommandLineOptions::Mode::Lab;
        if (parser.isSet(scenarioOption) || parser.isSet(replayOption) ||
            parser.isSet(headlessOption) || !options.screenshotPath.isEmpty() ||
            !options.exportPath.isEmpty() || parser.isSet(exportCOption)) {
            result.error = Tr::tr("--lab runs the lab's console alone: drop --scenario, "
                                  "--replay, --headless, --screenshot and the exports.");
            return result;
        }
    } else if (parser.isSet(exportCOption)) {
        options.mode = CommandLineOptions::Mode::ExportC;
        options.exportCFolder = parser.value(exportCOption);
        if (options.exportCFolder.isEmpty() || (QFileInfo::exists(options.exportCFolder) &&
                                                !QFileInfo(options.exportCFolder).isDir())) {
            result.error = Tr::tr("--export-c: \"%1\" is not a folder.").arg(options.exportCFolder);
            return result;
        }
        if (options.scenarioId.isEmpty() && options.replayPath.isEmpty()) {
            result.error = Tr::tr("--export-c needs --scenario ID (--list-scenarios lists them) "
                                  "or --replay FILE.");
            return result;
        }
        if (parser.isSet(headlessOption) || !options.screenshotPath.isEmpty() ||
            !options.exportPath.isEmpty()) {
            result.error = Tr::tr("--export-c writes C files only: drop --headless, --screenshot "
                                  "and the picture exports.");
            return result;
        }
    } else if (parser.isSet(headlessOption)) {
        options.mode = CommandLineOptions::Mode::Headless;
        if (!options.screenshotPath.isEmpty()) {
            result.error = Tr::tr("--screenshot needs the window: drop --headless.");
            return result;
        }
        if (options.scenarioId.isEmpty() && options.replayPath.isEmpty() &&
            options.runPrograms.isEmpty()) {
            result.error = Tr::tr("--headless needs --scenario ID (--list-scenarios lists them), "
                                  "--replay FILE or --run COMMAND.");
            return result;
        }
    }
    result.options = options;
    return result;
}

} // namespace SocketScope
