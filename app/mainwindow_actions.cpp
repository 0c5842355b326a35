#include "labconsoleview.h"
#include "languages.h"
#include "logcursor.h"
#include "logpresenter.h"
#include "mainwindow.h"
#include "nextcallmenu.h"
#include "sources/eventsource.h"
#include "sources/tracesource.h"
#include "stageview.h"
#include "stepcontroller.h"

#include <QAction>
#include <QActionGroup>
#include <QComboBox>
#include <QDockWidget>
#include <QEvent>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QTextBrowser>
#include <QToolBar>
#include <QToolButton>

// The window's actions and menus, and their texts in the current language.
namespace SocketScope {

namespace {

QAction* makeAction(QObject* parent, const QList<QKeySequence>& keys = {})
{
    auto* action = new QAction(parent);
    action->setShortcuts(keys);
    return action;
}

} // namespace

void MainWindow::buildActions()
{
    Actions& a = m_actions;
    a.open = makeAction(this, {QKeySequence::Open});
    connect(a.open, &QAction::triggered, this, &MainWindow::askToOpenSession);
    a.save = makeAction(this, {QKeySequence::Save});
    connect(a.save, &QAction::triggered, this, &MainWindow::askToSaveSession);
    a.savePcap = makeAction(this);
    connect(a.savePcap, &QAction::triggered, this, &MainWindow::savePcap);
    a.exportC = makeAction(this);
    connect(a.exportC, &QAction::triggered, this, &MainWindow::askToExportC);
    a.saveLabScenario = makeAction(this);
    a.saveLabScenario->setEnabled(false);
    connect(a.saveLabScenario, &QAction::triggered, this, &MainWindow::askToSaveLabScenario);
    a.quit = makeAction(this, {QKeySequence::Quit});
    connect(a.quit, &QAction::triggered, this, &QWidget::close);

    // Keys like a slide show's: a presenter's remote sends PageUp and PageDown.
    a.back = makeAction(this, {QKeySequence(Qt::Key_Left), QKeySequence(Qt::Key_PageUp)});
    connect(a.back, &QAction::triggered, m_steps, &StepController::back);
    a.next = makeAction(this, {QKeySequence(Qt::Key_Right), QKeySequence(Qt::Key_Space),
                               QKeySequence(Qt::Key_PageDown)});
    connect(a.next, &QAction::triggered, this, &MainWindow::next);
    m_nextCallMenu = new NextCallMenu(this);
    a.nextCallOf = makeAction(this);
    a.nextCallOf->setObjectName(QStringLiteral("nextCallOf"));
    a.nextCallOf->setMenu(m_nextCallMenu);
    connect(m_nextCallMenu, &NextCallMenu::callChosen, this, &MainWindow::letPausedCallGo);
    connect(m_nextCallMenu, &NextCallMenu::canChooseChanged, this, &MainWindow::updateControls);
    a.forward = makeAction(this, {QKeySequence(Qt::SHIFT | Qt::Key_Right)});
    connect(a.forward, &QAction::triggered, this, [this] { cursor()->forward(); });
    a.first = makeAction(this, {QKeySequence(Qt::Key_Home)});
    connect(a.first, &QAction::triggered, m_steps, &StepController::first);
    a.last = makeAction(this, {QKeySequence(Qt::Key_End)});
    connect(a.last, &QAction::triggered, m_steps, &StepController::last);
    a.run = makeAction(this, {QKeySequence(Qt::Key_P)});
    connect(a.run, &QAction::triggered, this, [this] {
        if (source()->state() == EventSource::State::Running) {
            source()->pause();
            return;
        }
        cursor()->toLive();
        source()->run();
    });
    a.reset = makeAction(this, {QKeySequence(Qt::CTRL | Qt::Key_R)});
    connect(a.reset, &QAction::triggered, this, [this] { source()->reset(); });

    a.protocol = makeAction(this, {QKeySequence(Qt::Key_V)});
    a.protocol->setCheckable(true);
    connect(a.protocol, &QAction::toggled, this, [this](bool protocol) {
        m_stage->setViewMode(protocol ? StageView::ViewMode::Protocol
                                      : StageView::ViewMode::Analogy);
    });
    a.skip = makeAction(this, {QKeySequence(Qt::Key_Escape)});
    connect(a.skip, &QAction::triggered, this, &MainWindow::escape);
    a.presentation = makeAction(this, {QKeySequence(Qt::Key_F5)});
    a.presentation->setCheckable(true);
    connect(a.presentation, &QAction::triggered, this,
            [this](bool presenting) { setPresenting(presenting); });
    a.fullScreen = makeAction(this, {QKeySequence(Qt::Key_F11)});
    a.fullScreen->setCheckable(true);
    connect(a.fullScreen, &QAction::triggered, this, [this](bool full) {
        setWindowState(full ? windowState() | Qt::WindowFullScreen
                            : windowState() & ~Qt::WindowFullScreen);
    });
    a.blank = makeAction(this, {QKeySequence(Qt::Key_B)});
    a.blank->setCheckable(true);
    connect(a.blank, &QAction::triggered, this, &MainWindow::setBlanked);
    a.zoomIn = makeAction(this, {QKeySequence::ZoomIn, QKeySequence(Qt::CTRL | Qt::Key_Equal)});
    connect(a.zoomIn, &QAction::triggered, this, [this] { setZoom(m_zoom * 1.1); });
    a.zoomOut = makeAction(this, {QKeySequence::ZoomOut});
    connect(a.zoomOut, &QAction::triggered, this, [this] { setZoom(m_zoom / 1.1); });
    a.zoomReset = makeAction(this, {QKeySequence(Qt::CTRL | Qt::Key_0)});
    connect(a.zoomReset, &QAction::triggered, this, [this] { setZoom(1.0); });
    a.resetLayout = makeAction(this);
    connect(a.resetLayout, &QAction::triggered, this, &MainWindow::resetLayout);
    a.find = makeAction(this, {QKeySequence::Find});
    connect(a.find, &QAction::triggered, this, [this] {
        m_toolbar->show();
        m_scenarioSearch->setFocus();
        m_scenarioSearch->selectAll();
    });
    a.inspector = makeAction(this, {QKeySequence(Qt::CTRL | Qt::Key_I)});
    connect(a.inspector, &QAction::triggered, this, &MainWindow::openInspector);
    a.lab = makeAction(this, {QKeySequence(Qt::CTRL | Qt::Key_L)});
    connect(a.lab, &QAction::triggered, this, [this] { openLab(LabMode::Standard); });
    a.labTcp = makeAction(this);
    connect(a.labTcp, &QAction::triggered, this, [this] { openLab(LabMode::Tcp); });
    a.labUdp = makeAction(this);
    connect(a.labUdp, &QAction::triggered, this, [this] { openLab(LabMode::Udp); });
    a.runProgram = makeAction(this, {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R)});
    connect(a.runProgram, &QAction::triggered, this, &MainWindow::askToRunPrograms);

