#pragma once

#include "calls/callkinds.h"
#include "log/eventlog.h"
#include "packets/packetflow.h"
#include "scenarios/scenario.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QTimer>

#include <atomic>
#include <memory>
#include <optional>

class QTemporaryDir;
class QThread;

namespace SocketScope {

class Actor;

struct SessionOptions {
    std::optional<quint16> port; // replaces the scenario's port; 0 lets the system choose
    QString language = QStringLiteral("en");
    int intervalMs = 0;        // pause between two steps when running continuously
    int stuckTimeoutMs = 3000; // a run with every call blocked this long is stuck
    CaptureMode capture = CaptureMode::InferOnly;
    QString captureHelper; // empty: the one next to the program
};

struct Outcome {
    bool passed = false;
    QStringList failures; // one line per unmet expectation, for the user
};

// Runs one scenario with real sockets: one Actor per role, each on its own QThread; a step
// at a time (step()) or continuously (run()), with pause() and reset(). Keeps the event log.
//
// A step that blocks (accept waiting for a client) lets the scenario go on with the other
// actors; a step queued behind a blocked call of its own actor waits its turn, as it would
// in a program. When a continuous run has every call in flight blocked, no step left that
// could help, and no progress for stuckTimeoutMs, the session says so (stuck), cancels the
// calls and ends with a failed outcome rather than hang.
class Session : public QObject {
    Q_OBJECT
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
public:
    // Preparing: the packet capture is starting; steps asked for meanwhile wait for it.
    enum class State { Empty, Preparing, Stepping, Running, Closing, Finished };
    Q_ENUM(State)

    explicit Session(QObject* parent = nullptr);
    ~Session() override;

    void load(const Scenario& scenario, const SessionOptions& options = {});
    const Scenario& scenario() const { return m_scenario; }
    const SessionOptions& options() const { return m_options; }
    void setIntervalMs(int intervalMs);

    State state() const { return m_state; }
    bool canStep() const;
    int nextStepIndex() const { return m_next; }
    // What "$port" means now: the scenario's port, the override, or the port the system chose.
    quint16 servicePort() const { return m_servicePort; }
    // The scenario's own port when it was busy at the start of this run, so that the system
    // chose another; 0 otherwise.
    quint16 busyDefaultPort() const { return m_busyDefaultPort; }
    const EventLog& log() const { return m_log; }
    std::optional<Outcome> outcome() const { return m_outcome; }
    // The calls started and not yet returned, by seq.
    const QHash<qint64, CallStart>& callsInProgress() const { return m_inProgress; }
    const PacketFlow& packetFlow() const { return m_flow; }

public Q_SLOTS:
    bool step();
    void run();
    void pause();
    void reset();

Q_SIGNALS:
    void stepDispatched(int index, const SocketScope::StepNote& note);
    void callStarted(const SocketScope::CallStart& start);
    void callBlocked(qint64 seq);
    void eventAppended(const SocketScope::CallEvent& event);
    // The log's packets were added to or linked again.
    void packetsChanged();
    void stateChanged(SocketScope::Session::State state);
    void finished(const SocketScope::Outcome& outcome);
    void wasReset();

private:
    struct ActorSlot {
        QThread* thread = nullptr;
        Actor* actor = nullptr;
        QList<int> queue; // steps handed to the actor and not finished, head first
        bool headBlocked = false;
    };

    void startActors();
    void stopActors();
    void dispatch(int index);
    void onCallStarted(const CallStart& start);
    void onCallBlocked(qint64 seq, int step);
    void onCallFinished(const CallEvent& event);
    void onLeftoversClosed();
    void onPacketFlowReady();
    void relinkPackets();
    void finish();
    void learnServicePort(const CallEvent& event);
    void afterProgress();
    bool queuedBehindBlockedCall(int index) const;
    bool waitsForItsFork(int index) const;
    void forgetInOtherThreads(const QString& actor, int fd);
    bool looksStuck() const;
    void declareStuck();
    void closeLeftovers();
    void setState(State state);

    Scenario m_scenario;
    SessionOptions m_options;
    State m_state = State::Empty;
    QHash<QString, ActorSlot> m_slots;
    std::shared_ptr<std::atomic<qint64>> m_sequence;
    quint64 m_generation = 0; // results of actors from before a reset are ignored
    int m_next = 0;
    int m_awaiting = -1; // the step dispatched last, until it finishes or blocks
    int m_leftoversPending = 0;
    quint16 m_servicePort = 0;
    quint16 m_busyDefaultPort = 0;
    std::pair<QString, int> m_portSource{QString(), -1}; // the server socket bound to port 0
    EventLog m_log;
    QHash<qint64, CallStart> m_inProgress;
    QStringList m_failures;
    std::optional<Outcome> m_outcome;
    QTimer m_runTimer;
    QTimer m_stuckTimer;
    QTimer m_relinkTimer;
    PacketFlow m_flow;
    bool m_stepWhenReady = false;
    std::unique_ptr<QTemporaryDir> m_runFolder;
    QSet<quint16> m_sessionPorts; // of the session's sockets and the addresses they used
    bool m_dialsPortWithoutHtons = false;
    QSet<QString> m_forked; // child actors whose fork() has returned
    ThreadGroups m_threads;
    bool m_runWhenReady = false;
};

} // namespace SocketScope

Q_DECLARE_METATYPE(SocketScope::StepNote)
Q_DECLARE_METATYPE(SocketScope::Outcome)
