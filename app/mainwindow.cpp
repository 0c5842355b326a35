#include "mainwindow.h"

#include "byteconverter.h"
#include "byteorderview.h"
#include "calllogmodel.h"
#include "inspectorwindow.h"
#include "logcursor.h"
#include "packetpanel.h"
#include "sources/session.h"
#include "stageview.h"
#include "tuplecardsview.h"

#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

#include <limits>

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
    , m_cursor(new LogCursor(this))
    , m_callModel(new CallLogModel(this))
{
    setWindowTitle(tr("SocketScope"));
    buildActions();
    buildLayout();
    m_callModel->setSession(m_session);
    m_cursor->setSession(m_session);

    connect(m_cursor, &LogCursor::positionChanged, this, &MainWindow::showCursor);
    connect(m_cursor, &LogCursor::countChanged, this, &MainWindow::updateControls);
    connect(m_session, &Session::stateChanged, this, &MainWindow::updateControls);
    connect(m_session, &Session::stateChanged, this, &MainWindow::showPackets);
    connect(m_session, &Session::wasReset, this, [this] {
        const quint16 busy = m_session->busyDefaultPort();
        m_outcome->setText(busy == 0 ? QString()
                                     : tr("Port %1 is still busy (a previous run keeps it in "
                                          "TIME_WAIT for about a minute): this run lets the "
                                          "system choose a free port.")
                                           .arg(busy));
    });
    connect(m_session, &Session::packetsChanged, this, &MainWindow::showPackets);
    connect(m_session, &Session::callBlocked, this, [this] {
        m_callModel->refreshInProgress(monotonicNowNs());
        showCursor(); // the blocked call is drawn as waiting at the live end
        updateControls();
    });
    connect(m_session, &Session::stepDispatched, this, [this] {
        if (m_cursor->isLive())
            m_narration->setText(narrationAt(m_cursor->position()));
        updateControls();
    });
    connect(m_session, &Session::finished, this, [this](const Outcome& outcome) {
        m_outcome->setText(
            outcome.passed
                ? tr("Expected outcome: %1").arg(m_session->scenario().outcome.text(m_language))
                : tr("The expected outcome did not happen: %1")
                      .arg(outcome.failures.join(QLatin1String("; "))));
    });
    connect(&m_clock, &QTimer::timeout, this, [this] {
        const qint64 now = monotonicNowNs();
        m_callModel->refreshInProgress(now);
        if (m_cursor->isLive())
            m_stage->setTime(now);
    });
    m_clock.start(100);

    m_basePointSize = font().pointSizeF();
    resize(1280, 720);
    setSpeed(1.0);
    loadSelectedScenario();
}

MainWindow::~MainWindow()
{
    // The inspector's thread stops before the session it reads goes.
    delete m_inspector;
    // Stop the actors before the views go: a blocked accept is cancelled here.
    m_callModel->setSession(nullptr);
    m_cursor->setSession(nullptr);
    delete m_session;
}

void MainWindow::buildActions()
{
    m_backAction = new QAction(tr("Back"), this);
    m_backAction->setShortcuts({QKeySequence(Qt::Key_Left), QKeySequence(Qt::Key_PageUp)});
    m_backAction->setToolTip(tr("Show the state before the last call (nothing is re-run)"));
    connect(m_backAction, &QAction::triggered, m_cursor, &LogCursor::back);

    m_nextAction = new QAction(tr("Next"), this);
    m_nextAction->setShortcuts(
        {QKeySequence(Qt::Key_Right), QKeySequence(Qt::Key_Space), QKeySequence(Qt::Key_PageDown)});
    m_nextAction->setToolTip(tr("Perform the next real call"));
    connect(m_nextAction, &QAction::triggered, this, &MainWindow::next);

    m_forwardAction = new QAction(tr("Forward"), this);
    m_forwardAction->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_Right));
    m_forwardAction->setToolTip(tr("Show the next recorded call"));
    connect(m_forwardAction, &QAction::triggered, m_cursor, &LogCursor::forward);

    m_runAction = new QAction(tr("Run"), this);
    m_runAction->setShortcut(QKeySequence(Qt::Key_P));
    connect(m_runAction, &QAction::triggered, this, [this] {
        if (m_session->state() == Session::State::Running) {
            m_session->pause();
            return;
        }
        m_cursor->toLive();
        m_session->run();
    });

    m_resetAction = new QAction(tr("Reset"), this);
    m_resetAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_resetAction->setToolTip(tr("Cancel the calls in progress, close everything, start over"));
    connect(m_resetAction, &QAction::triggered, m_session, &Session::reset);

    m_protocolAction = new QAction(tr("Protocol view"), this);
    m_protocolAction->setCheckable(true);
    m_protocolAction->setShortcut(QKeySequence(Qt::Key_V));
    m_protocolAction->setToolTip(tr("Technical labels instead of the telephone and the mail"));

    auto* skip = new QAction(tr("Skip animation"), this);
    skip->setShortcut(QKeySequence(Qt::Key_Escape));
    addAction(skip);
    connect(skip, &QAction::triggered, this, [this] { m_stage->skipAnimation(); });

    QMenu* fileMenu = menuBar()->addMenu(tr("&File"));
    QAction* save = fileMenu->addAction(tr("Save the trace…"), this, &MainWindow::saveTrace);
    save->setShortcut(QKeySequence::Save);
    fileMenu->addAction(tr("Save the captured packets (pcap)…"), this, &MainWindow::savePcap);
    fileMenu->addAction(tr("Export the sequence diagram as PNG…"), this,
                        [this] { exportDiagram(false); });
    fileMenu->addAction(tr("Export the sequence diagram as SVG…"), this,
                        [this] { exportDiagram(true); });
    fileMenu->addSeparator();
    fileMenu->addAction(tr("Quit"), QKeySequence::Quit, this, &QWidget::close);
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
    m_callView->setModel(m_callModel);
    m_callView->verticalHeader()->hide();
    QHeaderView* header = m_callView->horizontalHeader();
    for (const int column : {CallLogModel::SeqColumn, CallLogModel::ActorColumn,
                             CallLogModel::ResultColumn, CallLogModel::DurationColumn})
        header->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(CallLogModel::CallColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(CallLogModel::ExplanationColumn, QHeaderView::Interactive);
    m_callView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_callView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_callView->setWordWrap(false);
    m_callsDock = new QDockWidget(tr("Calls"), this);
    m_callsDock->setObjectName(QStringLiteral("calls"));
    m_callsDock->setWidget(m_callView);
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
    connect(m_packets, &PacketPanel::packetClicked, this, &MainWindow::showPacket);

    // Selecting a call moves every view to the moment it returned.
    connect(m_callView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                const qint64 seq =
                    m_callModel->data(m_callModel->index(current.row(), 0)).toLongLong();
                const QList<CallEvent>& calls = m_session->log().calls();
                for (qsizetype i = 0; i < calls.size(); ++i) {
                    if (calls[i].seq == seq)
                        m_cursor->setPosition(int(i + 1));
                }
            });

    m_outcome = new QLabel(this);
    m_outcome->setWordWrap(true);
    statusBar()->addWidget(m_outcome, 1);

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
    m_callView->setColumnWidth(CallLogModel::ExplanationColumn, width() / 5);
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
    const double bounded = qBound(0.25, speed, 4.0);
    m_session->setIntervalMs(int(baseIntervalMs / bounded));
    m_stage->setAnimationDuration(int(baseAnimationMs / bounded));
    const int index = m_speedPicker->findData(bounded);
    if (index >= 0 && index != m_speedPicker->currentIndex())
        m_speedPicker->setCurrentIndex(index);
}