    auto* languages = new QActionGroup(this);
    a.systemLanguage = makeAction(languages);
    a.french = makeAction(languages);
    a.english = makeAction(languages);
    for (const auto& [action, choice] :
         {std::pair{a.systemLanguage, QString()}, std::pair{a.french, QStringLiteral("fr")},
          std::pair{a.english, QStringLiteral("en")}}) {
        action->setCheckable(true);
        connect(action, &QAction::triggered, this,
                [this, choice = choice] { setLanguageChoice(choice); });
    }
    auto* themes = new QActionGroup(this);
    a.systemTheme = makeAction(themes);
    a.lightTheme = makeAction(themes);
    a.darkTheme = makeAction(themes);
    for (const auto& [action, choice] :
         {std::pair{a.systemTheme, ThemeChoice::System},
          std::pair{a.lightTheme, ThemeChoice::Light}, std::pair{a.darkTheme, ThemeChoice::Dark}}) {
        action->setCheckable(true);
        connect(action, &QAction::triggered, this,
                [this, choice = choice] { setThemeChoice(choice); });
    }
    a.help = makeAction(this, {QKeySequence(Qt::Key_F1)});
    connect(a.help, &QAction::triggered, this, &MainWindow::showHelp);
    a.about = makeAction(this);
    connect(a.about, &QAction::triggered, this, &MainWindow::showAbout);

    // Shortcuts work in presenter mode too, with the menu bar and the toolbar hidden.
    addActions({a.open,     a.save,    a.quit,         a.back,       a.next,
                a.forward,  a.first,   a.last,         a.run,        a.reset,
                a.protocol, a.skip,    a.presentation, a.fullScreen, a.blank,
                a.zoomIn,   a.zoomOut, a.zoomReset,    a.inspector,  a.help});
}

