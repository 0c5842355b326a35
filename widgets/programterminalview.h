#pragma once

#include <QPointer>
#include <QStringDecoder>
#include <QWidget>

#include <vector>

class QComboBox;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace SocketScope {

class TraceSource;

// The terminal of the programs run under SocketScope: what they print, and a line to type
// their input (the course's name and birth-year dialogue), sent with Enter; End of input
// closes it, as Ctrl+D on a terminal. With two programs, the user picks whose input it is.
class ProgramTerminalView : public QWidget {
    Q_OBJECT
public:
    explicit ProgramTerminalView(QWidget* parent = nullptr);

    void setSource(TraceSource* source);
    QString shownText() const;
    QLineEdit* input() const { return m_input; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void append(int program, const QByteArray& bytes);
    void send();
    void retranslate();

    QPointer<TraceSource> m_source;
    QPlainTextEdit* m_output = nullptr;
    QComboBox* m_program = nullptr;
    QLineEdit* m_input = nullptr;
    QPushButton* m_endOfInput = nullptr;
    // One per program: a UTF-8 character may come in two reads.
    std::vector<QStringDecoder> m_decoders;
};

} // namespace SocketScope
