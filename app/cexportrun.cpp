#include "cexportrun.h"

#include "export/labscenario.h"
#include "log/sessionfile.h"
#include "scenarios/scenariocatalog.h"
#include "scenarios/scenariowriter.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>
#include <QTextStream>

namespace SocketScope {

namespace {

class Tr {
    Q_DECLARE_TR_FUNCTIONS(CExportRun)
};

} // namespace

QList<CProgram::SourceFile> cProgramsOf(const Scenario& scenario, const QList<CallEvent>& calls,
                                        const QString& language)
{
    return CProgram::programs(LabScenario::withServicePort(scenario, calls), language);
}

QString whyNoCPrograms(const Scenario& scenario)
{
    return scenario.recorded ? Tr::tr("These calls were made by your own program: its source "
                                      "is the C they come from, so there is nothing to export.")
                             : QString();
}

bool writeLabScenario(const Scenario& lab, const QList<CallEvent>& calls, const QString& path,
                      QString* error)
{
    // The file's name is the scenario's id, as in the catalogue's folder.
    QString id = QFileInfo(path).completeBaseName();
    if (id.isEmpty())
        id = QStringLiteral("lab");
    const Scenario scenario = LabScenario::fromLab(lab, calls, id);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(QJsonDocument(ScenarioWriter::scenarioToJson(scenario)).toJson()) < 0 ||
        !file.commit()) {
        *error = Tr::tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

int exportCPrograms(const CommandLineOptions& options, const ScenarioCatalog& catalog,
                    QTextStream& out, QTextStream& err)
{
    QList<CProgram::SourceFile> files;
    if (!options.replayPath.isEmpty()) {
        SessionFileError error;
        const auto saved = SessionFile::load(options.replayPath, &error);
        if (!saved) {
            err << Tr::tr("--replay: %1 cannot be read: %2").arg(options.replayPath, error.text())
                << Qt::endl;
            return 2;
        }
        if (const QString why = whyNoCPrograms(saved->scenario); !why.isEmpty()) {
            err << QStringLiteral("socketscope: --export-c: ") << why << Qt::endl;
            return 2;
        }
        files = cProgramsOf(saved->scenario, saved->calls, options.language);
    } else {
        const Scenario* scenario = catalog.find(options.scenarioId);
        if (!scenario) {
            err << Tr::tr("--scenario: no scenario has the id \"%1\"; --list-scenarios lists them.")
                       .arg(options.scenarioId)
                << Qt::endl;
            return 2;
        }
        files = CProgram::programs(*scenario, options.language);
    }
    QString error;
    if (!CProgram::writeFiles(files, options.exportCFolder, &error)) {
        err << QStringLiteral("socketscope: --export-c: ") << error << Qt::endl;
        return 1;
    }
    for (const CProgram::SourceFile& file : files)
        out << QDir(options.exportCFolder).filePath(file.fileName) << QStringLiteral("\t")
            << file.compileCommand << Qt::endl;
    return 0;
}

} // namespace SocketScope
