#include "trace/tracerprocess.h"

#include "engine/siblingprogram.h"
#include "logging.h"
#include "trace/pseudoterminal.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QSocketNotifier>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace SocketScope {

namespace {

// The helper's end of the channel, at this number in the helper (the protocol's --channel).
constexpr int helperChannelFd = 3;
// A call's line holds at most 4 KiB of data as hexadecimal and its typed values: a line this
// long is not the helper's.
constexpr qsizetype maxLineBytes = 1 << 20;
// Lines handed on in one turn of the event loop: half a 60 Hz frame.
constexpr qint64 sliceNs = 8'000'000;

} // namespace

TracerProcess::TracerProcess(QObject* parent)
    : QObject(parent)
{
    m_process.setProcessChannelMode(QProcess::ForwardedChannels);
    m_process.setInputChannelMode(QProcess::ForwardedInputChannel);
    m_nextSlice.setSingleShot(true);
    m_nextSlice.setInterval(0);
    connect(&m_nextSlice, &QTimer::timeout, this, &TracerProcess::pump);
    connect(&m_process, &QProcess::finished, this, [this](int exitCode, QProcess::ExitStatus) {
        m_exitCode = m_process.exitStatus() == QProcess::NormalExit ? exitCode : 128 + SIGKILL;
        // What the helper and the program wrote before they ended is handed on before
        // finished(), slice by slice.
        m_helperEnded = true;
        m_readSinceEnd = false;
        if (m_channel < 0)
            finishChannel();
        else
            pump();
    });
}