void MainWindow::buildMenus()
{
    const Actions& a = m_actions;
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addAction(a.find);
    m_fileMenu->addSeparator();
    m_fileMenu->addActions({a.lab, a.labTcp, a.labUdp, a.runProgram});
    m_fileMenu->addSeparator();
    m_fileMenu->addActions({a.open, a.save, a.savePcap});
    m_exportMenu = m_fileMenu->addMenu(QString());
    m_fileMenu->addActions({a.exportC, a.saveLabScenario});
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(a.quit);
    m_stepMenu = menuBar()->addMenu(QString());
    m_stepMenu->addActions(
        {a.back, a.next, a.nextCallOf, a.forward, a.first, a.last, a.run, a.reset});
    m_viewMenu = menuBar()->addMenu(QString());
    m_viewMenu->addActions({a.presentation, a.fullScreen, a.blank});
    m_viewMenu->addSeparator();
    m_viewMenu->addActions({a.zoomIn, a.zoomOut, a.zoomReset});
    m_viewMenu->addSeparator();
    m_viewMenu->addActions({a.protocol, a.skip});
    m_viewMenu->addSeparator();
    // Every panel can be shown again after it was closed.
    for (QDockWidget* dock : {m_callsDock, m_tuplesDock, m_bytesDock, m_packetsDock})
        m_viewMenu->addAction(dock->toggleViewAction());
    m_viewMenu->addAction(m_toolbar->toggleViewAction());
    m_viewMenu->addAction(a.resetLayout);
    m_viewMenu->addSeparator();
    m_languageMenu = m_viewMenu->addMenu(QString());
    m_languageMenu->addActions({a.systemLanguage, a.french, a.english});
    m_themeMenu = m_viewMenu->addMenu(QString());
    m_themeMenu->addActions({a.systemTheme, a.lightTheme, a.darkTheme});
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(a.inspector);
    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addActions({a.help, a.about});

    m_toolbar->addWidget(m_scenarioPicker);
    m_toolbar->addWidget(m_scenarioSearch);
    m_toolbar->addSeparator();
    m_toolbar->addActions({a.back, a.next, a.nextCallOf, a.forward, a.run, a.reset});
    if (auto* button = qobject_cast<QToolButton*>(m_toolbar->widgetForAction(a.nextCallOf)))
        button->setPopupMode(QToolButton::InstantPopup);
    m_toolbar->addSeparator();
    m_toolbar->addWidget(m_speedPicker);
    m_toolbar->addAction(a.protocol);
    m_toolbar->addAction(a.presentation);
}

void MainWindow::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    else if (event->type() == QEvent::WindowStateChange)
        m_actions.fullScreen->setChecked(windowState() & Qt::WindowFullScreen);
    else if (event->type() == QEvent::PaletteChange)
        applyThemeColours();
    QMainWindow::changeEvent(event);
}

