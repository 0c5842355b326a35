#include "appsettings.h"
#include "cexportrun.h"
#include "commandline.h"
#include "firstframe.h"
#include "headlessrun.h"
#include "labconsole.h"
#include "languages.h"
#include "mainwindow.h"
#include "scenarios/scenariocatalog.h"
#include "screenshotrun.h"
#include "socketlisting.h"
#include "sources/tracesource.h"

#include <QApplication>
#include <QDir>
#include <QSettings>
#include <QTextStream>

#include <csignal>
#include <memory>

using namespace SocketScope;

namespace {

// The command line's choice, then the one saved in the window's settings, then the system's.
QString chooseLanguage(const QStringList& arguments, const QString& saved)
{
    const QString requested = requestedLanguage(arguments);
    if (Languages::isSupported(requested))
        return requested;
    return Languages::isSupported(saved) ? saved : Languages::systemLanguage();
}

} // namespace

int main(int argc, char* argv[])
{
    // A write on a connection the peer closed must fail with EPIPE, not kill SocketScope.
    std::signal(SIGPIPE, SIG_IGN);

    // Only a window needs a display: bad arguments and headless runs are answered without one.
    QStringList rawArguments;
    for (int i = 0; i < argc; ++i)
        rawArguments << QString::fromLocal8Bit(argv[i]);
    const CommandLineResult firstParse = parseCommandLine(rawArguments);
    const bool needsWindow =
        firstParse.options && firstParse.options->mode == CommandLineOptions::Mode::Window;
    // An export draws its views off screen: it needs no display, and looks the same on any.
    if (needsWindow && !firstParse.options->exportPath.isEmpty() &&
        qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    std::unique_ptr<QCoreApplication> app;
    if (needsWindow)
        app = std::make_unique<QApplication>(argc, argv);
    else
        app = std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("socketscope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SOCKETSCOPE_VERSION));

    QCoreApplication::setOrganizationName(QStringLiteral("socketscope"));
    // A screenshot or an export shows the defaults, whatever the last lecture left in the settings.
    const bool screenshot = firstParse.options && (!firstParse.options->screenshotPath.isEmpty() ||
                                                   !firstParse.options->exportPath.isEmpty());
    QSettings settingsFile;
    AppSettings saved =
        needsWindow && !screenshot ? AppSettings::load(settingsFile) : AppSettings();
    const QString language = chooseLanguage(app->arguments(), saved.language);
    Languages::install(language);

    QTextStream out(stdout);
    QTextStream err(stderr);
    const CommandLineResult parsed = parseCommandLine(app->arguments());
    if (!parsed.options) {
        err << QStringLiteral("socketscope: ") << parsed.error << Qt::endl;
        return 2;
    }
    CommandLineOptions options = *parsed.options;
    options.language = language;

    switch (options.mode) {
    case CommandLineOptions::Mode::ListSockets:
        return listSockets(options.json, options.processes, out, err);
    case CommandLineOptions::Mode::Help:
        out << options.helpText;
        return 0;
    case CommandLineOptions::Mode::Version:
        out << QStringLiteral("socketscope ") << QCoreApplication::applicationVersion() << Qt::endl;
        return 0;
    case CommandLineOptions::Mode::Lab:
        return runLabConsole(options, out, err);
    default:
        break;
    }

    ScenarioCatalog catalog = ScenarioCatalog::builtIn();
    if (!options.scenarioFolder.isEmpty())
        catalog.loadFolder(options.scenarioFolder);
    for (const ScenarioError& error : catalog.errors())
        err << QStringLiteral("socketscope: ") << error.text() << Qt::endl;

    switch (options.mode) {
    case CommandLineOptions::Mode::ListScenarios:
        for (const Scenario& scenario : catalog.scenarios())
            out << scenario.id << '\t' << scenario.title.text(language) << Qt::endl;
        return 0;
    case CommandLineOptions::Mode::Headless:
        return runHeadless(options, catalog, out, err);
    case CommandLineOptions::Mode::ExportC:
        return exportCPrograms(options, catalog, out, err);
    default:
        break;
    }

    if (!options.scenarioId.isEmpty() && !catalog.find(options.scenarioId)) {
        err << QCoreApplication::translate("CommandLine",
                                           "--scenario: no scenario has the id \"%1\"; "
                                           "--list-scenarios lists them.")
                   .arg(options.scenarioId)
            << Qt::endl;
        return 2;
    }
    MainWindow window(catalog, language, options.port,
                      options.inferPacketsOnly ? CaptureMode::InferOnly
                                               : CaptureMode::CaptureIfPermitted);
    // The command line wins over what the settings remember, for this run only.
    if (options.windowSizeGiven)
        saved.geometry.clear();
    window.applySettings(saved);
    if (Languages::isSupported(requestedLanguage(app->arguments())))
        window.useLanguage(language);
    if (options.theme)
        window.useTheme(*options.theme);
    if (!options.scenarioId.isEmpty())
        window.selectScenario(options.scenarioId);
    if (!options.replayPath.isEmpty()) {
        QString error;
        if (!window.openSession(options.replayPath, &error)) {
            err << QStringLiteral("socketscope: --replay: ") << error << Qt::endl;
            return 2;
        }
    }
    if (!options.runPrograms.isEmpty()) {
        TraceOptions trace;
        trace.programs = options.runPrograms;
        trace.workingDirectory = QDir::currentPath();
        trace.pauseAtEachCall = options.stepCalls;
        window.runPrograms(trace);
    }
    if (!options.panel.isEmpty())
        window.showPanel(options.panel);
    if (!options.screenshotPath.isEmpty()) {
        window.resize(options.windowSize);
        window.setPresenting(options.presentation, false);
        return takeScreenshot(window, options, err);
    }
    if (!options.exportPath.isEmpty())
        return exportPicture(window, options, err);
    if (options.windowSizeGiven || saved.geometry.isEmpty())
        window.resize(options.windowSize);
    new FirstFrameReporter(&window);
    window.show();
    window.setPresenting(options.presentation);
    const int status = app->exec();
    window.settings().save(settingsFile);
    return status;
}