TracerProcess::~TracerProcess()
{
    closeChannel(); // the helper kills the program's tree at the end of its channel
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

void TracerProcess::setOwnTerminal(bool own)
{
    delete m_terminal;
    m_terminal = nullptr;
    if (!own)
        return;
    m_terminal = new PseudoTerminal(this);
    connect(m_terminal, &PseudoTerminal::outputReceived, this, &TracerProcess::outputReceived);
}

void TracerProcess::writeInput(const QByteArray& bytes)
{
    if (m_terminal && m_process.state() == QProcess::Running)
        m_terminal->write(bytes);
}

void TracerProcess::closeInput()
{
    if (m_terminal)
        m_terminal->endInput();
}

QString TracerProcess::defaultHelperPath()
{
    return siblingProgram("SOCKETSCOPE_TRACER", QStringLiteral("socketscope-tracer"));
}

bool TracerProcess::start(const TracedProgram& program, const QString& workingDirectory,
                          bool pauseAtEachCall, QString* error)
{
    if (program.words.isEmpty() && program.attachTo == 0) {
        *error = tr("No program to run.");
        return false;
    }
    // A run before this one: its channel ends here, and its helper with it.
    closeChannel();
    int ends[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ends) != 0) {
        *error = tr("socketpair(): %1").arg(QString::fromLocal8Bit(strerror(errno)));
        return false;
    }
    const int helperEnd = ends[1];
    if (m_terminal && !m_terminal->open(error)) {
        ::close(ends[0]);
        ::close(helperEnd);
        return false;
    }
    // In the helper only, after fork(): its end at the protocol's number, kept across exec,
    // and the window's terminal as its own (the program inherits both).
    const PseudoTerminal* terminal = m_terminal;
    m_process.setChildProcessModifier([helperEnd, terminal] {
        if (terminal)
            terminal->becomeChildsTerminal();
        if (helperEnd == helperChannelFd)
            ::fcntl(helperEnd, F_SETFD, 0);
        else
            ::dup2(helperEnd, helperChannelFd);
    });
    QStringList arguments{QStringLiteral("--channel"), QString::number(helperChannelFd)};
    if (pauseAtEachCall)
        arguments << QStringLiteral("--step");
    if (m_holdNewAddresses)
        arguments << QStringLiteral("--hold-new-addresses");
    if (program.attachTo != 0)
        arguments << QStringLiteral("--attach") << QString::number(program.attachTo);
    else
        arguments << QStringLiteral("--") << program.words;
    m_process.setWorkingDirectory(workingDirectory);
    m_process.start(m_helperPath.isEmpty() ? defaultHelperPath() : m_helperPath, arguments);
    const bool started = m_process.waitForStarted(30'000);
    ::close(helperEnd);
    if (m_terminal)
        m_terminal->closeChildsEnd();
    if (!started) {
        ::close(ends[0]);
        *error = tr("The tracing helper did not start: %1").arg(m_process.errorString());
        return false;
    }
    m_channel = ends[0];
    m_lastRead = ReadEnd::Drained;
    m_helperEnded = false;
    ::fcntl(m_channel, F_SETFL, ::fcntl(m_channel, F_GETFL) | O_NONBLOCK);
    m_notifier = new QSocketNotifier(m_channel, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &TracerProcess::pump);
    return true;
}

void TracerProcess::send(Command command)
{
    sendLine(command == Command::Next   ? "next\n"
             : command == Command::Run  ? "run\n"
             : command == Command::Step ? "step\n"
                                        : "kill\n");
}

void TracerProcess::release(qint64 id)
{
    sendLine("release " + QByteArray::number(id) + '\n');
}

void TracerProcess::sendLine(const QByteArray& line)
{
    if (m_channel < 0)
        return;
    // A few bytes on a socket the helper drains: never a partial write in practice; a helper
    // that has gone makes it fail, and its end says the rest.
    const ssize_t written =
        ::send(m_channel, line.constData(), size_t(line.size()), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (written < 0)
        qCDebug(lcSession) << "tracer channel:" << strerror(errno);
}

bool TracerProcess::hasWholeLine() const
{
    return m_pending.indexOf('\n', m_handedOn) >= 0;
}

void TracerProcess::pump()
{
    if (m_channel < 0)
        return;
    if (!hasWholeLine() && m_lastRead != ReadEnd::Closed) {
        m_lastRead = readAvailable(m_channel, maxLineBytes,
                                   [this](QByteArrayView chunk) { m_pending.append(chunk); });
        m_readSinceEnd = m_helperEnded;
    }
    deliverLines();
}

void TracerProcess::deliverLines()
{
    const QPointer<TracerProcess> alive(this);
    QElapsedTimer slice;
    slice.start();
    for (qsizetype end; (end = m_pending.indexOf('\n', m_handedOn)) >= 0;) {
        const QByteArray line = m_pending.mid(m_handedOn, end - m_handedOn);
        // Counted before the receivers run: one that turns the event loop (a dialog) makes
        // this run again, and it goes on from the next line.
        m_handedOn = end + 1;
        QString error;
        const std::optional<TraceMessage> message = parseTraceMessage(line, &error);
        if (!message) {
            breakChannel(error);
            return;
        }
        Q_EMIT messageReceived(*message);
        if (!alive || m_channel < 0)
            return; // a receiver ended the run
        if (slice.nsecsElapsed() >= sliceNs)
            break;
    }
    m_pending.remove(0, m_handedOn);
    m_handedOn = 0;
    if (hasWholeLine()) {
        m_notifier->setEnabled(false);
        m_nextSlice.start();
        return;
    }
    if (m_pending.size() > maxLineBytes) {
        breakChannel(tr("a line of more than %1 bytes").arg(maxLineBytes));
        return;
    }
    if (m_helperEnded) {
        const bool allRead =
            m_lastRead == ReadEnd::Closed || (m_readSinceEnd && m_lastRead == ReadEnd::Drained);
        if (allRead)
            finishChannel();
        else
            m_nextSlice.start();
        return;
    }
    // Level-triggered: it calls again at once for what the budget left in the channel.
    m_notifier->setEnabled(m_lastRead != ReadEnd::Closed);
}

void TracerProcess::breakChannel(const QString& reason)
{
    const QPointer<TracerProcess> alive(this);
    closeChannel();
    m_process.kill();
    Q_EMIT channelBroken(reason);
    // A helper that ended before its last lines were read sends no other finished().
    if (alive && m_helperEnded)
        finishChannel();
}

void TracerProcess::finishChannel()
{
    if (m_terminal)
        m_terminal->drain();
    closeChannel();
    Q_EMIT finished(m_exitCode);
}

void TracerProcess::closeChannel()
{
    m_nextSlice.stop();
    m_pending.clear();
    m_handedOn = 0;
    if (m_channel < 0)
        return;
    delete m_notifier;
    m_notifier = nullptr;
    ::close(m_channel);
    m_channel = -1;
}

} // namespace SocketScope