void MainWindow::retranslate()
{
    const Actions& a = m_actions;
    m_fileMenu->setTitle(tr("&File"));
    a.open->setText(tr("Open a saved session…"));
    a.open->setToolTip(tr("Replay a saved session: every view as it was, with no network"));
    a.save->setText(tr("Save the session…"));
    a.savePcap->setText(tr("Save the captured packets (pcap)…"));
    fillExportMenu(m_exportMenu);
    a.exportC->setText(tr("Export as C…"));
    a.exportC->setToolTip(tr("The scenario or the lab's calls as C programs, one per process, "
                             "that compile with gcc and make the same calls"));
    a.saveLabScenario->setText(tr("Save lab as scenario…"));
    a.saveLabScenario->setToolTip(tr("The lab's calls as a scenario file, its narration left "
                                     "for you to write; --scenario-folder loads it"));
    a.runProgram->setText(tr("Run a program…"));
    a.runProgram->setToolTip(tr("Run your own programs under SocketScope: their real socket "
                                "calls on the stage, one at a time if you wish"));
    a.quit->setText(tr("Quit"));

    m_stepMenu->setTitle(tr("&Step"));
    a.back->setText(tr("Back"));
    a.back->setToolTip(tr("Show the state before the last call (nothing is re-run)"));
    a.next->setText(tr("Next"));
    a.next->setToolTip(
        tr("Perform the next real call (or show the next recorded one after going back)"));
    a.nextCallOf->setText(tr("Next call of"));
    a.nextCallOf->setToolTip(tr("Choose which program makes its next call, where Next lets "
                                "the oldest go: the client may try connect() before the "
                                "server listens"));
    a.forward->setText(tr("Forward"));
    a.forward->setToolTip(tr("Show the next recorded call"));
    a.first->setText(tr("First step"));
    a.last->setText(tr("Last recorded step"));
    a.reset->setText(tr("Reset"));
    a.reset->setToolTip(tr("Cancel the calls in progress, close everything, start over"));

    m_viewMenu->setTitle(tr("&View"));
    a.presentation->setText(tr("Presenter mode"));
    a.presentation->setToolTip(tr("Full screen, the stage and the narration large (F5)"));
    a.fullScreen->setText(tr("Full screen"));
    a.blank->setText(tr("Blank the screen"));
    a.zoomIn->setText(tr("Zoom in"));
    a.zoomOut->setText(tr("Zoom out"));
    a.zoomReset->setText(tr("Actual size"));
    a.protocol->setText(tr("Protocol view"));
    a.protocol->setToolTip(tr("Technical labels instead of the telephone and the mail"));
    a.skip->setText(tr("Skip animation"));
    m_callsDock->setWindowTitle(tr("Calls"));
    m_tuplesDock->setWindowTitle(tr("5-tuples"));
    m_bytesDock->setWindowTitle(tr("Bytes"));
    m_packetsDock->setWindowTitle(tr("Packets"));
    m_toolbar->setWindowTitle(tr("Steps"));
    a.resetLayout->setText(tr("Reset the layout"));
    m_languageMenu->setTitle(tr("Language"));
    a.systemLanguage->setText(tr("As the system (%1)")
                                  .arg(Languages::systemLanguage() == QLatin1String("fr")
                                           ? QStringLiteral("Français")
                                           : QStringLiteral("English")));
    // Each language is named in itself, so that one can find one's own.
    a.french->setText(QStringLiteral("Français"));
    a.english->setText(QStringLiteral("English"));
    m_themeMenu->setTitle(tr("Theme"));
    a.systemTheme->setText(tr("Follow the system"));
    a.lightTheme->setText(tr("Light (high contrast)"));
    a.darkTheme->setText(tr("Dark"));
    a.find->setText(tr("Find a scenario"));
    a.lab->setText(tr("Lab: make calls by hand"));
    a.lab->setToolTip(tr("socklab's commands as real calls, on the stage like a scenario"));
    a.labTcp->setText(tr("Lab in socklab's TCP mode"));
    a.labUdp->setText(tr("Lab in socklab's UDP mode"));
    m_labDock->setWindowTitle(tr("Lab console"));
    if (m_programTerminalDock)
        m_programTerminalDock->setWindowTitle(tr("Program's terminal"));
    m_labConsole->retranslate();
    a.inspector->setText(tr("Live inspector"));
    a.inspector->setToolTip(tr("Every socket of the machine, live, with its TCP state drawn"));
    m_helpMenu->setTitle(tr("&Help"));
    a.help->setText(tr("Guide"));
    a.about->setText(tr("About SocketScope"));

    m_scenarioPicker->setAccessibleName(tr("Scenario"));
    m_speedPicker->setAccessibleName(tr("Speed"));
    m_narration->setAccessibleName(tr("Narration"));
    m_currentCall->setAccessibleName(tr("Current call"));
    fillScenarioPicker();
    setWindowTitle(m_replay ? tr("SocketScope — replay of %1").arg(m_replayName)
                   : m_lab  ? tr("SocketScope — lab")
                            : tr("SocketScope"));
    if (auto* guide = findChild<QTextBrowser*>(QStringLiteral("guide")))
        fillGuide(guide);
    showCurrentCall();
    updateControls();
}

void MainWindow::updateControls()
{
    m_actions.systemTheme->setChecked(m_themeShown == ThemeChoice::System);
    m_actions.lightTheme->setChecked(m_themeShown == ThemeChoice::Light);
    m_actions.darkTheme->setChecked(m_themeShown == ThemeChoice::Dark);
    EventSource* current = source();
    if (!current)
        return;
    const EventSource::State state = current->state();
    const bool live = cursor()->isLive();
    m_actions.next->setEnabled(!live || current->stepsLeft() > m_steps->pendingSteps());
    m_actions.back->setEnabled(cursor()->position() > 0);
    m_actions.first->setEnabled(cursor()->position() > 0);
    m_actions.forward->setEnabled(!live);
    // Only traced programs wait at calls the user may order.
    const bool stepping = state == EventSource::State::Stepping;
    m_actions.nextCallOf->setVisible(m_trace && current == m_trace.get() && stepping);
    m_actions.nextCallOf->setEnabled(m_nextCallMenu->canChoose() && m_steps->pendingSteps() == 0);
    m_actions.last->setEnabled(!live);
    // The lab makes its calls a command at a time: there is nothing to run ahead.
    m_actions.run->setEnabled(
        !m_lab && (state == EventSource::State::Stepping || state == EventSource::State::Running));
    m_actions.run->setText(state == EventSource::State::Running ? tr("Pause") : tr("Run"));
    m_actions.systemLanguage->setChecked(m_languageChoice.isEmpty());
    m_actions.french->setChecked(m_languageChoice == QLatin1String("fr"));
    m_actions.english->setChecked(m_languageChoice == QLatin1String("en"));
}

} // namespace SocketScope
