#include "lab/labsession.h"
#include "labconsoleview.h"
#include "logpresenter.h"
#include "mainwindow.h"
#include "sources/replaysource.h"

#include <QComboBox>
#include <QDockWidget>
#include <QLineEdit>

namespace SocketScope {

// Below the stage with the other panels while the lab is open, out of the layout otherwise.
void MainWindow::createLabDock()
{
    m_labConsole = new LabConsoleView(this);
    m_labDock = new QDockWidget(this);
    m_labDock->setObjectName(QStringLiteral("lab"));
    m_labDock->setWidget(m_labConsole);
    m_labDock->hide();
}

// The scenario run or the replay stops, and the lab's session takes the views: the lab's
// calls are drawn as a scenario's are.
void MainWindow::openLab(LabMode mode)
{
    SessionOptions options;
    options.language = m_language;
    options.capture = m_capture;
    m_session->unload();
    if (!m_lab)
        m_scenarioBeforeLab = m_scenarioPicker->currentData().toString();
    closeTrace();
    auto lab = std::make_unique<LabSession>(mode, options);
    connect(lab.get(), &LabSession::quitRequested, this, [this] {
        // Leaving the lab goes back to the scenario the picker showed before, once the lab's
        // command is over (its session is deleted from the event loop, not from its signal).
        QMetaObject::invokeMethod(
            this,
            [this] {
                closeLab();
                loadSelectedScenario();
            },
            Qt::QueuedConnection);
    });
    showSource(&lab->session());
    // A terminal made current is drawn on the stage before its first call.
    connect(lab.get(), &LabSession::terminalChanged, m_presenter,
            [this](int terminal) { m_presenter->showActor(LabSession::terminalActor(terminal)); });
    m_replay.reset();
    m_labConsole->setLab(lab.get());
    m_lab = std::move(lab);
    m_actions.saveLabScenario->setEnabled(true);
    setWindowTitle(tr("SocketScope — lab"));
    showLabInPicker();
    if (dockWidgetArea(m_labDock) == Qt::NoDockWidgetArea) {
        addDockWidget(Qt::BottomDockWidgetArea, m_labDock);
        tabifyDockWidget(m_callsDock, m_labDock);
    }
    m_labDock->show();
    m_labDock->raise();
    m_labConsole->input()->setFocus();
}

void MainWindow::closeLab()
{
    if (!m_lab)
        return;
    if (m_presenter->source() == &m_lab->session())
        m_presenter->setSource(nullptr);
    m_labConsole->setLab(nullptr);
    m_lab.reset();
    m_actions.saveLabScenario->setEnabled(false);
    removeDockWidget(m_labDock);
    // A scenario picked to leave the lab stays; else the one shown before the lab comes back.
    if (m_scenarioPicker->currentIndex() < 0) {
        const QSignalBlocker quiet(m_scenarioPicker);
        m_scenarioPicker->setCurrentIndex(m_scenarioPicker->findData(m_scenarioBeforeLab));
    }
}

// The picker says the lab is what the views show, not the scenario chosen before; picking a
// scenario leaves the lab.
void MainWindow::showLabInPicker()
{
    const QSignalBlocker quiet(m_scenarioPicker);
    m_scenarioPicker->setPlaceholderText(tr("Lab: calls made by hand"));
    m_scenarioPicker->setCurrentIndex(-1);
}

} // namespace SocketScope
