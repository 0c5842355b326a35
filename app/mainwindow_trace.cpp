#include "logpresenter.h"
#include "mainwindow.h"
#include "runprogramdialog.h"
#include "sources/session.h"
#include "sources/tracesource.h"

#include <QComboBox>
#include <QDir>

namespace SocketScope {

void MainWindow::runPrograms(const TraceOptions& options)
{
    m_session->unload();
    closeLab();
    m_replay.reset();
    closeTrace();
    TraceOptions traced = options;
    traced.language = m_language;
    m_trace = std::make_unique<TraceSource>(traced);
    showSource(m_trace.get());
    QStringList names;
    for (const QStringList& words : options.programs)
        names << words.value(0);
    setWindowTitle(tr("SocketScope — %1").arg(names.join(QStringLiteral(", "))));
    const QSignalBlocker quiet(m_scenarioPicker);
    m_scenarioPicker->setPlaceholderText(tr("Your program: its socket calls"));
    m_scenarioPicker->setCurrentIndex(-1);
}

void MainWindow::askToRunPrograms()
{
    RunProgramDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    TraceOptions options;
    options.programs = dialog.programs();
    options.workingDirectory = dialog.workingDirectory();
    options.pauseAtEachCall = dialog.pauseAtEachCall();
    runPrograms(options);
}

// The programs end with their source: each helper kills its program's whole tree.
void MainWindow::closeTrace()
{
    if (!m_trace)
        return;
    if (m_presenter->source() == m_trace.get())
        m_presenter->setSource(nullptr);
    m_trace.reset();
}

} // namespace SocketScope
