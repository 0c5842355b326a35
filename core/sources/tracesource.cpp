#include "sources/tracesource.h"

#include "logging.h"

#include <QFileInfo>

#include <algorithm>
#include <csignal>
#include <iterator>

namespace SocketScope {

namespace {

// Exit statuses of socketscope-tracer (docs/tracer-protocol.md).
constexpr int notStarted = 127;
constexpr int refusedToTrace = 120;

Scenario tracedScenario(const TraceOptions& options)
{
    Scenario traced;
    traced.id = QStringLiteral("run");
    QStringList lines;
    for (const TracedProgram& program : options.programs)
        lines << (program.attachTo ? QStringLiteral("PID %1: ").arg(program.attachTo) : QString()) +
                     program.words.join(QLatin1Char(' '));
    const QString commands = lines.join(QStringLiteral(" ; "));
    traced.title = {QStringLiteral("Programme tracé : ") + commands,
                    QStringLiteral("Traced program: ") + commands};
    traced.summary = {QStringLiteral("Les appels d'un programme, tels que le noyau les a vus."),
                      QStringLiteral("A program's calls, as the kernel saw them.")};
    traced.outcome = traced.summary;
    traced.recorded = true;
    // Where the calls come from: the command lines, which a saved session keeps.
    traced.source = commands;
    return traced;
}

} // namespace

TraceSource::TraceSource(TraceOptions options, QObject* parent)
    : EventSource(parent)
    , m_options(std::move(options))
    , m_following(m_flow, [this](int tracer, qint64 id) {
        // A helper that has ended has no call to let go.
        if (!m_tracers.at(size_t(tracer)).finished)
            m_tracers.at(size_t(tracer)).process->release(id);
    })
{
    // Captured packets often come before the calls that caused them (the tracer sends calls
    // in batches): they are linked again once the calls have come, in one pass per turn of
    // the event loop.
    m_relinkTimer.setSingleShot(true);
    connect(&m_relinkTimer, &QTimer::timeout, this, [this] { writableLog().linkPackets(); });
    connect(&m_flow, &PacketFlow::packetsArrived, this, [this](const QList<PacketEvent>& packets) {
        writableLog().appendPackets(packets);
        m_relinkTimer.start();
    });
    connect(&m_flow, &PacketFlow::statusChanged, this, [this] {
        writableLog().setCaptureStatus(m_flow.status());
        m_following.releaseHolds(); // a capture that stopped holds no call back any more
    });
    connect(&m_flow, &PacketFlow::ready, this, &TraceSource::onPacketFlowReady);
    connect(&m_flow, &PacketFlow::portsFollowed, this, [this] { m_following.releaseHolds(); });
    connect(&m_flow, &PacketFlow::drained, this, &TraceSource::finishRun);
    if (!m_options.captureHelper.isEmpty())
        m_flow.setHelperPath(m_options.captureHelper);
    reset();
}

TraceSource::~TraceSource()
{
    stopPrograms();
}

void TraceSource::reset()
{
    // Signals of the helpers being ended are of the run before.
    ++m_generation;
    stopPrograms();
    m_relinkTimer.stop();
    m_sequence = std::make_shared<std::atomic<qint64>>(1);
    m_actors.clear();
    m_inFlight.clear();
    m_waiting.clear();
    m_threads.clear();
    m_tuples.clear();
    m_liveProcesses.clear();
    m_paused.clear();
    m_firstPid = 0;
    m_exitStatus = -1;
    m_notices.clear();
    m_following.reset();
    m_runWhenReady = false;
    m_toldInputGoesElsewhere = false;
    m_draining = false;
    m_inputBeforeStart.clear();
    writableLog().reset(tracedScenario(m_options), m_options.language);
    // No port is known before the programs bind or dial one: the capture starts taking
    // nothing, and the programs start once it runs, so that it misses none of their packets.
    m_flow.restart(m_options.capture,
                   {{QStringLiteral("127.0.0.1"), QStringLiteral("::1")}, {}, {}}, m_sequence);
    writableLog().setCaptureStatus(m_flow.status());
    if (!m_flow.isReady()) {
        setState(State::Preparing);
        return;
    }
    startRun();
}

void TraceSource::onPacketFlowReady()
{
    if (state() == State::Preparing)
        startRun();
}

void TraceSource::startRun()
{
    const bool stepping = m_options.pauseAtEachCall && !std::exchange(m_runWhenReady, false);
    setState(stepping ? State::Stepping : State::Running);
    startPrograms();
}

void TraceSource::startPrograms()
{
    for (qsizetype i = 0; i < m_options.programs.size(); ++i) {
        const TracedProgram& program = m_options.programs.at(i);
        Tracer tracer;
        if (program.attachTo != 0 && !stillRunning(program)) {
            tracer.finished = true;
            if (i == 0)
                m_exitStatus = refusedToTrace;
            m_tracers.push_back(std::move(tracer));
            continue;
        }
        tracer.process = std::make_unique<TracerProcess>();
        tracer.process->setHelperPath(m_options.helperPath);
        // A process already running keeps the terminal it was started from.
        tracer.process->setOwnTerminal(m_options.ownTerminal && program.attachTo == 0);
        tracer.process->setHoldNewAddresses(m_flow.status().kind == CaptureStatus::Kind::Captured);
        const int index = int(i);
        const quint64 generation = m_generation;
        connect(tracer.process.get(), &TracerProcess::outputReceived, this,
                [this, index, generation](const QByteArray& bytes) {
                    if (generation == m_generation)
                        Q_EMIT programOutput(index, bytes);
                });
        connect(tracer.process.get(), &TracerProcess::messageReceived, this,
                [this, index, generation](const TraceMessage& message) {
                    if (generation == m_generation)
                        onMessage(index, message);
                });
        connect(tracer.process.get(), &TracerProcess::channelBroken, this,
                [this](const QString& reason) {
                    say(tr("The tracing helper sent what SocketScope cannot read (%1): its "
                           "programs were ended.")
                            .arg(reason));
                });
        connect(tracer.process.get(), &TracerProcess::finished, this, [this, index, generation] {
            if (generation == m_generation)
                onTracerFinished(index);
        });
        QString error;
        const bool started = tracer.process->start(program, m_options.workingDirectory,
                                                   state() == State::Stepping, &error);
        if (!started) {
            say(error);
            tracer.finished = true;
            if (i == 0)
                m_exitStatus = notStarted;
        }
        m_tracers.push_back(std::move(tracer));
    }
    for (const auto& [program, input] : std::exchange(m_inputBeforeStart, {}).asKeyValueRange()) {
        writeInput(program, input.bytes);
        if (input.closed)
            closeInput(program);
    }
    if (std::all_of(m_tracers.cbegin(), m_tracers.cend(),
                    [](const Tracer& tracer) { return tracer.finished; }))
        onTracerFinished(-1);
}

void TraceSource::stopPrograms()
{
    // Each helper ends its program's whole tree when its channel closes.
    m_tracers.clear();
}

bool TraceSource::stillRunning(const TracedProgram& program)
{
    const std::optional<TracedProgram> now = runningProcess(program.attachTo);
    if (now && now->startTicks == program.startTicks)
        return true;
    say(tr("%1 (process %2) has ended: SocketScope does not attach to the program that has its "
           "number now.")
            .arg(program.words.value(0))
            .arg(program.attachTo));
    return false;
}

void TraceSource::writeInput(int program, const QByteArray& bytes)
{
    if (m_options.programs.value(program).attachTo != 0) {
        if (!std::exchange(m_toldInputGoesElsewhere, true))
            say(tr("%1 was running before SocketScope: it reads the terminal it was started from, "
                   "not this panel.")
                    .arg(programName(program)));
        return;
    }
    if (state() == State::Preparing && program >= 0 && program < programCount())
        m_inputBeforeStart[program].bytes += bytes; // typed while the capture starts
    else if (program >= 0 && size_t(program) < m_tracers.size() &&
             !m_tracers[size_t(program)].finished)
        m_tracers[size_t(program)].process->writeInput(bytes);
}

void TraceSource::closeInput(int program)
{
    if (state() == State::Preparing && program >= 0 && program < programCount())
        m_inputBeforeStart[program].closed = true;
    else if (program >= 0 && size_t(program) < m_tracers.size() &&
             m_tracers[size_t(program)].process)
        m_tracers[size_t(program)].process->closeInput();
}

// As in a scenario, the next call goes once the last one let go has returned or is known to
// block: released together, the kernel could make them in either order (a client's connect()
// before the server's listen() it was stepped after).
bool TraceSource::canStep() const
{
    return state() == State::Stepping && !m_paused.isEmpty() &&
           std::all_of(m_inFlight.cbegin(), m_inFlight.cend(),
                       [](const CallInFlight& flight) { return flight.blocked; });
}

int TraceSource::stepsLeft() const
{
    // A running program's next call is not known before it makes it.
    return state() == State::Finished ? 0 : 1;
}

qint64 TraceSource::nowNs() const
{
    return monotonicNowNs();
}

void TraceSource::setIntervalMs(int)
{
    // The programs run at their own pace: Run never paces them.
}

bool TraceSource::step()
{
    return stepCall(0);
}

QList<TraceSource::PausedCall> TraceSource::pausedCalls() const
{
    QList<PausedCall> calls;
    QSet<int> seen; // tracers whose oldest paused call is listed already
    for (const auto& [tracer, id] : m_paused) {
        const auto start = m_waiting.constFind(keyOf(tracer, id));
        if (start == m_waiting.cend())
            continue;
        calls << PausedCall{m_actors.value(start->pid), start->call,
                            Calls::has(start->call, CallTrait::TakesDescriptor) ? start->fd : -1,
                            !seen.contains(tracer)};
        seen.insert(tracer);
    }
    return calls;
}

bool TraceSource::stepCall(int paused)
{
    if (!canStep() || paused < 0 || paused >= m_paused.size())
        return false;
    // The helper lets its own oldest paused call go.
    const int chosenTracer = m_paused.at(paused).first;
    for (int i = 0; i < paused; ++i) {
        if (m_paused.at(i).first == chosenTracer)
            return false;
    }
    const auto [tracer, id] = m_paused.takeAt(paused);
    beginWaitingCall(tracer, id);
    m_tracers.at(size_t(tracer)).process->send(TracerProcess::Command::Next);
    Q_EMIT canStepChanged();
    return true;
}

// A call the program is about to make enters the log only once it is let go: a paused call
// has not been made yet, and each Next is one step with its narration, as in a scenario.
void TraceSource::beginWaitingCall(int tracer, qint64 id)
{
    if (!m_waiting.contains(keyOf(tracer, id)))
        return;
    const TraceMessage start = m_waiting.take(keyOf(tracer, id));
    const QString actor = actorOf(start.pid, programName(tracer), false);
    CallInFlight flight = beginCall(actor, start.call, start.fd, start.tNs);
    flight.pid = start.pid;
    m_inFlight.insert(keyOf(tracer, id), flight);
}

void TraceSource::run()
{
    if (state() == State::Preparing)
        m_runWhenReady = true;
    if (state() != State::Stepping)
        return;
    setState(State::Running);
    for (const auto& [tracer, id] : std::as_const(m_paused))
        beginWaitingCall(tracer, id);
    m_paused.clear();
    for (Tracer& tracer : m_tracers) {
        if (!tracer.finished)
            tracer.process->send(TracerProcess::Command::Run);
    }
    Q_EMIT canStepChanged();
}

void TraceSource::pause()
{
    if (state() != State::Running)
        return;
    setState(State::Stepping);
    for (Tracer& tracer : m_tracers) {
        if (!tracer.finished)
            tracer.process->send(TracerProcess::Command::Step);
    }
}

QString TraceSource::actorOf(qint64 pid, const QString& program, bool thread)
{
    const auto known = m_actors.constFind(pid);
    if (known != m_actors.cend())
        return *known;
    // The program's name and the process's (or thread's) number, as ps shows them.
    const QString id = QStringLiteral("%1 %2").arg(QFileInfo(program).fileName()).arg(pid);
    const QString name = thread ? id + QStringLiteral(" (thread)") : id;
    writableLog().appendScenarioActor({id, {name, name}, true});
    m_actors.insert(pid, id);
    return id;
}

TraceSource::CallInFlight TraceSource::beginCall(const QString& actor, Call call, int fd,
                                                 qint64 tNs)
{
    EventLog& log = writableLog();
    ScenarioStep step;
    step.actor = actor;
    step.call = call;
    step.arguments.fd = fd;
    step.expect.mayFail = true; // a traced program's calls are shown, not checked
    // The narration says who calls what, in both languages, as the program gives no words.
    const QString name = QString::fromLatin1(Calls::name(call));
    step.narration = {Narrations::words(QStringLiteral("%1 appelle %2().").arg(actor, name)),
                      Narrations::words(QStringLiteral("%1 calls %2().").arg(actor, name))};
    log.appendScenarioStep(step);
    CallInFlight flight;
    flight.step = int(log.scenario().steps.size()) - 1;
    StepNote note;
    note.seq = m_sequence->fetch_add(1);
    note.tNs = tNs;
    note.step = flight.step;
    note.actor = actor;
    note.narration = step.narration.in(log.language()).constFirst().text;
    note.callsReturned = int(log.calls().size());
    log.appendNote(note);
    flight.seq = m_sequence->fetch_add(1);
    log.startCall(CallStart{flight.seq, flight.step, tNs, actor, call, fd, false});
    return flight;
}

// In the log where it happened, and in the packets: a killed process's sockets send their
// FIN as the kernel closes them.
void TraceSource::endProcess(const ProcessEnd& end)
{
    writableLog().appendProcessEnd(end);
    m_flow.onProcessEnd(end);
    m_tuples.end(end);
}

void TraceSource::endNeverReturned(const CallInFlight& flight)
{
    EventLog& log = writableLog();
    const QList<CallStart>& started = log.callsInProgress();
    const auto start = std::find_if(started.cbegin(), started.cend(),
                                    [&](const CallStart& call) { return call.seq == flight.seq; });
    if (start == started.cend())
        return;
    CallEvent event;
    event.seq = start->seq;
    event.step = start->step;
    event.tNs = start->tNs;
    event.durationNs = std::max<qint64>(0, monotonicNowNs() - start->tNs);
    event.actor = start->actor;
    event.pid = flight.pid;
    event.call = start->call;
    event.arguments.fd = start->fd;
    event.ret = -1;
    event.neverReturned = true;
    event.blocked = start->blocked;
    log.appendCall(event);
}

void TraceSource::endCallsInFlight(
    const std::function<bool(qint64 key, const CallInFlight& flight)>& ending)
{
    for (auto flight = m_inFlight.begin(); flight != m_inFlight.end();) {
        if (!ending(flight.key(), *flight)) {
            ++flight;
            continue;
        }
        endNeverReturned(*flight);
        flight = m_inFlight.erase(flight);
    }
}

void TraceSource::forgetPausedCalls(int tracer, std::optional<qint64> pid)
{
    m_paused.removeIf([&](const std::pair<int, qint64>& paused) {
        const qint64 key = keyOf(paused.first, paused.second);
        const auto start = m_waiting.constFind(key);
        if (paused.first != tracer || (pid && start != m_waiting.cend() && start->pid != *pid))
            return false;
        m_waiting.remove(key);
        return true;
    });
}

// The helper traces with PTRACE_O_EXITKILL: when it ends, the kernel kills every process it
// traced. Those whose end it did not tell (it crashed, or was ended for sending what could not
// be read) died so, and their sockets closed.
void TraceSource::endUntoldProcesses(int tracer)
{
    QStringList killed;
    QStringList untraced;
    const bool attached = m_options.programs.at(tracer).attachTo != 0;
    for (auto process = m_liveProcesses.begin(); process != m_liveProcesses.end();) {
        if (process.value() != tracer) {
            ++process;
            continue;
        }
        const QString actor = m_actors.value(process.key());
        if (attached) {
            // Not started with PTRACE_O_EXITKILL: the kernel lets it go on, untraced.
            untraced << actor;
            process = m_liveProcesses.erase(process);
            continue;
        }
        endProcess({.seq = m_sequence->fetch_add(1),
                    .tNs = monotonicNowNs(),
                    .actor = actor,
                    .status = 0,
                    .signal = SIGKILL,
                    .exec = false,
                    .closed = {},
                    .callsReturned = int(log().calls().size())});
        Q_EMIT processEnded(actor, 0, SIGKILL);
        killed << actor;
        process = m_liveProcesses.erase(process);
    }
    if (!untraced.isEmpty())
        say(tr("The tracing helper ended: %1 go on, no longer traced.")
                .arg(untraced.join(QStringLiteral(", "))));
    if (!killed.isEmpty())
        say(tr("The tracing helper ended before telling how %1 ended: the kernel killed them "
               "(SIGKILL), as it kills what a tracer leaves behind.")
                .arg(killed.join(QStringLiteral(", "))));
}

void TraceSource::onTracerFinished(int tracer)
{
    if (tracer >= 0) {
        Tracer& finished = m_tracers.at(size_t(tracer));
        finished.finished = true;
        // A helper that ended without telling each process's end (it crashed, or sent what
        // could not be read) leaves no call drawn waiting nor offered to Next.
        endCallsInFlight([&](qint64 key, const CallInFlight&) { return tracerOf(key) == tracer; });
        forgetPausedCalls(tracer, std::nullopt);
        endUntoldProcesses(tracer);
        Q_EMIT canStepChanged();
        if (tracer == 0 && (m_exitStatus < 0 || finished.process->exitCode() == notStarted ||
                            finished.process->exitCode() == refusedToTrace))
            m_exitStatus = finished.process->exitCode();
    }
    if (!std::all_of(m_tracers.cbegin(), m_tracers.cend(),
                     [](const Tracer& each) { return each.finished; }))
        return;
    m_paused.clear();
    m_following.forgetHolds();
    // The packets the capture still holds (the last FIN) come before the end.
    if (!std::exchange(m_draining, true))
        m_flow.drain();
}

void TraceSource::finishRun()
{
    if (!m_draining || state() == State::Finished)
        return;
    m_relinkTimer.stop();
    writableLog().linkPackets();
    // A program has no expected outcome: the log's notice says how each process ended.
    Outcome outcome;
    outcome.passed = m_exitStatus == 0;
    outcome.failures = m_notices;
    setState(State::Finished);
    Q_EMIT finished(outcome);
}

void TraceSource::say(const QString& notice)
{
    m_notices << notice;
    writableLog().setNotice(m_notices.join(QLatin1Char('\n')));
}

} // namespace SocketScope
