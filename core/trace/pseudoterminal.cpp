#include "trace/pseudoterminal.h"

#include <QSocketNotifier>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>
#include <utility>

namespace SocketScope {

namespace {

// What one turn of the event loop reads of the programs' output at most.
constexpr qsizetype readBudget = 1 << 20;

} // namespace

PseudoTerminal::PseudoTerminal(QObject* parent)
    : QObject(parent)
{
}

PseudoTerminal::~PseudoTerminal()
{
    closeChildsEnd();
    if (m_master >= 0)
        ::close(m_master);
}

bool PseudoTerminal::open(QString* error)
{
    const auto fail = [this, error](const char* call) {
        *error = tr("%1(): %2").arg(QLatin1String(call), QString::fromLocal8Bit(strerror(errno)));
        if (m_master >= 0)
            ::close(std::exchange(m_master, -1));
        return false;
    };
    m_master = ::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (m_master < 0)
        return fail("posix_openpt");
    char name[128];
    if (::grantpt(m_master) != 0 || ::unlockpt(m_master) != 0 ||
        ::ptsname_r(m_master, name, sizeof(name)) != 0)
        return fail("ptsname");
    m_child = ::open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (m_child < 0)
        return fail("open");
    termios modes{};
    if (::tcgetattr(m_child, &modes) != 0)
        return fail("tcgetattr");
    modes.c_lflag &= ~tcflag_t(ECHO | ECHONL);
    modes.c_oflag &= ~tcflag_t(OPOST);
    if (::tcsetattr(m_child, TCSANOW, &modes) != 0)
        return fail("tcsetattr");
    m_endOfFile = char(modes.c_cc[VEOF]);
    ::fcntl(m_master, F_SETFL, ::fcntl(m_master, F_GETFL) | O_NONBLOCK);
    m_readable = new QSocketNotifier(m_master, QSocketNotifier::Read, this);
    connect(m_readable, &QSocketNotifier::activated, this, &PseudoTerminal::readOutput);
    m_writable = new QSocketNotifier(m_master, QSocketNotifier::Write, this);
    m_writable->setEnabled(false);
    connect(m_writable, &QSocketNotifier::activated, this, &PseudoTerminal::writePending);
    return true;
}

void PseudoTerminal::becomeChildsTerminal() const
{
    for (const int standard : {STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO})
        ::dup2(m_child, standard);
}

void PseudoTerminal::closeChildsEnd()
{
    if (m_child >= 0)
        ::close(std::exchange(m_child, -1));
}

void PseudoTerminal::write(const QByteArray& bytes)
{
    m_pending += bytes;
    writePending();
}

void PseudoTerminal::endInput()
{
    write(QByteArray(1, m_endOfFile));
}

void PseudoTerminal::writePending()
{
    while (m_master >= 0 && !m_pending.isEmpty()) {
        const ssize_t count = ::write(m_master, m_pending.constData(), size_t(m_pending.size()));
        if (count > 0) {
            m_pending.remove(0, count);
            continue;
        }
        if (count < 0 && errno == EINTR)
            continue;
        if (count < 0 && errno != EAGAIN)
            m_pending.clear(); // the program has gone: nobody reads its input any more
        break;
    }
    if (m_writable)
        m_writable->setEnabled(!m_pending.isEmpty());
}

ReadEnd PseudoTerminal::readOutput()
{
    if (m_master < 0)
        return ReadEnd::Closed;
    const ReadEnd end = readAvailable(m_master, readBudget, [this](QByteArrayView chunk) {
        Q_EMIT outputReceived(chunk.toByteArray());
    });
    // EIO: no process holds the other end any more, all it wrote has been read.
    if (end == ReadEnd::Closed)
        m_readable->setEnabled(false);
    return end;
}

} // namespace SocketScope
