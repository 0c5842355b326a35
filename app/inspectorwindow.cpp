#include "inspectorwindow.h"

#include "calls/callevent.h"
#include "kernel/socketwatcher.h"
#include "log/sessionsockets.h"
#include "log/tcpstatelog.h"
#include "logcursor.h"
#include "logpresenter.h"
#include "socketdetailpanel.h"
#include "sockettablemodel.h"
#include "theme.h"
#include "threads/crossthread.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>

namespace SocketScope {

namespace {

const char* const kernelStates[] = {"LISTEN",    "SYN_SENT",  "SYN_RECV",   "ESTABLISHED",
                                    "FIN_WAIT1", "FIN_WAIT2", "CLOSE_WAIT", "CLOSING",
                                    "LAST_ACK",  "TIME_WAIT", "UNCONN"};

} // namespace

InspectorWindow::InspectorWindow(LogPresenter* presenter, QWidget* parent)
    : QMainWindow(parent)
    , m_presenter(presenter)
    , m_watcher(new SocketWatcher)
    , m_model(new SocketTableModel(this))
    , m_table(new QTableView(this))
    , m_details(new SocketDetailPanel(this))
    , m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("inspector"));
    m_watcher->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_watcher, &QObject::deleteLater);
    // Emitted on the watcher's thread, handed to this one.
    connect(
        m_watcher, &SocketWatcher::updated, this,
        [this](const SocketTableUpdate& update) {
            CrossThread::post(this, [this, update] { onUpdate(update); });
        },
        Qt::DirectConnection);
    connect(m_model, &SocketTableModel::sortRequested, this,
            [watcher = m_watcher](int column, Qt::SortOrder order) {
                CrossThread::post(watcher,
                                  [watcher, column, order] { watcher->setSort(column, order); });
            });
    m_thread.setObjectName(QStringLiteral("socket inspector"));
    CrossThread::startThread(&m_thread);

    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(int(SocketColumn::Local), Qt::AscendingOrder);
    m_table->verticalHeader()->hide();
    // Ten thousand rows: fixed heights and no content-based sizing keep a refresh cheap.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    for (const auto& [column, width] : {std::pair{SocketColumn::Protocol, 70},
                                        {SocketColumn::State, 160},
                                        {SocketColumn::Local, 190},
                                        {SocketColumn::Peer, 190},
                                        {SocketColumn::Process, 200}})
        m_table->setColumnWidth(int(column), width);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                const InspectorRow* row = m_model->rowAt(current.row());
                if (!row)
                    return;
                m_selectedKey = row->key;
                m_selected = *row;
                showSelected();
                if (row->sessionEnd)
                    Q_EMIT sessionSocketChosen(*row->sessionEnd);
            });

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    setCentralWidget(splitter);
    m_status->setWordWrap(true);
    statusBar()->addWidget(m_status, 1);
    buildToolBar();
    retranslate();

    if (m_presenter) {
        connect(m_presenter, &LogPresenter::sourceChanged, this, &InspectorWindow::followSource);
        connect(m_presenter->cursor(), &LogCursor::positionChanged, this,
                &InspectorWindow::showSelected);
    }
    followSource();
    const int interval = m_interval->currentData().toInt();
    CrossThread::post(m_watcher,
                      [watcher = m_watcher, interval] { watcher->setInterval(interval); });
    resize(1100, 800);
}

InspectorWindow::~InspectorWindow()
{
    // The sort hand-off names the watcher, which ends with its thread.
    disconnect(m_model, &SocketTableModel::sortRequested, this, nullptr);
    CrossThread::joinThread(&m_thread);
}

