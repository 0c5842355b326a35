#include "mainwindow.h"

#include "byteconverter.h"
#include "byteorderview.h"
#include "calllogmodel.h"
#include "inspectorwindow.h"
#include "log/sessionfile.h"
#include "logcursor.h"
#include "logpresenter.h"
#include "packetpanel.h"
#include "sources/replaysource.h"
#include "sources/session.h"
#include "stageview.h"
#include "tuplecardsview.h"

#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSignalBlocker>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace SocketScope {

namespace {

// At 1x a continuous run takes a step every 1.5 s and each animation 0.7 s.
constexpr int baseIntervalMs = 1500;
constexpr int baseAnimationMs = 700;

} // namespace

MainWindow::MainWindow(const ScenarioCatalog& catalog, const QString& language,
                       std::optional<quint16> port, CaptureMode capture, QWidget* parent)
    : QMainWindow(parent)
    , m_catalog(catalog)
    , m_language(language)
    , m_port(port)
    , m_capture(capture)
    , m_session(new Session(this))
{
    setWindowTitle(tr("SocketScope"));
    buildActions();
    buildLayout();
    m_presenter->setLanguage(m_language);
    connect(m_presenter, &LogPresenter::controlsChanged, this, &MainWindow::updateControls);

    m_basePointSize = font().pointSizeF();
    resize(1280, 720);
    setSpeed(1.0);
    loadSelectedScenario();
}

MainWindow::~MainWindow()
{
    // The inspector's thread stops before the log it reads goes; the actors stop before the
    // views go (a blocked accept is cancelled here).
    delete m_inspector;
    m_presenter->setSource(nullptr);
    m_replay.reset();
    delete m_session;
}

EventSource* MainWindow::source() const
{
    return m_presenter->source();
}

LogCursor* MainWindow::cursor() const
{
    return m_presenter->cursor();
}

void MainWindow::buildActions()
{
    m_backAction = new QAction(tr("Back"), this);
    m_backAction->setShortcuts({QKeySequence(Qt::Key_Left), QKeySequence(Qt::Key_PageUp)});
    m_backAction->setToolTip(tr("Show the state before the last call (nothing is re-run)"));
    connect(m_backAction, &QAction::triggered, this, [this] { cursor()->back(); });

    m_nextAction = new QAction(tr("Next"), this);
    m_nextAction->setShortcuts(
        {QKeySequence(Qt::Key_Right), QKeySequence(Qt::Key_Space), QKeySequence(Qt::Key_PageDown)});
    m_nextAction->setToolTip(tr("Perform the next real call"));
    connect(m_nextAction, &QAction::triggered, this, &MainWindow::next);

    m_forwardAction = new QAction(tr("Forward"), this);
    m_forwardAction->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_Right));
    m_forwardAction->setToolTip(tr("Show the next recorded call"));
    connect(m_forwardAction, &QAction::triggered, this, [this] { cursor()->forward(); });

    m_runAction = new QAction(tr("Run"), this);
    m_runAction->setShortcut(QKeySequence(Qt::Key_P));
    connect(m_runAction, &QAction::triggered, this, [this] {
        if (source()->state() == EventSource::State::Running) {
            source()->pause();
            return;
        }
        cursor()->toLive();
        source()->run();
    });

    m_resetAction = new QAction(tr("Reset"), this);
    m_resetAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_resetAction->setToolTip(tr("Cancel the calls in progress, close everything, start over"));
    connect(m_resetAction, &QAction::triggered, this, [this] { source()->reset(); });

    m_protocolAction = new QAction(tr("Protocol view"), this);
    m_protocolAction->setCheckable(true);
    m_protocolAction->setShortcut(QKeySequence(Qt::Key_V));
    m_protocolAction->setToolTip(tr("Technical labels instead of the telephone and the mail"));

    auto* skip = new QAction(tr("Skip animation"), this);
    skip->setShortcut(QKeySequence(Qt::Key_Escape));
    addAction(skip);
    connect(skip, &QAction::triggered, this, [this] { m_stage->skipAnimation(); });

    buildFileMenu();
    QMenu* stepMenu = menuBar()->addMenu(tr("&Step"));
    stepMenu->addActions({m_backAction, m_nextAction, m_forwardAction, m_runAction, m_resetAction});
    QMenu* viewMenu = menuBar()->addMenu(tr("&View"));
    viewMenu->addAction(m_protocolAction);
    viewMenu->addAction(skip);
    viewMenu->addSeparator();
    QAction* inspect = viewMenu->addAction(tr("Live inspector"), this, &MainWindow::openInspector);
    inspect->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    inspect->setToolTip(tr("Every socket of the machine, live, with its TCP state drawn"));
}

