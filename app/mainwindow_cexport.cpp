#include "cexportrun.h"
#include "lab/labsession.h"
#include "mainwindow.h"
#include "sources/eventsource.h"

#include <QFileDialog>

// File > Export as C and File > Save lab as scenario: from clicks to code.
namespace SocketScope {

QStringList MainWindow::exportC(const QString& folder, QString* error) const
{
    const EventLog& log = source()->log();
    if (const QString why = whyNoCPrograms(log.scenario()); !why.isEmpty()) {
        *error = why;
        return {};
    }
    const QList<CProgram::SourceFile> files = cProgramsOf(log.scenario(), log.calls(), m_language);
    if (files.isEmpty()) {
        *error = tr("There is no call to export yet.");
        return {};
    }
    if (!CProgram::writeFiles(files, folder, error))
        return {};
    QStringList names;
    for (const CProgram::SourceFile& file : files)
        names << file.fileName;
    return names;
}

void MainWindow::askToExportC()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Export as C into"));
    if (folder.isEmpty())
        return;
    QString error;
    const QStringList names = exportC(folder, &error);
    showInlineMessage(names.isEmpty()
                          ? error
                          : tr("Wrote %1 into %2; the first line of each says how to compile it.")
                                .arg(names.join(QStringLiteral(", ")), folder));
}

bool MainWindow::saveLabScenario(const QString& path, QString* error) const
{
    if (!m_lab) {
        *error = tr("Open the lab first: File > Lab.");
        return false;
    }
    return writeLabScenario(m_lab->session().scenario(), m_lab->session().log().calls(), path,
                            error);
}

void MainWindow::askToSaveLabScenario()
{
    QString path =
        QFileDialog::getSaveFileName(this, tr("Save lab as scenario"), QStringLiteral("lab.json"),
                                     tr("SocketScope scenarios (*.json)"));
    if (path.isEmpty())
        return;
    if (!path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive))
        path += QStringLiteral(".json");
    QString error;
    showInlineMessage(saveLabScenario(path, &error)
                          ? tr("Saved %1: write its narration, then load its folder with "
                               "--scenario-folder.")
                                .arg(path)
                          : error);
}

} // namespace SocketScope