void InspectorWindow::buildToolBar()
{
    auto* toolbar = addToolBar(QString());
    m_toolbar = toolbar;
    toolbar->setObjectName(QStringLiteral("inspectorTools"));
    toolbar->setMovable(false);
    m_pause = toolbar->addAction(QString());
    m_pause->setCheckable(true);
    connect(m_pause, &QAction::toggled, this, [this] {
        retranslate();
        updateRunning();
    });
    m_refresh = toolbar->addAction(QString(), this, &InspectorWindow::refreshNow);
    m_refresh->setShortcut(QKeySequence::Refresh);
    m_interval = new QComboBox(toolbar);
    for (const int ms : {250, 500, 1000, 2000, 5000, 10000})
        m_interval->addItem(QString(), ms);
    m_interval->setCurrentIndex(2);
    connect(m_interval, &QComboBox::currentIndexChanged, this, [this] {
        const int ms = m_interval->currentData().toInt();
        CrossThread::post(m_watcher, [watcher = m_watcher, ms] { watcher->setInterval(ms); });
    });
    toolbar->addWidget(m_interval);
    toolbar->addSeparator();

    m_text = new QLineEdit(toolbar);
    m_text->setClearButtonEnabled(true);
    toolbar->addWidget(m_text);
    m_state = new QComboBox(toolbar);
    m_state->addItem(QString(), QString());
    for (const char* state : kernelStates)
        m_state->addItem(QLatin1String(state), QLatin1String(state));
    toolbar->addWidget(m_state);
    m_port = new QLineEdit(toolbar);
    m_port->setMaximumWidth(80);
    toolbar->addWidget(m_port);
    m_process = new QLineEdit(toolbar);
    m_process->setMaximumWidth(140);
    toolbar->addWidget(m_process);
    m_sessionOnly = new QCheckBox(toolbar);
    toolbar->addWidget(m_sessionOnly);
    for (QLineEdit* edit : {m_text, m_port, m_process})
        connect(edit, &QLineEdit::textChanged, this, &InspectorWindow::applyFilter);
    connect(m_state, &QComboBox::currentIndexChanged, this, &InspectorWindow::applyFilter);
    connect(m_sessionOnly, &QCheckBox::toggled, this, &InspectorWindow::applyFilter);
}

void InspectorWindow::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        showStatus();
    }
    if (event->type() == QEvent::PaletteChange) {
        m_model->setTheme(Theme::current());
        markPortFilter();
    }
    QMainWindow::changeEvent(event);
}

void InspectorWindow::retranslate()
{
    setWindowTitle(tr("SocketScope \u2014 live inspector"));
    m_table->setAccessibleName(tr("Sockets"));
    m_toolbar->setWindowTitle(tr("Inspector"));
    m_pause->setText(m_pause->isChecked() ? tr("Resume") : tr("Pause"));
    m_pause->setToolTip(tr("Stop refreshing: the table keeps what it shows"));
    m_refresh->setText(tr("Refresh now"));
    m_interval->setAccessibleName(tr("Refresh interval"));
    for (int i = 0; i < m_interval->count(); ++i) {
        const int ms = m_interval->itemData(i).toInt();
        m_interval->setItemText(i, tr("every %1 s").arg(QLocale().toString(ms / 1000.0)));
    }
    m_text->setPlaceholderText(tr("Filter: address, process, state\u2026"));
    m_text->setAccessibleName(tr("Text filter"));
    m_state->setAccessibleName(tr("State filter"));
    m_state->setItemText(0, tr("All states"));
    m_port->setPlaceholderText(tr("Port"));
    m_port->setAccessibleName(tr("Port filter"));
    m_process->setPlaceholderText(tr("Process or PID"));
    m_process->setAccessibleName(tr("Process filter"));
    m_sessionOnly->setText(tr("This session only"));
}

// A port filter that is not a port: its field tinted as the closed rows are (the status
// line says why in words).
void InspectorWindow::markPortFilter()
{
    m_port->setStyleSheet(m_filterError.isEmpty() ? QString()
                                                  : QStringLiteral("background: %1; color: %2;")
                                                        .arg(Theme::current().markClosed.name(),
                                                             Theme::current().ink.name()));
}

void InspectorWindow::applyFilter()
{
    SocketFilter filter;
    filter.text = m_text->text().trimmed();
    filter.state = m_state->currentData().toString();
    filter.process = m_process->text().trimmed();
    filter.sessionOnly = m_sessionOnly->isChecked();
    m_filterError.clear();
    const QString port = m_port->text().trimmed();
    if (!port.isEmpty()) {
        bool ok = false;
        const int value = port.toInt(&ok);
        if (ok && value >= 1 && value <= 65535) {
            filter.port = value;
        } else {
            // The other filters still apply; the port waits for a valid number.
            m_filterError = tr("Port filter \"%1\": give a number from 1 to 65535.").arg(port);
        }
    }
    markPortFilter();
    m_filter = filter;
    showStatus();
    CrossThread::post(m_watcher, [watcher = m_watcher, filter] { watcher->setFilter(filter); });
}

