#include "log/eventlog.h"

#include <algorithm>
#include <limits>

namespace SocketScope {

EventLog::EventLog(QObject* parent)
    : QObject(parent)
{
    qRegisterMetaType<CallEvent>();
    qRegisterMetaType<CallStart>();
    qRegisterMetaType<StepNote>();
    qRegisterMetaType<ProcessEnd>();
    qRegisterMetaType<Outcome>();
}

void EventLog::appendScenarioStep(const ScenarioStep& step)
{
    m_scenario.steps.append(step);
}

void EventLog::appendScenarioActor(const ScenarioActor& actor)
{
    m_scenario.actors.append(actor);
}

void EventLog::reset(const Scenario& scenario, const QString& language)
{
    m_scenario = scenario;
    m_language = language;
    m_notes.clear();
    m_processEnds.clear();
    m_inProgress.clear();
    m_calls.clear();
    m_callIndex.clear();
    m_returnedBy.clear();
    m_packets.clear();
    m_packetIndex.clear();
    m_linker.clear();
    m_unlinkedFrom = 0;
    m_capture = CaptureStatus{};
    m_notice.clear();
    m_outcome.reset();
    m_budget.clear();
    Q_EMIT wasReset();
}

void EventLog::appendNote(const StepNote& note)
{
    m_notes.append(note);
    Q_EMIT noteAppended(note);
}

void EventLog::appendProcessEnd(const ProcessEnd& end)
{
    m_processEnds.append(end);
    Q_EMIT processEndAppended(end);
}

void EventLog::startCall(const CallStart& start)
{
    if (callInProgress(start.seq) || m_callIndex.contains(start.seq))
        return;
    // In the order they started: a call announced late by its thread goes in its place.
    const auto place =
        std::upper_bound(m_inProgress.begin(), m_inProgress.end(), start.seq,
                         [](qint64 seq, const CallStart& other) { return seq < other.seq; });
    m_inProgress.insert(place, start);
    Q_EMIT callStarted(start);
}

void EventLog::markBlocked(qint64 seq)
{
    for (CallStart& start : m_inProgress) {
        if (start.seq == seq && !start.blocked) {
            start.blocked = true;
            Q_EMIT callBlocked(seq);
        }
    }
}

void EventLog::appendCall(const CallEvent& event)
{
    m_inProgress.removeIf([&event](const CallStart& start) { return start.seq == event.seq; });
    m_callIndex.insert(event.seq, int(m_calls.size()));
    const qint64 returnedNs = event.tNs + event.durationNs;
    m_returnedBy.append(m_returnedBy.isEmpty() ? returnedNs
                                               : std::max(m_returnedBy.last(), returnedNs));
    m_calls.append(event);
    m_budget.keep(m_calls.last());
    Q_EMIT callAppended(m_calls.last());
}

void EventLog::appendPackets(const QList<PacketEvent>& packets)
{
    if (packets.isEmpty())
        return;
    // In the order they crossed, a packet after those of the same time already there (as a
    // stable sort would put it); packets mostly arrive in that order, at the end.
    qsizetype first = m_packets.size();
    for (const PacketEvent& packet : packets) {
        const auto place =
            std::upper_bound(m_packets.cbegin(), m_packets.cend(), packet.tNs,
                             [](qint64 tNs, const PacketEvent& other) { return tNs < other.tNs; });
        const qsizetype at = place - m_packets.cbegin();
        m_packets.insert(at, packet);
        m_budget.keep(m_packets[at]);
        first = std::min(first, at);
    }
    m_unlinkedFrom = std::min(m_unlinkedFrom, first);
    reindexPackets(first);
}

void EventLog::reindexPackets(qsizetype from)
{
    if (from == 0)
        m_packetIndex.clear();
    for (qsizetype i = from; i < m_packets.size(); ++i)
        m_packetIndex.insert(m_packets[i].seq, int(i));
}

void EventLog::appendLinkedPackets(const QList<PacketEvent>& packets)
{
    appendPackets(packets);
    Q_EMIT packetsChanged();
}

void EventLog::dropOtherProgramsPackets()
{
    const qsizetype removed =
        m_packets.removeIf([](const PacketEvent& packet) { return !packet.isTheSessions(); });
    if (removed == 0)
        return;
    m_linker.clear();
    m_unlinkedFrom = 0;
    reindexPackets();
    Q_EMIT packetsChanged();
}

void EventLog::linkPackets()
{
    m_linker.link(m_calls, m_packets, m_unlinkedFrom);
    m_unlinkedFrom = m_packets.size();
    Q_EMIT packetsChanged();
}

void EventLog::setCaptureStatus(const CaptureStatus& status)
{
    if (m_capture == status)
        return;
    m_capture = status;
    Q_EMIT captureStatusChanged();
}

void EventLog::setNotice(const QString& notice)
{
    if (m_notice == notice)
        return;
    m_notice = notice;
    Q_EMIT noticeChanged();
}

void EventLog::setOutcome(const Outcome& outcome)
{
    m_outcome = outcome;
    Q_EMIT outcomeChanged();
}

const CallEvent* EventLog::call(qint64 seq) const
{
    const int index = callIndex(seq);
    return index >= 0 ? &m_calls[index] : nullptr;
}

const CallStart* EventLog::callInProgress(qint64 seq) const
{
    for (const CallStart& start : m_inProgress) {
        if (start.seq == seq)
            return &start;
    }
    return nullptr;
}

const ProcessEnd* EventLog::processEnd(qint64 seq) const
{
    for (const ProcessEnd& end : m_processEnds) {
        if (end.seq == seq)
            return &end;
    }
    return nullptr;
}

const PacketEvent* EventLog::packet(qint64 seq) const
{
    const int index = m_packetIndex.value(seq, -1);
    return index >= 0 ? &m_packets[index] : nullptr;
}

QList<int> EventLog::packetsVisibleAt(int callCount) const
{
    const int applied = qBound(0, callCount, int(m_calls.size()));
    qint64 lastReturnNs =
        applied > 0 ? m_returnedBy[applied - 1] : std::numeric_limits<qint64>::min();
    // A process that ended by then (killed: its FINs have no call) is as far as time went.
    for (const ProcessEnd& end : m_processEnds) {
        if (end.callsReturned <= applied)
            lastReturnNs = std::max(lastReturnNs, end.tNs);
    }
    QList<int> visible;
    for (int i = 0; i < m_packets.size(); ++i) {
        const PacketEvent& packet = m_packets[i];
        if (!packet.isTheSessions())
            continue;
        // The log is in completion order: accept() may be applied before the connect()
        // whose handshake it waited for. What happened before it returned is visible.
        const int cause = packet.cause >= 0 ? callIndex(packet.cause) : -1;
        if (packet.tNs <= lastReturnNs || (cause >= 0 && cause < applied))
            visible.append(i);
    }
    return visible;
}

const StepNote* EventLog::noteAt(int callCount) const
{
    const bool live = callCount >= m_calls.size();
    const qint64 seq = live            ? std::numeric_limits<qint64>::max()
                       : callCount > 0 ? m_calls.at(callCount - 1).seq
                                       : 0;
    const StepNote* shown = nullptr;
    for (const StepNote& note : m_notes) {
        if (note.seq < seq)
            shown = &note;
    }
    return shown;
}

} // namespace SocketScope
