#pragma once

#include "trace/readavailable.h"
#include "trace/tracedprogram.h"
#include "trace/tracemessage.h"

#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QTimer>

class QSocketNotifier;

namespace SocketScope {

class PseudoTerminal;

// One socketscope-tracer running one program (docs/tracer-protocol.md): it starts the helper
// with the program's command line as words (never through a shell), hands on each message
// of its channel as a typed value, and takes Next, Run, Step and Kill. The program's standard
// input and output are the helper's: forwarded (the terminal) unless the caller reads them.
class TracerProcess : public QObject {
    Q_OBJECT
public:
    enum class Command { Next, Run, Step, Kill };

    explicit TracerProcess(QObject* parent = nullptr);
    ~TracerProcess() override;

    // The helper: empty for the one installed next to the program.
    void setHelperPath(const QString& path) { m_helperPath = path; }
    static QString defaultHelperPath();
    QProcess& process() { return m_process; }

    // The program's input and output through this object (a terminal panel, by a
    // pseudo-terminal) rather than SocketScope's own terminal; before start().
    void setOwnTerminal(bool own);
    void writeInput(const QByteArray& bytes);
    void closeInput();

    // Before start(): a call that puts a new address on the wire waits for release(), so that
    // the capture takes its port first (the hold message says which).
    void setHoldNewAddresses(bool hold) { m_holdNewAddresses = hold; }
    // Starts `program` (or attaches to it); false, with *error, when even the helper could
    // not start.
    bool start(const TracedProgram& program, const QString& workingDirectory, bool pauseAtEachCall,
               QString* error);
    void send(Command command);
    // Lets the call held by the `hold` message `id` go on.
    void release(qint64 id);
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    // The helper's exit status (the program's, see the protocol), once finished() came.
    int exitCode() const { return m_exitCode; }

Q_SIGNALS:
    void messageReceived(const SocketScope::TraceMessage& message);
    // With setOwnTerminal: what the program wrote on its standard output or error.
    void outputReceived(const QByteArray& bytes);
    // A line that is not the protocol's: the helper is ended, as its output cannot be trusted.
    void channelBroken(const QString& reason);
    void finished(int exitCode);

private:
    // Reads the channel when no whole line waits, then hands the lines on.
    void pump();
    // Hands on the whole lines read for one slice of the event loop's time at most. The rest
    // waits for the next turn, after the views have had theirs, and the channel is not read
    // meanwhile: a helper faster than the window waits, with its program, rather than the
    // window freezing while it catches up.
    void deliverLines();
    bool hasWholeLine() const;
    // A line that is not the protocol's: the helper is ended, as its output cannot be trusted.
    void breakChannel(const QString& reason);
    void finishChannel();
    void sendLine(const QByteArray& line);
    void closeChannel();

    QString m_helperPath;
    QProcess m_process;
    int m_channel = -1;
    QSocketNotifier* m_notifier = nullptr;
    PseudoTerminal* m_terminal = nullptr; // with setOwnTerminal(true)
    QByteArray m_pending; // read from the channel, not handed on yet from m_handedOn on
    qsizetype m_handedOn = 0;
    QTimer m_nextSlice;
    ReadEnd m_lastRead = ReadEnd::Drained;
    bool m_helperEnded = false;
    bool m_readSinceEnd = false; // the channel was read after the helper ended
    int m_exitCode = -1;
    bool m_holdNewAddresses = false;
};

} // namespace SocketScope
