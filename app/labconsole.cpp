#include "labconsole.h"

#include "cexportrun.h"
#include "headlessrun.h"
#include "lab/labsession.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QSocketNotifier>
#include <QTextStream>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>
#include <utility>

namespace SocketScope {

namespace {

// Ctrl+C reaches the event loop through a socket pair: a signal handler may only write().
int interruptPipe[2] = {-1, -1};

void onInterrupt(int)
{
    const int saved = errno; // the thread it interrupts may be about to read its own errno
    const char byte = 1;
    [[maybe_unused]] const ssize_t written = ::write(interruptPipe[1], &byte, 1);
    errno = saved;
}

// Standard input, a line at a time, without blocking the event loop: the lab's calls report
// through it while the user types.
class LineReader : public QObject {
public:
    explicit LineReader(QObject* parent)
        : QObject(parent)
        , m_notifier(STDIN_FILENO, QSocketNotifier::Read, this)
    {
        connect(&m_notifier, &QSocketNotifier::activated, this, &LineReader::readSome);
    }
    bool hasLine() const { return m_pending.contains('\n') || (m_ended && !m_pending.isEmpty()); }
    bool ended() const { return m_ended && m_pending.isEmpty(); }
    QString takeLine()
    {
        qsizetype end = m_pending.indexOf('\n');
        if (end < 0)
            end = m_pending.size();
        QByteArray line = m_pending.left(end);
        m_pending.remove(0, end + 1);
        if (line.endsWith('\r'))
            line.chop(1);
        return QString::fromUtf8(line);
    }
    std::function<void()> onInput;

private:
    void readSome()
    {
        char buffer[4096];
        const ssize_t count = ::read(STDIN_FILENO, buffer, sizeof(buffer));
        if (count < 0 && (errno == EINTR || errno == EAGAIN))
            return;
        if (count <= 0) {
            m_ended = true;
            m_notifier.setEnabled(false);
        } else {
            m_pending.append(buffer, count);
        }
        if (onInput)
            onInput();
    }

    QSocketNotifier m_notifier;
    QByteArray m_pending;
    bool m_ended = false;
};

} // namespace

int runLabConsole(const CommandLineOptions& options, QTextStream& out, QTextStream& err)
{
    const bool interactive = ::isatty(STDIN_FILENO);
    SessionOptions sessionOptions;
    sessionOptions.language = options.language.isEmpty() ? QStringLiteral("en") : options.language;
    sessionOptions.capture =
        options.inferPacketsOnly ? CaptureMode::InferOnly : CaptureMode::CaptureIfPermitted;
    LabSession lab(options.labMode, sessionOptions);
    QEventLoop loop;
    LineReader input(&loop);
    bool quitting = false;
    bool interruptedOnce = false;

    QObject::connect(&lab, &LabSession::printed, &loop,
                     [&](const QString& text, LabSession::Output kind) {
                         switch (kind) {
                         case LabSession::Output::Result:
                             out << text << Qt::endl;
                             break;
                         case LabSession::Output::Error:
                             err << text << Qt::endl;
                             break;
                         case LabSession::Output::Prompt:
                             if (interactive)
                                 out << text << Qt::flush;
                             break;
                         }
                     });
    // A command done at once says so from inside feed(): the loop below goes on with the
    // next line rather than one nested call per line.
    bool feeding = false;
    const auto feedWhatCame = [&] {
        if (std::exchange(feeding, true))
            return;
        while (!quitting && !lab.isBusy() && input.hasLine())
            lab.feed(input.takeLine());
        if (!quitting && !lab.isBusy() && input.ended()) {
            quitting = true;
            lab.endOfInput();
            lab.session().end();
        }
        feeding = false;
    };
    const auto showPrompt = [&] {
        if (interactive && !quitting && !lab.isBusy() && !lab.isAsking())
            out << lab.prompt() << Qt::flush;
    };
    input.onInput = feedWhatCame;
    QObject::connect(&lab, &LabSession::readyForInput, &loop, [&] {
        interruptedOnce = false;
        showPrompt();
        feedWhatCame();
    });
    QObject::connect(&lab, &LabSession::quitRequested, &loop, [&] {
        quitting = true;
        lab.session().end();
    });
    QObject::connect(&lab.session(), &EventSource::finished, &loop, &QEventLoop::quit);

    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, interruptPipe) == 0) {
        auto* notifier = new QSocketNotifier(interruptPipe[0], QSocketNotifier::Read, &loop);
        QObject::connect(notifier, &QSocketNotifier::activated, &loop, [&] {
            char byte;
            while (::read(interruptPipe[0], &byte, 1) > 0) {
            }
            // The first Ctrl+C wakes the call (in poll() or inside the kernel); the next one,
            // with the call still there, ends the lab as it would end a program.
            if ((lab.isBusy() || lab.isAsking()) && !std::exchange(interruptedOnce, true)) {
                lab.interrupt();
                return;
            }
            quitting = true;
            lab.session().end();
        });
        std::signal(SIGINT, onInterrupt);
    }
    showPrompt();
    feedWhatCame();
    if (lab.session().state() != EventSource::State::Finished)
        loop.exec();
    std::signal(SIGINT, SIG_DFL);
    for (int& fd : interruptPipe) {
        if (fd >= 0)
            ::close(fd);
        fd = -1;
    }
    if (interactive)
        out << Qt::endl;
    const int files = saveRunFiles(lab.session().log(), options, err);
    if (files != 0)
        return files;
    QString error;
    if (!options.labScenarioPath.isEmpty() &&
        !writeLabScenario(lab.session().scenario(), lab.session().log().calls(),
                          options.labScenarioPath, &error)) {
        err << QStringLiteral("socketscope: --save-scenario: ") << error << Qt::endl;
        return 1;
    }
    return options.strictLab && lab.anyCommandFailed() ? 1 : 0;
}

} // namespace SocketScope