void MainWindow::next()
{
    m_cursor->toLive();
    m_session->step();
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
    options.intervalMs = int(baseIntervalMs / m_speedPicker->currentData().toDouble());
    QStringList ids;
    QStringList names;
    for (const ScenarioActor& actor : scenario->actors) {
        ids << actor.id;
        names << actor.name.text(m_language);
    }
    m_stage->setActors(ids, names);
    m_tupleCards->setActors(ids, names);
    m_session->load(*scenario, options);
    showCursor();
}

QString MainWindow::narrationAt(int position) const
{
    const EventLog& log = m_session->log();
    if (log.notes().isEmpty())
        return m_session->scenario().summary.text(m_language);
    // The last step handed out before the call at the cursor; at the live end, the last one.
    const bool live = position >= log.calls().size();
    const qint64 seq = live           ? std::numeric_limits<qint64>::max()
                       : position > 0 ? log.calls().at(position - 1).seq
                                      : 0;
    const StepNote* shown = nullptr;
    for (const StepNote& note : log.notes()) {
        if (note.seq < seq)
            shown = &note;
    }
    if (!shown)
        return m_session->scenario().summary.text(m_language);
    return tr("Step %1 of %2: %3")
        .arg(shown->step + 1)
        .arg(m_session->scenario().steps.size())
        .arg(shown->narration);
}

void MainWindow::showCursor()
{
    const EventLog& log = m_session->log();
    const int position = m_cursor->position();
    const bool live = m_cursor->isLive();
    const QList<CallStart> inProgress =
        live ? m_session->callsInProgress().values() : QList<CallStart>();
    const StageState state =
        projectStage(log.calls(), position, inProgress, live ? monotonicNowNs() : 0);
    m_stage->setState(state);
    m_tupleCards->setState(state);
    m_bytes->setCall(position > 0 ? std::optional<CallEvent>(log.calls().at(position - 1))
                                  : std::nullopt);
    m_narration->setText(narrationAt(position));
    m_tupleCards->setHighlighted({});
    showPackets();
    m_packets->highlightCall(position > 0 ? log.calls().at(position - 1).seq : -1);
    if (position > 0) {
        const qint64 seq = log.calls().at(position - 1).seq;
        for (int row = 0; row < m_callModel->rowCount(); ++row) {
            if (m_callModel->data(m_callModel->index(row, CallLogModel::SeqColumn)).toLongLong() ==
                seq) {
                m_callView->selectRow(row);
                m_callView->scrollTo(m_callModel->index(row, 0));
            }
        }
    } else {
        m_callView->clearSelection();
    }
    updateControls();
}

void MainWindow::updateControls()
{
    const Session::State state = m_session->state();
    m_nextAction->setEnabled(m_session->canStep());
    m_backAction->setEnabled(m_cursor->position() > 0);
    m_forwardAction->setEnabled(!m_cursor->isLive());
    m_runAction->setEnabled(state == Session::State::Stepping || state == Session::State::Running);
    m_runAction->setText(state == Session::State::Running ? tr("Pause") : tr("Run"));
}

void MainWindow::saveTrace()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save the trace"), QString(),
                                                      tr("JSON Lines (*.jsonl)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!m_session->log().saveJsonLines(path, &error))
        QMessageBox::warning(this, tr("Save the trace"), error);
}

} // namespace SocketScope
