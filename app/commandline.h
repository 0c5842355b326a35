#pragma once

#include "exportpanel.h"
#include "lab/labcommand.h"
#include "themechoice.h"
#include "trace/tracedprogram.h"

#include <QSize>
#include <QString>
#include <QStringList>

#include <optional>

namespace SocketScope {

// What the user asked for on the command line, validated: an error names the option and
// says what is wrong, and main() exits with status 2.
struct CommandLineOptions {
    enum class Mode { Window, Headless, Lab, ExportC, ListScenarios, ListSockets, Help, Version };
    Mode mode = Mode::Window;
    QString scenarioId;
    QString replayPath; // --replay: a saved session to replay
    std::optional<quint16> port;
    QString tracePath;
    QString pcapPath;                 // --pcap: the captured packets, in pcap format
    bool inferPacketsOnly = false;    // --no-capture
    bool json = false;                // --json: --list-sockets as JSON
    bool processes = true;            // --no-processes: --list-sockets without owners
    QString language;                 // "fr" or "en"; empty: the system's language
    std::optional<ThemeChoice> theme; // --theme: for this run, whatever the settings say
    QString scenarioFolder;
    int steps = 0;          // --steps: real steps performed before the screenshot
    QString screenshotPath; // --screenshot: save the window there and exit
    QSize windowSize{1280, 720};
    bool windowSizeGiven = false; // --size: otherwise the size saved in the settings
    bool presentation = false;    // --presentation: start in presenter mode
    QString panel;                // --panel: the panel in front for the screenshot
    // --export-png / --export-svg: a picture of one panel, at exportSize (empty: the
    // panel's own default; --size sets it).
    QString exportPath;
    ExportFormat exportFormat = ExportFormat::Png;
    ExportPanel exportPanel = ExportPanel::Stage;
    QSize exportSize;
    QString exportCFolder; // --export-c: the scenario or the replayed session as C programs
    LabMode labMode = LabMode::Standard; // --lab [tcp|udp]
    bool strictLab = false;              // --strict: a failed lab command fails the run
    QString labScenarioPath;             // --save-scenario: the lab's calls as a scenario file
    // --run, repeatable: programs to trace, each command line split into words as a shell
    // would, without a shell; then --attach's running processes. --step pauses them before
    // each socket call.
    QList<TracedProgram> runPrograms;
    bool stepCalls = false;
    QString helpText;

    bool operator==(const CommandLineOptions&) const = default;
};

struct CommandLineResult {
    std::optional<CommandLineOptions> options;
    QString error;
};

CommandLineResult parseCommandLine(const QStringList& arguments);
// The language the user chose, read before the full parse so that errors are translated.
QString requestedLanguage(const QStringList& arguments);

} // namespace SocketScope
