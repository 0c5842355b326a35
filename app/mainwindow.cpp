#include "mainwindow.h"

#include "byteconverter.h"
#include "byteorderview.h"
#include "calllogmodel.h"
#include "inspectorwindow.h"
#include "lab/labsession.h"
#include "languages.h"
#include "log/sessionfile.h"
#include "logcursor.h"
#include "logpresenter.h"
#include "packetpanel.h"
#include "sources/replaysource.h"
#include "sources/session.h"
#include "sources/tracesource.h"
#include "stageview.h"
#include "statusline.h"
#include "stepcontroller.h"
#include "tuplecardsview.h"

#include <QApplication>
#include <QComboBox>
#include <QCompleter>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QStandardItemModel>
#include <QStatusBar>
#include <QStringListModel>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace SocketScope {

namespace {

// At 1x a continuous run takes a step every 1.5 s and each animation 0.7 s.
constexpr int baseIntervalMs = 1500;
constexpr int baseAnimationMs = 700;

QDockWidget* makeDock(const QString& objectName, QWidget* content, QMainWindow* window)
{
    auto* dock = new QDockWidget(window);
    dock->setObjectName(objectName);
    dock->setWidget(content);
    return dock;
}

} // namespace

MainWindow::MainWindow(const ScenarioCatalog& catalog, const QString& language,
                       std::optional<quint16> port, CaptureMode capture, QWidget* parent)
    : QMainWindow(parent)
    , m_catalog(catalog)
    , m_language(language)
    , m_languageChoice(language)
    , m_port(port)
    , m_capture(capture)
    , m_session(new Session(this))
{
    buildLayout();
    m_steps = new StepController(m_presenter, this);
    buildActions();
    buildMenus();
    followDesktopColours();
    m_presenter->setLanguage(m_language);
    connect(m_presenter, &LogPresenter::controlsChanged, this, &MainWindow::updateControls);
    // The narration changes with the cursor and the language: it is fitted again.
    connect(m_presenter, &LogPresenter::controlsChanged, this, &MainWindow::fitNarration);
    connect(m_steps, &StepController::pendingStepsChanged, this, &MainWindow::updateControls);
    connect(cursor(), &LogCursor::positionChanged, this, &MainWindow::showCurrentCall);
    connect(m_presenter, &LogPresenter::sourceChanged, this, &MainWindow::showCurrentCall);
    // A message is about the moment it was given: the next move takes it away.
    connect(cursor(), &LogCursor::positionChanged, this, [this] {
        if (m_typedStep.isEmpty())
            showInlineMessage(QString());
    });
    connect(m_presenter, &LogPresenter::sourceChanged, this,
            [this] { showInlineMessage(QString()); });
    qApp->installEventFilter(this);

    m_basePointSize = font().pointSizeF();
    retranslate();
    resize(1280, 720);
    m_defaultLayout = saveState();
    setSpeed(1.0);
    loadSelectedScenario();
}