quint64 InspectorWindow::refreshNow()
{
    const quint64 ticket = ++m_ticket;
    CrossThread::post(m_watcher, [watcher = m_watcher, ticket] { watcher->refreshNow(ticket); });
    return ticket;
}

// The log of the presenter's source, whichever it is now.
void InspectorWindow::followSource()
{
    if (const EventLog* log = m_presenter ? m_presenter->log() : nullptr) {
        connect(log, &EventLog::callAppended, this, &InspectorWindow::onSessionChanged,
                Qt::UniqueConnection);
        connect(log, &EventLog::wasReset, this, &InspectorWindow::onSessionChanged,
                Qt::UniqueConnection);
        connect(log, &EventLog::packetsChanged, this, &InspectorWindow::showSelected,
                Qt::UniqueConnection);
    }
    onSessionChanged();
}

void InspectorWindow::onSessionChanged()
{
    const QList<SessionSocket> sockets = m_presenter && m_presenter->log()
                                             ? openSessionSockets(*m_presenter->log())
                                             : QList<SessionSocket>();
    CrossThread::post(m_watcher,
                      [watcher = m_watcher, sockets] { watcher->setSessionSockets(sockets); });
    // A call just returned: show the kernel's state now, not at the next tick.
    if (isRunning())
        refreshNow();
}

void InspectorWindow::onUpdate(const SocketTableUpdate& update)
{
    m_model->setUpdate(update);
    m_shownTicket = qMax(m_shownTicket, update.ticket);
    const int selectedRow = m_model->rowOfKey(m_selectedKey);
    if (const InspectorRow* row = m_model->rowAt(selectedRow)) {
        m_selected = *row;
        showSelected();
    } else if (m_selected) {
        // Gone, or filtered out: the panel does not go on showing it as if it were there.
        m_selected.reset();
        m_selectedKey.clear();
        m_details->clear();
    }
    const QDateTime takenAt =
        QDateTime::currentDateTime().addMSecs(-(monotonicNowNs() - update.takenAtNs) / 1'000'000);
    QStringList status;
    status << tr("Showing %1 of %2 sockets, read at %3.")
                  .arg(QLocale().toString(int(update.rows.size())),
                       QLocale().toString(update.total),
                       takenAt.toString(QStringLiteral("HH:mm:ss")));
    if (update.unreadableProcesses > 0)
        status << tr("%n process(es) of other users not readable: their sockets show no owner.",
                     nullptr, update.unreadableProcesses);
    if (update.interrupted)
        status << tr("Sockets came and went during this read: one may be missing or shown "
                     "twice until the next refresh.");
    status << update.problems;
    m_updateStatus = status.join(QLatin1Char(' '));
    showStatus();
    Q_EMIT refreshed(update.generation);
}

void InspectorWindow::showStatus()
{
    m_status->setText(m_filterError.isEmpty() ? m_updateStatus
                                              : m_updateStatus + QLatin1Char(' ') + m_filterError);
}

bool InspectorWindow::isRunning() const
{
    return isVisible() && !m_pause->isChecked();
}

void InspectorWindow::updateRunning()
{
    const bool paused = !isRunning();
    CrossThread::post(m_watcher, [watcher = m_watcher, paused] { watcher->setPaused(paused); });
}

void InspectorWindow::showEvent(QShowEvent* event)
{
    QMainWindow::showEvent(event);
    updateRunning();
}

void InspectorWindow::hideEvent(QHideEvent* event)
{
    QMainWindow::hideEvent(event);
    updateRunning();
}

void InspectorWindow::showSelected()
{
    if (!m_selected) {
        m_details->clear();
        return;
    }
    std::optional<QList<LoggedTcpState>> logStates;
    if (m_presenter && m_presenter->log() && m_selected->socket.isTcp()) {
        const QList<LoggedTcpState> states =
            tcpStatesFromLog(*m_presenter->log(), m_presenter->cursor()->position(),
                             m_selected->socket.localAddress, m_selected->socket.peerAddress);
        if (!states.isEmpty())
            logStates = states;
    }
    m_details->showSocket(*m_selected, logStates);
}

bool InspectorWindow::selectKey(const QString& key)
{
    const int row = m_model->rowOfKey(key);
    if (row < 0)
        return false;
    m_table->setCurrentIndex(m_model->index(row, 0));
    m_table->scrollTo(m_table->currentIndex());
    return true;
}

QString InspectorWindow::statusText() const
{
    return m_status->text();
}

} // namespace SocketScope
