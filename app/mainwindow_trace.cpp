#include "logpresenter.h"
#include "mainwindow.h"
#include "nextcallmenu.h"
#include "programterminalview.h"
#include "runprogramdialog.h"
#include "sources/replaysource.h"
#include "sources/session.h"
#include "sources/tracesource.h"
#include "stepcontroller.h"

#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QLineEdit>

namespace SocketScope {

void MainWindow::runPrograms(const TraceOptions& options)
{
    m_session->unload();
    closeLab();
    m_replay.reset();
    closeTrace();
    TraceOptions traced = options;
    traced.language = m_language;
    traced.ownTerminal = true;
    traced.capture = m_capture;
    m_trace = std::make_unique<TraceSource>(traced);
    showSource(m_trace.get());
    m_nextCallMenu->setSource(m_trace.get());
    showProgramTerminal();
    QStringList names;
    for (const TracedProgram& program : options.programs)
        names << program.words.value(0);
    setWindowTitle(tr("SocketScope — %1").arg(names.join(QStringLiteral(", "))));
    showTraceInPicker();
}

// The picker says the programs are what the views show; picking a scenario ends them.
void MainWindow::showTraceInPicker()
{
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
    for (const QStringList& words : dialog.programs())
        options.programs << TracedProgram{words, 0};
    options.workingDirectory = dialog.workingDirectory();
    options.pauseAtEachCall = dialog.pauseAtEachCall();
    runPrograms(options);
}

// The call the user chose goes next, shown from the live end as Next would show it.
void MainWindow::letPausedCallGo(int paused)
{
    if (!m_trace || m_steps->pendingSteps() > 0)
        return;
    m_steps->last();
    m_trace->stepCall(paused);
}

// The programs end with their source: each helper kills its program's whole tree.
void MainWindow::closeTrace()
{
    if (!m_trace)
        return;
    if (m_presenter->source() == m_trace.get())
        m_presenter->setSource(nullptr);
    if (m_programTerminal)
        m_programTerminal->setSource(nullptr);
    m_nextCallMenu->setSource(nullptr);
    m_trace.reset();
    removeDockWidget(m_programTerminalDock);
}

// Below the stage with the other panels, in front, its input line ready to type in.
void MainWindow::showProgramTerminal()
{
    if (!m_programTerminal) {
        m_programTerminal = new ProgramTerminalView(this);
        m_programTerminalDock = new QDockWidget(this);
        m_programTerminalDock->setObjectName(QStringLiteral("programTerminal"));
        m_programTerminalDock->setWidget(m_programTerminal);
        m_programTerminalDock->setWindowTitle(tr("Program's terminal"));
    }
    m_programTerminal->setSource(m_trace.get());
    if (dockWidgetArea(m_programTerminalDock) == Qt::NoDockWidgetArea) {
        addDockWidget(Qt::BottomDockWidgetArea, m_programTerminalDock);
        tabifyDockWidget(m_callsDock, m_programTerminalDock);
    }
    m_programTerminalDock->show();
    m_programTerminalDock->raise();
    m_programTerminal->input()->setFocus();
}

} // namespace SocketScope
