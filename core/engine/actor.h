#pragma once

#include "calls/callevent.h"
#include "engine/childprocess.h"
#include "engine/syscalllayer.h"
#include "scenarios/scenario.h"

#include <QHash>
#include <QObject>
#include <QSet>

#include <atomic>
#include <memory>

namespace SocketScope {

// One step handed to an actor, with what only the session knows resolved.
struct StepCommand {
    int index = -1;
    ScenarioStep step;
    quint16 servicePort = 0; // what "$port" means right now
    QString sessionFolder;   // what "$dir" means: a folder of this run's own
};

// One role of a scenario (server, client, ...): a worker object that lives on its own
// QThread and performs real calls there. Descriptor and address names are its own, as a
// process's variables are. Every open descriptor is closed when the actor is destroyed.
class Actor : public QObject {
    Q_OBJECT
public:
    Actor(const QString& id, std::shared_ptr<std::atomic<qint64>> sequence);
    ~Actor() override;

    QString id() const { return m_id; }
    void cancel();    // thread-safe: wakes a blocked call within milliseconds, for good
    void interrupt(); // thread-safe: wakes the call blocked now; the next ones go on
    // The lab: a connection's far end may be another program, whose name the log keeps.
    void setNamesOutsidePeers(bool names) { m_namesOutsidePeers = names; }
    // The lab: a connect() or a write waiting inside the kernel is drawn waiting.
    void setWatchesKernelWaits(bool watches) { m_calls.setWatchesKernelWaits(watches); }

public Q_SLOTS:
    void perform(const SocketScope::StepCommand& command);
    // Closes the descriptors the scenario left open, recording each close().
    void closeLeftovers();

public:
    struct Descriptor {
        int domain = 0;
        int type = 0;
        SocketTuple tuple;
    };
    // What a fork() hands to the child actor: the process, and the parent's descriptor table
    // and names as they were at the fork.
    struct Fork {
        QString childActor;
        std::shared_ptr<ChildProcess> process;
        QHash<QString, int> fdNames;
        QHash<int, Descriptor> open;
        QHash<QString, SocketAddress> addresses;
    };

public Q_SLOTS:
    // This actor becomes the child process a fork() of another actor started, or (no process)
    // the thread its pthread_create() started, sharing its descriptors.
    void adoptFork(const SocketScope::Actor::Fork& fork);
    // Another thread of the same process closed this descriptor: it is gone here too.
    void forgetDescriptor(int fd);

Q_SIGNALS:
    void forked(const SocketScope::Actor::Fork& fork);
    void callStarted(const SocketScope::CallStart& start);
    void callBlocked(qint64 seq, int step);
    void callFinished(const SocketScope::CallEvent& event);
    void leftoversClosed(const QString& actor);

private:
    CallRequest resolve(const StepCommand& command) const;
    int ownDescriptor(const QString& name) const;
    void remember(const StepCommand& command, const CallRequest& request, const CallEvent& event);
    void describeResultDescriptor(CallEvent& event) const;
    void followTuple(CallEvent& event, const SocketTuple& before);
    socklen_t addressCapacity(int fd) const;
    // Numbers a call and tells the session it started; eventOf() is the event it becomes.
    CallStart announce(Call call, int stepIndex, int fd);
    CallEvent eventOf(const CallStart& start) const;
    CallEvent run(const CallRequest& request, int stepIndex);
    void performFork(const StepCommand& command);
    void performThreadCreate(const StepCommand& command);

    QString m_id;
    std::shared_ptr<std::atomic<qint64>> m_sequence;
    SyscallLayer m_calls;
    QHash<QString, int> m_fdNames;
    QHash<int, Descriptor> m_open;
    QHash<QString, SocketAddress> m_addresses;
    // Set once this actor is a child process: its calls are made there, not here.
    std::shared_ptr<ChildProcess> m_child;
    // A thread's descriptors that its creator opened: the creator closes what is left of them.
    QSet<int> m_shared;
    bool m_namesOutsidePeers = false;
};

} // namespace SocketScope

Q_DECLARE_METATYPE(SocketScope::StepCommand)
Q_DECLARE_METATYPE(SocketScope::Actor::Fork)
