#pragma once

#include <QWidget>

class QButtonGroup;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace SocketScope {

class LabCallForm;
class LabSession;
class LabStatusPoller;
struct LabStatusRow;

// The lab's console in the window: socklab's commands typed on one line (Up and Down walk
// the history; Ctrl+C, Escape or the Interrupt button wakes a blocked call), what the lab
// printed above it, the terminal that makes the calls, the call forms (a click is the typed
// command, echoed in the console), and socklab's status table of the terminal's sockets,
// kept current from the kernel by a thread of its own.
class LabConsoleView : public QWidget {
    Q_OBJECT
public:
    explicit LabConsoleView(QWidget* parent = nullptr);

    // The lab it drives; nullptr when the window shows something else.
    void setLab(LabSession* lab);
    QLineEdit* input() const { return m_input; }
    QPlainTextEdit* output() const { return m_output; }
    QTableWidget* status() const { return m_status; }
    LabCallForm* form() const { return m_form; }
    QButtonGroup* terminals() const { return m_terminals; }
    void retranslate();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void submit();
    void append(const QString& text, bool error);
    void refreshPrompt();
    void refreshStatus();
    void showStatus(const QList<LabStatusRow>& rows);
    void refreshTerminal();
    void chooseTerminal(int terminal);

    LabSession* m_lab = nullptr;
    QPlainTextEdit* m_output = nullptr;
    QLabel* m_prompt = nullptr;
    QLineEdit* m_input = nullptr;
    QPushButton* m_interrupt = nullptr;
    QLabel* m_terminalLabel = nullptr;
    QButtonGroup* m_terminals = nullptr;
    LabCallForm* m_form = nullptr;
    QTableWidget* m_status = nullptr;
    LabStatusPoller* m_statusPoller = nullptr; // reads the kernel off the GUI thread
    QMetaObject::Connection m_callsReturned;
    QStringList m_history;
    qsizetype m_historyAt = 0;
};

} // namespace SocketScope
