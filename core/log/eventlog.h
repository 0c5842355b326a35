#pragma once

#include "calls/callevent.h"
#include "log/bytebudget.h"
#include "log/processend.h"
#include "packets/packetevent.h"
#include "packets/packetlinker.h"
#include "scenarios/scenario.h"

#include <QHash>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>

namespace SocketScope {

// The narration shown when a step was handed to its actor: a log entry of kind "step".
struct StepNote {
    qint64 seq = 0;
    qint64 tNs = 0;
    int step = -1;
    QString actor;
    QString narration;
    int callsReturned = 0; // how many calls had returned when the step was handed out
    bool operator==(const StepNote&) const = default;
};

struct Outcome {
    bool passed = false;
    QStringList failures; // one line per unmet expectation, for the user
    bool operator==(const Outcome&) const = default;
};

// The single source of truth of a session, whatever fills it (a scenario run, a saved
// session replayed): the scenario it follows, every step note, the calls in progress, every
// call in the order they returned, every packet with its links to the calls, where the
// packets come from and the outcome. Every view is a projection of it up to a cursor; it
// announces each change so that they can follow. Only its source writes to it.
class EventLog : public QObject {
    Q_OBJECT
public:
    explicit EventLog(QObject* parent = nullptr);

    // Starts a new log for this scenario, told in `language`.
    void reset(const Scenario& scenario, const QString& language);
    // An open-ended session's (the lab's) scenario grows with the steps it is given.
    void appendScenarioStep(const ScenarioStep& step);
    // ... and a traced program's actors appear as its processes and threads do.
    void appendScenarioActor(const ScenarioActor& actor);
    void appendNote(const StepNote& note);
    void appendProcessEnd(const ProcessEnd& end);
    void startCall(const CallStart& start);
    void markBlocked(qint64 seq);
    // Keeps of the call's bytes what ByteBudget allows, and counts the rest.
    void appendCall(const CallEvent& event);
    // Packets as they were seen, in any order; linkPackets() ties them to the calls. Both
    // cost what was added since the last linkPackets(), not the length of the log.
    void appendPackets(const QList<PacketEvent>& packets);
    void linkPackets();
    // Packets already tied to the calls (a saved session's, linked when it was recorded).
    void appendLinkedPackets(const QList<PacketEvent>& packets);
    // Once every call is in: the captured packets linked to none of the session's
    // descriptors were another program's, on a port the session used too.
    void dropOtherProgramsPackets();
    void setCaptureStatus(const CaptureStatus& status);
    // What the source says of the whole run, such as the scenario's port being busy.
    void setNotice(const QString& notice);
    void setOutcome(const Outcome& outcome);

    const Scenario& scenario() const { return m_scenario; }
    QString language() const { return m_language; }
    const QList<StepNote>& notes() const { return m_notes; }
    // In the order the processes ended.
    const QList<ProcessEnd>& processEnds() const { return m_processEnds; }
    // Calls started and not returned yet, in the order they started.
    const QList<CallStart>& callsInProgress() const { return m_inProgress; }
    // Calls in the order they returned: the cursor counts them.
    const QList<CallEvent>& calls() const { return m_calls; }
    // Packets in the order they crossed the wire, those of other programs included (their
    // ends are unknown; views leave them out).
    const QList<PacketEvent>& packets() const { return m_packets; }
    const CaptureStatus& captureStatus() const { return m_capture; }
    const QString& notice() const { return m_notice; }
    const std::optional<Outcome>& outcome() const { return m_outcome; }
    // The bytes of data the log keeps, calls and packets together (bounded: see ByteBudget).
    qint64 keptBytes() const { return m_budget.keptBytes(); }
    bool isEmpty() const { return m_calls.isEmpty() && m_notes.isEmpty() && m_packets.isEmpty(); }

    // Index by seq: the position of the call in calls(), or -1.
    int callIndex(qint64 seq) const { return m_callIndex.value(seq, -1); }
    const CallEvent* call(qint64 seq) const;
    const CallStart* callInProgress(qint64 seq) const;
    const ProcessEnd* processEnd(qint64 seq) const;
    const PacketEvent* packet(qint64 seq) const;

    // The packets a view shows when the first `callCount` calls are applied: the session's,
    // sent before the last of these calls returned or caused by one of them; by index.
    QList<int> packetsVisibleAt(int callCount) const;
    // The step note in force when the first `callCount` calls are applied (the last one
    // handed out before the call at the cursor; at the live end, the last one); null
    // before the first.
    const StepNote* noteAt(int callCount) const;

Q_SIGNALS:
    void wasReset();
    void noteAppended(const SocketScope::StepNote& note);
    void processEndAppended(const SocketScope::ProcessEnd& end);
    void callStarted(const SocketScope::CallStart& start);
    void callBlocked(qint64 seq);
    void callAppended(const SocketScope::CallEvent& event);
    void packetsChanged();
    void captureStatusChanged();
    void noticeChanged();
    void outcomeChanged();

private:
    void reindexPackets(qsizetype from = 0);

    Scenario m_scenario;
    QString m_language;
    QList<StepNote> m_notes;
    QList<ProcessEnd> m_processEnds;
    QList<CallStart> m_inProgress;
    QList<CallEvent> m_calls;
    QHash<qint64, int> m_callIndex;
    QList<qint64> m_returnedBy; // by call: when the last of the calls up to it had returned
    QList<PacketEvent> m_packets;
    QHash<qint64, int> m_packetIndex;
    PacketLinker m_linker;
    qsizetype m_unlinkedFrom = 0; // the first packet put in the log since the last linking
    CaptureStatus m_capture;
    QString m_notice;
    std::optional<Outcome> m_outcome;
    ByteBudget m_budget;
};

} // namespace SocketScope

Q_DECLARE_METATYPE(SocketScope::StepNote)
Q_DECLARE_METATYPE(SocketScope::ProcessEnd)
Q_DECLARE_METATYPE(SocketScope::Outcome)
