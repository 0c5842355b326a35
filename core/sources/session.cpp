#include "sources/session.h"

#include "calls/threadgroups.h"
#include "engine/actor.h"
#include "kernel/privileges.h"
#include "log/narrationtext.h"
#include "logging.h"
#include "threads/crossthread.h"

#include <QCoreApplication>
#include <QDir>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <csignal>
#include <pthread.h>

namespace SocketScope {

namespace {

void registerMetaTypes()
{
    qRegisterMetaType<CallEvent>();
    qRegisterMetaType<CallStart>();
    qRegisterMetaType<StepCommand>();
    qRegisterMetaType<Actor::Fork>();
}

// The loopback addresses the capture takes: those the scenario uses, besides the usual two.
QStringList captureHosts(const Scenario& scenario)
{
    QStringList hosts{QStringLiteral("127.0.0.1"), QStringLiteral("::1")};
    for (const ScenarioStep& step : scenario.steps) {
        const SocketAddress& address = step.address;
        if (address.family() == AF_INET && address.host().startsWith(QLatin1String("127.")) &&
            !hosts.contains(address.host()))
            hosts << address.host();
    }
    return hosts;
}

} // namespace

Session::Session(QObject* parent)
    : EventSource(parent)
{
    registerMetaTypes();
    m_runTimer.setSingleShot(true);
    m_stuckTimer.setSingleShot(true);
    connect(&m_stuckTimer, &QTimer::timeout, this, &Session::declareStuck);
    connect(&m_runTimer, &QTimer::timeout, this, [this] {
        if (state() == State::Running)
            step();
    });
    connect(&m_flow, &PacketFlow::ready, this, &Session::onPacketFlowReady);
    m_flow.setSessionPortTest(
        [this](quint16 port) { return port != 0 && m_sessionPorts.contains(port); });
    connect(&m_flow, &PacketFlow::portsFollowed, this, &Session::onCaptureCaughtUp);
    // A burst of packets and calls is linked once, for what it may change (log/eventlog.h).
    m_relinkTimer.setSingleShot(true);
    connect(&m_relinkTimer, &QTimer::timeout, this, &Session::relinkPackets);
    connect(&m_flow, &PacketFlow::packetsArrived, this, [this](const QList<PacketEvent>& packets) {
        writableLog().appendPackets(packets);
        m_relinkTimer.start();
    });
    connect(&m_flow, &PacketFlow::statusChanged, this, [this] {
        writableLog().setCaptureStatus(m_flow.status());
        onCaptureCaughtUp(); // a helper that stopped holds no port back any more
    });
    connect(&m_flow, &PacketFlow::drained, this, &Session::finish);
}

Session::~Session()
{
    stopActors();
}

void Session::load(const Scenario& scenario, const SessionOptions& options)
{
    m_scenario = scenario;
    m_options = options;
    reset();
}

void Session::unload()
{
    stopActors();
    m_scenario = Scenario{};
    m_failures.clear();
    m_next = 0;
    m_awaiting = -1;
    m_runFolder.reset();
    m_swappedPortHold = {};
    forgetFollowedCalls();
    writableLog().reset(m_scenario, m_options.language);
    setState(State::Empty);
}

void Session::setIntervalMs(int intervalMs)
{
    m_options.intervalMs = qMax(0, intervalMs);
}

qint64 Session::nowNs() const
{
    return monotonicNowNs();
}

void Session::startActors()
{
    m_sequence = std::make_shared<std::atomic<qint64>>(1);
    const quint64 generation = ++m_generation;
    for (const ScenarioActor& role : m_scenario.actors) {
        ActorSlot slot;
        slot.thread = new QThread(this);
        slot.thread->setObjectName(QStringLiteral("actor-") + role.id);
        slot.actor = new Actor(role.id, m_sequence);
        // The lab's sockets talk to other programs; a scenario's only to each other.
        slot.actor->setNamesOutsidePeers(m_options.openEnded);
        slot.actor->setWatchesKernelWaits(m_options.openEnded);
        slot.actor->moveToThread(slot.thread);
        const auto current = [this, generation] {
            return generation == m_generation;
        };
        // Emitted on the actor's thread (or its kernel-wait watch), handed to this one.
        connect(
            slot.actor, &Actor::callStarted, this,
            [this, current](const CallStart& start) {
                CrossThread::post(this, [this, current, start] {
                    if (current())
                        writableLog().startCall(start);
                });
            },
            Qt::DirectConnection);
        connect(
            slot.actor, &Actor::callBlocked, this,
            [this, current](qint64 seq, int index) {
                CrossThread::post(this, [this, current, seq, index] {
                    if (current())
                        onCallBlocked(seq, index);
                });
            },
            Qt::DirectConnection);
        connect(
            slot.actor, &Actor::callFinished, this,
            [this, current](const CallEvent& event) {
                CrossThread::post(this, [this, current, event] {
                    if (current())
                        onCallFinished(event);
                });
            },
            Qt::DirectConnection);
        connect(
            slot.actor, &Actor::forked, this,
            [this, current](const Actor::Fork& fork) {
                CrossThread::post(this, [this, current, fork] {
                    // Queued to the child actor before any of its steps: it is the child from
                    // then on.
                    if (current() && m_slots.contains(fork.childActor)) {
                        Actor* child = m_slots[fork.childActor].actor;
                        CrossThread::post(child, [child, fork] { child->adoptFork(fork); });
                    }
                });
            },
            Qt::DirectConnection);
        connect(
            slot.actor, &Actor::leftoversClosed, this,
            [this, current] {
                CrossThread::post(this, [this, current] {
                    if (current())
                        onLeftoversClosed();
                });
            },
            Qt::DirectConnection);
        // A write on a connection the peer closed raises SIGPIPE in the writing thread: kept
        // pending there, the call returns EPIPE and the process (app or test) lives on.
        connect(
            slot.thread, &QThread::started, slot.thread,
            [] {
                sigset_t pipe;
                sigemptyset(&pipe);
                sigaddset(&pipe, SIGPIPE);
                pthread_sigmask(SIG_BLOCK, &pipe, nullptr);
            },
            Qt::DirectConnection);
        CrossThread::startThread(slot.thread);
        m_slots.insert(role.id, slot);
    }
}

void Session::stopActors()
{
    m_runTimer.stop();
    m_relinkTimer.stop();
    m_flow.stop();
    for (ActorSlot& slot : m_slots)
        slot.actor->cancel();
    for (ActorSlot& slot : m_slots) {
        CrossThread::joinThread(slot.thread);
        delete slot.actor; // its thread has ended: closes what the scenario left open
        delete slot.thread;
    }
    m_slots.clear();
}

void Session::reset()
{
    // Whoever follows the log's reset may ask for a step: none until the new run is ready.
    m_resetting = true;
    const auto ready = qScopeGuard([this] { m_resetting = false; });
    stopActors();
    // The lab starts over: the steps it was given were its calls, made with its sockets.
    if (m_options.openEnded)
        m_scenario.steps.clear();
    m_failures.clear();
    m_next = 0;
    m_awaiting = -1;
    m_leftoversPending = 0;
    m_portSource = {};
    m_dialsPortWithoutHtons =
        std::any_of(m_scenario.steps.cbegin(), m_scenario.steps.cend(),
                    [](const ScenarioStep& step) { return step.portWithoutHtons; });
    const QString portChosen = chooseServicePort();
    m_stepWhenReady = false;
    m_runWhenReady = false;
    const QString remapped = remapBusyPorts();
    forgetFollowedCalls();
    // The session's own state first: whoever follows the log's reset reads the new one.
    writableLog().reset(m_scenario, m_options.language);
    if (m_scenario.steps.isEmpty() && !m_options.openEnded) {
        setState(State::Empty);
        return;
    }
    startActors();
    // AF_UNIX socket files of this run ("$dir/..."): removed with the folder at the next
    // reset or when the session ends, so that a rerun binds the same name again.
    m_runFolder =
        std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/socketscope-XXXXXX"));
    if (!m_options.captureHelper.isEmpty())
        m_flow.setHelperPath(m_options.captureHelper);
    // The ports the capture takes from the start: those written in the scenario, and its
    // service port when it is known; the others are followed as the calls show them.
    m_sessionPorts.clear();
    for (int i = 0; i < m_scenario.steps.size(); ++i) {
        const ScenarioStep step = runStep(i);
        if (!step.usesServicePort && step.port != 0)
            m_sessionPorts.insert(step.port);
    }
    for (const quint16 port : servicePorts())
        m_sessionPorts.insert(port);
    const QList<quint16> ports(m_sessionPorts.cbegin(), m_sessionPorts.cend());
    m_flow.restart(m_options.capture, {captureHosts(m_scenario), ports, {}}, m_sequence);
    writableLog().setCaptureStatus(m_flow.status());
    writableLog().setNotice(QStringList{portChosen, remapped}.join(QLatin1Char(' ')).trimmed());
    setState(m_flow.isReady() ? State::Stepping : State::Preparing);
}

// The capture holds every port asked for (or stopped): a step asked for meanwhile goes.
void Session::onCaptureCaughtUp()
{
    Q_EMIT canStepChanged();
    if (state() == State::Stepping && std::exchange(m_stepWhenReady, false))
        step();
    afterProgress();
}

void Session::onPacketFlowReady()
{
    if (state() != State::Preparing)
        return;
    setState(State::Stepping);
    if (std::exchange(m_runWhenReady, false)) {
        run();
        return;
    }
    if (std::exchange(m_stepWhenReady, false))
        step();
}

void Session::relinkPackets()
{
    m_relinkTimer.stop();
    writableLog().linkPackets();
}

bool Session::canStep() const
{
    // A port just learned must be in the capture's filter before the next call is made.
    return !m_resetting && (state() == State::Stepping || state() == State::Running) &&
           m_next < m_scenario.steps.size() && m_awaiting < 0 && !waitsForItsFork(m_next) &&
           !m_flow.isFollowingPorts();
}

int Session::stepsLeft() const
{
    const bool open =
        state() != State::Empty && state() != State::Closing && state() != State::Finished;
    return open ? int(m_scenario.steps.size()) - m_next : 0;
}

// A child's calls can only be made once the fork() that creates it has returned.
bool Session::waitsForItsFork(int index) const
{
    // Failed or not, once the fork() returned its child's steps may go (and fail).
    const QString& actor = m_scenario.steps.at(index).actor;
    return m_childActors.contains(actor) && !m_startedActors.contains(actor);
}

bool Session::step()
{
    // The capture is starting, or taking a port just learned: the step waits for it, as
    // when Next is pressed while a call runs.
    const bool capturePending =
        state() == State::Preparing || (state() == State::Stepping && m_flow.isFollowingPorts() &&
                                        m_next < m_scenario.steps.size() && m_awaiting < 0);
    if (capturePending) {
        m_stepWhenReady = true;
        return true;
    }
    if (!canStep())
        return false;
    if (!bindPortStillFree(m_next)) {
        m_stepWhenReady = true;
        return true;
    }
    dispatch(m_next++);
    return true;
}

void Session::run()
{
    if (state() == State::Preparing)
        m_runWhenReady = true;
    if (state() != State::Stepping)
        return;
    setState(State::Running);
    if (canStep())
        step();
    else
        afterProgress(); // everything may already be blocked: watch for a stuck run
}

void Session::pause()
{
    m_runWhenReady = false;
    m_runTimer.stop();
    if (state() == State::Running)
        setState(State::Stepping);
}

void Session::dispatch(int index)
{
    const ScenarioStep& step = m_scenario.steps.at(index);
    StepNote note;
    note.seq = m_sequence->fetch_add(1);
    note.tNs = monotonicNowNs();
    note.step = index;
    note.actor = step.actor;
    note.narration = fillNarration(m_scenario, index, m_options.language, log().calls(),
                                   int(log().calls().size()))
                         .text;
    note.callsReturned = int(log().calls().size());

    ActorSlot& slot = m_slots[step.actor];
    slot.queue.append(index);
    m_awaiting = index;
    // In the log before the actor can report a call of it, and after the session's own
    // state, so that whoever follows the log sees that this step is under way.
    writableLog().appendNote(note);
    qCDebug(lcSession) << "step" << index + 1 << "to" << step.actor << Calls::name(step.call);
    const StepCommand command{index, runStep(index), m_servicePort,
                              m_runFolder ? m_runFolder->path() : QString()};
    Actor* actor = slot.actor;
    CrossThread::post(actor, [actor, command] { actor->perform(command); });
    afterProgress();
}

void Session::onCallBlocked(qint64 seq, int index)
{
    for (ActorSlot& slot : m_slots) {
        if (!slot.queue.isEmpty() && slot.queue.first() == index)
            slot.headBlocked = true;
    }
    if (m_awaiting == index)
        m_awaiting = -1;
    writableLog().markBlocked(seq);
    afterProgress();
}

void Session::onCallFinished(const CallEvent& event)
{
    if (Calls::has(event.call, CallTrait::ReleasesDescriptor) && event.ret == 0)
        forgetInOtherThreads(event.actor, event.fd());
    // The ports the session's sockets are reached at: those it binds, dials or sends to. A
    // client's ephemeral port is not followed: its packets carry the other port too, and
    // another program may reuse it once the client has closed.
    followPort(event.arguments.address.port());
    if (event.call == Call::Bind && !event.failed())
        followPort(event.after.local.port());
    m_flow.onCallFinished(event);
    m_relinkTimer.start();
    if (event.step >= 0) {
        ActorSlot& slot = m_slots[event.actor];
        slot.queue.removeOne(event.step);
        slot.headBlocked = false;
        const ScenarioStep step = runStep(event.step);
        const bool privileged = step.expectPrivileged && mayBindPort(step.port);
        const QString unmet = (privileged ? *step.expectPrivileged : step.expect).check(event);
        if (!unmet.isEmpty()) {
            m_failures << tr("step %1 (%2, %3): %4")
                              .arg(event.step + 1)
                              .arg(event.actor, Calls::name(event.call), unmet);
        }
        if (step.call == Call::Bind && step.usesServicePort && m_servicePort == 0 && event.ret == 0)
            m_portSource = {event.actor, event.fd()};
        learnServicePort(event);
        if (m_awaiting == event.step)
            m_awaiting = -1;
    }
    m_threads.follow(event);
    if (Calls::has(event.call, CallTrait::StartsActor))
        m_startedActors.insert(event.childActor);
    writableLog().appendCall(event);
    afterProgress();
}

// Threads share one descriptor table: what one closed, the others no longer have.
void Session::forgetInOtherThreads(const QString& actor, int fd)
{
    for (auto it = m_slots.cbegin(); it != m_slots.cend(); ++it) {
        if (it.key() == actor || !m_threads.shareTable(it.key(), actor))
            continue;
        Actor* other = it->actor;
        CrossThread::post(other, [other, fd] { other->forgetDescriptor(fd); });
    }
}

void Session::afterProgress()
{
    if (state() != State::Stepping && state() != State::Running)
        return;
    const bool allIdle = std::all_of(m_slots.cbegin(), m_slots.cend(),
                                     [](const ActorSlot& slot) { return slot.queue.isEmpty(); });
    if (m_next >= m_scenario.steps.size() && allIdle && !m_options.openEnded) {
        closeLeftovers();
        return;
    }
    // A step waiting behind a blocked call of its own actor waits for that actor, as in a
    // program; the other actors go on.
    if (m_awaiting >= 0 && queuedBehindBlockedCall(m_awaiting))
        m_awaiting = -1;
    // "Blocked" may be stale: a call just woken has not reported yet. Only a run that makes
    // no progress at all for a while is stuck.
    if (state() == State::Running && looksStuck())
        m_stuckTimer.start(m_options.stuckTimeoutMs);
    else
        m_stuckTimer.stop();
    if (state() == State::Running && canStep() && !m_runTimer.isActive())
        m_runTimer.start(m_options.intervalMs);
}

bool Session::queuedBehindBlockedCall(int index) const
{
    for (const ActorSlot& slot : m_slots) {
        if (slot.queue.contains(index))
            return slot.headBlocked && slot.queue.first() != index;
    }
    return false;
}

bool Session::looksStuck() const
{
    if (m_options.openEnded)
        return false; // the user may yet make the call that unblocks it
    bool anyInFlight = false;
    for (const ActorSlot& slot : m_slots) {
        if (slot.queue.isEmpty())
            continue;
        if (!slot.headBlocked)
            return false; // a call is running: it may unblock the others
        // poll() or select() with a timeout returns by itself.
        const ScenarioStep& head = m_scenario.steps.at(slot.queue.first());
        if (head.arguments.timeoutMs >= 0 && Calls::has(head.call, CallTrait::Multiplexes))
            return false;
        anyInFlight = true;
    }
    return anyInFlight && m_next >= m_scenario.steps.size();
}

void Session::declareStuck()
{
    if (state() != State::Running || !looksStuck())
        return;
    for (const ActorSlot& slot : std::as_const(m_slots)) {
        if (slot.queue.isEmpty())
            continue;
        const ScenarioStep& blocked = m_scenario.steps.at(slot.queue.first());
        m_failures << tr("step %1 (%2, %3): blocked, and no remaining step can unblock it")
                          .arg(slot.queue.first() + 1)
                          .arg(blocked.actor, Calls::name(blocked.call));
        slot.actor->cancel();
    }
    // What is queued comes back cancelled; nothing more is dispatched.
    m_next = int(m_scenario.steps.size());
    m_awaiting = -1;
}

void Session::forgetFollowedCalls()
{
    m_childActors.clear();
    for (const ScenarioStep& step : std::as_const(m_scenario.steps)) {
        if (!step.childActor.isEmpty())
            m_childActors.insert(step.childActor);
    }
    m_startedActors.clear();
    m_threads = ThreadGroups();
}

void Session::appendStep(const ScenarioStep& step)
{
    m_scenario.steps.append(step);
    if (!step.childActor.isEmpty())
        m_childActors.insert(step.childActor);
    writableLog().appendScenarioStep(step);
    if (!step.usesServicePort)
        followPort(step.port);
    followInterfacesOf(step);
    Q_EMIT canStepChanged();
}

void Session::interruptBlockedCalls()
{
    for (ActorSlot& slot : m_slots) {
        if (!slot.queue.isEmpty())
            slot.actor->interrupt();
    }
}

void Session::end()
{
    if (state() == State::Stepping || state() == State::Running || state() == State::Preparing)
        closeLeftovers();
}

void Session::closeLeftovers()
{
    m_runTimer.stop();
    setState(State::Closing);
    m_leftoversPending = int(m_slots.size());
    for (ActorSlot& slot : m_slots) {
        Actor* actor = slot.actor;
        CrossThread::post(actor, [actor] { actor->closeLeftovers(); });
    }
}

void Session::onLeftoversClosed()
{
    if (--m_leftoversPending > 0)
        return;
    m_flow.drain(); // the last packets (FIN, ACK) may still be on their way: finish() follows
}

void Session::finish()
{
    if (state() != State::Closing)
        return;
    relinkPackets();
    // What the capture saw of other programs on the session's ports, once the session's
    // own are all linked, is not kept.
    writableLog().dropOtherProgramsPackets();
    Outcome outcome;
    outcome.failures = m_failures;
    outcome.passed = m_failures.isEmpty();
    writableLog().setOutcome(outcome);
    setState(State::Finished);
    Q_EMIT finished(outcome);
}

} // namespace SocketScope
