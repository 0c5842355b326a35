#pragma once

#include "lab/labsession.h"

#include <QSignalSpy>
#include <QTest>

namespace SocketScope::TestLabConsole {

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
