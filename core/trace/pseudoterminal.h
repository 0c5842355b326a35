#pragma once

#include "trace/readavailable.h"

#include <QObject>
#include <QString>

class QSocketNotifier;

namespace SocketScope {

// The terminal a traced program writes to and reads from when the window shows it: a
// pseudo-terminal, so that the program's stdio buffers lines as in a shell's terminal (a
// prompt without a newline shows at once, not when the program ends). No echo, since the
// panel shows what is typed; no "\n" to "\r\n", since the panel is no terminal emulator.
class PseudoTerminal : public QObject {
    Q_OBJECT
public:
    explicit PseudoTerminal(QObject* parent = nullptr);
    ~PseudoTerminal() override;

    // Opens the pair; false, with *error, when the system has none to give.
    bool open(QString* error);
    // In the child only, after fork(): this terminal as its standard input, output and
    // error. Not as its controlling terminal: the traced program runs in a process group of
    // its own, which a controlling terminal would stop (SIGTTIN) at its first read.
    // Async-signal-safe.
    void becomeChildsTerminal() const;
    // Once the child has started: only the child holds the terminal's other end, so that
    // the end of its last process is the end of the output.
    void closeChildsEnd();

    void write(const QByteArray& bytes);
    // End of input, as Ctrl+D at the start of a line: the program's next read() returns 0.
    void endInput();
    // Reads what is left, as the program has ended.
    void drain()
    {
        while (readOutput() == ReadEnd::Budget) {
        }
    }

Q_SIGNALS:
    void outputReceived(const QByteArray& bytes);

private:
    ReadEnd readOutput();
    void writePending();

    int m_master = -1;
    int m_child = -1;
    char m_endOfFile = 4;
    QByteArray m_pending; // typed input the terminal could not take yet
    QSocketNotifier* m_readable = nullptr;
    QSocketNotifier* m_writable = nullptr;
};

} // namespace SocketScope
