#pragma once

#include "lab/labsession.h"
#include "log/sessionfile.h"
#include "sources/replaysource.h"

#include <QBuffer>
#include <QSignalSpy>
#include <QTest>

#include <memory>
#include <netinet/in.h>
#include <sys/socket.h>

namespace SocketScope::TestLabConsole {

// The lab's calls only, no capture: what the lab tests look at.
inline SessionOptions labOptions()
{
    SessionOptions options;
    options.capture = CaptureMode::InferOnly;
    return options;
}

inline int countCalls(LabSession& lab, Call call)
{
    int count = 0;
    for (const CallEvent& event : lab.session().log().calls())
        count += event.call == call ? 1 : 0;
    return count;
}

// The port the kernel gave a socket, read from the kernel.
inline quint16 localPort(int fd)
{
    sockaddr_in6 local{};
    socklen_t length = sizeof(local);
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &length) != 0)
        return 0;
    return ntohs(local.sin6_port); // sin_port is at the same place
}

inline QByteArray receiveSome(int fd)
{
    char buffer[256];
    const ssize_t count = ::recv(fd, buffer, sizeof(buffer), 0);
    return count > 0 ? QByteArray(buffer, count) : QByteArray();
}

// The lab's session saved as a file would have it, read back and replayed to its end; null
// when the file could not be read back (the reason in the test's log).
inline std::unique_ptr<ReplaySource> replayOf(LabSession& lab)
{
    QBuffer buffer;
    buffer.open(QIODevice::ReadWrite);
    if (!SessionFile::write(lab.session().log(), buffer))
        return nullptr;
    buffer.seek(0);
    SessionFileError error;
    auto saved = SessionFile::read(buffer, &error);
    if (!saved) {
        qWarning() << error.text();
        return nullptr;
    }
    if (saved->scenario.steps.size() != lab.session().log().calls().size())
        return nullptr;
    auto replay = std::make_unique<ReplaySource>(*saved);
    replay->setIntervalMs(0);
    replay->run();
    if (!QTest::qWaitFor([&] { return replay->state() == EventSource::State::Finished; }, 10'000))
        return nullptr;
    return replay;
}

// The console's side of the lab: lines typed one at a time, each once the lab is ready for
// the next, and what it printed.
class Console {
public:
    explicit Console(LabSession& lab)
        : m_lab(lab)
    {
        QObject::connect(&lab, &LabSession::printed,
                         [this](const QString& text, LabSession::Output kind) {
                             (kind == LabSession::Output::Error    ? errors
                              : kind == LabSession::Output::Prompt ? prompts
                                                                   : results)
                                 << text;
                         });
        QObject::connect(&lab, &LabSession::readyForInput, [this] { ++m_ready; });
    }

    // Types a line, then waits until the lab can take the next one (or asks a question).
    bool type(const QString& line)
    {
        const int before = m_ready;
        const qsizetype asked = prompts.size();
        m_lab.feed(line);
        return QTest::qWaitFor(
            [&] { return m_ready > before || (m_lab.isAsking() && prompts.size() > asked); },
            10'000);
    }
    // Types a line whose call blocks: returns once the lab is waiting for it.
    bool typeBlocking(const QString& line)
    {
        QSignalSpy blocked(&m_lab.session().log(), &EventLog::callBlocked);
        m_lab.feed(line);
        return blocked.wait(10'000) || !blocked.isEmpty();
    }
    // Waits until the command running now is done.
    bool waitReady()
    {
        return QTest::qWaitFor([&] { return !m_lab.isBusy(); }, 10'000);
    }

    QStringList results;
    QStringList errors;
    QStringList prompts;

private:
    LabSession& m_lab;
    int m_ready = 0;
};

} // namespace SocketScope::TestLabConsole
