#pragma once

#include "commandline.h"
#include "export/cprogram.h"

class QTextStream;

namespace SocketScope {

class ScenarioCatalog;
struct CallEvent;
struct Scenario;

// The C programs of a session's scenario: a scenario as it is; the lab's (or any session
// whose steps name no "$port") with the port its server bound as the programs' argument.
QList<CProgram::SourceFile> cProgramsOf(const Scenario& scenario, const QList<CallEvent>& calls,
                                        const QString& language);
// Why a session has no C programs to write (a traced program's: its own source is the C),
// or an empty string.
QString whyNoCPrograms(const Scenario& scenario);

// The lab's session as a scenario file at `path` (File > Save lab as scenario, --lab
// --save-scenario FILE), its id the file's name; false with the reason in *error.
bool writeLabScenario(const Scenario& lab, const QList<CallEvent>& calls, const QString& path,
                      QString* error);

// --export-c FOLDER with --scenario ID or --replay FILE: writes the programs and prints, for
// each, how to compile it. Returns 0 when written, 1 when a file could not be, 2 for an
// unknown scenario or a file that cannot be read.
int exportCPrograms(const CommandLineOptions& options, const ScenarioCatalog& catalog,
                    QTextStream& out, QTextStream& err);

} // namespace SocketScope
