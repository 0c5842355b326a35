// The lab's two terminals: which actor makes the calls, which sockets it may use, and the
// command a terminal left going on when the other became current.
#include "lab/labsession.h"

namespace SocketScope {

QString LabSession::terminalName(int terminal)
{
    return tr("Lab %1").arg(terminal);
}

QString LabSession::terminalActor(int terminal)
{
    // The first keeps the id a lab of one terminal had: saved lab sessions read the same.
    return terminal == 1 ? QStringLiteral("lab") : QStringLiteral("lab%1").arg(terminal);
}

// `terminal 2`: the next calls are Lab 2's, on its sockets, "." its current one.
bool LabSession::switchTerminal(const QString& word)
{
    if (word.isEmpty()) {
        print(
            tr("Terminal %1 (%2) makes the calls.").arg(m_terminal).arg(terminalName(m_terminal)));
        return true;
    }
    bool isNumber = false;
    const int terminal = word.toInt(&isNumber);
    if (!isNumber || !setTerminal(terminal)) {
        print(tr("*** terminal %1: the lab has terminals 1 and 2").arg(word), Output::Error);
        return false;
    }
    return true;
}

bool LabSession::setTerminal(int terminal)
{
    if (terminal < 1 || terminal > terminalCount)
        return false;
    if (terminal != m_terminal) {
        park();
        unpark(terminal);
        Q_EMIT terminalChanged(terminal);
    }
    print(tr("Terminal %1 (%2) makes the calls.").arg(m_terminal).arg(terminalName(m_terminal)));
    // The terminal left may be waiting in a call: this one takes commands.
    if (!isBusy())
        Q_EMIT readyForInput();
    return true;
}

void LabSession::park()
{
    Parked& parked = m_parked[m_terminal - 1];
    parked.line = m_line;
    parked.words = m_words;
    parked.commandText = m_commandText;
    parked.asking = m_asking;
    parked.asked = m_asked;
    parked.plan = std::exchange(m_plan, {});
    parked.awaitedStep = std::exchange(m_awaitedStep, -1);
    parked.awaitedReport = std::exchange(m_awaitedReport, {});
    parked.lastEvent = m_lastEvent;
    parked.current = m_current;
    parked.awaitedFailureName = std::exchange(m_awaitedFailureName, {});
    parked.question = std::exchange(m_question, {});
    parked.answer = std::exchange(m_answer, {});
    parked.resolved = std::exchange(m_resolved, std::nullopt);
    parked.hostAgain = std::exchange(m_hostAgain, false);
    parked.wordsAfterHost = std::exchange(m_wordsAfterHost, {});
    parked.loopCall = std::exchange(m_loopCall, {});
    parked.loopStopped = std::exchange(m_loopStopped, false);
    m_asking = false;
}

void LabSession::unpark(int terminal)
{
    Parked& parked = m_parked[terminal - 1];
    m_terminal = terminal;
    m_line = parked.line;
    m_words = parked.words;
    m_commandText = parked.commandText;
    m_asking = std::exchange(parked.asking, false);
    m_asked = parked.asked;
    m_plan = std::exchange(parked.plan, {});
    m_awaitedStep = std::exchange(parked.awaitedStep, -1);
    m_awaitedReport = std::exchange(parked.awaitedReport, {});
    m_lastEvent = parked.lastEvent;
    m_current = parked.current;
    m_awaitedFailureName = std::exchange(parked.awaitedFailureName, {});
    m_question = std::exchange(parked.question, {});
    m_answer = std::exchange(parked.answer, {});
    m_resolved = std::exchange(parked.resolved, std::nullopt);
    m_hostAgain = std::exchange(parked.hostAgain, false);
    m_wordsAfterHost = std::exchange(parked.wordsAfterHost, {});
    m_loopCall = std::exchange(parked.loopCall, {});
    m_loopStopped = std::exchange(parked.loopStopped, false);
}

void LabSession::feedWhileBusy(const QString& line)
{
    const auto parsed = parseLabLine(line, m_mode);
    if (const auto* typed = std::get_if<LabLine>(&parsed);
        typed && typed->command->verb == LabVerb::Terminal && !typed->words.isEmpty()) {
        switchTerminal(typed->words.first());
        return;
    }
    if (const auto* error = std::get_if<LabLineError>(&parsed);
        error && error->kind == LabLineError::Kind::Empty)
        return;
    print(tr("*** %1 is waiting for its call: interrupt it, or type terminal %2 to go on in %3")
              .arg(terminalName(m_terminal))
              .arg(m_terminal % terminalCount + 1)
              .arg(terminalName(m_terminal % terminalCount + 1)),
          Output::Error);
}

// A call of a terminal that is not current returned: its command goes on as if it were
// current, then the current one is put back. Its end is said once that is done.
bool LabSession::takenByParked(const CallEvent& event)
{
    if (m_inParked)
        return false;
    for (int terminal = 1; terminal <= terminalCount; ++terminal) {
        if (terminal == m_terminal || m_parked[terminal - 1].awaitedStep != event.step)
            continue;
        const int back = m_terminal;
        park();
        unpark(terminal);
        m_inParked = true;
        m_parkedFinished = false;
        onCallAppended(event);
        m_inParked = false;
        park();
        unpark(back);
        if (std::exchange(m_parkedFinished, false))
            Q_EMIT readyForInput();
        return true;
    }
    return false;
}

} // namespace SocketScope