void MainWindow::buildFileMenu()
{
    QMenu* fileMenu = menuBar()->addMenu(tr("&File"));
    QAction* open =
        fileMenu->addAction(tr("Open a saved session…"), this, &MainWindow::askToOpenSession);
    open->setShortcut(QKeySequence::Open);
    open->setToolTip(tr("Replay a saved session: every view as it was, with no network"));
    QAction* save =
        fileMenu->addAction(tr("Save the session…"), this, &MainWindow::askToSaveSession);
    save->setShortcut(QKeySequence::Save);
    fileMenu->addAction(tr("Save the captured packets (pcap)…"), this, &MainWindow::savePcap);
    buildExportMenu(fileMenu);
    fileMenu->addSeparator();
    fileMenu->addAction(tr("Quit"), QKeySequence::Quit, this, &QWidget::close);
}

void MainWindow::buildLayout()
{
    auto* toolbar = addToolBar(tr("Steps"));
    toolbar->setObjectName(QStringLiteral("steps"));
    toolbar->setMovable(false);
    m_scenarioPicker = new QComboBox(toolbar);
    m_scenarioPicker->setAccessibleName(tr("Scenario"));
    for (const Scenario& scenario : m_catalog.scenarios())
        m_scenarioPicker->addItem(scenario.title.text(m_language), scenario.id);
    m_scenarioPicker->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    toolbar->addWidget(m_scenarioPicker);
    toolbar->addSeparator();
    toolbar->addActions({m_backAction, m_nextAction, m_forwardAction, m_runAction, m_resetAction});
    toolbar->addSeparator();
    m_speedPicker = new QComboBox(toolbar);
    m_speedPicker->setAccessibleName(tr("Speed"));
    for (const double speed : {0.25, 0.5, 1.0, 2.0, 4.0})
        m_speedPicker->addItem(tr("Speed %1×").arg(speed), speed);
    m_speedPicker->setCurrentIndex(2);
    toolbar->addWidget(m_speedPicker);
    toolbar->addAction(m_protocolAction);

    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    m_narration = new QLabel(central);
    m_narration->setWordWrap(true);
    m_narration->setTextFormat(Qt::PlainText);
    m_narration->setAccessibleName(tr("Narration"));
    QFont narrationFont = m_narration->font();
    narrationFont.setPointSizeF(narrationFont.pointSizeF() * 1.5);
    m_narration->setFont(narrationFont);
    layout->addWidget(m_narration);
    m_stage = new StageView(central);
    layout->addWidget(m_stage, 1);
    setCentralWidget(central);

    m_callView = new QTableView(this);
    m_callView->verticalHeader()->hide();
    m_callView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_callView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_callView->setWordWrap(false);
    m_callsDock = new QDockWidget(tr("Calls"), this);
    m_callsDock->setObjectName(QStringLiteral("calls"));
    m_callsDock->setWidget(callsPanel());
    m_callsDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::BottomDockWidgetArea, m_callsDock);

    m_tupleCards = new TupleCardsView(this);
    m_tuplesDock = new QDockWidget(tr("5-tuples"), this);
    m_tuplesDock->setObjectName(QStringLiteral("tuples"));
    m_tuplesDock->setWidget(m_tupleCards);
    addDockWidget(Qt::BottomDockWidgetArea, m_tuplesDock);

    auto* bytesPanel = new QWidget(this);
    auto* bytesLayout = new QHBoxLayout(bytesPanel);
    bytesLayout->setContentsMargins(0, 0, 0, 0);
    m_bytes = new ByteOrderView(bytesPanel);
    bytesLayout->addWidget(m_bytes, 3);
    bytesLayout->addWidget(new ByteConverter(bytesPanel), 1);
    m_bytesDock = new QDockWidget(tr("Bytes"), this);
    m_bytesDock->setObjectName(QStringLiteral("bytes"));
    m_bytesDock->setWidget(bytesPanel);
    addDockWidget(Qt::BottomDockWidgetArea, m_bytesDock);
    // Below the stage, full width: the call list, the 5-tuples and the bytes as tabs.
    tabifyDockWidget(m_callsDock, m_tuplesDock);
    tabifyDockWidget(m_callsDock, m_bytesDock);
    m_callsDock->raise();

    // Beside the stage, following the same cursor: the packets on the wire.
    m_packets = new PacketPanel(this);
    auto* packets = new QDockWidget(tr("Packets"), this);
    packets->setObjectName(QStringLiteral("packets"));
    packets->setWidget(m_packets);
    packets->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::RightDockWidgetArea, packets);

    m_outcome = new QLabel(this);
    m_outcome->setWordWrap(true);
    statusBar()->addWidget(m_outcome, 1);

    m_presenter = new LogPresenter({m_stage, m_tupleCards, m_bytes, m_packets, m_callView,
                                    m_narration, m_outcome, m_callDetails},
                                   this);
    sizeCallColumns();

    connect(m_scenarioPicker, &QComboBox::currentIndexChanged, this,
            &MainWindow::loadSelectedScenario);
    connect(m_speedPicker, &QComboBox::currentIndexChanged, this,
            [this] { setSpeed(m_speedPicker->currentData().toDouble()); });
    connect(m_protocolAction, &QAction::toggled, this, [this](bool protocol) {
        m_stage->setViewMode(protocol ? StageView::ViewMode::Protocol
                                      : StageView::ViewMode::Analogy);
    });
}