MainWindow::~MainWindow()
{
    qApp->removeEventFilter(this);
    // The inspector's thread stops before the log it reads goes; the actors stop before the
    // views go (a blocked accept is cancelled here).
    delete m_inspector;
    m_presenter->setSource(nullptr);
    closeLab();
    closeTrace();
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

void MainWindow::buildLayout()
{
    m_toolbar = addToolBar(QString());
    m_toolbar->setObjectName(QStringLiteral("steps"));
    m_toolbar->setMovable(false);
    m_scenarioPicker = new QComboBox(m_toolbar);
    m_scenarioPicker->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_scenarioSearch = new QLineEdit(m_toolbar);
    m_scenarioSearch->setClearButtonEnabled(true);
    m_scenarioSearch->setMaximumWidth(260);
    m_scenarioTitles = new QStringListModel(this);
    auto* completer = new QCompleter(m_scenarioTitles, m_scenarioSearch);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    m_scenarioSearch->setCompleter(completer);
    connect(completer, qOverload<const QString&>(&QCompleter::activated), this,
            &MainWindow::selectScenarioTitled);
    m_speedPicker = new QComboBox(m_toolbar);

    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    m_message = new QLabel(central);
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setFrameShape(QFrame::Box);
    m_message->setMargin(6);
    m_message->hide();
    layout->addWidget(m_message);
    m_narration = new QLabel(central);
    m_narration->setWordWrap(true);
    m_narration->setTextFormat(Qt::PlainText);
    layout->addWidget(m_narration);
    m_currentCall = new QLabel(central);
    m_currentCall->setTextFormat(Qt::PlainText);
    m_currentCall->setWordWrap(true);
    m_currentCall->hide();
    layout->addWidget(m_currentCall);
    m_stage = new StageView(central);
    layout->addWidget(m_stage, 1);
    setCentralWidget(central);

    m_callView = new QTableView(this);
    m_callView->verticalHeader()->hide();
    m_callView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_callView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_callView->setWordWrap(false);
    m_callsDock = makeDock(QStringLiteral("calls"), callsPanel(), this);
    addDockWidget(Qt::BottomDockWidgetArea, m_callsDock);

    m_tupleCards = new TupleCardsView(this);
    m_tuplesDock = makeDock(QStringLiteral("tuples"), m_tupleCards, this);
    addDockWidget(Qt::BottomDockWidgetArea, m_tuplesDock);

    auto* bytesPanel = new QWidget(this);
    auto* bytesLayout = new QHBoxLayout(bytesPanel);
    bytesLayout->setContentsMargins(0, 0, 0, 0);
    m_bytes = new ByteOrderView(bytesPanel);
    bytesLayout->addWidget(m_bytes, 3);
    bytesLayout->addWidget(new ByteConverter(bytesPanel), 1);
    m_bytesDock = makeDock(QStringLiteral("bytes"), bytesPanel, this);
    addDockWidget(Qt::BottomDockWidgetArea, m_bytesDock);
    // Below the stage, full width: the call list, the 5-tuples and the bytes as tabs.
    tabifyDockWidget(m_callsDock, m_tuplesDock);
    tabifyDockWidget(m_callsDock, m_bytesDock);
    m_callsDock->raise();

    // Beside the stage, following the same cursor: the packets on the wire.
    m_packets = new PacketPanel(this);
    m_packetsDock = makeDock(QStringLiteral("packets"), m_packets, this);
    addDockWidget(Qt::RightDockWidgetArea, m_packetsDock);
    createLabDock();

    m_outcome = new StatusLine(this);
    statusBar()->addWidget(m_outcome, 1);

    // Above everything when B is pressed: a lecture's blank screen.
    m_blank = new QWidget(this);
    m_blank->setObjectName(QStringLiteral("blank"));
    m_blank->setAutoFillBackground(true);
    m_blank->hide();

    m_presenter = new LogPresenter({m_stage, m_tupleCards, m_bytes, m_packets, m_callView,
                                    m_narration, m_outcome, m_callDetails},
                                   this);
    applyThemeColours();
    sizeCallColumns();

    connect(m_scenarioPicker, &QComboBox::currentIndexChanged, this,
            &MainWindow::loadSelectedScenario);
    connect(m_speedPicker, &QComboBox::currentIndexChanged, this,
            [this] { setSpeed(m_speedPicker->currentData().toDouble()); });
}

// The course's order, each chapter under its title, each scenario's source in its tooltip;
// the search field finds a scenario by any word of its title.
void MainWindow::fillScenarioPicker()
{
    const QSignalBlocker quiet(m_scenarioPicker);
    const QString current = m_scenarioPicker->currentData().toString();
    m_scenarioPicker->clear();
    auto* items = qobject_cast<QStandardItemModel*>(m_scenarioPicker->model());
    QStringList titles;
    for (const CourseChapter& chapter : m_catalog.chapters()) {
        auto* heading = new QStandardItem(chapter.title.text(m_language));
        heading->setFlags(Qt::NoItemFlags);
        QFont bold = m_scenarioPicker->font();
        bold.setBold(true);
        heading->setFont(bold);
        items->appendRow(heading);
        for (const QString& id : chapter.scenarioIds) {
            const Scenario* scenario = m_catalog.find(id);
            const QString title = scenario->title.text(m_language);
            m_scenarioPicker->addItem(QStringLiteral("   ") + title, id);
            m_scenarioPicker->setItemData(
                m_scenarioPicker->count() - 1,
                tr("%1\nSource: %2").arg(scenario->summary.text(m_language), scenario->source),
                Qt::ToolTipRole);
            titles << title;
        }
    }
    m_scenarioTitles->setStringList(titles);
    const int index = m_scenarioPicker->findData(current);
    const QString first = m_catalog.chapters().value(0).scenarioIds.value(0);
    m_scenarioPicker->setCurrentIndex(index >= 0 ? index : m_scenarioPicker->findData(first));
    if (m_lab)
        showLabInPicker();
    else if (m_trace)
        showTraceInPicker();
    m_scenarioSearch->setPlaceholderText(tr("Find a scenario (Ctrl+F)"));
    m_scenarioSearch->setAccessibleName(tr("Find a scenario"));

    const QSignalBlocker quietSpeed(m_speedPicker);
    m_speedPicker->clear();
    for (const double speed : {0.25, 0.5, 1.0, 2.0, 4.0})
        m_speedPicker->addItem(tr("Speed %1×").arg(speed), speed);
    m_speedPicker->setCurrentIndex(m_speedPicker->findData(m_speed));
}

void MainWindow::selectScenarioTitled(const QString& title)
{
    for (const Scenario& scenario : m_catalog.scenarios()) {
        if (scenario.title.text(m_language) == title) {
            selectScenario(scenario.id);
            m_scenarioSearch->clear();
            m_stage->setFocus();
            return;
        }
    }
}

void MainWindow::resizeEvent(QResizeEvent* event)
{
    applyFonts();
    if (!m_presenting) {
        resizeDocks({m_callsDock}, {height() / 3}, Qt::Vertical); // the stage keeps the most
        resizeDocks({m_packetsDock}, {width() * 2 / 5}, Qt::Horizontal);
    }
    m_blank->setGeometry(rect());
    QMainWindow::resizeEvent(event);
}

// Text grows with the window, so a 4K projector without desktop scaling stays readable, and
// with the zoom; in presenter mode the narration and the current call are read from the back
// of the room. The call list reads like strace: in a fixed-width font.
void MainWindow::applyFonts()
{
    const qreal pointSize = m_basePointSize * qMax(1.0, height() / 720.0) * m_zoom;
    QFont scaled = font();
    scaled.setPointSizeF(pointSize);
    setFont(scaled);
    QFont narration = scaled;
    // In presenter mode no text of the stage is under 2.5 % of the window's height, and the
    // narration is larger still.
    m_stage->setTextFloor(m_presenting ? int(height() * 0.025) : 0);
    if (!m_presenting)
        narration.setPointSizeF(pointSize * 1.5);
    m_narration->setFont(narration);
    fitNarration();
    QFont call = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    call.setPixelSize(qMax(1, int(height() * 0.032 * m_zoom)));
    m_currentCall->setFont(call);
    m_message->setFont(narration);
    QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    fixed.setPointSizeF(pointSize);
    m_callView->setFont(fixed);
    m_callView->horizontalHeader()->setFont(scaled);
    m_callView->verticalHeader()->setDefaultSectionSize(QFontMetrics(fixed).height() + 8);
}

// In presenter mode the narration is as large as it can be (4.5 % of the window's height)
// while it keeps a quarter of the window at most, down to 3 %: the stage keeps the rest.
void MainWindow::fitNarration()
{
    if (!m_presenting)
        return;
    const int widthForText = qMax(1, m_narration->width() - 2 * m_narration->margin());
    QFont font = m_narration->font();
    int pixels = int(height() * 0.045 * m_zoom);
    const int smallest = int(height() * 0.03 * m_zoom);
    for (; pixels > smallest; --pixels) {
        font.setPixelSize(pixels);
        const QRect needed = QFontMetrics(font).boundingRect(QRect(0, 0, widthForText, height()),
                                                             Qt::TextWordWrap, m_narration->text());
        if (needed.height() <= height() / 4)
            break;
    }
    font.setPixelSize(qMax(1, pixels));
    if (font != m_narration->font())
        m_narration->setFont(font);
}

void MainWindow::setZoom(double zoom)
{
    const double bounded = qBound(AppSettings::minZoom, zoom, AppSettings::maxZoom);
    if (qFuzzyCompare(bounded, m_zoom))
        return;
    m_zoom = bounded;
    applyFonts();
    m_stage->setZoom(m_zoom);
}

bool MainWindow::showPanel(const QString& name)
{
    auto* dock = findChild<QDockWidget*>(name);
    if (!dock)
        return false;
    dock->show();
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
    // As in a slide show, a step key first brings the blanked screen back.
    if (isBlanked()) {
        setBlanked(false);
        return;
    }
    m_steps->next();
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
    closeLab();
    closeTrace();
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
    closeLab();
    closeTrace();
    auto replay = std::make_unique<ReplaySource>(std::move(*saved));
    replay->setIntervalMs(int(baseIntervalMs / m_speed));
    // The picker shows the scenario replayed, without running it.
    const QSignalBlocker quiet(m_scenarioPicker);
    m_scenarioPicker->setCurrentIndex(m_scenarioPicker->findData(replay->saved().scenario.id));
    showSource(replay.get());
    m_replay = std::move(replay);
    m_replayName = QFileInfo(path).fileName();
    setWindowTitle(tr("SocketScope — replay of %1").arg(m_replayName));
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
        showInlineMessage(error);
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
        showInlineMessage(error);
}

AppSettings MainWindow::settings() const
{
    AppSettings current;
    current.language = m_languageChoice;
    current.theme = m_themeChoice;
    current.zoom = m_zoom;
    current.speed = m_speed;
    current.scenario = m_lab ? m_scenarioBeforeLab : m_scenarioPicker->currentData().toString();
    current.geometry = m_presenting ? m_geometryBeforePresenting : saveGeometry();
    // Presenter mode is for this lecture: the layout saved is the one it will come back to.
    current.windowState = m_presenting ? m_layoutBeforePresenting : saveState();
    return current;
}

void MainWindow::applySettings(const AppSettings& settings)
{
    setLanguageChoice(settings.language);
    setThemeChoice(settings.theme);
    setZoom(settings.zoom);
    setSpeed(settings.speed);
    if (!settings.geometry.isEmpty())
        restoreGeometry(settings.geometry);
    if (!settings.windowState.isEmpty())
        restoreState(settings.windowState);
    if (!settings.scenario.isEmpty())
        selectScenario(settings.scenario);
}

void MainWindow::resetLayout()
{
    if (m_presenting)
        setPresenting(false);
    restoreState(m_defaultLayout);
    for (QDockWidget* dock : {m_callsDock, m_tuplesDock, m_bytesDock, m_packetsDock})
        dock->show();
    m_toolbar->show();
    m_callsDock->raise();
    setZoom(1.0);
}

} // namespace SocketScope
