#include "mainwindow.h"

#include "calllogmodel.h"
#include "session.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace SocketScope {

MainWindow::MainWindow(const ScenarioCatalog& catalog, const QString& language,
                       std::optional<quint16> port, QWidget* parent)
    : QMainWindow(parent)
    , m_catalog(catalog)
    , m_language(language)
    , m_port(port)
    , m_session(new Session(this))
    , m_callModel(new CallLogModel(this))
{
    setWindowTitle(tr("SocketScope"));
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);

    auto* top = new QHBoxLayout;
    m_scenarioPicker = new QComboBox(central);
    for (const Scenario& scenario : m_catalog.scenarios())
        m_scenarioPicker->addItem(scenario.title.text(m_language), scenario.id);
    top->addWidget(new QLabel(tr("Scenario:"), central));
    top->addWidget(m_scenarioPicker, 1);
    m_nextButton = new QPushButton(tr("Next"), central);
    m_nextButton->setShortcut(Qt::Key_Right);
    m_runButton = new QPushButton(tr("Run"), central);
    m_resetButton = new QPushButton(tr("Reset"), central);
    top->addWidget(m_nextButton);
    top->addWidget(m_runButton);
    top->addWidget(m_resetButton);
    layout->addLayout(top);

    m_narration = new QLabel(central);
    m_narration->setWordWrap(true);
    m_narration->setTextFormat(Qt::PlainText);
    QFont narrationFont = m_narration->font();
    narrationFont.setPointSizeF(narrationFont.pointSizeF() * 1.4);
    m_narration->setFont(narrationFont);
    layout->addWidget(m_narration);

    m_callView = new QTableView(central);
    m_callView->setModel(m_callModel);
    m_callView->verticalHeader()->hide();
    m_callView->horizontalHeader()->setSectionResizeMode(CallLogModel::CallColumn,
                                                         QHeaderView::Stretch);
    m_callView->setSelectionBehavior(QAbstractItemView::SelectRows);
    layout->addWidget(m_callView, 1);

    m_status = new QLabel(central);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    setCentralWidget(central);

    m_callModel->setSession(m_session);
    connect(m_scenarioPicker, &QComboBox::currentIndexChanged, this,
            &MainWindow::loadSelectedScenario);
    connect(m_nextButton, &QPushButton::clicked, m_session, &Session::step);
    connect(m_runButton, &QPushButton::clicked, this, [this] {
        if (m_session->state() == Session::State::Running)
            m_session->pause();
        else
            m_session->run();
    });
    connect(m_resetButton, &QPushButton::clicked, m_session, &Session::reset);
    connect(m_session, &Session::stateChanged, this, &MainWindow::updateControls);
    connect(m_session, &Session::eventAppended, this, &MainWindow::updateControls);
    connect(m_session, &Session::callBlocked, this, &MainWindow::updateControls);
    connect(m_session, &Session::stepDispatched, this, [this](int index) { showNarration(index); });
    connect(m_session, &Session::finished, this, [this](const Outcome& outcome) {
        m_status->setText(
            outcome.passed
                ? tr("Expected outcome: %1").arg(m_session->scenario().outcome.text(m_language))
                : tr("The expected outcome did not happen: %1")
                      .arg(outcome.failures.join(QLatin1String("; "))));
    });
    connect(&m_clock, &QTimer::timeout, this,
            [this] { m_callModel->refreshInProgress(monotonicNowNs()); });
    m_clock.start(100);

    resize(1280, 720);
    loadSelectedScenario();
}

MainWindow::~MainWindow()
{
    // Stop the actors before the model and widgets go: a blocked accept is cancelled here.
    m_callModel->setSession(nullptr);
    delete m_session;
}

bool MainWindow::selectScenario(const QString& id)
{
    const int index = m_scenarioPicker->findData(id);
    if (index < 0)
        return false;
    m_scenarioPicker->setCurrentIndex(index);
    return true;
}

void MainWindow::loadSelectedScenario()
{
    const Scenario* scenario = m_catalog.find(m_scenarioPicker->currentData().toString());
    if (!scenario)
        return;
    SessionOptions options;
    options.port = m_port;
    options.language = m_language;
    options.intervalMs = 800;
    m_session->load(*scenario, options);
    m_narration->setText(scenario->summary.text(m_language));
    m_status->clear();
    updateControls();
}

void MainWindow::showNarration(int index)
{
    const Scenario& scenario = m_session->scenario();
    m_narration->setText(tr("Step %1 of %2: %3")
                             .arg(index + 1)
                             .arg(scenario.steps.size())
                             .arg(scenario.steps.at(index).narration.text(m_language)));
}

void MainWindow::updateControls()
{
    const Session::State state = m_session->state();
    m_nextButton->setEnabled(m_session->canStep());
    m_runButton->setEnabled(state == Session::State::Stepping || state == Session::State::Running);
    m_runButton->setText(state == Session::State::Running ? tr("Pause") : tr("Run"));
}

} // namespace SocketScope
