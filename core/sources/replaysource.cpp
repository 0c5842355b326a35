#include "sources/replaysource.h"

#include "logging.h"

#include <limits>

namespace SocketScope {

ReplaySource::ReplaySource(SavedSession session, QObject* parent)
    : EventSource(parent)
    , m_saved(std::move(session))
{
    m_runTimer.setSingleShot(true);
    connect(&m_runTimer, &QTimer::timeout, this, [this] {
        if (state() == State::Running && step() && state() == State::Running)
            m_runTimer.start();
    });
    reset();
}

void ReplaySource::reset()
{
    m_runTimer.stop();
    m_next = 0;
    m_returned = 0;
    m_ended = 0;
    EventLog& log = writableLog();
    log.reset(m_saved.scenario, m_saved.language);
    // What was true when it was recorded; the command that enabled capture there is of no use
    // for a file.
    CaptureStatus capture = m_saved.capture;
    capture.enableCommand.clear();
    log.setCaptureStatus(capture);
    log.setNotice(m_saved.notice);
    // The packets are linked as recorded; each view shows those of the calls applied.
    log.appendLinkedPackets(m_saved.packets);
    if (m_saved.notes.isEmpty()) {
        finish();
        return;
    }
    setState(State::Stepping);
}

bool ReplaySource::canStep() const
{
    return (state() == State::Stepping || state() == State::Running) &&
           m_next < m_saved.notes.size();
}

int ReplaySource::stepsLeft() const
{
    return state() == State::Finished ? 0 : int(m_saved.notes.size()) - m_next;
}

qint64 ReplaySource::nowNs() const
{
    // The live end shows the moment the next step was handed out, or the end of the run.
    if (m_next < m_saved.notes.size())
        return m_saved.notes[m_next].tNs;
    qint64 end = 0;
    for (const CallEvent& call : m_saved.calls)
        end = std::max(end, call.tNs + call.durationNs);
    return end;
}

void ReplaySource::setIntervalMs(int intervalMs)
{
    m_runTimer.setInterval(qMax(0, intervalMs));
}

bool ReplaySource::step()
{
    if (!canStep())
        return false;
    handOut(m_next++);
    if (m_next == m_saved.notes.size())
        finish();
    return true;
}

void ReplaySource::handOut(int noteIndex)
{
    EventLog& log = writableLog();
    qCDebug(lcSession) << "replaying step" << m_saved.notes[noteIndex].step + 1;
    log.appendNote(m_saved.notes[noteIndex]);
    const bool last = noteIndex + 1 >= m_saved.notes.size();
    const int returnedBefore =
        last ? int(m_saved.calls.size()) : m_saved.notes[noteIndex + 1].callsReturned;
    const qint64 nextSeq =
        last ? std::numeric_limits<qint64>::max() : m_saved.notes[noteIndex + 1].seq;
    // The calls that had started when the next step was handed out and had not returned:
    // still in progress then, and drawn waiting if they waited.
    const auto begin = [&log, nextSeq](const CallStart& start) {
        if (start.seq > nextSeq || log.callInProgress(start.seq))
            return;
        log.startCall(start);
        if (start.blocked)
            log.markBlocked(start.seq);
    };
    for (qsizetype i = returnedBefore; i < m_saved.calls.size(); ++i) {
        const CallEvent& call = m_saved.calls[i];
        const bool onADescriptor = Calls::has(call.call, CallTrait::TakesDescriptor);
        begin(CallStart{call.seq, call.step, call.tNs, call.actor, call.call,
                        onADescriptor ? call.fd() : -1, call.blocked});
    }
    // Those that had not returned when the session was saved.
    for (const CallStart& start : m_saved.unfinished)
        begin(start);
    appendReturnedCalls(returnedBefore);
}

void ReplaySource::appendReturnedCalls(int count)
{
    EventLog& log = writableLog();
    for (;;) {
        // A process ended once the calls before it had returned.
        while (m_ended < m_saved.processEnds.size() &&
               m_saved.processEnds[m_ended].callsReturned <= m_returned)
            log.appendProcessEnd(m_saved.processEnds[m_ended++]);
        if (m_returned >= count)
            return;
        log.appendCall(m_saved.calls[m_returned++]);
    }
}

void ReplaySource::finish()
{
    m_runTimer.stop();
    EventLog& log = writableLog();
    appendReturnedCalls(int(m_saved.calls.size()));
    const Outcome outcome = m_saved.outcome.value_or(Outcome{});
    if (m_saved.outcome)
        log.setOutcome(outcome);
    setState(State::Finished);
    Q_EMIT finished(outcome);
}

void ReplaySource::run()
{
    if (state() != State::Stepping)
        return;
    setState(State::Running);
    if (step() && state() == State::Running)
        m_runTimer.start();
}

void ReplaySource::pause()
{
    m_runTimer.stop();
    if (state() == State::Running)
        setState(State::Stepping);
}

} // namespace SocketScope
