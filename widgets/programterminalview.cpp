#include "programterminalview.h"

#include "sources/tracesource.h"

#include <QComboBox>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QVBoxLayout>

namespace SocketScope {

namespace {

// A program that prints without end keeps the last lines only.
constexpr int keptLines = 5000;

} // namespace

ProgramTerminalView::ProgramTerminalView(QWidget* parent)
    : QWidget(parent)
{
    m_output = new QPlainTextEdit(this);
    m_output->setObjectName(QStringLiteral("programOutput"));
    m_output->setReadOnly(true);
    m_output->setMaximumBlockCount(keptLines);
    m_output->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_program = new QComboBox(this);
    m_program->setObjectName(QStringLiteral("inputProgram"));
    m_input = new QLineEdit(this);
    m_input->setObjectName(QStringLiteral("programInput"));
    m_endOfInput = new QPushButton(this);
    m_endOfInput->setObjectName(QStringLiteral("endOfInput"));
    connect(m_input, &QLineEdit::returnPressed, this, &ProgramTerminalView::send);
    connect(m_endOfInput, &QPushButton::clicked, this, [this] {
        if (m_source)
            m_source->closeInput(m_program->currentIndex());
    });
    auto* inputRow = new QHBoxLayout;
    inputRow->addWidget(m_program);
    inputRow->addWidget(m_input, 1);
    inputRow->addWidget(m_endOfInput);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_output, 1);
    layout->addLayout(inputRow);
    retranslate();
    setSource(nullptr);
}

void ProgramTerminalView::setSource(TraceSource* source)
{
    if (m_source)
        disconnect(m_source, nullptr, this, nullptr);
    m_source = source;
    m_output->clear();
    m_program->clear();
    m_decoders.clear();
    const bool running = source != nullptr;
    m_input->setEnabled(running);
    m_endOfInput->setEnabled(running);
    if (!source)
        return;
    for (int i = 0; i < source->programCount(); ++i) {
        m_program->addItem(source->programName(i));
        m_decoders.emplace_back(QStringDecoder::Utf8);
    }
    m_program->setVisible(source->programCount() > 1);
    connect(source, &TraceSource::programOutput, this, &ProgramTerminalView::append);
    connect(source, &EventSource::stateChanged, this, [this](EventSource::State state) {
        const bool stillRunning = state != EventSource::State::Finished;
        m_input->setEnabled(stillRunning);
        m_endOfInput->setEnabled(stillRunning);
    });
    // Reset starts the programs again: their terminal starts empty.
    connect(&source->log(), &EventLog::wasReset, this, [this] {
        m_output->clear();
        m_input->setEnabled(true);
        m_endOfInput->setEnabled(true);
    });
}

QString ProgramTerminalView::shownText() const
{
    return m_output->toPlainText();
}

void ProgramTerminalView::append(int program, const QByteArray& bytes)
{
    if (program < 0 || size_t(program) >= m_decoders.size())
        return;
    QString text = m_decoders[size_t(program)].decode(bytes);
    // Control characters other than lines and tabs would draw as boxes.
    for (QChar& c : text) {
        if (c.category() == QChar::Other_Control && c != u'\n' && c != u'\t')
            c = QChar(0xFFFD);
    }
    const bool atEnd =
        m_output->verticalScrollBar()->value() == m_output->verticalScrollBar()->maximum();
    m_output->moveCursor(QTextCursor::End);
    m_output->insertPlainText(text);
    if (atEnd)
        m_output->verticalScrollBar()->setValue(m_output->verticalScrollBar()->maximum());
}

void ProgramTerminalView::send()
{
    if (!m_source)
        return;
    const QString line = m_input->text();
    m_source->writeInput(m_program->currentIndex(), line.toUtf8() + '\n');
    // Echoed as a terminal would, since the program's own output does not repeat it.
    m_output->moveCursor(QTextCursor::End);
    m_output->insertPlainText(line + QLatin1Char('\n'));
    m_input->clear();
}

void ProgramTerminalView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void ProgramTerminalView::retranslate()
{
    m_input->setPlaceholderText(tr("Type the program's input, then Enter"));
    m_endOfInput->setText(tr("End of input"));
    m_endOfInput->setToolTip(tr("Close the program's standard input, as Ctrl+D does in a "
                                "terminal: its read() returns 0"));
}

} // namespace SocketScope
