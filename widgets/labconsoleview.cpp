#include "labconsoleview.h"

#include "calls/reach.h"
#include "lab/labsession.h"
#include "lab/labstatuspoller.h"
#include "labcallform.h"
#include "theme.h"

#include <QButtonGroup>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <sys/socket.h>

namespace SocketScope {

namespace {

QString addressCell(const LabStatusRow& row, bool peer)
{
    if (std::optional<QString> path = labPathColumn(row, peer))
        return *path;
    const SocketAddress& end = peer ? row.peer : row.local;
    return end.isValid() ? end.endpoint() : QStringLiteral("-");
}

} // namespace

LabConsoleView::LabConsoleView(QWidget* parent)
    : QWidget(parent)
    , m_output(new QPlainTextEdit(this))
    , m_prompt(new QLabel(this))
    , m_input(new QLineEdit(this))
    , m_interrupt(new QPushButton(this))
    , m_terminalLabel(new QLabel(this))
    , m_terminals(new QButtonGroup(this))
    , m_form(new LabCallForm(this))
    , m_status(new QTableWidget(0, 6, this))
    , m_statusPoller(new LabStatusPoller(this))
{
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_output->setReadOnly(true);
    m_output->setLineWrapMode(QPlainTextEdit::NoWrap); // the status table keeps its columns
    m_output->setFont(fixed);
    m_output->setMaximumBlockCount(10'000); // a long session keeps its last lines
    m_prompt->setFont(fixed);
    m_input->setFont(fixed);
    m_input->installEventFilter(this);
    m_status->verticalHeader()->hide();
    m_status->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_status->setSelectionMode(QAbstractItemView::NoSelection);
    m_status->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);

    // Which terminal makes the calls, as two socklab windows side by side would.
    auto* terminals = new QHBoxLayout;
    terminals->addWidget(m_terminalLabel);
    for (int terminal = 1; terminal <= LabSession::terminalCount; ++terminal) {
        auto* button = new QPushButton(this);
        button->setCheckable(true);
        button->setObjectName(QStringLiteral("terminal%1").arg(terminal));
        m_terminals->addButton(button, terminal);
        terminals->addWidget(button);
    }
    terminals->addStretch();
    auto* line = new QHBoxLayout;
    line->addWidget(m_prompt);
    line->addWidget(m_input, 1);
    line->addWidget(m_interrupt);
    auto* console = new QWidget(this);
    auto* consoleLayout = new QVBoxLayout(console);
    consoleLayout->setContentsMargins(0, 0, 0, 0);
    consoleLayout->addLayout(terminals);
    consoleLayout->addWidget(m_output, 1);
    consoleLayout->addLayout(line);
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    auto* forms = new QScrollArea(this);
    forms->setWidget(m_form);
    forms->setWidgetResizable(true);
    forms->setFrameShape(QFrame::NoFrame);
    splitter->addWidget(console);
    splitter->addWidget(forms);
    splitter->addWidget(m_status);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 3);
    splitter->setStretchFactor(2, 2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    connect(m_input, &QLineEdit::returnPressed, this, &LabConsoleView::submit);
    connect(m_interrupt, &QPushButton::clicked, this, [this] {
        if (m_lab)
            m_lab->interrupt();
    });
    connect(m_terminals, &QButtonGroup::idClicked, this, &LabConsoleView::chooseTerminal);
    connect(m_form, &LabCallForm::lineMade, this, [this](const LabLine& made) {
        if (m_lab && m_lab->runLine(made))
            refreshPrompt();
        m_form->refresh(); // a call that waits holds the form too
    });
    connect(m_statusPoller, &LabStatusPoller::rowsRead, this, &LabConsoleView::showStatus);
    retranslate();
    setLab(nullptr);
}

void LabConsoleView::retranslate()
{
    m_interrupt->setText(tr("Interrupt"));
    m_interrupt->setToolTip(tr("Wake the call that blocks, as Ctrl+C does (Ctrl+C, Escape)"));
    m_terminalLabel->setText(tr("Terminal:"));
    for (QAbstractButton* button : m_terminals->buttons()) {
        const int terminal = m_terminals->id(button);
        button->setText(LabSession::terminalName(terminal));
        button->setToolTip(tr("Make the next calls from %1, on its sockets (terminal %2)")
                               .arg(LabSession::terminalName(terminal))
                               .arg(terminal));
    }
    m_form->retranslate();
    m_input->setPlaceholderText(tr("A socklab command: help lists them"));
    m_status->setHorizontalHeaderLabels(
        {tr("Id"), tr("Proto"), tr("Local address"), tr("Remote address"), tr("Type"), tr("RWX")});
    refreshPrompt();
}

void LabConsoleView::setLab(LabSession* lab)
{
    if (m_lab)
        disconnect(m_lab, nullptr, this, nullptr);
    disconnect(m_callsReturned);
    m_lab = lab;
    m_output->clear();
    m_input->setEnabled(lab);
    m_interrupt->setEnabled(lab);
    m_form->setLab(lab);
    for (QAbstractButton* button : m_terminals->buttons())
        button->setEnabled(lab);
    refreshTerminal();
    if (!lab) {
        m_statusPoller->setSockets({});
        m_status->setRowCount(0);
        refreshPrompt();
        return;
    }
    connect(lab, &LabSession::printed, this, [this](const QString& text, LabSession::Output kind) {
        if (kind != LabSession::Output::Prompt)
            append(text, kind == LabSession::Output::Error);
        refreshPrompt();
    });
    connect(lab, &LabSession::echoed, this, [this](const QString& line) { append(line, false); });
    connect(lab, &LabSession::readyForInput, this, [this] {
        refreshPrompt();
        refreshStatus();
        m_form->refresh();
    });
    connect(lab, &LabSession::terminalChanged, this, [this] {
        refreshTerminal();
        refreshStatus();
    });
    // A call returned: a socket may have come or gone, on either terminal.
    m_callsReturned = connect(&lab->session().log(), &EventLog::callAppended, this,
                              &LabConsoleView::refreshStatus);
    connect(lab, &QObject::destroyed, this, [this] { setLab(nullptr); });
    refreshPrompt();
    refreshStatus();
}

bool LabConsoleView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched != m_input || event->type() != QEvent::KeyPress)
        return QWidget::eventFilter(watched, event);
    const auto* key = static_cast<QKeyEvent*>(event);
    if (key->matches(QKeySequence::Copy) && !m_input->hasSelectedText() && m_lab) {
        m_lab->interrupt();
        return true;
    }
    if ((key->key() == Qt::Key_Up || key->key() == Qt::Key_Down) && !m_history.isEmpty()) {
        m_historyAt = std::clamp<qsizetype>(m_historyAt + (key->key() == Qt::Key_Up ? -1 : 1), 0,
                                            m_history.size());
        m_input->setText(m_history.value(m_historyAt));
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void LabConsoleView::submit()
{
    if (!m_lab)
        return;
    const QString line = m_input->text();
    append(m_prompt->text() + line, false);
    if (!line.trimmed().isEmpty() && !m_lab->isAsking()) {
        m_history.removeAll(line);
        m_history << line;
    }
    m_historyAt = m_history.size();
    m_input->clear();
    m_lab->feed(line);
    refreshPrompt();
    m_form->refresh();
}

void LabConsoleView::append(const QString& text, bool error)
{
    const Theme& theme = Theme::current();
    QTextCharFormat format;
    format.setForeground(error ? theme.error : theme.ink);
    QTextCursor cursor(m_output->document());
    cursor.movePosition(QTextCursor::End);
    if (!m_output->document()->isEmpty())
        cursor.insertBlock();
    // Errors carry their words ("accept(): ...", "***") as well as their colour.
    cursor.insertText(text, format);
    m_output->ensureCursorVisible();
}

void LabConsoleView::refreshPrompt()
{
    m_prompt->setText(m_lab ? m_lab->prompt() : tr("The lab is closed"));
}

void LabConsoleView::refreshTerminal()
{
    if (QAbstractButton* button = m_terminals->button(m_lab ? m_lab->terminal() : 1))
        button->setChecked(true);
}

// A click on a terminal is the command `terminal N`, echoed as if typed; while a command
// runs (Lab 1 waiting in accept()), the terminal changes all the same and the command goes on.
void LabConsoleView::chooseTerminal(int terminal)
{
    if (!m_lab || terminal == m_lab->terminal())
        return;
    const LabCommandSpec* command = labCommand(m_lab->mode(), LabVerb::Terminal);
    if (m_lab->isBusy() || m_lab->isAsking() || !command)
        m_lab->setTerminal(terminal);
    else
        m_lab->runLine({command, {QString::number(terminal)}, {}});
    refreshTerminal();
    refreshPrompt();
}

void LabConsoleView::refreshStatus()
{
    if (m_lab)
        m_statusPoller->setSockets(m_lab->statusSockets());
}

void LabConsoleView::showStatus(const QList<LabStatusRow>& rows)
{
    m_status->setRowCount(int(rows.size()));
    for (int row = 0; row < rows.size(); ++row) {
        const LabStatusRow& socket = rows[row];
        const QStringList cells{(socket.current ? QStringLiteral("> ") : QString()) +
                                    QString::number(socket.id),
                                labProtocolColumn(socket),
                                addressCell(socket, false),
                                addressCell(socket, true),
                                labFamilyColumn(socket.domain),
                                socket.readiness};
        for (int column = 0; column < cells.size(); ++column) {
            QTableWidgetItem* item = m_status->item(row, column);
            if (!item) {
                item = new QTableWidgetItem;
                m_status->setItem(row, column, item);
            }
            item->setText(cells[column]);
        }
        // Serving beyond loopback is the user's choice: said plainly, not hidden.
        if (reachableFromOtherMachines(socket.local)) {
            m_status->item(row, 2)->setText(tr("%1 (reachable from other machines)").arg(cells[2]));
        }
    }
}

} // namespace SocketScope