void MainWindow::resizeEvent(QResizeEvent* event)
{
    // Text grows with the window, so a 4K projector without desktop scaling stays readable;
    // the stage scales itself. The call list reads like strace: in a fixed-width font.
    const qreal pointSize = m_basePointSize * qMax(1.0, height() / 720.0);
    if (!qFuzzyCompare(m_appliedPointSize, pointSize)) {
        m_appliedPointSize = pointSize;
        QFont scaled = font();
        scaled.setPointSizeF(pointSize);
        setFont(scaled);
        QFont narration = scaled;
        narration.setPointSizeF(pointSize * 1.5);
        m_narration->setFont(narration);
        QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
        fixed.setPointSizeF(pointSize);
        m_callView->setFont(fixed);
        m_callView->horizontalHeader()->setFont(scaled);
        m_callView->verticalHeader()->setDefaultSectionSize(QFontMetrics(fixed).height() + 8);
    }
    resizeDocks({m_callsDock}, {height() / 3}, Qt::Vertical); // the stage keeps the most
    resizeDocks({findChild<QDockWidget*>(QStringLiteral("packets"))}, {width() * 2 / 5},
                Qt::Horizontal);
    QMainWindow::resizeEvent(event);
}

bool MainWindow::showPanel(const QString& name)
{
    auto* dock = findChild<QDockWidget*>(name);
    if (!dock)
        return false;
    dock->raise();
    return true;
}

bool MainWindow::selectScenario(const QString& id)
{
    const int index = m_scenarioPicker->findData(id);
    if (index < 0)
        return false;
    m_scenarioPicker->setCurrentIndex(index);
    return true;
}

void MainWindow::setSpeed(double speed)
{
    m_speed = qBound(0.25, speed, 4.0);
    m_session->setIntervalMs(int(baseIntervalMs / m_speed));
    if (m_replay)
        m_replay->setIntervalMs(int(baseIntervalMs / m_speed));
    m_stage->setAnimationDuration(int(baseAnimationMs / m_speed));
    const int index = m_speedPicker->findData(m_speed);
    if (index >= 0 && index != m_speedPicker->currentIndex())
        m_speedPicker->setCurrentIndex(index);
}

void MainWindow::next()
{
    cursor()->toLive();
    source()->step();
}

void MainWindow::showSource(EventSource* source)
{
    m_presenter->setSource(source);
    setWindowTitle(tr("SocketScope"));
    updateControls();
}

void MainWindow::loadSelectedScenario()
{
    const Scenario* scenario = m_catalog.find(m_scenarioPicker->currentData().toString());
    if (!scenario)
        return;
    SessionOptions options;
    options.port = m_port;
    options.language = m_language;
    options.capture = m_capture;
    options.intervalMs = int(baseIntervalMs / m_speed);
    showSource(m_session);
    m_replay.reset();
    m_session->load(*scenario, options);
}

bool MainWindow::openSession(const QString& path, QString* error)
{
    SessionFileError fileError;
    auto saved = SessionFile::load(path, &fileError);
    if (!saved) {
        if (error)
            *error = tr("%1 cannot be replayed: %2").arg(path, fileError.text());
        return false;
    }
    // The scenario run stops: its sockets are closed, no helper runs, nothing stays blocked.
    m_session->unload();
    auto replay = std::make_unique<ReplaySource>(std::move(*saved));
    replay->setIntervalMs(int(baseIntervalMs / m_speed));
    // The picker shows the scenario replayed, without running it.
    const QSignalBlocker quiet(m_scenarioPicker);
    m_scenarioPicker->setCurrentIndex(m_scenarioPicker->findData(replay->saved().scenario.id));
    showSource(replay.get());
    m_replay = std::move(replay);
    setWindowTitle(tr("SocketScope — replay of %1").arg(QFileInfo(path).fileName()));
    return true;
}

void MainWindow::askToOpenSession()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open a saved session"), QString(),
                                                      tr("SocketScope sessions (*.jsonl)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!openSession(path, &error))
        QMessageBox::warning(this, tr("Open a saved session"), error);
}

void MainWindow::updateControls()
{
    EventSource* current = source();
    if (!current)
        return;
    const EventSource::State state = current->state();
    m_nextAction->setEnabled(current->canStep());
    m_backAction->setEnabled(cursor()->position() > 0);
    m_forwardAction->setEnabled(!cursor()->isLive());
    m_runAction->setEnabled(state == EventSource::State::Stepping ||
                            state == EventSource::State::Running);
    m_runAction->setText(state == EventSource::State::Running ? tr("Pause") : tr("Run"));
}

bool MainWindow::saveSession(const QString& path, QString* error) const
{
    return SessionFile::save(source()->log(), path, error);
}

void MainWindow::askToSaveSession()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save the session"), QString(),
                                                      tr("SocketScope sessions (*.jsonl)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!saveSession(path, &error))
        QMessageBox::warning(this, tr("Save the session"), error);
}

} // namespace SocketScope
