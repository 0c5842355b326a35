#pragma once

#include "calls/threadgroups.h"
#include "kernel/portprobe.h"
#include "packets/packetflow.h"
#include "scenarios/scenario.h"
#include "sources/eventsource.h"

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
    // The lab: steps are appended as the user makes calls, and the session never ends by
    // itself (end() closes it); nothing is ever declared stuck, a failure fails nothing.
    bool openEnded = false;
};

// Runs one scenario with real sockets: one Actor per role, each on its own QThread; a step
// at a time (step()) or continuously (run()), with pause() and reset(). Everything it sees
// goes into its event log: the step notes, the calls in progress and returned, the packets.
//
// A step that blocks (accept waiting for a client) lets the scenario go on with the other
// actors; a step queued behind a blocked call of its own actor waits its turn, as it would
// in a program. When a continuous run has every call in flight blocked, no step left that
// could help, and no progress for stuckTimeoutMs, the session says so (stuck), cancels the
// calls and ends with a failed outcome rather than hang.
class Session : public EventSource {
    Q_OBJECT
public:
    explicit Session(QObject* parent = nullptr);
    ~Session() override;

    void load(const Scenario& scenario, const SessionOptions& options = {});
    // Stops everything, closes every socket and keeps no scenario: nothing of it runs while
    // the window replays a saved session.
    void unload();
    const Scenario& scenario() const { return m_scenario; }
    const SessionOptions& options() const { return m_options; }
    void setIntervalMs(int intervalMs) override;

    bool canStep() const override;
    int stepsLeft() const override;
    qint64 nowNs() const override;
    int nextStepIndex() const { return m_next; }
    // What "$port" means now: the scenario's port, the override, or the port the system chose.
    quint16 servicePort() const { return m_servicePort; }
    // The scenario's own port when it was busy at the start of this run, so that the system
    // chose another; 0 otherwise.
    quint16 busyDefaultPort() const { return m_busyDefaultPort; }
    std::optional<Outcome> outcome() const { return log().outcome(); }

    // Open-ended sessions: one more step, handed out by the next step().
    void appendStep(const ScenarioStep& step);
    // Wakes the calls blocked now, as Ctrl+C would: they return cancelled, the session goes on.
    void interruptBlockedCalls();
    // Closes what is left open and finishes, as the end of a scenario does.
    void end();

public Q_SLOTS:
    bool step() override;
    void run() override;
    void pause() override;
    void reset() override;

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
    void onCallBlocked(qint64 seq, int step);
    void onCallFinished(const CallEvent& event);
    void onLeftoversClosed();
    void onPacketFlowReady();
    void onCaptureCaughtUp();
    void relinkPackets();
    void finish();
    void learnServicePort(const CallEvent& event);
    QList<quint16> servicePorts() const;
    QString chooseServicePort();
    QString choosePortPairWithoutHtons();
    QString remapBusyPorts();
    QString remapIfBusy(quint16 port);
    bool bindPortStillFree(int index);
    ScenarioStep runStep(int index) const;
    void followPort(quint16 port);
    void followInterfacesOf(const ScenarioStep& step);
    void afterProgress();
    bool queuedBehindBlockedCall(int index) const;
    bool waitsForItsFork(int index) const;
    void forgetInOtherThreads(const QString& actor, int fd);
    void forgetFollowedCalls();
    bool looksStuck() const;
    void declareStuck();
    void closeLeftovers();

    Scenario m_scenario;
    SessionOptions m_options;
    QHash<QString, ActorSlot> m_slots;
    std::shared_ptr<std::atomic<qint64>> m_sequence;
    quint64 m_generation = 0; // results of actors from before a reset are ignored
    int m_next = 0;
    int m_awaiting = -1; // the step dispatched last, until it finishes or blocks
    int m_leftoversPending = 0;
    quint16 m_servicePort = 0;
    quint16 m_busyDefaultPort = 0;
    std::pair<QString, int> m_portSource{QString(), -1}; // the server socket bound to port 0
    // A port written in the scenario that was busy at the start of this run, and the free
    // one of the same kind (below 1024 for a privileged port) the run uses instead.
    QHash<quint16, quint16> m_portRemap;
    QStringList m_failures;
    QTimer m_runTimer;
    QTimer m_stuckTimer;
    QTimer m_relinkTimer;
    PacketFlow m_flow;
    bool m_stepWhenReady = false;
    bool m_resetting = false; // no step while the actors and the log are being replaced
    std::unique_ptr<QTemporaryDir> m_runFolder;
    QSet<quint16> m_sessionPorts; // of the session's sockets and the addresses they used
    bool m_dialsPortWithoutHtons = false;
    LoopbackPortHold m_swappedPortHold; // the port a client without htons() dials: refused
    bool m_runWhenReady = false;
    // Followed call by call, so that a call costs the same in a long log as in a short one.
    QSet<QString> m_childActors;   // actors a step's fork() or pthread_create() starts
    QSet<QString> m_startedActors; // those whose start has returned
    ThreadGroups m_threads;
};

} // namespace SocketScope
